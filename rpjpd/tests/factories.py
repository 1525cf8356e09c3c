"""Factories for the RPJPD hub, its sections and topics, and the replies.

The people who reply come from ``accounts.tests.factories`` and
``experts.tests.factories``.
"""

import factory
import wagtail_factories
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from experts.tests.factories import ExpertFactory
from home.models import HomePage
from home.tests.factories import HomePageFactory
from rpjpd.models import (
    GuidingQuestion,
    Reply,
    RPJPDIndexPage,
    RPJPDSectionPage,
    TopicPage,
)


class RPJPDIndexPageFactory(wagtail_factories.PageFactory):
    title = "RPJPD 2025–2045"
    slug = "rpjpd"
    vision = "Kutai Kartanegara Maju, Tangguh, Berbudaya"

    class Meta:
        model = RPJPDIndexPage


class RPJPDSectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bagian {n}")
    slug = factory.Sequence(lambda n: f"bagian-{n}")
    intro = "Pengantar bagian."

    class Meta:
        model = RPJPDSectionPage


class TopicPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Topik {n}")
    slug = factory.Sequence(lambda n: f"topik-{n}")
    summary = "Ringkasan topik untuk diskusi para pakar."

    class Meta:
        model = TopicPage


class GuidingQuestionFactory(factory.django.DjangoModelFactory):
    text = factory.Sequence(lambda n: f"Pertanyaan pemandu {n}?")

    class Meta:
        model = GuidingQuestion


# Shorter names the reply tests use.
SectionFactory = RPJPDSectionPageFactory
TopicFactory = TopicPageFactory


class ReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reply

    topic = factory.SubFactory(TopicFactory)
    author = factory.SubFactory(ExpertFactory)
    body = factory.Sequence(lambda n: f"Balasan pakar nomor {n} tentang topik ini.")
    parent = None
    thread = factory.LazyAttribute(
        lambda reply: (reply.parent.thread or reply.parent) if reply.parent else None
    )


def build_site():
    """A home page as the site root with the RPJPD hub and one section under it.

    Reuses a home page or hub another test helper already made (both are
    limited to one per site).
    """
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    home = HomePage.objects.first()
    if home is None:
        home = HomePageFactory(parent=Page.get_first_root_node())
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"root_page": home, "hostname": "localhost", "port": 80},
        )
    hub = RPJPDIndexPage.objects.first() or RPJPDIndexPageFactory(parent=home)
    section = SectionFactory(parent=hub)
    return home, hub, section
