"""Admin and serving hooks for the public site."""

import logging

from django.http import Http404
from wagtail import hooks

from .visibility import is_expired

logger = logging.getLogger(__name__)


@hooks.register("before_serve_page")
def hide_expired_and_private_pages(page, request, serve_args, serve_kwargs):
    """Answer 404, not a login form, for expired pages and refused view restrictions.

    Wagtail only unpublishes expired pages when ``publish_scheduled`` runs, and it
    shows a login or password form for private pages; visitors get a plain 404 so a
    private page's existence does not leak.
    """
    if is_expired(page):
        raise Http404
    for restriction in page.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404
