"""RPJPD topics in the admin: one filterable list of every topic."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.pages import PageListingViewSet

from .models import TopicPage


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
