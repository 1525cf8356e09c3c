from django.contrib import admin

from .models import PrivacyEvent


@admin.register(PrivacyEvent)
class PrivacyEventAdmin(admin.ModelAdmin):
    """Read-only: the record of exports and deletions can only be looked at."""

    list_display = ["created_at", "action", "user_pk", "account_type"]
    list_filter = ["action", "account_type"]
    readonly_fields = ["action", "user_pk", "account_type", "details", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
