"""Template tags for the consultation counter in the menu."""

from django import template

from ..models import Consultation

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_consultation_count(context):
    """How many of the signed-in user's consultations have unseen activity.

    One query, and none at all for visitors: pages for visitors never carry it.
    """
    return unread_count(context.get("request"))


def unread_count(request):
    """The signed-in user's unread consultations, counted once per request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    if not hasattr(request, "_unread_consultations"):
        request._unread_consultations = Consultation.objects.unread_for(user).count()
    return request._unread_consultations
