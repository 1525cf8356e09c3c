"""Admin and serving hooks for the public site."""

from django.http import Http404
from wagtail import hooks

from .visibility import check_serving


@hooks.register("before_serve_page")
def hide_expired_and_private_pages(page, request, serve_args, serve_kwargs):
    """Answer 404, not a login form, for expired pages and refused view restrictions.

    Wagtail only unpublishes expired pages when ``publish_scheduled`` runs, serves a
    live page under an unpublished parent, and shows a login or password form for
    private pages; visitors get a plain 404 so a private page's existence does not
    leak.
    """
    check = check_serving(page, request)
    if check.hidden:
        raise Http404
    for restriction in check.restrictions:
        if not restriction.accept_request(request):
            raise Http404
