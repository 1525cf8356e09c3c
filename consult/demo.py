"""Demo content: the three fictional consultation threads of the demo data.

Users and experts come from earlier loaders (``accounts.demo``, ``experts.demo``);
a thread whose people are missing is skipped. Each message gets a token derived
from the thread's demo id, so running the loader again finds and skips it.
"""

import uuid
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model

from .models import Consultation, Message

DEMO_NAMESPACE = uuid.UUID("6f1c2b1e-0f7a-4d33-9c55-7f3a8e2d9b10")
CLOSED_STATUSES = {"selesai", "ditutup", "closed"}


def _token(thread_id, index):
    return uuid.uuid5(DEMO_NAMESPACE, f"consultation:{thread_id}:{index}")


def _status(item, expert, messages):
    """Map the demo's status words to ours; open threads follow the last sender."""
    if item.get("status", "").lower() in CLOSED_STATUSES:
        return Consultation.Status.CLOSED
    if messages and messages[-1]["sender"] == expert.username:
        return Consultation.Status.ANSWERED
    return Consultation.Status.NEW


def _load_thread(item, users, out):
    requester = users.get(item["requester"])
    expert = users.get(item["expert"])
    if requester is None or expert is None or not item.get("messages"):
        out.write(f"  consultation {item['id']}: people missing, skipped")
        return False
    if Message.objects.filter(
        sender=requester, client_token=_token(item["id"], 0)
    ).exists():
        return False

    messages = item["messages"]
    times = [datetime.fromisoformat(m["created_at"]) for m in messages]
    status = _status(item, expert, messages)
    expert_times = [
        t
        for m, t in zip(messages, times, strict=True)
        if m["sender"] == expert.username
    ]
    last_activity = times[-1]
    closed_at = last_activity + timedelta(minutes=5) if status == "closed" else None

    def last_own(user):
        own = [
            t
            for m, t in zip(messages, times, strict=True)
            if m["sender"] == user.username
        ]
        return closed_at or (own[-1] if own else None)

    consultation = Consultation.objects.create(
        requester=requester,
        expert=expert,
        subject=item["subject"],
        status=status,
        created_at=times[0],
        last_activity_at=closed_at or last_activity,
        first_response_at=expert_times[0] if expert_times else None,
        closed_at=closed_at,
        closed_by=requester if closed_at else None,
        requester_read_at=last_own(requester),
        expert_read_at=last_own(expert),
    )
    Message.objects.bulk_create(
        Message(
            consultation=consultation,
            sender=requester if m["sender"] == requester.username else expert,
            body=m["body"],
            created_at=t,
            client_token=_token(item["id"], index),
        )
        for index, (m, t) in enumerate(zip(messages, times, strict=True))
    )
    return True


def load_consultations(data, out):
    """Add the demo consultation threads (idempotent; sends no email)."""
    items = data.get("consultations", [])
    usernames = {i["requester"] for i in items} | {i["expert"] for i in items}
    users = get_user_model().objects.in_bulk(usernames, field_name="username")
    added = sum(_load_thread(item, users, out) for item in items)
    out.write(
        f"Consultations: {added} added, {len(items) - added} already there or skipped"
    )
