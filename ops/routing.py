"""Find a page from its URL in one query instead of one per path segment."""

from functools import cache

from django.http import Http404
from wagtail.models import Page, get_page_models


class PathLookupRouteMixin:
    """Route ``/a/b/c/`` by looking up the page whose ``url_path`` matches.

    Wagtail's own ``route`` walks the tree: two queries per path segment. For
    the site root that serves every page, this mixin fetches the target page by
    its URL path at once, then lets that page finish routing as Wagtail would
    (``route`` with no components still checks it is live). It steps aside,
    using Wagtail's walk, as soon as any page type customises ``route`` (for
    example with RoutablePageMixin), because then a parent may claim the path.
    """

    def route(self, request, path_components):
        if len(path_components) < 2 or not _default_routing_everywhere():
            return super().route(request, path_components)
        url_path = f"{self.url_path}{'/'.join(path_components)}/"
        page = Page.objects.filter(url_path=url_path).first()
        if page is None:
            raise Http404
        return page.specific.route(request, [])


@cache
def _default_routing_everywhere():
    return all(
        model.route in (Page.route, PathLookupRouteMixin.route)
        for model in get_page_models()
    )
