"""Signing in and out, password reset and change, throttling, no enumeration."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from accounts.groups import EDITOR_GROUP_NAME
from outbox.models import OutgoingEmail

from .factories import PASSWORD, EditorFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/akun/login/"


def _login(client, login, password=PASSWORD):
    return client.post(LOGIN, {"login": login, "password": password})


def test_login_with_username_or_email():
    user = UserFactory(username="rudi", email="rudi@example.com")
    from django.test import Client

    for login in ("rudi", "rudi@example.com", "RUDI@example.com"):
        client = Client()
        response = _login(client, login)
        assert response.status_code == 302, login
        assert client.session["_auth_user_id"] == str(user.pk)


def test_login_page_is_indonesian_and_labelled(client):
    html = client.get(LOGIN).content.decode()
    assert '<html lang="id">' in html
    assert '<label for="id_login">' in html
    assert '<label for="id_password">' in html
    assert "Masuk" in html
    login_input = re.search(r'<input[^>]*name="login"[^>]*>', html).group(0)
    assert 'autocomplete="username"' in login_input


def test_login_page_offers_the_password_reset(client):
    html = client.get(LOGIN).content.decode()
    assert f'href="{reverse("account_reset_password")}"' in html
    assert "Lupa kata sandi?" in html


def test_logout_needs_post(client):
    user = UserFactory()
    client.force_login(user)

    client.get(reverse("account_logout"))
    assert client.session.get("_auth_user_id") == str(user.pk)

    client.post(reverse("account_logout"))
    assert client.session.get("_auth_user_id") is None


def test_wrong_password_and_unknown_account_get_the_same_answer(client):
    UserFactory(username="rudi")
    wrong = _login(client, "rudi", "salah-sekali")
    unknown = _login(client, "tidak-ada", "salah-sekali")
    assert wrong.status_code == unknown.status_code == 200
    errors = [r.context["form"].non_field_errors() for r in (wrong, unknown)]
    assert errors[0] == errors[1]


def test_failed_logins_are_throttled_even_with_the_right_password(client):
    UserFactory(username="rudi")
    for _ in range(5):
        _login(client, "rudi", "salah-sekali")

    response = _login(client, "rudi")

    assert response.status_code in (200, 429)
    assert client.session.get("_auth_user_id") is None


@pytest.mark.parametrize("proxies, locked_out", [(1, False), (0, True)])
def test_behind_the_proxy_each_visitor_has_their_own_failed_login_count(
    settings, proxies, locked_out
):
    """Ten failures from one address must not lock out the next person.

    Every request comes through the proxy (one REMOTE_ADDR); the client's
    address is the last one in X-Forwarded-For. Without trusting the proxy
    (0), everyone shares its address and the second visitor is locked out.
    """
    from django.test import Client

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    UserFactory(username="rudi")

    def attempt(address, login, password):
        client = Client(
            REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"203.0.113.9, {address}"
        )
        return client.post(LOGIN, {"login": login, "password": password}), client

    for number in range(11):
        response, _client = attempt("198.51.100.7", f"tebakan-{number}", "salah")
    assert "Terlalu banyak" in response.content.decode()

    response, client = attempt("192.0.2.44", "rudi", PASSWORD)

    assert ("_auth_user_id" not in client.session) is locked_out


def test_admin_login_shares_the_throttle(client):
    editor = EditorFactory(username="editor")
    for _ in range(5):
        client.post("/admin/login/", {"username": "editor", "password": "salah"})

    response = client.post(
        "/admin/login/", {"username": "editor", "password": PASSWORD}
    )

    assert response.status_code == 200
    assert client.session.get("_auth_user_id") is None
    assert "Terlalu banyak" in response.content.decode()
    assert editor.pk


def test_private_page_login_goes_through_allauth(client):
    response = client.get("/_util/login/?next=/rahasia/")
    assert response.status_code == 302
    assert response.url == "/akun/login/?next=/rahasia/"


def test_editor_logs_into_the_admin(client):
    EditorFactory(username="editor")
    response = client.post(
        "/admin/login/", {"username": "editor", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        # Wagtail's own view read these as URL pattern names: NoReverseMatch, a 500.
        ("2", "2"),
        ("nan", "nan"),
        ("/admin/pages/", "/admin/pages/"),
        ("https://evil.example/", "/admin/"),
        ("", "/admin/"),
    ],
)
def test_signed_in_editor_on_the_admin_login_goes_on_to_next(
    client, next_url, expected
):
    client.force_login(EditorFactory())

    response = client.get("/admin/login/", {"next": next_url})

    assert response.status_code == 302
    assert response.url == expected


def test_editor_can_use_the_public_login_too(client):
    EditorFactory(username="editor", email="editor@example.org")
    response = client.post(
        LOGIN + "?next=/admin/", {"login": "editor", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/admin/"


def test_admin_without_login_redirects_to_admin_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


@pytest.mark.parametrize("factory_name", ["UserFactory", "PemerintahFactory"])
def test_public_users_get_a_clear_403_in_the_admin(client, factory_name):
    from . import factories

    client.force_login(getattr(factories, factory_name)())
    for path in ("/admin/", "/admin/pages/", "/admin/login/"):
        response = client.get(path)
        assert response.status_code == 403
        assert "khusus editor Bappeda" in response.content.decode()


def test_expert_gets_a_clear_403_in_the_admin(client):
    from experts.tests.factories import ExpertProfileFactory

    client.force_login(ExpertProfileFactory().user)
    assert client.get("/admin/").status_code == 403


def test_editor_group_has_what_editors_need():
    editor = EditorFactory()
    group = Group.objects.get(name=EDITOR_GROUP_NAME)
    assert editor.has_perm("wagtailadmin.access_admin")
    assert editor.has_perm("experts.add_expertaccount")
    assert editor.has_perm("experts.change_expertisefield")
    assert not editor.has_perm("accounts.change_user")
    assert not editor.has_perm("experts.delete_expertaccount")
    assert group.page_permissions.filter(permission__codename="publish_page").exists()


def _reset_link():
    body = OutgoingEmail.objects.latest("pk").body
    return re.search(r"http://testserver(/akun/password/reset/key/\S+)", body).group(1)


def test_password_reset_by_email_is_single_use(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="rudi@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_reset_password"), {"email": "rudi@example.com"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "Kata sandi" in mail.outbox[0].subject or "sandi" in mail.outbox[0].body
    link = _reset_link()

    form_url = client.get(link).url  # allauth moves the key into the session
    response = client.post(
        form_url, {"password1": "baru-sekali-987", "password2": "baru-sekali-987"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("baru-sekali-987")

    again = client.get(link, follow=True)
    assert "password1" not in again.content.decode()


def test_password_reset_does_not_reveal_unknown_addresses(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="ada@example.com")
    known = client.post(reverse("account_reset_password"), {"email": "ada@example.com"})
    unknown = client.post(
        reverse("account_reset_password"), {"email": "tidak-ada@example.com"}
    )
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url


def test_password_reset_survives_a_down_mail_server(
    client, mail_server_down, django_capture_on_commit_callbacks
):
    UserFactory(email="rudi@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_reset_password"), {"email": "rudi@example.com"}
        )
    assert response.status_code == 302
    email = OutgoingEmail.objects.get()
    assert email.sent_at is None


def test_password_change(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "ganti-sandi-456",
            "password2": "ganti-sandi-456",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("ganti-sandi-456")


def test_password_reset_link_expires(client, django_capture_on_commit_callbacks):
    from datetime import datetime, timedelta
    from unittest import mock

    from django.contrib.auth.tokens import PasswordResetTokenGenerator

    UserFactory(email="rudi@example.com")
    client.post(reverse("account_reset_password"), {"email": "rudi@example.com"})
    link = _reset_link()
    assert "password1" in client.get(link, follow=True).content.decode()

    later = datetime.now() + timedelta(hours=25)
    with mock.patch.object(PasswordResetTokenGenerator, "_now", return_value=later):
        response = client.get(link, follow=True)

    assert "password1" not in response.content.decode()


def test_very_long_login_is_a_form_error_not_a_crash(client):
    response = client.post(LOGIN, {"login": "x" * 100_000, "password": "x"})

    assert response.status_code == 200
    assert response.context["form"].errors["login"]
