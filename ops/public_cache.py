"""Public building blocks every page shares, built once per public content version.

The main menu, the Wagtail site that answers a host and the help-desk contact are
the same for every visitor and every signed-in user, yet cost a query each on
every page. They are kept in process memory, tagged with a *public content
version* held in the shared cache (Redis in production): any write that can
change what a visitor sees (the writes that retire the visitor page cache, see
:func:`ops.page_cache.is_public_write`) replaces the version at once and again
when its transaction commits, so every process rebuilds them on its next request.

Only what is identical for everyone belongs here: never a user, a session, a
CSRF token or anything private. A short lifetime (``PAGE_CACHE_SECONDS``) bounds
what a write that bypasses model signals (a bulk ``QuerySet.update``) leaves.
Values are stored pickled, so each request gets its own copy to modify.
"""

import logging
import pickle
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

logger = logging.getLogger(__name__)

VERSION_KEY = "public-content:version"
_REQUEST_ATTRIBUTE = "_public_content_version"

_lock = threading.Lock()
_memo = {"version": None, "items": {}}


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current_version(request=None):
    """The public content version (read once per request), or None if unknown."""
    if request is not None and hasattr(request, _REQUEST_ATTRIBUTE):
        return getattr(request, _REQUEST_ATTRIBUTE)
    try:
        cache = _cache()
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, None)
            version = cache.get(VERSION_KEY)
    except Exception as error:
        logger.warning("Public content version unavailable (%s).", type(error).__name__)
        version = None
    if request is not None:
        setattr(request, _REQUEST_ATTRIBUTE, version)
    return version


def bump():
    """Retire everything remembered, in every process sharing the cache."""
    try:
        _cache().set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception as error:
        # Remembered values then live until PAGE_CACHE_SECONDS at most.
        logger.warning(
            "Public content version not replaced (%s).", type(error).__name__
        )


def remember(name, build, request=None):
    """``build()``, reused in this process while the public content version holds.

    The version is read before building, so a value built from rows a concurrent
    write is replacing is filed under a version that write retires.
    """
    version = current_version(request)
    if version is None:
        return build()
    now = time.monotonic()
    with _lock:
        if _memo["version"] != version:
            _memo["version"] = version
            _memo["items"] = {}
        found = _memo["items"].get(name)
    if found is not None and found[0] > now:
        return pickle.loads(found[1])  # noqa: S301  (our own pickles, never user input)
    value = build()
    blob = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    with _lock:
        if _memo["version"] == version:
            _memo["items"][name] = (now + settings.PAGE_CACHE_SECONDS, blob)
    return value


def shared(name, build, request=None):
    """``build()``, kept in the shared cache while the public content version holds.

    For values too many or too large to keep in every process (rendered
    fragments); one cache round trip per use.
    """
    version = current_version(request)
    if version is None:
        return build()
    key = f"public:{version}:{name}"
    cache = _cache()
    try:
        found = cache.get(key)
    except Exception as error:
        logger.warning("Shared fragment unavailable (%s).", type(error).__name__)
        return build()
    if found is not None:
        return found
    value = build()
    try:
        cache.set(key, value, settings.PAGE_CACHE_SECONDS)
    except Exception as error:
        logger.warning("Shared fragment not stored (%s).", type(error).__name__)
    return value


def forget_all():
    """Drop this process's remembered values (tests, management commands)."""
    with _lock:
        _memo["version"] = None
        _memo["items"] = {}


def bump_on_write(sender, instance=None, update_fields=None, raw=False, **kwargs):
    """Replace the version now (for this transaction's own reads) and on commit.

    The second replacement retires what a concurrent request rebuilt, from the
    rows as they were, between the first one and the commit.
    """
    from .page_cache import is_public_write

    if not is_public_write(sender, update_fields=update_fields, raw=raw):
        return
    bump()
    transaction.on_commit(bump)
