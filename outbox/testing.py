"""Test helpers: a mail server that refuses every connection."""

from django.core.mail.backends.base import BaseEmailBackend

REFUSING_BACKEND = "outbox.testing.RefusingEmailBackend"


class RefusingEmailBackend(BaseEmailBackend):
    """Behaves like an SMTP server that is down: every send raises."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")
