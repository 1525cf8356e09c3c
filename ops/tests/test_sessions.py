"""Session cookies Django could not have set are no session, never a server error."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.utils.crypto import get_random_string

from accounts.tests.factories import UserFactory
from ops.sessions.cached_db import SessionStore as CachedDbStore
from ops.sessions.db import SessionStore as DbStore

pytestmark = pytest.mark.django_db


def test_the_site_uses_the_strict_engine():
    assert settings.SESSION_ENGINE == "ops.sessions.db"


@pytest.mark.parametrize("store", [DbStore, CachedDbStore])
@pytest.mark.parametrize(
    "key", ["abcdefgh\x00ijkl", "ABCDEFGHIJKL", "a" * 41, "abc", "abcdefgh;ijkl"]
)
def test_odd_keys_are_no_session(store, key):
    session = store(key)

    assert session.session_key is None
    assert session.load() == {}


@pytest.mark.parametrize("store", [DbStore, CachedDbStore])
def test_keys_django_makes_still_work(store):
    session = store()
    session["colour"] = "hijau"
    session.save()
    key = session.session_key

    assert set(key) <= set(VALID_KEY_CHARS)
    assert store(key).load() == {"colour": "hijau"}
    assert len(get_random_string(32, VALID_KEY_CHARS)) == 32


@pytest.mark.parametrize(
    "cookie",
    [
        # Python's cookie parser turns the octal escape into a NUL character.
        'sessionid="abcdefgh\\000ijkl"',
        "sessionid=" + "a" * 5000,
        "sessionid=%ff%00",
    ],
)
def test_odd_session_cookies_are_anonymous_visits(client, cookie):
    response = client.get("/konsultasi/saya/", HTTP_COOKIE=cookie)

    assert response.status_code == 302
    assert response.url.startswith("/akun/login/")


def test_a_real_session_cookie_still_signs_in(client):
    client.force_login(UserFactory())

    assert client.get("/konsultasi/saya/").status_code == 200
