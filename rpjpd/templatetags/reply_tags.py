"""Template helpers for expert replies: the thread, the text, recent activity."""

import re
from functools import lru_cache

from django import template
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import dateformat, timezone
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ops.params import id_param
from ops.public_cache import DISCUSSION, remember, shared
from rpjpd import counts
from rpjpd.forms import ReplyForm
from rpjpd.models import Reply
from rpjpd.permissions import can_post_replies
from rpjpd.threads import (
    CONVERSATION_PER_PAGE,
    THREADS_PER_PAGE,
    conversation_outline,
    page_entries,
    page_number_of,
    reply_counts,
    with_texts,
)

register = template.Library()

WHEN_FORMAT = "j F Y, H:i"


@register.filter
def reply_body(text):
    """Plain text as HTML: escaped, paragraphs kept, web addresses made links.

    Django's ``urlize`` escapes everything it does not turn into a link, and it
    only links http(s) and www addresses, so a ``javascript:`` URL stays text.
    """
    return _body_html(text or "")


@lru_cache(maxsize=2048)
def _body_html(text):
    # A pure function of the text and the slowest step of a topic page
    # (urlize looks at every word), so each process keeps recent results.
    linked = urlize(text, nofollow=True, autoescape=True)
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308


def _when(moment):
    """A reply's time as the page shows it (WITA, the active time zone)."""
    return dateformat.format(timezone.localtime(moment), WHEN_FORMAT)


def _profile_url(reply, urls):
    """The author's public profile link, reversed once per author and page."""
    if reply.author_id not in urls:
        profile = reply.author_profile
        url = None
        if profile is not None and reply.author.is_active:
            try:
                url = profile.get_absolute_url()
            except NoReverseMatch:
                url = None
        urls[reply.author_id] = url
    return urls[reply.author_id]


def present(entries):
    """Give each entry the strings its template shows, computed once in Python.

    The page shows tens of replies; doing names, links, dates and labels here
    rather than with template tags per reply makes it several times cheaper.
    """
    urls = {}
    for entry in entries:
        reply = entry.reply
        if entry.is_placeholder:
            entry.aria_label = _("Removed reply")
            entry.marker = (
                _("Withdrawn by its author.")
                if reply.is_withdrawn
                else _("Hidden by the moderator.")
            )
            continue
        name = reply.author_name
        entry.author_name = name
        entry.author_url = _profile_url(reply, urls)
        profile = reply.author_profile
        entry.institution = profile.institution if profile is not None else ""
        entry.aria_label = _("Reply by %(name)s") % {"name": name}
        entry.answering_label = _("Answering %(name)s") % {"name": name}
        entry.to_label = _("to %(name)s") % {"name": name}
        entry.created_iso = timezone.localtime(reply.created_at).isoformat()
        entry.created_display = _when(reply.created_at)
        entry.edited_display = _when(reply.edited_at) if reply.edited_at else ""
        entry.body_html = reply_body(reply.body)
        if entry.parent is not None:
            entry.parent_label = (
                _("in reply to %(name)s") % {"name": entry.parent.author_name}
                if entry.parent.is_shown
                else _("in reply to a removed reply")
            )
    return entries


# Where a reply's Edit and Withdraw links go for its author. Rendered text
# cannot contain it: every ``<`` of a name or a reply is escaped.
OWN_ACTIONS = re.compile(r"<!--own-actions:(\d+)-->")


