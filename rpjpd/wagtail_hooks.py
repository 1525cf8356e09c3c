"""RPJPD in the admin: the topic list, expert replies (moderation, log actions,
delete guards, synthesis buttons)."""

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.admin.widgets import Button

from .admin_views import reply_viewset
from .models import Reply, RPJPDSectionPage, TopicPage


class TopicListingViewSet(PageListingViewSet):
    """All RPJPD topics in one list, filterable by discussion status."""

    model = TopicPage
    icon = "comment"
    menu_label = _("RPJPD topics")
    menu_order = 205
    add_to_admin_menu = True
    list_filter = ["discussion_status", "is_illustrative"]


topic_listing = TopicListingViewSet("rpjpd_topics")


@hooks.register("register_admin_viewset")
def register_topic_listing():
    return topic_listing


@hooks.register("register_admin_viewset")
def register_reply_viewset():
    return reply_viewset


@hooks.register("register_log_actions")
def register_reply_log_actions(actions):
    actions.register_action(
        "rpjpd.reply.hide", _("Hide reply"), _("Reply hidden by a moderator")
    )
    actions.register_action(
        "rpjpd.reply.unhide", _("Show reply again"), _("Reply shown again")
    )
    actions.register_action(
        "rpjpd.reply.outcome", _("Record follow-up"), _("Follow-up recorded")
    )


def replies_under(pages):
    """Replies on any of ``pages`` or on pages below them."""
    topic_ids = set()
    for page in pages:
        topic_ids.update(
            TopicPage.objects.descendant_of(page, inclusive=True).values_list(
                "pk", flat=True
            )
        )
    return Reply.objects.filter(topic_id__in=topic_ids)


@hooks.register("before_delete_page")
def protect_pages_with_replies(request, page):
    """Explain why a topic or section with replies cannot be deleted."""
    replies = replies_under([page])
    if not replies.exists():
        return None
    context = {
        "page": page,
        "reply_count": replies.count(),
        "topics": TopicPage.objects.descendant_of(page, inclusive=True)
        .filter(pk__in=replies.values("topic_id"))
        .order_by("path"),
        "unpublish_url": reverse("wagtailadmin_pages:unpublish", args=[page.pk]),
        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "is_topic": isinstance(page.specific, TopicPage),
    }
    return TemplateResponse(
        request, "rpjpd/admin/delete_refused.html", context, status=200
    )


@hooks.register("before_bulk_action")
def protect_pages_with_replies_in_bulk(request, action_type, objects, action_class):
    """Refuse a bulk delete of pages when any of them holds replies."""
    if action_type != "delete" or not objects:
        return None
    pages = [obj for obj in objects if hasattr(obj, "path") and hasattr(obj, "depth")]
    if not pages or not replies_under(pages).exists():
        return None
    messages.error(
        request,
        _(
            "These pages were not deleted: some of them hold expert replies. "
            "Close the discussion or unpublish the topic instead."
        ),
    )
    # The bulk action view has already checked ``next`` is a safe local URL.
    next_url = getattr(action_class, "next_url", None)
    return HttpResponseRedirect(next_url or reverse("wagtailadmin_explore_root"))


@hooks.register("register_page_header_buttons")
def synthesis_header_buttons(page, user, view_name, next_url=None):
    """Downloads and the printable summary, on topic and section pages."""
    yield from synthesis_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def synthesis_listing_buttons(page, user, next_url=None):
    yield from synthesis_buttons(page, user)


def synthesis_buttons(page, user):
    if not user.has_perm("rpjpd.change_reply"):
        return
    if page.specific_class is TopicPage:
        kind, kwargs = "topic", {"topic_id": page.pk}
    elif page.specific_class is RPJPDSectionPage:
        kind, kwargs = "section", {"section_id": page.pk}
    else:
        return
    yield Button(
        _("Expert input summary"),
        reverse(f"replies:summary_{kind}", kwargs=kwargs),
        icon_name="doc-full",
        priority=80,
    )
    yield Button(
        _("Download replies (XLSX)"),
        reverse(f"replies:export_{kind}_xlsx", kwargs=kwargs),
        icon_name="download",
        priority=81,
    )
    yield Button(
        _("Download replies (CSV)"),
        reverse(f"replies:export_{kind}_csv", kwargs=kwargs),
        icon_name="download",
        priority=82,
    )
    if kind == "topic":
        yield Button(
            _("Moderate replies"),
            reverse("rpjpd_reply:index") + f"?topic={page.pk}",
            icon_name="comment",
            priority=83,
        )
