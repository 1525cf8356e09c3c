"""Admin and serving hooks for the public site."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce
from django.http import Http404
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction

from .visibility import is_expired


def served_ancestors(page):
    """``page``'s ancestors, root first, fetched once per served page (one query).

    Each carries ``restricted``: whether a view restriction applies to it (to
    its source page when it is an alias, as Wagtail checks). So does the page
    itself, as ``page._restricted``.
    """
    cached = getattr(page, "_served_ancestors", None)
    if cached is not None:
        return cached
    steplen = page.steplen
    paths = [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]
    restricted = PageViewRestriction.objects.filter(
        page_id=Coalesce(OuterRef("alias_of_id"), OuterRef("pk"))
    )
    rows = list(
        Page.objects.filter(path__in=paths)
        .annotate(restricted=Exists(restricted))
        .order_by("path")
    )
    page._restricted = any(row.restricted for row in rows if row.pk == page.pk)
    page._served_ancestors = [row for row in rows if row.pk != page.pk]
    return page._served_ancestors


def _is_hidden(ancestor):
    return not ancestor.live or is_expired(ancestor)


@hooks.register("before_serve_page")
def hide_expired_and_private_pages(page, request, serve_args, serve_kwargs):
    """Answer 404, not a login form, for expired pages and refused view restrictions.

    Wagtail only unpublishes expired pages when ``publish_scheduled`` runs, serves a
    live page under an unpublished parent, and shows a login or password form for
    private pages; visitors get a plain 404 so a private page's existence does not
    leak.

    One query finds the ancestors and whether a restriction applies anywhere;
    the restrictions themselves are loaded only then. The answer is handed to
    Wagtail's own check (``on_serve_page``), which would otherwise query twice
    more, and the ancestors to the breadcrumbs.
    """
    if is_expired(page):
        raise Http404
    ancestors = served_ancestors(page)
    if any(_is_hidden(ancestor) for ancestor in ancestors if ancestor.depth > 1):
        raise Http404

    restricted_ids = [a.alias_of_id or a.pk for a in ancestors if a.restricted]
    if page._restricted:
        restricted_ids.append(page.alias_of_id or page.pk)
    restrictions = []
    if restricted_ids:
        restrictions = list(
            PageViewRestriction.objects.filter(page_id__in=restricted_ids)
        )
    for restriction in restrictions:
        if not restriction.accept_request(request):
            raise Http404
    # Wagtail's check (``check_view_restrictions``) asks the page for the same
    # restrictions; hand it the answer instead of two more queries.
    page.get_view_restrictions = KnownRestrictions(restrictions)


class KnownRestrictions:
    """Stands in for ``Page.get_view_restrictions`` once they are known."""

    def __init__(self, restrictions):
        self.restrictions = restrictions

    def __call__(self):
        return self.restrictions