@register.inclusion_tag("rpjpd/includes/replies.html", takes_context=True)
def reply_section(context, topic):
    """The replies of a topic, a page of conversations at a time, with the form.

    The list of replies is the same for everyone who sees the page the same way
    (visitor, expert, other account), so it is rendered once per public content
    version and kept in the shared cache (``ops.public_cache.shared``); only an
    expert's Edit and Withdraw links on their own replies are added per request.
    It is rendered without the request, so nothing personal can enter it.
    """
    request = context["request"]
    user = request.user
    if topic.pk is None:
        # A preview of a topic not saved yet: nothing to show, nowhere to post.
        return {"topic": topic, "entries": [], "reply_count": 0, "is_open": False}
    # The page is being served, so it is public: no need to check it again.
    conversations, shown = remember(
        f"reply-counts:{topic.pk}",
        lambda: reply_counts(topic),
        request,
        scope=DISCUSSION,
    )
    conversation = _conversation(request, topic)
    if conversation:
        page = Paginator(conversation, CONVERSATION_PER_PAGE).get_page(
            request.GET.get("halaman")
        )
    else:
        page = Paginator(range(conversations), THREADS_PER_PAGE).get_page(
            request.GET.get("halaman")
        )
    is_open = topic.is_open
    may_post = is_open and can_post_replies(user)
    is_visitor = not user.is_authenticated
    shown_as = "expert" if may_post else "visitor" if is_visitor else "account"
    form_url = reverse("replies:create", args=[topic.pk])
    list_context = {
        "is_open": is_open,
        "may_post": may_post,
        "may_answer": is_open and (may_post or is_visitor),
        "form_url": form_url,
        "show_follow_up": topic.show_follow_up,
    }
    rendered = {}

    def render_list():
        if conversation:
            entries = present(with_texts(list(page.object_list)))
        elif conversations:
            entries = present(page_entries(topic, page.number))
        else:
            entries = []
        rendered["entries"] = entries
        html = render_to_string(
            "rpjpd/includes/reply_list.html",
            {**list_context, "entries": entries, "labels": _labels()},
        )
        authors = {
            entry.reply.pk: entry.reply.author_id
            for entry in entries
            if not entry.is_placeholder
        }
        return OWN_ACTIONS.split(html), authors

    if conversation or getattr(request, "is_preview", False):
        # One long conversation read in full: rare, not worth keeping. A
        # preview shows the editor's draft (``show_follow_up``, ``is_open``),
        # which visitors must not get before it is published.
        parts, authors = render_list()
    else:
        key = (
            f"reply-list:{topic.pk}:{page.number}:{shown_as}:{int(is_open)}:"
            f"{get_language()}"
        )
        parts, authors = shared(key, render_list, request)
    return {
        **list_context,
        "request": request,
        "user": user,
        "topic": topic,
        "reply_list": _with_own_actions(parts, authors, user),
        # Only when rendered for this request (tests look at it).
        "entries": rendered.get("entries"),
        "threads_page": page,
        "conversation": conversation[0].reply.pk if conversation else None,
        "conversation_back_url": _back_url(conversation[0].reply)
        if conversation
        else "",
        "reply_count": shown,
        "is_visitor": is_visitor,
        "form": ReplyForm(topic=topic) if may_post else None,
    }


def _conversation(request, topic):
    """The conversation asked for with ``?percakapan=``, as entries, or None."""
    wanted = id_param(request, "percakapan")
    if wanted is None:
        return None
    return conversation_outline(topic, wanted) or None


def _back_url(root):
    """The topic's page that holds the conversation ``root`` starts."""
    page = page_number_of(root)
    return f"?halaman={page}#{root.anchor}" if page > 1 else f"?#{root.anchor}"


def _labels():
    """What every reply shows the same way, translated once per list."""
    return {
        "reply": _("Reply"),
        "edit": _("Edit"),
        "withdraw": _("Withdraw"),
        "edited": _("edited"),
    }


def _with_own_actions(parts, authors, user):
    """Join the list, giving the signed-in expert's own replies their actions.

    ``parts`` alternates HTML and the reply ids of the markers between them.
    """
    html = [parts[0]]
    for index in range(1, len(parts), 2):
        reply_pk = int(parts[index])
        if user.is_authenticated and authors.get(reply_pk) == user.pk:
            html.append(
                render_to_string(
                    "rpjpd/includes/own_reply_actions.html",
                    {"reply_pk": reply_pk, "labels": _labels()},
                )
            )
        html.append(parts[index + 1])
    return mark_safe("".join(html))  # noqa: S308  (our own rendered templates)


@register.inclusion_tag("rpjpd/includes/expert_replies.html", takes_context=True)
def expert_recent_replies(context, user, limit=5):
    """An expert's latest visible replies, each linking to its topic.

    Public, and the same for everyone: kept per discussion version.
    """

    def build():
        replies = list(
            Reply.objects.visible()
            .filter(author=user)
            .select_related("topic")
            .order_by("-created_at", "-pk")[:limit]
        )
        return {"replies": replies, "total": counts.expert_reply_count(user)}

    return remember(
        f"expert-replies:{user.pk}:{limit}",
        build,
        context.get("request"),
        scope=DISCUSSION,
    )


@register.inclusion_tag("rpjpd/includes/latest_discussion.html", takes_context=True)
def latest_discussion(context, limit=5):
    """The latest visible replies across all public topics, for the home page.

    Public, and the same for everyone: kept per discussion version.
    """

    def build():
        return list(
            Reply.objects.visible()
            .select_related("topic", "author", "author__expert_profile")
            .order_by("-created_at", "-pk")[:limit]
        )

    replies = remember(
        f"latest-discussion:{limit}", build, context.get("request"), scope=DISCUSSION
    )
    return {"replies": replies}


@register.simple_tag
def visible_reply_count(topic):
    """Visible replies on one topic (use ``with_reply_counts`` for listings)."""
    return counts.topic_reply_count(topic)
