"""Retry every queued email now (for cron, or after a mail-server outage)."""

from django.core.management.base import BaseCommand

from outbox import services


class Command(BaseCommand):
    help = "Deliver every email still waiting in the outbox."

    def handle(self, *args, **options):
        ids = services.pending_ids()
        sent = sum(services.deliver(pk) for pk in ids)
        self.stdout.write(f"{sent} of {len(ids)} queued emails delivered.")
