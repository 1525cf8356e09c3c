"""Admin and serving hooks for the public site."""

from django.http import Http404
from wagtail import hooks
from wagtail.models import PageViewRestriction

from .visibility import ancestor_paths, has_hidden_ancestor, is_expired


@hooks.register("before_serve_page")
def hide_expired_and_private_pages(page, request, serve_args, serve_kwargs):
    """Answer 404, not a login form, for expired pages and refused view restrictions.

    Wagtail only unpublishes expired pages when ``publish_scheduled`` runs, serves a
    live page under an unpublished parent, and shows a login or password form for
    private pages; visitors get a plain 404 so a private page's existence does not
    leak.
    """
    if is_expired(page) or has_hidden_ancestor(page):
        raise Http404
    restrictions = PageViewRestriction.objects.filter(
        page__path__in=ancestor_paths(page, inclusive=True)
    )
    for restriction in restrictions:
        if not restriction.accept_request(request):
            raise Http404
