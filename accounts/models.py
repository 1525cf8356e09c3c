"""The site's user: one model for every kind of person who signs in."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person with an account.

    ``account_type`` says which public role the person has: *masyarakat* (a member
    of the public), *pemerintah* (local-government staff, who also name their
    agency, the *instansi*) or *pakar* (an expert, whose account Bappeda creates).
    Bappeda editors and admins are staff users; their account type is irrelevant
    to the Wagtail admin and is left at ``masyarakat``.
    """

    class AccountType(models.TextChoices):
        MASYARAKAT = "masyarakat", _("Public")
        PEMERINTAH = "pemerintah", _("Government")
        PAKAR = "pakar", _("Experts")

    name = models.CharField(_("full name"), max_length=150, blank=True)
    account_type = models.CharField(
        _("account type"),
        max_length=20,
        choices=AccountType.choices,
        default=AccountType.MASYARAKAT,
        db_index=True,
    )
    instansi = models.CharField(_("agency"), max_length=200, blank=True)
    jabatan = models.CharField(_("position"), max_length=150, blank=True)
    kecamatan = models.CharField(_("district"), max_length=100, blank=True)
    occupation = models.CharField(_("occupation"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("user")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.name or self.get_full_name() or self.username

    @property
    def is_expert(self):
        return self.account_type == self.AccountType.PAKAR

    def has_verified_email(self):
        """Whether allauth has a verified address for this user."""
        from allauth.account.models import EmailAddress

        return EmailAddress.objects.filter(user=self, verified=True).exists()
