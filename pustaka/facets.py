"""The library's filter choices (kinds, years, tags), kept in the cache between writes.

The choices list what the visible documents of a library use, whatever the
request filters, so they are the same for every visitor until an editor changes
something: computing them scans every document three times (tens of
milliseconds at 5,000 documents), reading them from the cache takes no query.

Entries carry a *version* that any write to pages, view restrictions, document
kinds or tags replaces, at once and again when the transaction commits (a
request that read the old rows in between must not leave them behind), and
expire after ``FACETS_SECONDS``.
"""

import logging
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast
from django.db.models.signals import post_delete, post_save
from taggit.models import Tag
from wagtail.models import Page
from wagtail.signals import post_page_move

from .models import DocumentKind

logger = logging.getLogger(__name__)

VERSION_KEY = "pustaka:facets:version"
# TODO: a document reaching its expiry date writes nothing, so its kind, year
# or tag may stay offered (finding nothing) for up to this long; publish_scheduled
# unpublishing it retires the entry at once.
FACETS_SECONDS = 300
WATCHED_MODELS = frozenset(
    {
        "pustaka.documentkind",
        "pustaka.pustakadocumenttag",
        "taggit.tag",
        "wagtailcore.pageviewrestriction",
    }
)


@dataclass(frozen=True)
class Facets:
    """Choices for the filter form: ``(slug, name)`` pairs and years, newest first."""

    kinds: tuple
    years: tuple
    tags: tuple


def compute_facets(documents):
    """The kinds, years and tags that ``documents`` (a visible queryset) use.

    One query: the three distinct lists as one ``UNION`` of (facet, value,
    name, order) rows, sorted here.
    """
    ids = documents.values("pk")
    label = {"output_field": CharField()}
    kinds = (
        DocumentKind.objects.filter(documents__in=ids)
        .order_by()
        .values_list(Value("kind", **label), "slug", "name", "sort_order")
    )
    years = documents.order_by().values_list(
        Value("year", **label), Cast("year", CharField()), Value("", **label), "year"
    )
    tags = (
        Tag.objects.filter(pustaka_pustakadocumenttag_items__content_object__in=ids)
        .order_by()
        .values_list(Value("tag", **label), "slug", "name", Value(0))
    )
    found = {"kind": [], "year": [], "tag": []}
    for facet, value, name, order in kinds.union(years, tags):
        found[facet].append((order, name, value))
    return Facets(
        kinds=tuple((slug, name) for _, name, slug in sorted(found["kind"])),
        years=tuple(year for year, _, _ in sorted(found["year"], reverse=True)),
        tags=tuple((slug, name) for _, name, slug in sorted(found["tag"])),
    )


def library_facets(library, documents):
    """The filter choices of ``library``, from the cache when still current."""
    key = f"pustaka:facets:{library.pk}"
    try:
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, None)
            version = cache.get(VERSION_KEY)
    except Exception:
        logger.exception("Library filter cache unavailable; computing the choices.")
        return compute_facets(documents)
    entry = found.get(key)
    if entry is not None and version is not None and entry[0] == version:
        return entry[1]
    facets = compute_facets(documents)
    if version is not None:
        try:
            cache.set(key, (version, facets), FACETS_SECONDS)
        except Exception:
            logger.exception("Library filter choices could not be cached.")
    return facets


def invalidate():
    """Retire every cached set of filter choices."""
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception as error:
        # Entries then live until FACETS_SECONDS at most.
        logger.warning(
            "Library filter cache could not be invalidated (%s).",
            type(error).__name__,
        )


def _invalidate_on_write(sender, raw=False, **kwargs):
    if raw or sender.__module__ == "__fake__":  # loaddata, migrations
        return
    if sender._meta.label_lower in WATCHED_MODELS or issubclass(sender, Page):
        invalidate()
        transaction.on_commit(invalidate)


def _invalidate_on_move(sender, **kwargs):
    invalidate()
    transaction.on_commit(invalidate)


def connect_signals():
    post_save.connect(_invalidate_on_write, dispatch_uid="pustaka-facets-save")
    post_delete.connect(_invalidate_on_write, dispatch_uid="pustaka-facets-delete")
    post_page_move.connect(_invalidate_on_move, dispatch_uid="pustaka-facets-move")
