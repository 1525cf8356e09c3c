"""The record of what people did with their personal data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivacyEvent(models.Model):
    """One data export or account deletion, kept as proof it was honoured.

    Holds no name or address: only the account's number and type, what was
    done, when, and how many records it touched. It outlives the account.
    """

    class Action(models.TextChoices):
        DATA_EXPORTED = "data_exported", _("Data downloaded")
        ACCOUNT_DELETED = "account_deleted", _("Account deleted")

    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    user_pk = models.PositiveBigIntegerField(_("account number"), db_index=True)
    account_type = models.CharField(_("account type"), max_length=20, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("personal-data event")
        verbose_name_plural = _("personal-data events")

    def __str__(self):
        return f"{self.get_action_display()} #{self.user_pk}"
