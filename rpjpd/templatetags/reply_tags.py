"""Template helpers for expert replies: the thread, the text, recent activity."""

from django import template
from django.urls import reverse
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

from rpjpd import counts
from rpjpd.forms import ReplyForm
from rpjpd.models import Reply
from rpjpd.permissions import can_post_replies
from rpjpd.threads import thread_page

register = template.Library()


@register.filter
def reply_body(text):
    """Plain text as HTML: escaped, paragraphs kept, web addresses made links.

    Django's ``urlize`` escapes everything it does not turn into a link, and it
    only links http(s) and www addresses, so a ``javascript:`` URL stays text.
    """
    linked = urlize(text or "", nofollow=True, autoescape=True)
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308


@register.inclusion_tag("rpjpd/includes/replies.html", takes_context=True)
def reply_section(context, topic):
    """The replies of a topic, a page of conversations at a time, with the form."""
    request = context["request"]
    user = request.user
    if topic.pk is None:
        # A preview of a topic not saved yet: nothing to show, nowhere to post.
        return {"topic": topic, "entries": [], "reply_count": 0, "is_open": False}
    page, entries = thread_page(topic, request.GET.get("halaman"))
    is_open = topic.is_open
    may_post = can_post_replies(user)
    return {
        "request": request,
        "user": user,
        "topic": topic,
        "entries": entries,
        "threads_page": page,
        # The page is being served, so it is public: no need to check it again.
        "reply_count": Reply.objects.shown().filter(topic=topic).count(),
        "is_open": is_open,
        "may_post": may_post and is_open,
        "is_visitor": not user.is_authenticated,
        "form": ReplyForm(topic=topic) if may_post and is_open else None,
        "form_url": reverse("replies:create", args=[topic.pk]),
        "show_follow_up": topic.show_follow_up,
    }


@register.inclusion_tag("rpjpd/includes/expert_replies.html")
def expert_recent_replies(user, limit=5):
    """An expert's latest visible replies, each linking to its topic."""
    replies = (
        Reply.objects.visible()
        .filter(author=user)
        .select_related("topic")
        .order_by("-created_at", "-pk")[:limit]
    )
    return {"replies": replies, "total": counts.expert_reply_count(user)}


@register.inclusion_tag("rpjpd/includes/latest_discussion.html")
def latest_discussion(limit=5):
    """The latest visible replies across all public topics, for the home page."""
    replies = (
        Reply.objects.visible()
        .select_related("topic", "author", "author__expert_profile")
        .order_by("-created_at", "-pk")[:limit]
    )
    return {"replies": replies}


@register.simple_tag
def visible_reply_count(topic):
    """Visible replies on one topic (use ``with_reply_counts`` for listings)."""
    return counts.topic_reply_count(topic)
