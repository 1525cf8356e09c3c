"""Who may do what with replies; every view asks here."""

from accounts.permissions import is_active_expert

from .models import Reply


def can_post_replies(user):
    """Experts, and only experts (active, verified), write replies on topics."""
    return bool(is_active_expert(user))


def can_moderate_replies(user):
    """Bappeda editors with the reply permission moderate and export replies."""
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("rpjpd.change_reply")
    )


def can_change_own_reply(user, reply):
    """An author edits or withdraws a reply while its topic is still open."""
    return (
        can_post_replies(user)
        and reply.author_id == user.pk
        and reply.withdrawn_at is None
        and reply.moderation_state == Reply.ModerationState.VISIBLE
        and reply.topic.is_open
    )
