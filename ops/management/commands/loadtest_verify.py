"""Check the load test's outcome in the database; print the findings as JSON.

Reads from stdin ``{"markers": {"<marker>": "stored" | "refused" | "unknown"},
"received": [[to, subject, body], ...]}``: what the load script believes
happened to each submission (each body carries a unique marker) and what the
fake mail server received. Every "stored" marker must be in the database
exactly once, a "refused" one never, an "unknown" one (connection cut while a
worker died, every retry lost too) at most once. Every queued email must be
sent, and the mail server must have received each exactly once.
"""

import json
import sys
from collections import Counter

from django.apps import apps
from django.core.management.base import BaseCommand


def _bodies():
    bodies = []
    for label in ("rpjpd.Reply", "consult.Message"):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        bodies += list(model.objects.values_list("body", flat=True))
    return bodies


class Command(BaseCommand):
    help = "Verify the load test's submissions and emails (reads JSON on stdin)."

    def handle(self, *args, **options):
        claimed = json.load(sys.stdin)
        stored_text = "\n".join(_bodies())
        problems = []
        counts = Counter()
        for marker, outcome in claimed["markers"].items():
            found = stored_text.count(marker)
            counts[outcome] += 1
            if outcome == "stored" and found != 1:
                problems.append(f"{marker}: answered as stored, found {found} times")
            elif outcome == "refused" and found != 0:
                problems.append(f"{marker}: refused, yet found {found} times")
            elif outcome == "unknown" and found > 1:
                problems.append(f"{marker}: outcome unknown, found {found} times")
            counts[f"{outcome}_found"] += min(found, 1)

        OutgoingEmail = apps.get_model("outbox", "OutgoingEmail")
        pending = OutgoingEmail.objects.filter(sent_at__isnull=True).count()
        sent = Counter(
            (to, subject, body)
            for to, subject, body in OutgoingEmail.objects.filter(
                sent_at__isnull=False
            ).values_list("to", "subject", "body")
        )
        received = Counter(
            (recipients[0] if recipients else "", subject, body.replace("\r\n", "\n"))
            for recipients, subject, body in claimed["received"]
        )
        normalised_sent = Counter(
            {
                (to, subject, body.rstrip("\n")): n
                for (to, subject, body), n in sent.items()
            }
        )
        normalised_received = Counter(
            {
                (to, subject, body.rstrip("\n")): n
                for (to, subject, body), n in received.items()
            }
        )
        if pending:
            problems.append(f"{pending} emails still waiting in the outbox")
        if normalised_sent != normalised_received:
            missing = normalised_sent - normalised_received
            extra = normalised_received - normalised_sent
            problems.append(
                f"mail server got {sum(extra.values())} unexpected or duplicate and "
                f"missed {sum(missing.values())} of the sent emails"
            )
        print(
            json.dumps(
                {
                    "submissions": dict(counts),
                    "emails_sent": sum(sent.values()),
                    "emails_received": sum(received.values()),
                    "emails_pending": pending,
                    "max_attempts": max(
                        OutgoingEmail.objects.values_list("attempts", flat=True),
                        default=0,
                    ),
                    "problems": problems,
                }
            )
        )
