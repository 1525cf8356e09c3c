"""Reply counts that always equal what a visitor can read.

Every count on the site comes from ``Reply.objects.visible()`` (or its
``shown()`` half for topics already known to be public), computed when asked,
so a hide, unhide, edit or withdrawal shows in every count at once.
"""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from .models import Reply, TopicPage


def with_reply_counts(topics):
    """Annotate a TopicPage queryset with ``reply_count`` in the same query."""
    counts = (
        Reply.objects.shown()
        .filter(topic=OuterRef("pk"))
        .order_by()
        .values("topic")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return topics.annotate(
        reply_count=Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))
    )


def topic_reply_count(topic):
    """Visible replies on one topic (zero unless the topic itself is public)."""
    return Reply.objects.visible().filter(topic=topic).count()


def section_reply_count(section):
    """Visible replies on the public topics of a section."""
    topics = TopicPage.objects.child_of(section).values("pk")
    return Reply.objects.visible().filter(topic__in=topics).count()


def hub_reply_count(hub):
    """Visible replies on every public topic under the RPJPD hub."""
    topics = TopicPage.objects.descendant_of(hub).values("pk")
    return Reply.objects.visible().filter(topic__in=topics).count()


def expert_reply_count(user):
    """Visible replies written by one expert."""
    return Reply.objects.visible().filter(author=user).count()


def section_reply_counts(hub):
    """Visible replies per section of the hub, as ``{section_path: count}``.

    One query, one row per topic; topics are summed into their parent section.
    """
    step = TopicPage.steplen
    rows = (
        Reply.objects.visible()
        .filter(topic__path__startswith=hub.path)
        .order_by()
        .values_list("topic__path")
        .annotate(total=Count("pk"))
    )
    totals = {}
    for path, total in rows:
        section_path = path[:-step]
        totals[section_path] = totals.get(section_path, 0) + total
    return totals
