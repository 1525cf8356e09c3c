"""What a visitor may see: one definition used by listings, search, sitemap and serving.

A page is visible when it is live, carries no view restriction (on itself or an
ancestor), has not passed its expiry date and sits under no unpublished or
expired page. Wagtail only flips expired pages to not-live when
``publish_scheduled`` runs, so the expiry date is checked here too.

The checks are set-based: the few tree paths that hide everything below them
(pages with a view restriction; unpublished or expired pages that have
children) are selected once per SQL statement, and each page is tested against
that short list by path prefix. Making a queryset visible costs no query of its
own, and the cost grows with the number of pages only by a string comparison
each (a subquery per row took seconds at 5,000 library documents).
"""

from dataclasses import dataclass, field

from django.db.models import BooleanField, Exists, Expression, F, OuterRef, Q
from django.utils import timezone


def not_expired():
    """A filter for pages whose expiry date, if any, is still ahead."""
    return Q(expired=False) & (
        Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())
    )


class InHiddenSubtree(Expression):
    """Whether a page is, or lies under, a page that hides its subtree.

    Such a page carries a view restriction (``restricted``), or is unpublished
    or expired and has children (``unpublished``). The set of their paths does
    not depend on the outer row, so PostgreSQL computes it once per statement
    (an ``ARRAY(…)`` init plan) and compares each row's path with ``LIKE ANY``;
    other databases (SQLite in tests) use ``EXISTS``, fine at their sizes.
    Wagtail's paths are base-36 digits: a path never holds a ``LIKE`` wildcard.

    The set is plain SQL rather than querysets: it is compiled for every
    visible() query, and querysets made that cost milliseconds of Python each.
    """

    conditional = True
    output_field = BooleanField()
    template = (
        "EXISTS(SELECT 1 FROM (%(hidden)s) hidden"
        " WHERE substr(%(path)s, 1, length(hidden.tree_path)) = hidden.tree_path)"
    )
    postgresql_template = (
        "(%(path)s LIKE ANY(ARRAY("
        "SELECT hidden.tree_path || '%%%%' FROM (%(hidden)s) hidden)))"
    )
    restricted_sql = (
        "SELECT hp.path AS tree_path FROM %(restriction)s hr"
        " INNER JOIN %(page)s hp ON hp.id = hr.page_id"
    )
    # numchild > 0 matches the partial index of migration home 0002.
    unpublished_sql = (
        "SELECT hp.path AS tree_path FROM %(page)s hp"
        " WHERE hp.depth > 1 AND hp.numchild > 0"
        " AND (NOT hp.live OR hp.expired OR hp.expire_at <= %%s)"
    )

    def __init__(self, restricted=True, unpublished=True, outer_path="path"):
        super().__init__()
        self.restricted = restricted
        self.unpublished = unpublished
        self.outer_path = F(outer_path)

    def get_source_expressions(self):
        return [self.outer_path]

    def set_source_expressions(self, exprs):
        (self.outer_path,) = exprs

    def _hidden(self, connection):
        from wagtail.models import Page, PageViewRestriction

        tables = {
            "page": connection.ops.quote_name(Page._meta.db_table),
            "restriction": connection.ops.quote_name(
                PageViewRestriction._meta.db_table
            ),
        }
        parts, params = [], []
        if self.restricted:
            parts.append(self.restricted_sql % tables)
        if self.unpublished:
            parts.append(self.unpublished_sql % tables)
            params.append(connection.ops.adapt_datetimefield_value(timezone.now()))
        return " UNION ALL ".join(parts), params

    def as_sql(self, compiler, connection, template=None):
        # The path is a column: no parameters of its own.
        path, _params = compiler.compile(self.outer_path)
        hidden, params = self._hidden(connection)
        template = template or self.template
        return template % {"path": path, "hidden": hidden}, tuple(params)

    def as_postgresql(self, compiler, connection):
        return self.as_sql(compiler, connection, template=self.postgresql_template)


def not_restricted():
    """A filter for pages with no view restriction on themselves or an ancestor."""
    return ~InHiddenSubtree(unpublished=False)


def no_hidden_ancestor():
    """A filter for pages under no unpublished or expired page.

    A hidden page matches itself too; callers check the page's own state
    (``live``, :func:`not_expired`) anyway.
    """
    return ~InHiddenSubtree(restricted=False)


def visible(queryset):
    """Restrict a page queryset to what an anonymous visitor may see."""
    return queryset.filter(Q(live=True) & not_expired(), ~InHiddenSubtree())


def is_expired(page):
    """Whether ``page`` is past its expiry date (even if still marked live)."""
    return page.expired or (
        page.expire_at is not None and page.expire_at <= timezone.now()
    )


def ancestor_paths(page, inclusive=False):
    """Tree paths of the pages above ``page`` (below the root), without a query."""
    steplen = page.steplen
    end = len(page.path) + (steplen if inclusive else 0)
    return [page.path[:i] for i in range(2 * steplen, end, steplen)]


@dataclass
class ServingCheck:
    """What serving a page needs to know about the page and the pages above it."""

    hidden: bool
    restrictions: list = field(default_factory=list)


def check_serving(page, request=None):
    """Whether ``page`` is hidden, and the view restrictions on it or above it.

    No query in the usual case: the page and its ancestors, each with whether
    it carries a view restriction, are loaded in one query and remembered per
    public content version (``ops.public_cache``: any page or restriction write
    retires them); expiry dates are compared with the time of each request.
    The restrictions themselves are loaded, fresh, only when there are some.
    The check leaves two findings on ``page`` for the rest of the request:
    ``served_ancestors`` (the pages above it, root first, for breadcrumbs) and,
    when nothing restricts it, ``checked_unrestricted``, so that Wagtail's own
    restriction check (:class:`CheckedViewRestrictionsMixin`) needs no query
    either.
    """
    from wagtail.models import PageViewRestriction

    from ops.public_cache import remember

    if request is None or getattr(request, "is_preview", False):
        chain = _serving_chain(page)
    else:
        chain = remember(
            f"serving-chain:{page.pk}:{page.path}",
            lambda: _serving_chain(page),
            request,
        )
    ancestors = [other for other in chain if other.path != page.path]
    if is_expired(page) or any(
        other.depth > 1 and (not other.live or is_expired(other)) for other in ancestors
    ):
        return ServingCheck(hidden=True)
    page.served_ancestors = ancestors

    if page.alias_of_id or any(other.alias_of_id for other in chain):
        # An alias takes its restrictions from its source page: Wagtail's rules.
        restrictions = list(page.get_view_restrictions())
    elif any(other.restricted for other in chain):
        restrictions = list(
            PageViewRestriction.objects.filter(
                page__in=[other.pk for other in chain if other.restricted]
            )
        )
    else:
        page.checked_unrestricted = True
        restrictions = []
    return ServingCheck(hidden=False, restrictions=restrictions)


def _serving_chain(page):
    """The page and its ancestors, root first, each marked ``restricted`` or not."""
    from wagtail.models import Page, PageViewRestriction

    steplen = page.steplen
    paths = [page.path[:i] for i in range(steplen, len(page.path) + 1, steplen)]
    return list(
        Page.objects.filter(path__in=paths)
        .annotate(
            restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk")))
        )
        .order_by("path")
    )


class CheckedViewRestrictionsMixin:
    """Page models: reuse the serving check's finding that a page is unrestricted.

    Wagtail checks view restrictions again after ``before_serve_page`` hooks,
    with two queries; :func:`check_serving` already knows the answer.
    """

    def get_view_restrictions(self):
        if getattr(self, "checked_unrestricted", False):
            from wagtail.models import PageViewRestriction

            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
