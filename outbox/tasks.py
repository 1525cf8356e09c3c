"""Background tasks that deliver queued email (django-tasks)."""

from django.utils import timezone
from django_tasks import default_task_backend, task

from . import services
from .models import OutgoingEmail


@task()
def deliver_email(email_id):
    """Deliver one email; on failure schedule a retry where the backend can defer."""
    if services.deliver(email_id):
        return True
    if default_task_backend.supports_defer:
        email = OutgoingEmail.objects.filter(pk=email_id, sent_at__isnull=True).first()
        if email is not None:
            run_after = timezone.now() + services.retry_delay(email.attempts)
            deliver_email.using(run_after=run_after).enqueue(email_id)
    return False


@task()
def deliver_pending_email():
    """Try every email still waiting; returns how many were delivered."""
    return sum(services.deliver(pk) for pk in services.pending_ids())
