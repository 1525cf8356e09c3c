"""A signed-in person downloads everything the site keeps about them."""

import json

import pytest

from accounts.tests.factories import PemerintahFactory, UserFactory
from experts.tests.factories import (
    ExpertiseFieldFactory,
    ExpertProfileFactory,
    PublicationFactory,
)
from privacy.models import PrivacyEvent

pytestmark = pytest.mark.django_db

URL = "/akun/data-saya/unduh/"


def _download(client, user):
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_download_is_a_json_attachment_never_cached(client):
    response, _data = _download(client, UserFactory())

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert "no-store" in response["Cache-Control"]


def test_account_details_and_email_addresses(client):
    user = PemerintahFactory(name="Rina Pegawai", kecamatan="Tenggarong")

    _response, data = _download(client, user)

    assert data["account"]["username"] == user.username
    assert data["account"]["name"] == "Rina Pegawai"
    assert data["account"]["email"] == user.email
    assert data["account"]["account_type"] == "pemerintah"
    assert data["account"]["instansi"] == user.instansi
    assert data["account"]["kecamatan"] == "Tenggarong"
    assert data["email_addresses"] == [
        {"email": user.email, "verified": True, "primary": True}
    ]
    assert data["expert_profile"] is None


def test_expert_profile_fields_and_publications(client):
    field = ExpertiseFieldFactory(name="Tata Ruang")
    profile = ExpertProfileFactory(
        fields=[field], bio="Peneliti pesisir", phone="0812", title_prefix="Dr."
    )
    PublicationFactory(profile=profile, title="Kajian Mangrove Delta Mahakam")

    _response, data = _download(client, profile.user)

    exported = data["expert_profile"]
    assert exported["bio"] == "Peneliti pesisir"
    assert exported["title_prefix"] == "Dr."
    assert exported["phone"] == "0812"
    assert exported["fields"] == ["Tata Ruang"]
    assert [p["title"] for p in exported["publications"]] == [
        "Kajian Mangrove Delta Mahakam"
    ]


def test_nobody_elses_data_is_in_the_file(client):
    other = ExpertProfileFactory(bio="Rahasia orang lain")
    PublicationFactory(profile=other, title="Publikasi orang lain")

    response, data = _download(client, UserFactory())

    text = response.content.decode()
    assert other.user.email not in text
    assert "Rahasia orang lain" not in text
    assert "Publikasi orang lain" not in text
    assert data["replies"] == []
    assert data["consultations"] == []


def test_the_download_is_recorded_without_personal_data(client):
    user = UserFactory()

    _download(client, user)

    event = PrivacyEvent.objects.get()
    assert event.action == PrivacyEvent.Action.DATA_EXPORTED
    assert event.user_pk == user.pk
    assert user.email not in json.dumps(event.details)


def test_visitors_are_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/")
    assert not PrivacyEvent.objects.exists()


def test_post_is_refused(client):
    client.force_login(UserFactory())

    assert client.post(URL).status_code == 405
