"""Editors create and manage expert accounts in the Wagtail admin."""

import re

import pytest
from django.test import Client

from accounts.models import User
from accounts.tests.factories import EditorFactory, SuperuserFactory, UserFactory
from experts.models import ExpertProfile

from .factories import ExpertiseFieldFactory, ExpertProfileFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/pakar/new/"
INDEX = "/admin/pakar/"


def _create(client, **extra):
    data = {
        "name": "Ahmad Contoh",
        "username": "ahmad.contoh",
        "email": "ahmad@example.org",
        "password_mode": "password",
        "password": "serahkan-ini-2045",
    }
    data.update(extra)
    return client.post(ADD, data)


@pytest.fixture
def editor_client(client):
    client.force_login(EditorFactory())
    return client


def test_editor_creates_expert_who_logs_in_with_the_given_password(editor_client):
    response = _create(editor_client)

    assert response.status_code == 302
    user = User.objects.get(username="ahmad.contoh")
    assert user.is_expert and user.is_active and not user.is_staff
    assert user.has_verified_email()
    assert user.expert_profile.slug == "ahmad-contoh"

    expert = Client()
    response = expert.post(
        "/akun/login/", {"login": "ahmad.contoh", "password": "serahkan-ini-2045"}
    )
    assert response.status_code == 302
    assert expert.session["_auth_user_id"] == str(user.pk)
    assert expert.get("/akun/profil/").status_code == 200


def test_editor_invites_expert_to_choose_a_password(
    editor_client, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        response = _create(editor_client, password_mode="invite", password="")
    assert response.status_code == 302
    user = User.objects.get(username="ahmad.contoh")
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "ahmad.contoh" in body
    link = re.search(r"http://testserver(/akun/password/reset/key/\S+)", body).group(1)

    expert = Client()
    form_url = expert.get(link).url
    expert.post(
        form_url, {"password1": "pilihan-sendiri-1", "password2": "pilihan-sendiri-1"}
    )
    user.refresh_from_db()
    assert user.check_password("pilihan-sendiri-1")
    response = expert.post(
        "/akun/login/", {"login": "ahmad.contoh", "password": "pilihan-sendiri-1"}
    )
    assert expert.session["_auth_user_id"] == str(user.pk)


def test_create_form_errors_keep_input(editor_client):
    UserFactory(username="ahmad.contoh")
    response = _create(editor_client, password="123")

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "username" in errors and "password" in errors
    assert 'value="Ahmad Contoh"' in response.content.decode()


def test_same_names_get_distinct_stable_urls(editor_client):
    _create(editor_client)
    _create(editor_client, username="ahmad2", email="ahmad2@example.org")
    slugs = sorted(ExpertProfile.objects.values_list("slug", flat=True))
    assert slugs == ["ahmad-contoh", "ahmad-contoh-2"]

    first = User.objects.get(username="ahmad.contoh")
    first.name = "Ahmad Contoh Baru"
    first.save()
    first.expert_profile.refresh_from_db()
    assert first.expert_profile.slug == "ahmad-contoh"
    assert Client().get("/pakar/ahmad-contoh-2/").status_code == 200


def test_deactivate_and_reactivate(editor_client):
    profile = ExpertProfileFactory()
    user = profile.user
    url = f"/admin/pakar/edit/{user.pk}/"
    data = {"name": user.name, "username": user.username, "email": user.email}

    editor_client.post(url, data)  # is_active unticked
    user.refresh_from_db()
    assert not user.is_active
    assert Client().get(profile.get_absolute_url()).status_code == 404
    expert = Client()
    expert.post(
        "/akun/login/", {"login": user.username, "password": "kata-sandi-uji-123"}
    )
    assert "_auth_user_id" not in expert.session

    editor_client.post(url, {**data, "is_active": "on"})
    user.refresh_from_db()
    assert user.is_active
    assert Client().get(profile.get_absolute_url()).status_code == 200


def test_list_filters_by_field_and_status(editor_client):
    economy = ExpertiseFieldFactory(name="Ekonomi")
    water = ExpertiseFieldFactory(name="Air")
    ExpertProfileFactory(user__name="Ekonom Aktif", fields=[economy])
    ExpertProfileFactory(user__name="Hidrolog Aktif", fields=[water])
    ExpertProfileFactory(
        user__name="Ekonom Pensiun", fields=[economy], user__is_active=False
    )
    UserFactory(name="Warga Biasa")

    html = editor_client.get(INDEX).content.decode()
    assert "Ekonom Aktif" in html and "Hidrolog Aktif" in html
    assert "Warga Biasa" not in html

    html = editor_client.get(INDEX, {"bidang": economy.pk}).content.decode()
    assert "Ekonom Aktif" in html and "Ekonom Pensiun" in html
    assert "Hidrolog Aktif" not in html

    html = editor_client.get(
        INDEX, {"bidang": economy.pk, "is_active": "false"}
    ).content.decode()
    assert "Ekonom Pensiun" in html and "Ekonom Aktif" not in html

    html = editor_client.get(INDEX, {"q": "Hidrolog"}).content.decode()
    assert "Hidrolog Aktif" in html and "Ekonom Aktif" not in html


def test_admin_shows_markup_in_names_as_text(editor_client):
    ExpertProfileFactory(user__name="<script>alert(1)</script><b>Tebal</b>")
    html = editor_client.get(INDEX).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;Tebal&lt;/b&gt;" in html


def test_admin_list_shows_no_private_details(editor_client):
    ExpertProfileFactory(user__email="rahasia@example.org", phone="0811-000")
    html = editor_client.get(INDEX).content.decode()
    assert "rahasia@example.org" not in html
    assert "0811-000" not in html


def test_editor_cannot_reach_other_users(editor_client):
    other = SuperuserFactory()
    assert editor_client.get("/admin/users/").status_code in (302, 403)
    assert editor_client.get(f"/admin/pakar/edit/{other.pk}/").status_code == 404


def test_public_users_cannot_create_experts(client):
    client.force_login(UserFactory())
    response = _create(client)
    assert response.status_code == 403
    assert not User.objects.filter(username="ahmad.contoh").exists()


@pytest.mark.parametrize("number", ["9" * 20, "9" * 30, str(2**63)])
def test_huge_ids_and_filters_never_fail(editor_client, number):
    ExpertProfileFactory()
    for action in ("edit", "history", "delete", "resend-invitation"):
        url = f"/admin/pakar/{action}/{number}/"
        assert editor_client.get(url).status_code == 404, url
        assert editor_client.post(url).status_code == 404, url

    response = editor_client.get(INDEX, {"bidang": number})
    assert response.status_code == 200
    assert "Masukkan pilihan yang valid" in response.text
