"""Middleware for running the site: request ids and logs, headers, limits, CSP."""

import logging
import re
import time
import uuid

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from .logs import request_id_var
from .params import parse_id

logger = logging.getLogger("ops.access")

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def _route(request):
    """The URL pattern that served the request, never a token inside a URL.

    Wagtail pages are logged by path (their slugs are public); every other view
    by its pattern, so ``/akun/password/reset/key/<key>/`` never writes a key.
    """
    match = getattr(request, "resolver_match", None)
    if match is None:
        return request.path[:200]
    if match.url_name == "wagtail_serve":
        return request.path[:200]
    return "/" + match.route.lstrip("^")


class RequestLogMiddleware:
    """Give each request an id and log one line about it, without personal data.

    The id comes from the reverse proxy's ``X-Request-ID`` when it looks sane,
    is returned in the response and is attached to every log line written while
    the request runs. The line holds method, route, status, duration and whether
    the page cache answered; never the query string, an address or a user.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            if settings.ACCESS_LOG:
                logger.info(
                    "request",
                    extra={
                        "method": request.method,
                        "route": _route(request),
                        "status": response.status_code,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                        "cache": getattr(request, "page_cache", None),
                    },
                )
            return response
        finally:
            request_id_var.reset(token)


class SecurityHeadersMiddleware:
    """Add the Permissions-Policy header and refuse oversized request bodies.

    Django limits form fields but not the total size of uploaded files, so a
    request announcing more than ``MAX_REQUEST_BODY_BYTES`` is refused with 413
    before anything reads it. The reverse proxy should refuse the same size.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BODY_BYTES:
            limit_mb = settings.MAX_REQUEST_BODY_BYTES // (1024 * 1024)
            response = HttpResponse(
                _("The upload is too large. The limit is %(limit)s MB.")
                % {"limit": limit_mb},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        else:
            response = self.get_response(request)
        if settings.PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the Wagtail admin's few extra allowances.

    Public pages get ``CONTENT_SECURITY_POLICY`` as it stands. Paths under
    ``ADMIN_PATH_PREFIXES`` get the directives of
    ``CONTENT_SECURITY_POLICY_ADMIN_REPLACE`` in place of the public ones, and
    Wagtail's previews (a page rendered inside the admin through a dummy
    request) may be framed by the admin.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if getattr(request, "is_dummy", False):
            extra = settings.CONTENT_SECURITY_POLICY_PREVIEW_REPLACE
        elif request.path_info.startswith(tuple(settings.ADMIN_PATH_PREFIXES)):
            extra = settings.CONTENT_SECURITY_POLICY_ADMIN_REPLACE
        else:
            return parts
        parts.replace = {**extra, **(parts.replace or {})}
        return parts


class AdminChooserQueryMiddleware:
    """Keep query values that break two of Wagtail's choosers away from them.

    Both come only from an address typed or edited by hand, never from the
    admin's own links, but they answered 500:

    - every "chosen multiple" view filters ``pk__in`` with whatever ``?id=``
      holds, so ``?id=abc`` raised ValueError; the page chooser's also reads the
      parent of each page, which the root page lacks (AttributeError);
    - the image chooser filters ``?tag=`` before searching ``?q=``, which the
      database search backend cannot do (FilterFieldError). A search then
      ignores the tag.

    TODO: drop this once Wagtail checks these values itself (7.4 does not).
    """

    IMAGE_CHOOSER_VIEWS = {
        "wagtailimages_chooser:choose",
        "wagtailimages_chooser:choose_results",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not request.GET:
            return None
        if (match.url_name or "").endswith("chosen_multiple"):
            query = request.GET.copy()
            ids = [value for value in query.getlist("id") if parse_id(value)]
            if ids and match.url_name == "wagtailadmin_choose_page_chosen_multiple":
                from wagtail.models import Page

                roots = Page.objects.filter(depth=1).values_list("pk", flat=True)
                ids = [value for value in ids if parse_id(value) not in set(roots)]
            query.setlist("id", ids)
            request.GET = query
        elif match.view_name in self.IMAGE_CHOOSER_VIEWS and request.GET.get("q"):
            query = request.GET.copy()
            query.pop("tag", None)
            request.GET = query
        return None
