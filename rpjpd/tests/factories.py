"""Factories for the RPJPD hub, its sections and topics, the people who reply,
and their replies."""

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from accounts.groups import EDITOR_GROUP_NAME, ensure_editor_group
from accounts.models import User
from experts.models import ExpertiseField, ExpertProfile
from home.models import HomePage
from home.tests.factories import HomePageFactory
from rpjpd.models import (
    GuidingQuestion,
    Reply,
    RPJPDIndexPage,
    RPJPDSectionPage,
    TopicPage,
)

PASSWORD = "sandi-uji-yang-panjang"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    name = factory.Faker("name", locale="id_ID")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class MasyarakatFactory(UserFactory):
    account_type = User.AccountType.MASYARAKAT


class PemerintahFactory(UserFactory):
    account_type = User.AccountType.PEMERINTAH
    instansi = "Dinas Contoh"


class ExpertFactory(UserFactory):
    username = factory.Sequence(lambda n: f"pakar{n}")
    account_type = User.AccountType.PAKAR
    profile = factory.RelatedFactory(
        "rpjpd.tests.factories.ExpertProfileFactory", factory_related_name="user"
    )


class ExpertiseFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertiseField
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Bidang {n}")
    slug = factory.Sequence(lambda n: f"bidang-{n}")


class ExpertProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertProfile

    user = factory.SubFactory(ExpertFactory, profile=None)
    slug = factory.LazyAttribute(lambda profile: profile.user.username)
    institution = "Universitas Contoh Mahakam"


class EditorFactory(UserFactory):
    """A Bappeda editor: staff, in the "Editor Bappeda" group."""

    username = factory.Sequence(lambda n: f"editor{n}")
    is_staff = True

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(editors_group())


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


def editors_group():
    """The "Editor Bappeda" group with its permissions (also after a flush)."""
    ensure_editor_group()
    return Group.objects.get(name=EDITOR_GROUP_NAME)


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
