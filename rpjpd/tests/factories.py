"""Factories for the RPJPD hub, its sections and topics."""

import factory
import wagtail_factories

from rpjpd.models import GuidingQuestion, RPJPDIndexPage, RPJPDSectionPage, TopicPage


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
