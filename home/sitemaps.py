"""The sitemap: Wagtail's, limited to pages a visitor may see."""

from wagtail.contrib.sitemaps import Sitemap

from .visibility import not_expired, under_hidden_pages


class VisibleSitemap(Sitemap):
    """Wagtail's page sitemap without expired pages or pages under hidden ones."""

    def items(self):
        return under_hidden_pages(super().items().filter(not_expired()))
