"""Logs help an operator without ever holding a subject or a message."""

import logging
import uuid

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory

from .conftest import html_as_pdf

pytestmark = pytest.mark.django_db

SUBJECT = "Judul rahasia di log"
BODY = "Isi rahasia di log"


def test_no_subject_or_body_in_logs(
    client,
    expert_profile,
    caplog,
    settings,
    mail_server_down,
    django_capture_on_commit_callbacks,
):
    caplog.set_level(logging.DEBUG)
    settings.CONSULT_MAX_NEW_PER_DAY = 1
    client.force_login(UserFactory())
    url = reverse("consult:start", kwargs={"slug": expert_profile.slug})

    def start(**extra):
        data = {"subject": SUBJECT, "body": BODY, "token": str(uuid.uuid4())}
        return client.post(url, {**data, **extra})

    with django_capture_on_commit_callbacks(execute=True):
        start(attachment=html_as_pdf())  # refused upload
        start()  # stored; the email fails to leave
        start()  # over the daily limit

    messages = [record.getMessage() for record in caplog.records]
    assert any("refused" in message for message in messages)
    assert any("not delivered" in message for message in messages)
    assert any("limit" in message for message in messages)
    for message in messages:
        assert SUBJECT not in message
        assert BODY not in message
