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
each (a per-row subquery took seconds at 5,000 library documents).
"""

from dataclasses import dataclass, field

from django.db.models import BooleanField, Exists, F, OuterRef, Q, Subquery
from django.utils import timezone


def not_expired():
    """A filter for pages whose expiry date, if any, is still ahead."""
    return Q(expired=False) & (
        Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())
    )


class PathWithin(Subquery):
    """Whether a page's tree path equals, or lies under, one of a set of paths.

    ``paths`` is a queryset selecting one column named ``tree_path``. The set
    does not depend on the outer row, so PostgreSQL computes it once per
    statement (an ``ARRAY(…)`` init plan) and compares each row with
    ``LIKE ANY``; other databases (SQLite in tests) use ``EXISTS``, which they
    plan well at their sizes. Wagtail's paths are base-36 digits, so a path
    never holds a ``LIKE`` wildcard.
    """

    output_field = BooleanField()
    empty_result_set_value = False
    template = (
        "EXISTS(SELECT 1 FROM (%(subquery)s) hidden"
        " WHERE substr(%(path)s, 1, length(hidden.tree_path)) = hidden.tree_path)"
    )
    postgresql_template = (
        "(%(path)s LIKE ANY(ARRAY("
        "SELECT hidden.tree_path || %%s FROM (%(subquery)s) hidden)))"
    )

    def __init__(self, paths, outer_path="path"):
        super().__init__(paths)
        self.outer_path = F(outer_path)

    def get_source_expressions(self):
        return [self.query, self.outer_path]

    def set_source_expressions(self, exprs):
        self.query, self.outer_path = exprs

    def as_sql(self, compiler, connection, template=None, **extra_context):
        # A column: no parameters of its own, so the subquery's are all there are.
        path_sql, _params = compiler.compile(self.outer_path)
        return super().as_sql(
            compiler,
            connection,
            template=template or self.template,
            path=path_sql,
            **extra_context,
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = self.as_sql(
            compiler, connection, template=self.postgresql_template, **extra_context
        )
        return sql, ("%", *params)  # the LIKE wildcard, ahead of the subquery's


def restricted_paths():
    """Paths of the pages that carry a view restriction (login, group, password)."""
    from wagtail.models import PageViewRestriction

    return PageViewRestriction.objects.annotate(tree_path=F("page__path")).values(
        "tree_path"
    )


def hiding_paths():
    """Paths of the unpublished or expired pages (below the root) that have children."""
    from wagtail.models import Page

    return (
        Page.objects.filter(depth__gt=1, numchild__gt=0)
        .filter(Q(live=False) | ~not_expired())
        .annotate(tree_path=F("path"))
        .values("tree_path")
        .order_by()
    )


def not_restricted():
    """A filter for pages with no view restriction on themselves or an ancestor."""
    return ~PathWithin(restricted_paths())


def no_hidden_ancestor():
    """A filter for pages under no unpublished or expired page.

    A hidden page matches itself too; callers check the page's own state
    (``live``, :func:`not_expired`) anyway.
    """
    return ~PathWithin(hiding_paths())


def visible(queryset):
    """Restrict a page queryset to what an anonymous visitor may see."""
    return queryset.filter(live=True).filter(
        not_expired(), not_restricted(), no_hidden_ancestor()
    )


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


def check_serving(page):
    """Whether ``page`` is hidden, and the view restrictions on it or above it.

    One query in the usual case: the page and its ancestors, each with whether
    it carries a view restriction; the restrictions themselves are loaded only
    when there are some. The check leaves two findings on ``page`` for the rest
    of the request: ``served_ancestors`` (the pages above it, root first, for
    breadcrumbs) and, when nothing restricts it, ``checked_unrestricted``, so
    that Wagtail's own restriction check (:class:`CheckedViewRestrictionsMixin`)
    needs no query either.
    """
    from wagtail.models import Page, PageViewRestriction

    steplen = page.steplen
    paths = [page.path[:i] for i in range(steplen, len(page.path) + 1, steplen)]
    chain = list(
        Page.objects.filter(path__in=paths)
        .annotate(
            restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk")))
        )
        .order_by("path")
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
