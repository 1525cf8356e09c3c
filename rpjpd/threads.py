"""Lay out a topic's replies as conversations, a page of threads at a time.

A page holds a fixed number of top-level replies with every answer below them.
Two queries fetch any page, whatever the number of replies: the counts (of
conversations, for the pages, and of shown replies, for the heading), then the
page's top-level replies with all their answers (found through
``Reply.thread``), selected by a subquery.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Value

from .models import Reply

THREADS_PER_PAGE = 20
# Deeper answers stay at this indent and say whom they answer instead.
MAX_INDENT = 3
# A conversation shows at most this many answers on the topic's pages; a longer
# one continues on its own pages (``?percakapan=<first reply>``), this many
# replies a page, so no page renders more than a bounded number of replies.
ANSWERS_SHOWN = 30
CONVERSATION_PER_PAGE = 50
# What laying out a conversation needs, without texts or authors.
OUTLINE_FIELDS = (
    "pk",
    "topic_id",
    "parent_id",
    "thread_id",
    "created_at",
    "moderation_state",
    "withdrawn_at",
)


@dataclass
class ReplyEntry:
    """One reply as the topic page shows it, with its place in the conversation."""

    reply: Reply
    depth: int
    parent: Reply | None = None
    visible_descendants: int = 0
    # Set on the last entry shown of a cut conversation: what follows, and where.
    more: dict | None = None

    @property
    def indent(self):
        return min(self.depth, MAX_INDENT)

    @property
    def shows_parent_name(self):
        """Whether to label the reply with the name it answers (the indent cannot)."""
        return self.depth > 0

    @property
    def is_placeholder(self):
        """A hidden or withdrawn reply kept only so its answers make sense."""
        return not self.reply.is_shown


def reply_base_queryset():
    """Replies with what the page shows about their author, in one query."""
    return Reply.objects.select_related("author", "author__expert_profile")


def top_level_queryset(topic):
    """The topic's conversations a visitor can see something of, oldest first.

    A hidden or withdrawn top-level reply still opens its conversation when an
    answer to it is shown; otherwise the whole conversation is left out.
    """
    shown_answers = Reply.objects.shown().filter(thread=OuterRef("pk"))
    return (
        Reply.objects.filter(topic=topic, parent__isnull=True)
        .filter(
            Q(moderation_state=Reply.ModerationState.VISIBLE, withdrawn_at__isnull=True)
            | Exists(shown_answers)
        )
        .in_thread_order()
        .only("pk", "created_at")
    )


def reply_counts(topic):
    """``(conversations, shown)``: what the pages list, and the heading counts."""
    shown = Q(moderation_state=Reply.ModerationState.VISIBLE, withdrawn_at__isnull=True)
    shown_answers = Reply.objects.shown().filter(thread=OuterRef("pk"))
    counts = Reply.objects.filter(topic=topic).aggregate(
        conversations=Count(
            "pk", filter=Q(parent__isnull=True) & (shown | Exists(shown_answers))
        ),
        shown=Count("pk", filter=shown),
    )
    return counts["conversations"], counts["shown"]


def page_entries(topic, page_number, per_page=THREADS_PER_PAGE):
    """The conversations on page ``page_number`` (a valid number), as entries.

    Two queries: the outline of the page's conversations (no texts), then the
    replies that are shown, with their authors. A conversation longer than
    ``ANSWERS_SHOWN`` answers is cut, its last shown entry saying what follows.
    """
    offset = (page_number - 1) * per_page
    roots = top_level_queryset(topic).values("pk")[offset : offset + per_page]
    outline = list(
        Reply.objects.filter(topic=topic)
        .filter(Q(pk__in=roots) | Q(thread_id__in=roots))
        .only(*OUTLINE_FIELDS)
        .in_thread_order()
    )
    root_ids = [reply.pk for reply in outline if reply.parent_id is None]
    shown = []
    conversation = []
    for entry in [*flatten(outline, root_ids), None]:
        if entry is None or entry.depth == 0:
            shown += _cut(conversation)
            conversation = []
        if entry is not None:
            conversation.append(entry)
    return with_texts(shown)


def _cut(conversation):
    """The first ``ANSWERS_SHOWN`` answers of a conversation, and a pointer on."""
    if len(conversation) <= ANSWERS_SHOWN + 1:
        return conversation
    kept = conversation[: ANSWERS_SHOWN + 1]
    kept[-1].more = {
        "count": len(conversation) - len(kept),
        "conversation": conversation[0].reply.pk,
        "next": conversation[len(kept)].reply.pk,
    }
    return kept


def conversation_outline(topic, root_id):
    """All of one conversation of ``topic``, as entries without texts (one query).

    Empty when ``root_id`` starts no conversation a visitor can see there.
    """
    outline = list(
        Reply.objects.filter(topic=topic, parent__isnull=True, pk=root_id).only(
            *OUTLINE_FIELDS
        )
    )
    if not outline:
        return []
    outline += list(
        Reply.objects.filter(topic=topic, thread_id=root_id)
        .only(*OUTLINE_FIELDS)
        .in_thread_order()
    )
    return flatten(outline, [root_id])


def with_texts(entries):
    """Load the replies of ``entries`` (and those they answer) in full: one query."""
    wanted = {entry.reply.pk for entry in entries}
    wanted |= {entry.parent.pk for entry in entries if entry.parent is not None}
    full = reply_base_queryset().in_bulk(wanted)
    for entry in entries:
        entry.reply = full[entry.reply.pk]
        if entry.parent is not None:
            entry.parent = full[entry.parent.pk]
    return entries


def flatten(replies, root_ids):
    """Order replies depth-first under their roots and drop empty placeholders.

    Iterative rather than recursive, so no conversation is too deep to show.
    """
    entries = {reply.pk: ReplyEntry(reply=reply, depth=0) for reply in replies}
    children = {}
    for reply in replies:
        if reply.parent_id in entries:
            children.setdefault(reply.parent_id, []).append(reply.pk)

    # Replies arrive oldest first, and an answer is never older than what it
    # answers, so walking backwards sums every subtree before its parent.
    for reply in reversed(replies):
        entry = entries[reply.pk]
        for child_pk in children.get(reply.pk, []):
            child = entries[child_pk]
            entry.visible_descendants += child.visible_descendants + int(
                child.reply.is_shown
            )

    ordered = []
    for root_pk in root_ids:
        if root_pk not in entries:
            continue
        stack = [(root_pk, 0, None)]
        while stack:
            pk, depth, parent = stack.pop()
            entry = entries[pk]
            if entry.is_placeholder and entry.visible_descendants == 0:
                continue
            entry.depth = depth
            entry.parent = parent
            ordered.append(entry)
            for child_pk in reversed(children.get(pk, [])):
                stack.append((child_pk, depth + 1, entry.reply))
    return ordered


def page_number_of(reply):
    """The page of its topic on which ``reply`` appears (one query)."""
    if reply.thread_id is None:
        root_id, root_time = reply.pk, Value(reply.created_at)
    else:
        root_id = reply.thread_id
        root_time = Subquery(Reply.objects.filter(pk=root_id).values("created_at")[:1])
    earlier = (
        top_level_queryset(reply.topic_id)
        .filter(Q(created_at__lt=root_time) | Q(created_at=root_time, pk__lt=root_id))
        .count()
    )
    return earlier // THREADS_PER_PAGE + 1


def conversation_position(reply):
    """Where ``reply`` comes in its conversation (the first reply is 0), or None."""
    if reply.thread_id is None:
        return 0
    for position, entry in enumerate(
        conversation_outline(reply.topic_id, reply.thread_id)
    ):
        if entry.reply.pk == reply.pk:
            return position
    return None


def reply_url(reply, request=None):
    """The topic page URL that shows ``reply``, with its page and anchor.

    An answer deep in a long conversation is shown on that conversation's own
    pages rather than on the topic's.
    """
    url = reply.topic.get_url(request=request) or ""
    position = conversation_position(reply)
    if position is not None and position > ANSWERS_SHOWN:
        page = position // CONVERSATION_PER_PAGE + 1
        query = f"?percakapan={reply.thread_id}"
        query += f"&halaman={page}" if page > 1 else ""
        return f"{url}{query}#{reply.anchor}"
    page = page_number_of(reply)
    query = f"?halaman={page}" if page > 1 else ""
    return f"{url}{query}#{reply.anchor}"
