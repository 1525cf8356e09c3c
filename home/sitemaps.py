"""The sitemap: Wagtail's, limited to pages a visitor may see."""

from wagtail.contrib.sitemaps import Sitemap

from .visibility import not_expired


class VisibleSitemap(Sitemap):
    """Wagtail's page sitemap without expired pages (live and public it already is)."""

    def items(self):
        return super().items().filter(not_expired())
