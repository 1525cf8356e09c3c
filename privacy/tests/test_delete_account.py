"""Deleting an account: what goes, what stays, sessions end, the act is recorded."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client

from accounts.tests.factories import PASSWORD, EditorFactory, UserFactory
from experts.models import ExpertProfile, Publication
from experts.tests.factories import ExpertProfileFactory, PublicationFactory
from ops.tests.factories import make_site
from outbox.models import OutgoingEmail
from privacy.models import PrivacyEvent

pytestmark = pytest.mark.django_db

URL = "/akun/hapus-akun/"
User = get_user_model()


def _confirm(client, password=PASSWORD, confirm=True):
    data = {"password": password}
    if confirm:
        data["confirm"] = "on"
    return client.post(URL, data)


@pytest.fixture
def expert(client, run_on_commit):
    profile = ExpertProfileFactory()
    profile.photo.save("pakar.jpg", ContentFile(b"\xff\xd8 foto"), save=True)
    PublicationFactory(profile=profile)
    client.force_login(profile.user)
    return profile


def test_form_asks_for_password_and_a_tick(client):
    client.force_login(UserFactory())

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="password"' in html
    assert 'name="confirm"' in html
    assert "tidak dapat dibatalkan" in html


def test_wrong_password_deletes_nothing(client):
    user = UserFactory()
    client.force_login(user)

    response = _confirm(client, password="salah-sekali")

    assert response.status_code == 200
    assert "Kata sandi tidak benar" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
    assert not PrivacyEvent.objects.exists()


def test_missing_tick_deletes_nothing(client):
    user = UserFactory()
    client.force_login(user)

    response = _confirm(client, confirm=False)

    assert response.status_code == 200
    assert User.objects.filter(pk=user.pk).exists()


def test_expert_account_profile_photo_and_publications_go(
    client, expert, run_on_commit
):
    user_pk = expert.user.pk
    photo = expert.photo
    assert photo.storage.exists(photo.name)

    response = run_on_commit(_confirm, client)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not User.objects.filter(pk=user_pk).exists()
    assert not ExpertProfile.objects.filter(pk=expert.pk).exists()
    assert not Publication.objects.filter(profile_id=expert.pk).exists()
    assert not EmailAddress.objects.filter(user_id=user_pk).exists()
    assert not photo.storage.exists(photo.name)


def test_signed_out_here_and_on_every_other_device(client):
    user = UserFactory()
    other_device = Client()
    other_device.force_login(user)
    client.force_login(user)

    _confirm(client)

    assert "_auth_user_id" not in client.session
    assert other_device.get("/akun/data-saya/").status_code == 302


def test_queued_email_to_the_account_is_dropped(client):
    user = UserFactory()
    OutgoingEmail.objects.create(
        key="uji:1", to=user.email.upper(), subject="Uji", body="Isi"
    )
    OutgoingEmail.objects.create(
        key="uji:2", to="orang-lain@example.com", subject="Uji"
    )
    client.force_login(user)

    _confirm(client)

    assert list(OutgoingEmail.objects.values_list("key", flat=True)) == ["uji:2"]


def test_the_deletion_is_recorded_without_name_or_email(client, expert):
    user = expert.user

    _confirm(client)

    event = PrivacyEvent.objects.get()
    assert event.action == PrivacyEvent.Action.ACCOUNT_DELETED
    assert event.user_pk == user.pk
    assert event.account_type == "pakar"
    assert event.details["expert_profile"] == 1
    assert event.details["publications"] == 1
    recorded = str(event.details) + str(event)
    assert user.email not in recorded
    assert user.name not in recorded


def test_success_message_after_deletion(client):
    make_site()
    client.force_login(UserFactory())

    response = client.post(URL, {"password": PASSWORD, "confirm": "on"}, follow=True)

    assert "Akun dan data Anda telah dihapus" in response.content.decode()


def test_editors_cannot_delete_themselves_here(client):
    editor = EditorFactory()
    client.force_login(editor)

    response = _confirm(client)

    assert response.status_code == 403
    assert User.objects.filter(pk=editor.pk).exists()


def test_visitor_is_sent_to_log_in(client):
    response = client.post(URL, {"password": "x", "confirm": "on"})

    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/")
