"""Private means private: every consultation URL, tried as every kind of person.

Only the two participants get an answer. Everyone else gets the same 404 as for
a consultation that does not exist, and what they send is neither stored nor
mailed.
"""

import uuid

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import UserFactory
from consult.models import Consultation, Message
from experts.tests.factories import ExpertFactory
from outbox.models import OutgoingEmail

from .conftest import pdf_file
from .factories import ConsultationFactory, MessageFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "requester",
    "expert",
    "other_user",
    "other_expert",
    "editor",
    "superuser",
    "visitor",
]
PARTICIPANTS = {"requester", "expert"}
SUBJECT = "Sengketa lahan keluarga kami"
BODY = "Isi pertanyaan yang sangat pribadi"


@pytest.fixture
def world(db):
    """A consultation with an attachment, and one person of every kind."""
    editor = UserFactory(username="editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    people = {
        "other_user": UserFactory(username="lain"),
        "other_expert": ExpertFactory(username="pakar.lain"),
        "editor": editor,
        "superuser": UserFactory(username="admin", is_staff=True, is_superuser=True),
        "visitor": None,
    }
    consultation = ConsultationFactory(subject=SUBJECT)
    message = MessageFactory(
        consultation=consultation, body=BODY, created_at=consultation.created_at
    )
    upload = pdf_file("rahasia.pdf")
    message.attachment_type = "application/pdf"
    message.attachment_name = "rahasia.pdf"
    message.attachment_size = upload.size
    message.attachment = upload
    message.save()
    people["requester"] = consultation.requester
    people["expert"] = consultation.expert
    return consultation, message, people


def endpoint_url(name, consultation, message):
    kwargs = {"public_id": consultation.public_id}
    if name == "attachment":
        kwargs["attachment_id"] = message.public_id
    return reverse(f"consult:{ {'thread': 'detail'}.get(name, name) }", kwargs=kwargs)


def call(client, name, consultation, message):
    """Use one endpoint the way its page does."""
    url = endpoint_url(name, consultation, message)
    if name == "reply":
        return client.post(url, {"body": "Pesan susulan", "token": str(uuid.uuid4())})
    if name == "close":
        return client.post(url)
    return client.get(url)


def snapshot(consultation):
    consultation.refresh_from_db()
    return (
        Message.objects.count(),
        consultation.status,
        consultation.last_activity_at,
        consultation.requester_read_at,
        consultation.expert_read_at,
        OutgoingEmail.objects.count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ["detail", "reply", "close", "attachment"])
def test_every_endpoint_as_every_role(
    client, world, role, endpoint, django_capture_on_commit_callbacks
):
    consultation, message, people = world
    if people[role] is not None:
        client.force_login(people[role])
    before = snapshot(consultation)

    with django_capture_on_commit_callbacks(execute=True):
        response = call(client, endpoint, consultation, message)

    if role not in PARTICIPANTS:
        assert response.status_code == 404
        assert SUBJECT not in response.content.decode(errors="replace")
        assert snapshot(consultation) == before
        assert mail.outbox == []
        return

    expected = {"detail": 200, "reply": 302, "close": 302, "attachment": 200}
    assert response.status_code == expected[endpoint]
    if endpoint == "detail":
        assert SUBJECT in response.text
        assert BODY in response.text
    if endpoint == "attachment":
        assert response["Content-Disposition"].startswith("attachment;")
    if endpoint == "reply":
        other = people["expert" if role == "requester" else "requester"]
        assert [m.to for m in mail.outbox] == [[other.email]]


@pytest.mark.parametrize("role", [r for r in ROLES if r not in PARTICIPANTS])
@pytest.mark.parametrize("endpoint", ["reply", "close"])
def test_wrong_method_answers_404_to_outsiders_too(client, world, role, endpoint):
    consultation, message, people = world
    if people[role] is not None:
        client.force_login(people[role])

    response = client.get(endpoint_url(endpoint, consultation, message))

    assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_a_missing_consultation_looks_the_same_as_a_hidden_one(client, world, role):
    consultation, message, people = world
    if people[role] is not None:
        client.force_login(people[role])
    missing = ConsultationFactory.build(public_id=uuid.uuid4())

    for endpoint in ("detail", "reply", "close", "attachment"):
        response = call(client, endpoint, missing, message)
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_lists_and_counts_show_it_to_participants_only(client, world, role):
    consultation, message, people = world
    user = people[role]
    if user is not None:
        client.force_login(user)

    listing = client.get(reverse("consult:mine"))
    menu = client.get(reverse("consult:index"))

    if user is None:
        assert listing.status_code == 302
        assert listing.url.startswith(reverse("account_login"))
    else:
        assert listing.status_code == 200
        assert (SUBJECT in listing.text) == (role in PARTICIPANTS)
    assert SUBJECT not in menu.text
    unread_badge = 'class="nav-count">1<'
    # New to the expert; the requester wrote it, so it is read for them.
    assert (unread_badge in menu.text) == (role == "expert")


def test_participant_pages_are_never_cached(client, world):
    consultation, message, people = world
    client.force_login(people["requester"])

    for endpoint in ("detail", "attachment"):
        response = call(client, endpoint, consultation, message)
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
    listing = client.get(reverse("consult:mine"))
    assert "no-store" in listing["Cache-Control"]


def test_consultations_are_in_no_admin_or_search(world):
    from wagtail.admin.viewsets import viewsets
    from wagtail.search.index import get_indexed_models
    from wagtail.snippets.models import get_snippet_models

    admin_models = {getattr(viewset, "model", None) for viewset in viewsets.viewsets}
    assert Consultation not in admin_models
    assert Message not in admin_models
    assert Consultation not in get_indexed_models()
    assert Message not in get_indexed_models()
    assert Consultation not in get_snippet_models()


def test_sitemap_does_not_list_consultations(client, world):
    consultation, message, people = world

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert "konsultasi/" not in response.text
    assert str(consultation.public_id) not in response.text
