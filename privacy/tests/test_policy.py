"""The privacy page explains, in Indonesian, what is stored and why."""

import pytest

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_privacy_page_for_visitors(client):
    response = client.get("/privasi/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Undang-Undang Nomor 27 Tahun 2022" in html
    assert "Apa yang kami simpan dan mengapa" in html
    assert "mantan pakar" in html
    assert 'href="/akun/data-saya/"' not in html


def test_signed_in_people_get_a_link_to_their_data(client):
    client.force_login(UserFactory())

    html = client.get("/privasi/").content.decode()

    assert 'href="/akun/data-saya/"' in html


def test_my_data_page_offers_download_and_deletion(client):
    client.force_login(UserFactory())

    html = client.get("/akun/data-saya/").content.decode()

    assert 'href="/akun/data-saya/unduh/"' in html
    assert 'href="/akun/hapus-akun/"' in html


def test_footer_links_to_the_privacy_page(client):
    client.force_login(UserFactory())

    html = client.get("/akun/data-saya/").content.decode()

    assert 'href="/privasi/"' in html
