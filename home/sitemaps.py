"""The sitemap: Wagtail's, limited to pages a visitor may see."""

from wagtail.contrib.sitemaps import Sitemap

from .visibility import no_hidden_ancestor, not_expired


class VisibleSitemap(Sitemap):
    """Wagtail's page sitemap without expired pages or pages under hidden ones."""

    def items(self):
        return super().items().filter(not_expired(), no_hidden_ancestor())
