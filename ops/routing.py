"""Find the site and the page of a request with as few queries as possible."""

from functools import cache

from django.http import Http404
from wagtail.models import Page, Site, get_page_models

from .public_cache import remember

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class PathLookupRouteMixin:
    """Route ``/a/b/c/`` by looking up the page whose ``url_path`` matches.

    Wagtail's own ``route`` walks the tree: two queries per path segment. For
    the site root that serves every page, this mixin fetches the target page by
    its URL path at once, in its own class, and remembers it per public content
    version (``ops.public_cache``: any page write retires it), so serving a page
    again costs no query. That page then finishes routing as Wagtail would
    (``route`` with no components still checks it is live). It steps aside,
    using Wagtail's walk, as soon as any page type customises ``route`` (for
    example with RoutablePageMixin), because then a parent may claim the path.
    """

    def route(self, request, path_components):
        if not path_components or not _default_routing_everywhere():
            return super().route(request, path_components)
        url_path = f"{self.url_path}{'/'.join(path_components)}/"
        page = remember(f"page:{url_path}", lambda: _page_at(url_path), request)
        if page is None:
            raise Http404
        return page.route(request, [])


def _page_at(url_path):
    """The page at ``url_path`` in its own class, or None (two queries at most)."""
    page = Page.objects.filter(url_path=url_path).first()
    return page.specific if page is not None else None


@cache
def _default_routing_everywhere():
    return all(
        model.route in (Page.route, PathLookupRouteMixin.route)
        for model in get_page_models()
    )


def _site_with_specific_root(request):
    """Wagtail's site for this request, its root page already in its own class."""
    site = Site.find_for_request(request)
    if site is not None and site.root_page_id:
        # Routing starts from ``site.root_page.specific``; keep that instance.
        site.root_page = site.root_page.specific
    return site


class CachedSiteMiddleware:
    """Answer Wagtail's "which site is this?" from memory, not two queries a request.

    Wagtail looks the site up once per request (``Site.find_for_request``, which
    keeps its answer in ``request._wagtail_site``), then loads the root page's
    own class to route; the first page URL a template writes reads every site's
    root path from the cache (kept in ``request._wagtail_cached_site_root_paths``).
    All are the same for every request to a host, so they are built once per
    public content version (``ops.public_cache``; sites and pages are public
    writes). The admin keeps Wagtail's own lookups.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(ADMIN_PREFIXES):
            key = f"site:{request.get_host()}:{request.get_port()}"
            request._wagtail_site = remember(
                key, lambda: _site_with_specific_root(request), request
            )
            request._wagtail_cached_site_root_paths = remember(
                "site-root-paths", Site.get_site_root_paths, request
            )
        return self.get_response(request)
