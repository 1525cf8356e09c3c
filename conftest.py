"""Fixtures shared by every app's tests."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM
# calls from such a thread unless told the test knows what it is doing.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# The freshly migrated database, serialized once per session for browser tests.
_MIGRATED_STATE = {}


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """Remember the migrated database when the session has browser tests.

    Browser tests run in real transactions that end with a flush, which also wipes
    what migrations created (root page, locale, root collection). Django's own
    serialized rollback cannot help: Playwright's greenlet gives the test a fresh
    connection object that lacks the serialized copy.
    """
    if any(item.get_closest_marker("browser") for item in request.session.items):
        from django.db import connection

        with django_db_blocker.unblock():
            _MIGRATED_STATE["default"] = connection.creation.serialize_db_to_string()


def _restore_migrated_state():
    """Put back what migrations created if an earlier transactional test flushed it."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection
    from wagtail.models import Page

    if _MIGRATED_STATE and not Page.objects.filter(depth=1).exists():
        # The flush re-ran post_migrate (content types, permissions) with new ids;
        # clear those so the snapshot's own rows go back in unchanged.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(_MIGRATED_STATE["default"])
        ContentType.objects.clear_cache()
        # The rows came back with their ids; move the sequences past them
        # (PostgreSQL restarts them on flush, SQLite needs nothing).
        statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Keep uploaded files of each test in its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright; skipped where it is missing."""
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM} (Debian package 'chromium')"
        if os.environ.get("RUANGRUNDING_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser, live_server):
    """A fresh browser tab in Indonesian and WITA; ``page.base_url`` is the live server."""
    _restore_migrated_state()
    context = browser.new_context(
        locale="id-ID", timezone_id="Asia/Makassar", base_url=live_server.url
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def mail_server_down(settings):
    """Make every email delivery fail as if the SMTP server refused connections.

    Set ``settings.EMAIL_BACKEND`` back to locmem (or use ``mail_server_up``) to
    bring it back within a test.
    """
    from outbox.testing import REFUSING_BACKEND

    settings.EMAIL_BACKEND = REFUSING_BACKEND
    return settings


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run ``transaction.on_commit`` callbacks (e.g. queued email) inside a test."""

    def _run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return _run


@pytest.fixture(autouse=True)
def _clear_cache():
    """Start every test with an empty cache, so rate limits never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _wagtail_baseline(request):
    """Give transactional tests what migrations create (root page and site, root
    collection, default locale, editor group): a ``transaction=True`` test
    empties the database when it ends, which would leave the next one without.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        yield
        return
    request.getfixturevalue("transactional_db")
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page, Site

    from accounts.groups import ensure_editor_group

    if not Locale.objects.exists():
        Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if not Page.objects.exists():
        root = Page.add_root(instance=Page(title="Root", slug="root"))
        welcome = root.add_child(instance=Page(title="Selamat datang", slug="home"))
        Site.objects.create(
            hostname="localhost", port=80, root_page=welcome, is_default_site=True
        )
    ensure_editor_group()
    yield
