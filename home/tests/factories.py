"""Factories for the site shell: the home page as site root, standard pages."""

import factory
import wagtail_factories
from wagtail.models import Page, Site

from home.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Beranda"
    slug = factory.Sequence(lambda n: f"beranda-{n}")
    hero_title = "Ruang Runding Kutai Kartanegara"
    hero_text = "Ruang musyawarah para ahli."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Panduan {n}")
    slug = factory.Sequence(lambda n: f"panduan-{n}")
    intro = "Ringkasan"

    class Meta:
        model = StandardPage


def make_home():
    """A HomePage under the tree root, made the default site's root page."""
    home = HomePageFactory(parent=Page.get_first_root_node())
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    else:
        site.root_page = home
        site.save()
    return home
