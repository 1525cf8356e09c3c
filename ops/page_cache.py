"""A page cache for visitors that can never hold anything private.

Pages are cached whole, in the shared cache (Redis in production), only for
requests and responses that carry nothing personal:

* the request is a GET or HEAD with no cookie except the CSRF and language
  cookies, so it has no session, no messages and no signed-in user;
* the response is a plain 200 with no ``Set-Cookie``, no ``Cache-Control`` of
  ``private``/``no-cache``/``no-store``, no CSRF token used while rendering and
  no form field carrying one, and the session was not touched in a way that
  would be saved.

Entries are keyed by scheme, host, full path (with query string) and active
language, and tagged with a *generation*: any write to public content (page
publish, unpublish, move or delete, a reply, a profile, a document) replaces the
generation, which retires every entry at once, on every host. A short lifetime
(``PAGE_CACHE_SECONDS``) bounds what a write that bypasses model signals (a bulk
``QuerySet.update``) can leave behind.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
HEADER = "X-Page-Cache"

# Writes to these apps or models never change what a visitor sees. Labels, not
# module names: django_tasks_db's label is "django_tasks_database" (every queued
# email is a write there); "wagtailadmin" holds the editing sessions the page
# editor saves every ten seconds while an editor keeps a page open.
PRIVATE_OR_INTERNAL_APPS = frozenset(
    {
        "account",
        "consult",
        "contenttypes",
        "django_tasks_database",
        "outbox",
        "privacy",
        "sessions",
        "wagtailadmin",
        "wagtailusers",
    }
)
INTERNAL_MODELS = frozenset(
    {
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.modellogentry",
        "wagtailcore.pagelogentry",
        "wagtailcore.pagesubscription",
        "wagtailcore.referenceindex",
        "wagtailcore.revision",
        "wagtailcore.taskstate",
        "wagtailcore.uploadedfile",
        "wagtailcore.workflowstate",
    }
)
# Saves that write only these fields change nothing a visitor sees: a sign-in,
# and Wagtail's draft bookkeeping (a draft revision, which the page editor also
# autosaves as an editor types; comments; a lock) on the page it leaves live.
NON_PUBLIC_FIELDS = frozenset(
    {
        "last_login",
        "draft_title",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
        "wagtail_admin_comments",
    }
)
# Headers that belong to one response only and are never replayed.
UNSTORED_HEADERS = frozenset({"set-cookie", "x-request-id", "date", HEADER.lower()})
CSRF_FORM_FIELD = b"csrfmiddlewaretoken"


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def invalidate():
    """Retire every cached page at once, on every host sharing the cache."""
    try:
        _cache().set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception as error:
        # Cached pages then live until PAGE_CACHE_SECONDS at most.
        logger.warning(
            "Page cache could not be invalidated (%s).", type(error).__name__
        )


def _ensure_generation(cache):
    cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
    return cache.get(GENERATION_KEY)


def _allowed_cookies():
    return {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


def is_candidate(request):
    """True when the request comes from a visitor whose page may be shared."""
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    # Wagtail renders previews of drafts through a dummy request.
    if getattr(request, "is_dummy", False) or getattr(request, "is_preview", False):
        return False
    if request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PREFIXES)):
        return False
    return set(request.COOKIES) <= _allowed_cookies()


def cache_key(request):
    """Key a page by scheme, host, full path and language; never by a cookie."""
    raw = "|".join(
        (
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            get_language() or "",
        )
    )
    return "page-cache:" + hashlib.sha256(raw.encode()).hexdigest()


def is_storable(request, response):
    """True when the response holds nothing that belongs to one person."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get(
        "CSRF_COOKIE_USED"
    ):
        return False
    # A session saved during this request (a sign-in, a message) is personal.
    session = getattr(request, "session", None)
    if session is not None and (session.modified or session.session_key):
        return False
    return CSRF_FORM_FIELD not in response.content


def _entry(generation, response):
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in UNSTORED_HEADERS
    ]
    return (generation, response.status_code, headers, response.content)


def _response(entry, head):
    _generation, status, headers, content = entry
    response = HttpResponse(b"" if head else content, status=status)
    for name, value in headers:
        response[name] = value
    response[HEADER] = "hit"
    return response


class VisitorPageCacheMiddleware:
    """Answer visitors from the shared cache; store what is safe to share."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_candidate(request):
            return self.get_response(request)

        cache = _cache()
        key = cache_key(request)
        try:
            found = cache.get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY) or _ensure_generation(cache)
        except Exception:
            logger.exception("Page cache unavailable; serving without it.")
            return self.get_response(request)

        entry = found.get(key)
        if entry and entry[0] == generation:
            request.page_cache = "hit"
            return _response(entry, head=request.method == "HEAD")

        response = self.get_response(request)
        # Whatever a visitor is served must not be stored by a shared proxy for
        # someone else: the page differs once a session cookie exists.
        patch_vary_headers(response, ("Cookie",))
        if is_storable(request, response):
            try:
                cache.set(
                    key, _entry(generation, response), settings.PAGE_CACHE_SECONDS
                )
            except Exception:
                logger.exception("Page cache could not store a page.")
            else:
                request.page_cache = "miss"
                response[HEADER] = "miss"
        return response


def is_public_write(sender, update_fields=None, raw=False):
    """Whether a write to ``sender`` may change what a visitor sees.

    Migrations (historical models) are left out: the cache table may not exist
    yet; so are fixtures (``raw``), loaded before anything is served.
    """
    meta = sender._meta
    if meta.app_label in PRIVATE_OR_INTERNAL_APPS:
        return False
    if meta.label_lower in INTERNAL_MODELS or sender.__module__ == "__fake__":
        return False
    if raw:
        return False
    return not (update_fields is not None and set(update_fields) <= NON_PUBLIC_FIELDS)


def _invalidate_on_write(
    sender, instance=None, update_fields=None, raw=False, **kwargs
):
    """Invalidate once the write to anything a visitor may see is committed.

    Not before: a visitor's request in between would render the old rows and
    store them under the new generation.
    """
    if not is_public_write(sender, update_fields=update_fields, raw=raw):
        return
    if settings.PAGE_CACHE_ENABLED:
        transaction.on_commit(invalidate)


def connect_signals():
    """Listen to every model write; the filter above keeps what matters.

    The public content versions first: receivers run, and their commit
    callbacks are queued, in this order. A request reads the page cache's
    generation before the versions, so a write must replace them the other
    way round, or a page built from parts of the old rows could be stored
    under the new generation.
    """
    from .public_cache import bump_on_write

    post_save.connect(bump_on_write, dispatch_uid="public-cache-save")
    post_delete.connect(bump_on_write, dispatch_uid="public-cache-delete")
    post_save.connect(_invalidate_on_write, dispatch_uid="page-cache-save")
    post_delete.connect(_invalidate_on_write, dispatch_uid="page-cache-delete")
