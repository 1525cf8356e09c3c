"""Experts hear by email when their reply is answered; mail never breaks posting."""

import uuid

import pytest
from django.core import mail
from django.urls import reverse

from outbox.models import OutgoingEmail
from outbox.tasks import deliver_pending_email
from rpjpd.models import Reply

from .factories import ReplyFactory

BODY = "Saya menanggapi usulan ini dengan data lapangan dari tiga kecamatan."


def answer(client, topic, parent):
    return client.post(
        reverse("replies:create", args=[topic.pk]),
        {"body": BODY, "parent": parent.pk, "token": str(uuid.uuid4())},
    )


@pytest.mark.django_db
class TestNotification:
    def test_author_of_the_answered_reply_gets_one_email(
        self, expert_client, topic, other_expert, django_capture_on_commit_callbacks
    ):
        parent = ReplyFactory(topic=topic, author=other_expert)

        with django_capture_on_commit_callbacks(execute=True):
            answer(expert_client, topic, parent)

        reply = Reply.objects.latest("pk")
        assert len(mail.outbox) == 1
        email = mail.outbox[0]
        assert email.to == [other_expert.email]
        assert "menanggapi balasan Anda" in email.subject
        assert "\n" not in email.subject
        assert f"#{reply.anchor}" in email.body
        assert topic.title in email.body

    def test_answering_yourself_sends_nothing(
        self, expert_client, topic, expert, django_capture_on_commit_callbacks
    ):
        parent = ReplyFactory(topic=topic, author=expert)

        with django_capture_on_commit_callbacks(execute=True):
            answer(expert_client, topic, parent)

        assert mail.outbox == []
        assert not OutgoingEmail.objects.exists()

    def test_no_email_when_the_expert_turned_it_off(
        self, expert_client, topic, other_expert, django_capture_on_commit_callbacks
    ):
        other_expert.expert_profile.notify_on_reply = False
        other_expert.expert_profile.save()
        parent = ReplyFactory(topic=topic, author=other_expert)

        with django_capture_on_commit_callbacks(execute=True):
            answer(expert_client, topic, parent)

        assert mail.outbox == []

    def test_top_level_reply_sends_nothing(
        self, expert_client, topic, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            expert_client.post(
                reverse("replies:create", args=[topic.pk]),
                {"body": BODY, "token": str(uuid.uuid4())},
            )

        assert Reply.objects.count() == 1
        assert mail.outbox == []

    def test_resent_form_sends_one_email(
        self, expert_client, topic, other_expert, django_capture_on_commit_callbacks
    ):
        parent = ReplyFactory(topic=topic, author=other_expert)
        data = {"body": BODY, "parent": parent.pk, "token": str(uuid.uuid4())}
        url = reverse("replies:create", args=[topic.pk])

        with django_capture_on_commit_callbacks(execute=True):
            expert_client.post(url, data)
            expert_client.post(url, data)

        assert len(mail.outbox) == 1

    def test_name_with_line_breaks_cannot_inject_headers(
        self,
        expert_client,
        topic,
        expert,
        other_expert,
        django_capture_on_commit_callbacks,
    ):
        expert.name = "Budi\nBcc: korban@example.org"
        expert.save()
        parent = ReplyFactory(topic=topic, author=other_expert)

        with django_capture_on_commit_callbacks(execute=True):
            answer(expert_client, topic, parent)

        message = mail.outbox[0].message()
        assert message["Bcc"] is None
        assert "\n" not in mail.outbox[0].subject


@pytest.mark.django_db
class TestMailServerDown:
    def test_reply_is_stored_and_email_sent_once_the_server_is_back(
        self,
        expert_client,
        topic,
        other_expert,
        mail_server_down,
        django_capture_on_commit_callbacks,
    ):
        parent = ReplyFactory(topic=topic, author=other_expert)

        with django_capture_on_commit_callbacks(execute=True):
            response = answer(expert_client, topic, parent)

        assert response.status_code == 302
        assert Reply.objects.filter(parent=parent).count() == 1
        page = expert_client.get(response["Location"])
        assert "Balasan Anda telah terkirim" in page.text
        pending = OutgoingEmail.objects.get()
        assert pending.sent_at is None
        assert pending.attempts >= 1
        assert mail.outbox == []

        mail_server_down.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        deliver_pending_email.enqueue()
        deliver_pending_email.enqueue()

        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == [other_expert.email]
        assert OutgoingEmail.objects.get().sent_at is not None
