"""The home page, plain content pages and the footer settings."""

import re

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.search import index

from ops.public_cache import DISCUSSION, remember
from ops.routing import PathLookupRouteMixin

from .visibility import CheckedViewRestrictionsMixin, visible

LATEST_COUNT = 4


def url_or_none(name):
    """The URL of a named view, or None while that feature is not installed."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


class HomePage(PathLookupRouteMixin, CheckedViewRestrictionsMixin, Page):
    """The site root: a short welcome, the RPJP button and what is new."""

    hero_title = models.CharField(_("hero title"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    rpjp_button_text = models.CharField(
        _("RPJP button text"), max_length=60, default="RPJP"
    )
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("rpjp_button_text"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            context.update(self.whats_new())
        else:
            # The same for everyone until a public write; reply counts included.
            context.update(
                remember(
                    f"home-whats-new:{self.pk}",
                    self.whats_new,
                    request,
                    scope=DISCUSSION,
                )
            )
        context["experts_url"] = url_or_none("experts:directory")
        context["consult_url"] = url_or_none("consult:index")
        return context

    def whats_new(self):
        """The hub, the library, the latest topics (with counts) and documents."""
        from pustaka.models import PustakaDocumentPage, PustakaIndexPage
        from rpjpd.counts import with_reply_counts
        from rpjpd.models import RPJPDIndexPage, RPJPDSectionPage, TopicPage

        topics = list(
            with_reply_counts(visible(TopicPage.objects.all())).order_by(
                "-first_published_at", "-pk"
            )[:LATEST_COUNT]
        )
        sections = {
            section.path: section
            for section in visible(RPJPDSectionPage.objects.all()).only(
                "title", "path", "url_path"
            )
        }
        latest_topics = [
            topic for topic in topics if topic.path[: -topic.steplen] in sections
        ]
        for topic in latest_topics:
            topic.section = sections[topic.path[: -topic.steplen]]
        return {
            "rpjpd_hub": visible(RPJPDIndexPage.objects.all()).first(),
            "library": visible(PustakaIndexPage.objects.all()).first(),
            "latest_topics": latest_topics,
            "latest_documents": list(
                visible(PustakaDocumentPage.objects.all())
                .select_related("kind")
                .order_by("-first_published_at", "-pk")[:LATEST_COUNT]
            ),
        }


class StandardPage(CheckedViewRestrictionsMixin, Page):
    """A plain page for guides (Panduan) and "Tentang"."""

    intro = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class FooterSettings(BaseSiteSetting):
    """The help-desk contact shown in every page footer."""

    helpdesk_email = models.EmailField(_("help-desk email"), blank=True)
    helpdesk_phone = models.CharField(_("help-desk phone"), max_length=40, blank=True)
    helpdesk_whatsapp = models.CharField(
        _("help-desk WhatsApp"), max_length=40, blank=True
    )
    office_hours = models.CharField(_("service hours"), max_length=120, blank=True)
    address = models.TextField(_("address"), blank=True)

    panels = [
        FieldPanel("helpdesk_email"),
        FieldPanel("helpdesk_phone"),
        FieldPanel("helpdesk_whatsapp"),
        FieldPanel("office_hours"),
        FieldPanel("address"),
    ]

    class Meta:
        verbose_name = _("help-desk contact")

    @property
    def helpdesk_phone_href(self):
        """The phone as a ``tel:`` target: digits only, a leading ``+`` kept.

        Editors write numbers the way people read them ("(0541) 123-456 ext. 2");
        a dialler needs the digits of the number itself, so anything after the
        first letter (an extension, a note) is left out.
        """
        number = re.split(r"[^\d\s()+./-]", self.helpdesk_phone, maxsplit=1)[0]
        digits = re.sub(r"\D", "", number)
        if not digits:
            return ""
        return ("+" if number.strip().startswith("+") else "") + digits

    @classmethod
    def for_request(cls, request):
        """The contact of the request's site, built once per public content version.

        Every page's footer shows it; saving it is a public write, which
        replaces the version (``ops.public_cache``). Until an editor saves it, an
        empty contact is shown without writing one (Wagtail would create it on
        the first page view).
        """
        attribute = cls.get_cache_attr_name()
        if not hasattr(request, attribute):
            site = Site.find_for_request(request)
            if site is None:
                return super().for_request(request)
            contact = remember(
                f"footer-settings:{site.pk}",
                lambda: cls.objects.filter(site=site).first() or cls(site=site),
                request,
            )
            setattr(request, attribute, contact)
        return getattr(request, attribute)
