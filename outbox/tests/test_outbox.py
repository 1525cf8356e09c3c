import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from outbox.models import OutgoingEmail
from outbox.services import queue_email
from outbox.tasks import deliver_pending_email

pytestmark = pytest.mark.django_db


def _queue(key="event:1:1", subject="Pesan baru"):
    return queue_email(key=key, to="pakar@example.org", subject=subject, body="Isi")


def test_email_is_sent_once_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _queue()
        assert mail.outbox == []  # nothing leaves before the commit

    assert len(mail.outbox) == 1
    assert OutgoingEmail.objects.get().sent_at is not None


def test_same_key_queues_one_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _queue()
        _queue()

    assert OutgoingEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            _queue()
            raise RuntimeError

    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


def test_refused_connection_keeps_email_until_server_returns(
    mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _queue()

    email = OutgoingEmail.objects.get()
    assert email.sent_at is None
    assert email.attempts == 1
    assert email.last_error == "ConnectionRefusedError"

    mail_server_down.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    deliver_pending_email.enqueue()
    deliver_pending_email.enqueue()
    call_command("send_queued_email")

    assert len(mail.outbox) == 1
    assert OutgoingEmail.objects.get().sent_at is not None


def test_line_breaks_in_subject_cannot_add_headers(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _queue(subject="Budi\nBcc: korban@example.com")

    message = mail.outbox[0].message()
    assert message["Bcc"] is None
    assert "\n" not in message["Subject"]
