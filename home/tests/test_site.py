"""The site shell: home page, footer settings, robots, sitemap and error pages."""

import pytest
from django.test import RequestFactory
from django.urls import NoReverseMatch
from wagtail.models import Site

from home.models import FooterSettings
from home.tests.factories import StandardPageFactory, make_home
from home.views import server_error
from pustaka.tests.factories import PustakaDocumentPageFactory, PustakaIndexPageFactory
from rpjpd.tests.factories import (
    RPJPDIndexPageFactory,
    RPJPDSectionPageFactory,
    TopicPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return make_home()


def test_footer_shows_the_help_desk_settings(client, home):
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    footer.helpdesk_email = "bantuan@kukar.example"
    footer.helpdesk_phone = "0541 123 456"
    footer.office_hours = "Senin–Jumat 08.00–16.00 WITA"
    footer.address = "Jl. Contoh No. 1\nTenggarong"
    footer.save()

    text = client.get("/").text

    assert 'href="mailto:bantuan@kukar.example"' in text
    assert 'href="tel:0541123456"' in text
    assert "Senin–Jumat 08.00–16.00 WITA" in text
    assert "Jl. Contoh No. 1<br>Tenggarong" in text


@pytest.mark.parametrize(
    "written, href",
    [
        ("0541 123 456", "0541123456"),
        ("(0541) 000 000 (contoh)", "0541000000"),
        ("+62 541-123.456 ext. 2", "+62541123456"),
        ("lihat situs", ""),
    ],
)
def test_footer_phone_link_dials_only_the_number(written, href):
    assert FooterSettings(helpdesk_phone=written).helpdesk_phone_href == href


def test_home_links_the_hub_and_lists_the_latest(client, home):
    hub = RPJPDIndexPageFactory(parent=home)
    section = RPJPDSectionPageFactory(parent=hub, title="Isu Strategis Daerah")
    TopicPageFactory(parent=section, title="Kukar dan IKN")
    library = PustakaIndexPageFactory(parent=home)
    PustakaDocumentPageFactory(parent=library, title="Kukar Dalam Angka")

    response = client.get("/")

    assert f'class="button button--accent button--large" href="{hub.url}">RPJP<' in (
        response.text
    )
    assert "Kukar dan IKN" in response.text
    assert "Isu Strategis Daerah" in response.text
    assert "Kukar Dalam Angka" in response.text


def test_home_without_hub_has_no_rpjp_button(client, home):
    assert ">RPJP<" not in client.get("/").text


@pytest.mark.parametrize(
    ("installed", "shown", "hidden"),
    [
        (set(), [], ["Cari pakar", "Konsultasi dengan pakar"]),
        ({"experts:directory"}, ['href="/pakar/"'], ["Konsultasi dengan pakar"]),
        (
            {"experts:directory", "consult:index"},
            ['href="/pakar/"', 'href="/konsultasi/"'],
            [],
        ),
    ],
)
def test_home_links_experts_and_consultations_only_when_they_exist(
    client, home, monkeypatch, installed, shown, hidden
):
    urls = {"experts:directory": "/pakar/", "consult:index": "/konsultasi/"}

    def fake_reverse(name, *args, **kwargs):
        if name in installed:
            return urls[name]
        raise NoReverseMatch(name)

    monkeypatch.setattr("home.models.reverse", fake_reverse)
    text = client.get("/").text

    for fragment in shown:
        assert fragment in text
    for fragment in hidden:
        assert fragment not in text


def test_standard_page_has_breadcrumbs(client, home):
    page = StandardPageFactory(
        parent=home, title="Panduan Pakar", body="<p>Langkah pertama.</p>"
    )

    text = client.get(page.url).text

    assert "Langkah pertama." in text
    assert 'aria-label="Remah roti"' in text
    assert '<span aria-current="page">Panduan Pakar</span>' in text


def test_robots_txt(client, home):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Disallow: /akun/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_public_pages(client, home):
    page = StandardPageFactory(parent=home, slug="tentang")

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert f"http://localhost{page.url}" in response.content.decode()


def test_404_page_is_in_indonesian(client, home):
    response = client.get("/tidak-ada-halaman-ini/")

    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text
    assert "Kembali ke beranda" in response.text


def test_500_page_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    assert "Terjadi kesalahan" in response.content.decode()
