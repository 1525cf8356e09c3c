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
