"""Demo content: the fourteen fictional expert replies, six of them answers.

Topics and authors come from the earlier loaders (``rpjpd.demo``,
``experts.demo``); a reply whose topic or author is missing is skipped with a
note. Each demo reply gets a submission token derived from its demo id, so
running the loader again finds it instead of adding a copy.
"""

import uuid
from datetime import datetime

from accounts.models import User

from .models import Reply, RPJPDSectionPage, TopicPage

DEMO_NAMESPACE = uuid.UUID("6f1d3c2e-6a43-4d0e-9a0b-52a1c1f0e7d4")


def demo_token(demo_id):
    """The stable submission token of a demo reply."""
    return uuid.uuid5(DEMO_NAMESPACE, f"rpjpd-demo-reply:{demo_id}")


def find_topic(section_slug, topic_slug):
    section = RPJPDSectionPage.objects.filter(slug=section_slug).first()
    if section is None:
        return None
    return TopicPage.objects.child_of(section).filter(slug=topic_slug).first()


def load_replies(data, out):
    """Create the demo replies that are not there yet, answers after their parents."""
    stored = {}
    created = 0
    skipped = []
    for item in data.get("replies", []):
        topic = find_topic(item["section_slug"], item["topic_slug"])
        author = User.objects.filter(username=item["author"]).first()
        parent = stored.get(item["parent_id"]) if item.get("parent_id") else None
        if topic is None or author is None or (item.get("parent_id") and not parent):
            skipped.append(item["id"])
            continue
        reply, was_created = Reply.objects.get_or_create(
            author=author,
            submission_token=demo_token(item["id"]),
            defaults={
                "topic": topic,
                "parent": parent,
                "thread": (parent.thread or parent) if parent else None,
                "body": item["body"],
                "created_at": datetime.fromisoformat(item["created_at"]),
            },
        )
        stored[item["id"]] = reply
        created += was_created
    out.write(
        f"Expert replies: {created} created, {len(stored) - created} already there."
    )
    if skipped:
        out.write(
            f"  Skipped {', '.join(skipped)}: their topic, author or the reply they "
            "answer is missing (run the topic and expert loaders first)."
        )
