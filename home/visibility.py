"""What a visitor may see: one definition used by listings, search, sitemap and serving.

A page is visible when it is live, carries no view restriction (on itself or an
ancestor) and has not passed its expiry date. Wagtail only flips expired pages to
not-live when ``publish_scheduled`` runs, so the expiry date is checked here too.
"""

from django.db.models import Q
from django.utils import timezone


def not_expired():
    """A filter for pages whose expiry date, if any, is still ahead."""
    return Q(expired=False) & (
        Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())
    )


def visible(queryset):
    """Restrict a page queryset to what an anonymous visitor may see."""
    return queryset.live().public().filter(not_expired())


def is_expired(page):
    """Whether ``page`` is past its expiry date (even if still marked live)."""
    return page.expired or (
        page.expire_at is not None and page.expire_at <= timezone.now()
    )


def has_hidden_ancestor(page):
    """Whether a page above ``page`` (below the tree root) is unpublished or expired."""
    ancestors = page.get_ancestors().filter(depth__gt=1)
    return (
        ancestors.exclude(live=True).exists()
        or ancestors.exclude(not_expired()).exists()
    )


def under_hidden_pages(queryset):
    """Drop pages that sit below an unpublished or expired page.

    Listings of one parent's children do not need this (the parent is being
    served, so it is visible); site-wide lists such as the sitemap do.
    """
    from wagtail.models import Page

    hidden_paths = Page.objects.exclude(live=True, expired=False).values_list(
        "path", flat=True
    )
    expired_paths = Page.objects.exclude(not_expired()).values_list("path", flat=True)
    for path in {*hidden_paths, *expired_paths}:
        queryset = queryset.exclude(path__startswith=path)
    return queryset
