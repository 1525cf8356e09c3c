"""Sign-up for masyarakat and pemerintah, email verification, limits, Akun Saya."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User
from outbox.models import OutgoingEmail

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/akun/signup/"


def _data(**extra):
    data = {
        "name": "Rina Warga",
        "email": "rina@example.com",
        "account_type": "masyarakat",
        "instansi": "",
        "jabatan": "",
        "password1": "sandi-yang-kuat-2045",
        "password2": "sandi-yang-kuat-2045",
        "website": "",
    }
    data.update(extra)
    return data


def _confirmation_link():
    body = OutgoingEmail.objects.latest("pk").body
    return re.search(r"http://testserver(/akun/confirm-email/\S+)", body).group(1)


def test_signup_stores_the_details_and_asks_for_verification(client):
    response = client.post(SIGNUP, _data())

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="rina@example.com")
    assert user.name == "Rina Warga"
    assert user.account_type == "masyarakat"
    assert not user.has_verified_email()
    assert client.session.get("_auth_user_id") is None
    assert OutgoingEmail.objects.filter(to="rina@example.com").count() == 1


def test_unverified_account_cannot_log_in_until_verified(client):
    client.post(SIGNUP, _data())
    login = {"login": "rina@example.com", "password": "sandi-yang-kuat-2045"}

    response = client.post("/akun/login/", login)
    assert response.url == reverse("account_email_verification_sent")
    assert client.session.get("_auth_user_id") is None

    link = _confirmation_link()
    client.post(link)
    user = User.objects.get(email="rina@example.com")
    assert user.has_verified_email()

    client.post(reverse("account_logout"))
    response = client.post("/akun/login/", login)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_government_signup_needs_agency_and_position(client):
    response = client.post(SIGNUP, _data(account_type="pemerintah"))

    assert response.status_code == 200
    form = response.context["form"]
    assert "instansi" in form.errors and "jabatan" in form.errors
    html = response.content.decode()
    assert 'value="Rina Warga"' in html  # what was typed is kept
    assert not User.objects.exists()

    response = client.post(
        SIGNUP,
        _data(account_type="pemerintah", instansi="Dinas PU", jabatan="Perencana"),
    )
    user = User.objects.get()
    assert (user.account_type, user.instansi, user.jabatan) == (
        "pemerintah",
        "Dinas PU",
        "Perencana",
    )


def test_signup_cannot_make_an_expert_or_staff(client):
    client.post(SIGNUP, _data(account_type="pakar", is_staff="on"))
    assert not User.objects.filter(account_type="pakar").exists()
    assert not User.objects.filter(is_staff=True).exists()


def test_honeypot_stops_bots(client):
    response = client.post(SIGNUP, _data(website="http://spam.example"))
    assert response.status_code == 200
    assert not User.objects.exists()


def test_signup_flood_meets_a_limit(client):
    for n in range(20):
        client.post(SIGNUP, _data(email=f"bot{n}@example.com"))
    response = client.post(SIGNUP, _data(email="bot99@example.com"))

    assert response.status_code == 429
    assert User.objects.count() == 20


def test_signup_does_not_reveal_existing_accounts(client):
    UserFactory(email="ada@example.com")
    existing = client.post(SIGNUP, _data(email="ada@example.com"))
    new = client.post(SIGNUP, _data(email="baru@example.com"))

    assert existing.status_code == new.status_code == 302
    assert existing.url == new.url
    assert User.objects.filter(email__iexact="ada@example.com").count() == 1
    # The owner of the existing address is told by email, not the visitor.
    assert OutgoingEmail.objects.filter(to="ada@example.com").exists()


def test_signup_survives_a_down_mail_server(
    client, mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP, _data())
    assert response.status_code == 302
    assert User.objects.filter(email="rina@example.com").exists()
    assert OutgoingEmail.objects.get().sent_at is None


def test_signup_email_is_indonesian(client):
    client.post(SIGNUP, _data())
    email = OutgoingEmail.objects.get()
    assert "Konfirmasi" in email.subject or "konfirmasi" in email.body.lower()


def test_account_settings_edit(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 200

    response = client.post(
        reverse("accounts:settings"),
        {
            "name": "Nama Baru",
            "account_type": "pemerintah",
            "instansi": "",
            "jabatan": "",
        },
    )
    assert response.status_code == 200
    assert "instansi" in response.context["form"].errors

    response = client.post(
        reverse("accounts:settings"),
        {
            "name": "Nama Baru",
            "account_type": "pemerintah",
            "instansi": "Bappeda",
            "jabatan": "Staf",
            "kecamatan": "Tenggarong",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.name, user.account_type, user.instansi) == (
        "Nama Baru",
        "pemerintah",
        "Bappeda",
    )


def test_account_settings_cannot_promote_to_expert(client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("accounts:settings"), {"name": "X", "account_type": "pakar"})
    user.refresh_from_db()
    assert user.account_type == "masyarakat"


def test_account_settings_needs_login(client):
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 302
    assert response.url.startswith("/akun/login/?next=")


def test_verified_account_required_helper(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.http import HttpResponse

    from accounts.permissions import expert_required, verified_account_required

    @verified_account_required
    def private(request):
        return HttpResponse("ok")

    @expert_required
    def experts_only(request):
        return HttpResponse("ok")

    request = rf.get("/x/")
    request.user = AnonymousUser()
    assert private(request).status_code == 302
    assert experts_only(request)["Location"].startswith("/akun/login/?next=/x/")

    request.user = UserFactory(verified=False)
    with pytest.raises(PermissionDenied):
        private(request)

    request.user = UserFactory()
    assert private(request).status_code == 200
    with pytest.raises(PermissionDenied):
        experts_only(request)
    assert PASSWORD
    assert EmailAddress.objects.exists()
