"""Experts (pakar): their public profile, fields of expertise and publications."""

from django.conf import settings
from django.contrib.auth.models import UserManager
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from accounts.models import User


@register_snippet
class ExpertiseField(models.Model):
    """A field of expertise (bidang keahlian) from the editor-managed list."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("field of expertise")
        verbose_name_plural = _("field of expertise")

    def __str__(self):
        return self.name


class ExpertProfile(models.Model):
    """The public face of an expert account ("Profil Saya")."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expert_profile",
    )
    slug = models.SlugField(_("profile address"), max_length=160, unique=True)
    title_prefix = models.CharField(
        _("titles before the name"),
        max_length=60,
        blank=True,
        help_text=_("e.g. Prof. Dr."),
    )
    title_suffix = models.CharField(
        _("titles after the name"),
        max_length=100,
        blank=True,
        help_text=_("e.g. S.E., M.Ec."),
    )
    institution = models.CharField(_("institution"), max_length=255, blank=True)
    position = models.CharField(_("position"), max_length=255, blank=True)
    bio = models.TextField(_("short bio"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="experts/photos/", blank=True)
    fields = models.ManyToManyField(
        ExpertiseField,
        blank=True,
        related_name="experts",
        verbose_name=_("field of expertise"),
    )
    accepts_consultations = models.BooleanField(
        _("accepts consultations"), default=True
    )
    notify_on_reply = models.BooleanField(
        _("email me when my reply is answered"), default=True
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    show_email = models.BooleanField(_("show email on public profile"), default=False)
    show_phone = models.BooleanField(_("show phone on public profile"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user__name"]
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profile")

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("experts:detail", kwargs={"slug": self.slug})

    @classmethod
    def unique_slug(cls, name):
        """A free slug for ``name``: the same name twice gets ``-2``, ``-3``, ...

        Set once at creation and never recomputed, so a profile's address stays
        stable when the expert edits their name.
        """
        base = slugify(name)[:150] or "pakar"
        slug, number = base, 1
        while cls.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    @property
    def initials(self):
        """Up to two initials for the placeholder shown when there is no photo."""
        words = [w for w in self.user.display_name.split() if w[:1].isalpha()]
        return "".join(w[0] for w in words[:2]).upper() or "?"

    @property
    def full_name(self):
        """The name with academic titles, as an expert signs it."""
        name = self.user.display_name
        if self.title_prefix:
            name = f"{self.title_prefix} {name}"
        if self.title_suffix:
            name = f"{name}, {self.title_suffix}"
        return name


class Publication(models.Model):
    """A publication or research project listed on an expert's profile."""

    class Kind(models.TextChoices):
        PUBLIKASI = "publikasi", _("Publication")
        PENELITIAN = "penelitian", _("Research")

    profile = models.ForeignKey(
        ExpertProfile, on_delete=models.CASCADE, related_name="publications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    venue = models.CharField(_("venue or funder"), max_length=300, blank=True)
    coauthors = models.CharField(_("co-authors"), max_length=300, blank=True)
    link = models.URLField(_("link or DOI"), max_length=500, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "-year", "pk"]
        verbose_name = _("publication")
        verbose_name_plural = _("publication")

    def __str__(self):
        return self.title


class ExpertAccountManager(UserManager):
    def get_queryset(self):
        return super().get_queryset().filter(account_type=User.AccountType.PAKAR)


class ExpertAccount(User):
    """Expert user accounts, as Bappeda editors manage them in the admin.

    A proxy of the user model so editors get permissions for experts only,
    never for editors' or citizens' accounts.
    """

    objects = ExpertAccountManager()

    class Meta:
        proxy = True
        verbose_name = _("expert account")
        verbose_name_plural = _("expert accounts")
