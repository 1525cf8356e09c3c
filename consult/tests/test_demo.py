"""The demo loader adds the three consultation threads once."""

import io
import json

import pytest
from django.core import mail

from accounts.tests.factories import UserFactory
from consult.demo import load_consultations
from consult.models import Consultation, Message
from experts.tests.factories import ExpertFactory
from home.management.commands.load_demo import DEMO_FILE

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def people(data):
    for item in data["consultations"]:
        UserFactory(username=item["requester"])
        ExpertFactory(username=item["expert"])


def test_loads_three_threads_once(data, people):
    load_consultations(data, io.StringIO())
    load_consultations(data, io.StringIO())

    assert Consultation.objects.count() == 3
    assert Message.objects.count() == sum(
        len(item["messages"]) for item in data["consultations"]
    )
    assert mail.outbox == []


def test_statuses_are_mapped(data, people):
    load_consultations(data, io.StringIO())

    by_subject = {c.subject: c for c in Consultation.objects.all()}
    for item in data["consultations"]:
        consultation = by_subject[item["subject"]]
        if item["status"] == "selesai":
            assert consultation.status == Consultation.Status.CLOSED
            assert consultation.closed_by == consultation.requester
        else:
            assert consultation.status in {"new", "answered"}
        assert consultation.first_response_at is not None


def test_open_thread_waiting_for_the_expert_is_unread_for_them(data, people):
    load_consultations(data, io.StringIO())

    open_thread = Consultation.objects.exclude(status="closed").get()
    assert open_thread.status == Consultation.Status.NEW
    assert open_thread.is_unread_for(open_thread.expert)
    assert not open_thread.is_unread_for(open_thread.requester)


def test_missing_people_are_skipped(data):
    out = io.StringIO()

    load_consultations(data, out)

    assert Consultation.objects.count() == 0
    assert "skipped" in out.getvalue()
