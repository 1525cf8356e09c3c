"""The visitor page cache never holds or serves anything private."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client

from accounts.tests.factories import UserFactory
from ops import page_cache

from .factories import make_site

pytestmark = pytest.mark.django_db

HIT = page_cache.HEADER


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site():
    return make_site()


@pytest.fixture
def member():
    return UserFactory(name="Siti Rahmawati Uji")


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_visitor_page_is_stored_then_served_from_cache(client, site):
    first = client.get("/")
    second = client.get("/")

    assert first.status_code == second.status_code == 200
    assert first[HIT] == "miss"
    assert second[HIT] == "hit"
    assert second.content == first.content
    assert "Cookie" in second["Vary"]
    assert not second.cookies


def test_cached_hit_still_gets_security_headers(client, site):
    client.get("/")
    hit = client.get("/")

    assert hit[HIT] == "hit"
    assert "script-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["X-Request-ID"]


def test_signed_in_page_never_reaches_a_visitor(site, member):
    """A member's page (their name, their CSRF token) is never stored."""
    own = _signed_in(member).get("/")
    own_html = own.content.decode()
    token = own_html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]

    visitor = Client().get("/")

    assert HIT not in own
    assert visitor[HIT] == "miss"
    visitor_html = visitor.content.decode()
    assert token not in visitor_html
    assert "csrfmiddlewaretoken" not in visitor_html
    assert member.name not in visitor_html
    assert member.username not in visitor_html


def test_visitor_page_never_reaches_a_signed_in_member(site, member):
    """The reverse: a member never gets the visitor's copy."""
    Client().get("/")
    assert Client().get("/")[HIT] == "hit"

    own = _signed_in(member).get("/")

    assert HIT not in own
    assert "csrfmiddlewaretoken" in own.content.decode()


@pytest.mark.parametrize(
    "cookie", ["sessionid", "messages", "unknown_tracker"], ids=lambda c: c
)
def test_requests_with_other_cookies_bypass_the_cache(client, site, cookie):
    client.get("/")
    client.cookies[cookie] = "x"

    response = client.get("/")

    assert HIT not in response


def test_csrf_cookie_alone_is_served_the_shared_page(client, site):
    client.get("/")
    client.cookies["csrftoken"] = "a" * 32

    response = client.get("/")

    assert response[HIT] == "hit"
    assert "csrfmiddlewaretoken" not in response.content.decode()


@pytest.mark.urls("ops.tests.urls")
@pytest.mark.parametrize(
    "path",
    [
        "/uji-cache/csrf/",
        "/uji-cache/cookie/",
        "/uji-cache/private/",
        "/uji-cache/message/",
        "/uji-cache/session/",
    ],
)
def test_personal_responses_are_never_stored(client, path):
    first = client.get(path)
    again = Client().get(path)

    assert first.status_code == 200
    assert HIT not in first
    assert HIT not in again


@pytest.mark.urls("ops.tests.urls")
def test_csrf_form_for_a_visitor_is_not_shared(client):
    first = client.get("/uji-cache/csrf/")
    second = Client().get("/uji-cache/csrf/")

    token_of = lambda r: r.content.decode().split('value="')[1].split('"')[0]  # noqa: E731
    assert token_of(first) != token_of(second)


@pytest.mark.urls("ops.tests.urls")
def test_query_string_is_part_of_the_key(client):
    client.get("/uji-cache/plain/?q=satu")

    other = client.get("/uji-cache/plain/?q=dua")
    same = client.get("/uji-cache/plain/?q=satu")

    assert other[HIT] == "miss"
    assert other.content == b"plain dua"
    assert same[HIT] == "hit"
    assert same.content == b"plain satu"


def test_public_pages_are_indonesian_whatever_the_browser_asks(client, site):
    client.get("/", headers={"accept-language": "id"})

    english = client.get("/", headers={"accept-language": "en"})

    assert english[HIT] == "hit"
    assert 'lang="id"' in english.content.decode()


def test_head_is_answered_from_cache_without_body(client, site):
    client.get("/")

    response = client.head("/")

    assert response[HIT] == "hit"
    assert response.content == b""


def test_post_is_never_cached(client, site):
    client.get("/")

    response = client.post("/")

    assert HIT not in response


