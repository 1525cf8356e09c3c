"""The record of personal-data requests in the Wagtail admin: read-only.

Administrators (the ``privacy.view_privacyevent`` permission, which editors do not
hold) may list and inspect it; nobody adds, changes or deletes an event.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import PrivacyEvent


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Only the "view" action exists: events are proof and must stay as written."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class PrivacyEventViewSet(ModelViewSet):
    model = PrivacyEvent
    icon = "lock"
    menu_label = _("Personal-data events")
    add_to_settings_menu = True
    name = "privacy_events"
    copy_view_enabled = False
    inspect_view_enabled = True
    # No form is ever shown (nobody may change an event), but the viewset wants one.
    form_fields = ["action"]
    list_display = ["created_at", "action", "user_pk", "account_type"]
    list_filter = ["action", "account_type"]
    list_per_page = 50
    ordering = ["-created_at", "-pk"]

    @property
    def permission_policy(self):
        return ReadOnlyPermissionPolicy(self.model)


privacy_event_viewset = PrivacyEventViewSet()


@hooks.register("register_admin_viewset")
def register_privacy_event_viewset():
    return privacy_event_viewset
