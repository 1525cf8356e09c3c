"""Factories for the operations tests: a small site with a page of each kind."""

import factory
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Collection, Locale, Page, Site

from home.models import FooterSettings, HomePage, StandardPage


class UserFactory(factory.django.DjangoModelFactory):
    """A verified masyarakat user with a known password."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"warga{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    name = factory.Sequence(lambda n: f"Warga Uji {n}")
    password = factory.django.Password("kata-sandi-uji-123")


def make_site():
    """A home page as the default site's root, with one standard page under it.

    The footer settings row is created here, as the first page view would.
    """
    # A transactional test flushes the tree the migrations made; rebuild it.
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root")
    )
    home = root.add_child(
        instance=HomePage(
            title="Beranda", slug="beranda-ops", hero_title="Selamat datang"
        )
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    FooterSettings.for_site(Site.objects.get())
    about = home.add_child(
        instance=StandardPage(
            title="Tentang", slug="tentang", intro="Tentang situs ini"
        )
    )
    return home, about