@pytest.mark.parametrize("path", ["/admin/login/", "/akun/login/", "/healthz"])
def test_excluded_paths_are_never_cached(client, path):
    client.get(path)

    response = Client().get(path)

    assert HIT not in response


def test_publishing_a_change_invalidates_the_cache(
    client, site, django_capture_on_commit_callbacks
):
    _home, about = site
    client.get(about.url)
    assert client.get(about.url)[HIT] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        about.title = "Tentang Ruang Runding"
        about.save_revision().publish()
    fresh = client.get(about.url)

    assert fresh[HIT] == "miss"
    assert "Tentang Ruang Runding" in fresh.content.decode()


def test_unpublishing_a_page_removes_it_for_visitors(
    client, site, django_capture_on_commit_callbacks
):
    _home, about = site
    url = about.url
    client.get(url)

    with django_capture_on_commit_callbacks(execute=True):
        about.unpublish()

    assert client.get(url).status_code == 404


def test_private_writes_do_not_invalidate(
    client, site, member, django_capture_on_commit_callbacks
):
    client.get("/")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        member.last_login = member.date_joined
        member.save(update_fields=["last_login"])

    assert callbacks == []
    assert client.get("/")[HIT] == "hit"


def test_wagtail_preview_requests_are_never_cached(rf, site):
    request = rf.get("/")
    request.is_dummy = True

    assert not page_cache.is_candidate(request)


def test_a_broken_cache_serves_pages_uncached(client, site):
    with mock.patch.object(page_cache, "_cache") as broken:
        broken.return_value.get_many.side_effect = ConnectionError("redis down")
        response = client.get("/")

    assert response.status_code == 200
    assert HIT not in response


def test_disabled_cache_stores_nothing(client, site, settings):
    settings.PAGE_CACHE_ENABLED = False

    client.get("/")

    assert HIT not in client.get("/")


def test_invalidation_waits_for_commit(
    client, site, django_capture_on_commit_callbacks
):
    _home, about = site
    client.get(about.url)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        about.title = "Belum tersimpan"
        about.save_revision().publish()
        still_cached = client.get(about.url)

    assert still_cached[HIT] == "hit"
    assert page_cache.invalidate in callbacks
    page_cache.invalidate()
    assert client.get(about.url)[HIT] == "miss"


def test_an_editor_keeping_a_page_open_retires_nothing(
    client, site, django_capture_on_commit_callbacks
):
    """The page editor pings every ten seconds, saving an EditingSession each time."""
    from django.urls import reverse

    from ops import public_cache

    _home, about = site
    editor = UserFactory(username="editor", is_staff=True, is_superuser=True)
    editing = _signed_in(editor)
    client.get(about.url)
    versions = public_cache.current_versions()
    ping = reverse(
        "wagtailadmin_editing_sessions:ping",
        args=["wagtailcore", "page", about.pk, 0],
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert editing.post(ping).status_code == 200

    assert client.get(about.url)[HIT] == "hit"
    assert public_cache.current_versions() == versions


@pytest.mark.parametrize(
    "label",
    [
        "django_tasks_database.DBTaskResult",  # queued email and index tasks
        "wagtailadmin.EditingSession",
        "wagtailadmin.FormState",
        "wagtailusers.UserProfile",
    ],
)
def test_internal_bookkeeping_is_no_public_write(label):
    from django.apps import apps

    assert not page_cache.is_public_write(apps.get_model(label))


def test_saving_a_draft_retires_nothing(
    client, site, django_capture_on_commit_callbacks
):
    """The page editor saves a draft revision (and autosaves one as an editor
    types): the live page visitors see has not changed until it is published."""
    from ops import public_cache

    _home, about = site
    client.get(about.url)
    versions = public_cache.current_versions()

    with django_capture_on_commit_callbacks(execute=True):
        about.title = "Judul yang belum terbit"
        about.save_revision()
        about.refresh_from_db()

    assert client.get(about.url)[HIT] == "hit"
    assert public_cache.current_versions() == versions

    with django_capture_on_commit_callbacks(execute=True):
        about.latest_revision.publish()

    published = client.get(about.url)
    assert published[HIT] == "miss"
    assert "Judul yang belum terbit" in published.text
    assert public_cache.current_versions() != versions
