"""Email for every new message: one per recipient, after commit, never the content."""

import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from accounts.tests.factories import UserFactory
from consult.models import Consultation, Message
from experts.tests.factories import ExpertProfileFactory
from outbox.models import OutgoingEmail
from outbox.tasks import deliver_pending_email

pytestmark = pytest.mark.django_db

SUBJECT = "Judul yang sangat rahasia"
BODY = "Isi pertanyaan yang sangat rahasia"
REPLY = "Jawaban pakar yang rahasia"


def start(client, profile, subject=SUBJECT, body=BODY, token=None):
    return client.post(
        reverse("consult:start", kwargs={"slug": profile.slug}),
        {"subject": subject, "body": body, "token": str(token or uuid.uuid4())},
    )


def answer(client, consultation, body=REPLY, token=None):
    return client.post(
        reverse("consult:reply", kwargs={"public_id": consultation.public_id}),
        {"body": body, "token": str(token or uuid.uuid4())},
    )


def assert_private(email):
    text = email.subject + email.body
    for secret in (SUBJECT, BODY, REPLY, "rahasia"):
        assert secret not in text


def test_new_consultation_and_answer_emails_carry_no_content(
    client, expert_profile, django_capture_on_commit_callbacks
):
    requester = UserFactory(name="Rudi Contohjaya")
    client.force_login(requester)
    with django_capture_on_commit_callbacks(execute=True):
        start(client, expert_profile)
    consultation = Consultation.objects.get()

    client.force_login(expert_profile.user)
    with django_capture_on_commit_callbacks(execute=True):
        answer(client, consultation)

    to_expert, to_requester = mail.outbox
    assert to_expert.to == [expert_profile.user.email]
    assert to_requester.to == [requester.email]
    for email in mail.outbox:
        assert_private(email)
        assert f"http://testserver{consultation.get_absolute_url()}" in email.body
    assert "Rudi Contohjaya" in to_expert.subject
    assert "Konsultasi baru" in to_expert.subject
    assert expert_profile.full_name in to_requester.subject
    assert "menjawab" in to_requester.subject


def test_every_follow_up_mails_the_other_side_once(
    client, thread, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(thread.requester)
        answer(client, thread, "Susulan penanya")
        client.force_login(thread.expert)
        answer(client, thread, "Jawaban")
        answer(client, thread, "Susulan pakar")

    assert [m.to[0] for m in mail.outbox] == [
        thread.expert.email,
        thread.requester.email,
        thread.requester.email,
    ]
    keys = set(OutgoingEmail.objects.values_list("key", flat=True))
    expected = {
        f"consult-message:{m.pk}:{thread.other_participant(m.sender).pk}"
        for m in Message.objects.filter(consultation=thread).order_by("pk")[1:]
    }
    assert keys == expected


def test_double_click_stores_one_message_and_sends_one_email(
    client, thread, django_capture_on_commit_callbacks
):
    client.force_login(thread.requester)
    token = uuid.uuid4()

    with django_capture_on_commit_callbacks(execute=True):
        first = answer(client, thread, "Sekali saja", token=token)
        second = answer(client, thread, "Sekali saja", token=token)

    assert first.status_code == second.status_code == 302
    assert thread.messages.filter(body="Sekali saja").count() == 1
    assert len(mail.outbox) == 1


def test_double_click_on_start_opens_one_consultation(
    client, expert_profile, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory())
    token = uuid.uuid4()

    with django_capture_on_commit_callbacks(execute=True):
        first = start(client, expert_profile, token=token)
        second = start(client, expert_profile, token=token)

    assert first.url == second.url
    assert Consultation.objects.count() == 1
    assert Message.objects.count() == 1
    assert len(mail.outbox) == 1


def test_mail_server_down_keeps_message_and_sends_once_later(
    client, expert_profile, mail_server_down, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        response = start(client, expert_profile)
        followed = client.get(response.url)

    assert response.status_code == 302
    assert "Konsultasi Anda telah dikirim" in followed.text
    assert Message.objects.get().body == BODY
    queued = OutgoingEmail.objects.get()
    assert queued.sent_at is None
    assert mail.outbox == []

    mail_server_down.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    deliver_pending_email.enqueue()
    deliver_pending_email.enqueue()
    call_command("send_queued_email")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [expert_profile.user.email]
    queued.refresh_from_db()
    assert queued.sent_at is not None


def test_line_breaks_in_a_name_cannot_inject_headers(
    client, django_capture_on_commit_callbacks
):
    profile = ExpertProfileFactory()
    client.force_login(UserFactory(name="Budi\r\nBcc: korban@example.com\nX-Evil: 1"))

    with django_capture_on_commit_callbacks(execute=True):
        start(client, profile)

    message = mail.outbox[0].message()
    assert message["Bcc"] is None
    assert message["X-Evil"] is None
    assert "\n" not in message["Subject"]
    assert "Budi Bcc: korban@example.com X-Evil: 1" in message["Subject"]
    assert message["To"] == profile.user.email


def test_refused_requests_send_nothing(
    client, thread, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        answer(client, thread)

    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


def test_message_is_stored_before_the_email_leaves(
    client, thread, django_capture_on_commit_callbacks
):
    client.force_login(thread.expert)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        answer(client, thread)

    assert thread.messages.count() == 2
    assert OutgoingEmail.objects.get().sent_at is None
    assert mail.outbox == []
    assert len(callbacks) == 1
