"""What a visitor may see: one definition used by listings, search, sitemap and serving.

A page is visible when it is live, carries no view restriction (on itself or an
ancestor), has not passed its expiry date and sits under no unpublished or
expired page. Wagtail only flips expired pages to not-live when
``publish_scheduled`` runs, so the expiry date is checked here too. Every check is
a subquery, so making a queryset visible costs no query of its own.
"""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone


def not_expired():
    """A filter for pages whose expiry date, if any, is still ahead."""
    return Q(expired=False) & (
        Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())
    )


def _outer_path():
    return ExpressionWrapper(OuterRef("path"), output_field=CharField())


def not_restricted():
    """A filter for pages with no view restriction on themselves or an ancestor."""
    from wagtail.models import PageViewRestriction

    restrictions = PageViewRestriction.objects.annotate(
        target_path=_outer_path()
    ).filter(target_path__startswith=F("page__path"))
    return ~Exists(restrictions)


def no_hidden_ancestor():
    """A filter for pages with no unpublished or expired page above them."""
    from wagtail.models import Page

    hidden = (
        Page.objects.annotate(target_path=_outer_path())
        .filter(
            target_path__startswith=F("path"),
            depth__gt=1,
            depth__lt=OuterRef("depth"),
        )
        .filter(Q(live=False) | ~not_expired())
    )
    return ~Exists(hidden)


def visible(queryset):
    """Restrict a page queryset to what an anonymous visitor may see."""
    return queryset.filter(live=True).filter(
        not_restricted(), not_expired(), no_hidden_ancestor()
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


def has_hidden_ancestor(page):
    """Whether a page above ``page`` (below the tree root) is unpublished or expired."""
    from wagtail.models import Page

    return (
        Page.objects.filter(path__in=ancestor_paths(page))
        .filter(Q(live=False) | ~not_expired())
        .exists()
    )
