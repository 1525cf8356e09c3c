"""Public building blocks every page shares, built once per public content version.

The main menu, the Wagtail site that answers a host, the help-desk contact and a
topic's list of replies are the same for every visitor and every signed-in user,
yet cost queries and rendering on every page. They are kept (in process memory,
or in the shared cache for larger fragments), tagged with a *public content
version* held in the shared cache (Redis in production): any write that can
change what a visitor sees (the writes that retire the visitor page cache, see
:func:`ops.page_cache.is_public_write`) replaces the version at once and again
when its transaction commits, so every process rebuilds them on its next use.

There are two versions, so that the stream of expert replies does not rebuild
what replies never change: ``SITE`` (pages, sites, settings, profiles: the menu,
the site, the footer, a topic's questions) and ``DISCUSSION`` (what replies
change: counts, lists of replies). A reply replaces only ``DISCUSSION``; any
other public write replaces both.

Only what is identical for everyone belongs here: never a user, a session, a
CSRF token or anything private. A short lifetime (``PAGE_CACHE_SECONDS``) bounds
what a write that bypasses model signals (a bulk ``QuerySet.update``) leaves.
Values in process memory are stored pickled, so each request gets its own copy;
each process keeps at most ``MAX_ITEMS`` of them, dropping the least recently
used first (served pages are remembered too, one entry each).
"""

import logging
import pickle
import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

logger = logging.getLogger(__name__)

SITE = "site"
DISCUSSION = "discussion"
SCOPES = (SITE, DISCUSSION)
# Writes to these models change only the discussion.
DISCUSSION_MODELS = frozenset({"rpjpd.reply", "rpjpd.replyrevision"})
# Keep this many values per process at most, least recently used out first:
# a few shared parts, plus one entry per page served (``ops.routing``).
MAX_ITEMS = 2000

_REQUEST_ATTRIBUTE = "_public_content_versions"

_lock = threading.Lock()
# items: tag -> (depends_on, expiry, blob), least recently used first.
_memo = {"versions": None, "items": OrderedDict()}


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _key(scope):
    return f"public-content:version:{scope}"


def current_versions(request=None):
    """``{scope: version}`` (read once per request, in one round trip), or None."""
    if request is not None and hasattr(request, _REQUEST_ATTRIBUTE):
        return getattr(request, _REQUEST_ATTRIBUTE)
    try:
        cache = _cache()
        found = cache.get_many([_key(scope) for scope in SCOPES])
        versions = {}
        for scope in SCOPES:
            version = found.get(_key(scope))
            if version is None:
                cache.add(_key(scope), uuid.uuid4().hex, None)
                version = cache.get(_key(scope))
            if version is None:
                raise LookupError("no version")
            versions[scope] = version
    except Exception as error:
        logger.warning("Public content version unavailable (%s).", type(error).__name__)
        versions = None
    if request is not None:
        setattr(request, _REQUEST_ATTRIBUTE, versions)
    return versions


def bump(*scopes):
    """Retire what was built under these scopes' versions, in every process."""
    try:
        _cache().set_many(
            {_key(scope): uuid.uuid4().hex for scope in scopes or SCOPES}, None
        )
    except Exception as error:
        # Remembered values then live until PAGE_CACHE_SECONDS at most.
        logger.warning(
            "Public content version not replaced (%s).", type(error).__name__
        )


def _tag(name, scope, request):
    """``(tag, depends_on)`` for a value of ``scope``, or None without versions."""
    versions = current_versions(request)
    if versions is None:
        return None
    if scope == SITE:
        depends_on = (versions[SITE],)
    else:
        # What the discussion shows also shows names, profiles and pages.
        depends_on = (versions[SITE], versions[DISCUSSION])
    return ":".join((*depends_on, name)), depends_on


def _prune(versions):
    """Drop values built under retired versions (caller holds the lock)."""
    if _memo["versions"] == versions:
        return
    _memo["versions"] = versions
    current = {(versions[SITE],), (versions[SITE], versions[DISCUSSION])}
    _memo["items"] = OrderedDict(
        (tag, item) for tag, item in _memo["items"].items() if item[0] in current
    )


def remember(name, build, request=None, scope=SITE):
    """``build()``, reused in this process while the ``scope``'s version holds.

    The versions are read before building, so a value built from rows a
    concurrent write is replacing is filed under a version that write retires.
    ``None`` is never kept: a name that finds nothing (an unknown URL) is built
    again each time rather than filling the memory.
    """
    tagged = _tag(name, scope, request)
    if tagged is None:
        return build()
    tag, depends_on = tagged
    now = time.monotonic()
    with _lock:
        _prune(current_versions(request))
        found = _memo["items"].get(tag)
        if found is not None:
            _memo["items"].move_to_end(tag)
    if found is not None and found[1] > now:
        return pickle.loads(found[2])  # noqa: S301  (our own pickles, never user input)
    value = build()
    if value is None:
        return None
    blob = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    with _lock:
        items = _memo["items"]
        items[tag] = (depends_on, now + settings.PAGE_CACHE_SECONDS, blob)
        items.move_to_end(tag)
        while len(items) > MAX_ITEMS:
            items.popitem(last=False)
    return value


def shared(name, build, request=None, scope=DISCUSSION):
    """``build()``, kept in the shared cache while the ``scope``'s version holds.

    For values too many or too large to keep in every process (rendered
    fragments); one cache round trip per use.
    """
    tagged = _tag(name, scope, request)
    if tagged is None:
        return build()
    key = f"public:{tagged[0]}"
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
        _memo["versions"] = None
        _memo["items"] = OrderedDict()


def bump_on_write(sender, instance=None, update_fields=None, raw=False, **kwargs):
    """Replace the versions now (for this transaction's own reads) and on commit.

    The second replacement retires what a concurrent request rebuilt, from the
    rows as they were, between the first one and the commit.
    """
    from .page_cache import is_public_write

    if not is_public_write(sender, update_fields=update_fields, raw=raw):
        return
    scopes = (DISCUSSION,) if sender._meta.label_lower in DISCUSSION_MODELS else SCOPES
    bump(*scopes)
    transaction.on_commit(lambda: bump(*scopes))
