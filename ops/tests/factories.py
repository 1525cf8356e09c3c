"""A small site with a page of each kind for the operations tests.

Accounts come from ``accounts.tests.factories``.
"""

from django.conf import settings
from wagtail.models import Collection, Locale, Page, Site

from home.models import FooterSettings, HomePage, StandardPage


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
