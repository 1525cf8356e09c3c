"""The public expert directory and profiles."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import UserFactory
from experts.models import ExpertProfile

from .factories import ExpertiseFieldFactory, ExpertProfileFactory, PublicationFactory

pytestmark = pytest.mark.django_db

DIRECTORY = "/pakar/"


def _names(response):
    return [p.user.name for p in response.context["profiles"]]


def test_url_names():
    assert reverse("experts:directory") == DIRECTORY
    assert reverse("experts:detail", kwargs={"slug": "x"}) == "/pakar/x/"


def test_menu_shows_experts(client):
    html = client.get(DIRECTORY).content.decode()
    assert 'href="/pakar/"' in html


def test_directory_lists_active_experts_only(client):
    ExpertProfileFactory(user__name="Aktif")
    ExpertProfileFactory(user__name="Nonaktif", user__is_active=False)
    UserFactory(name="Warga")
    assert _names(client.get(DIRECTORY)) == ["Aktif"]


def test_filter_by_field(client):
    water = ExpertiseFieldFactory(name="Sumber Daya Air", slug="air")
    ExpertProfileFactory(user__name="Hidrolog", fields=[water])
    ExpertProfileFactory(user__name="Ekonom")

    assert _names(client.get(DIRECTORY, {"bidang": "air"})) == ["Hidrolog"]
    assert _names(client.get(DIRECTORY, {"bidang": "tidak-ada"})) == []


@pytest.mark.parametrize(
    "query,expected",
    [
        ("sari", ["Dewi Sari"]),
        ("mulawarman", ["Budi Santoso"]),
        ("mangrove", ["Dewi Sari"]),  # keyword in the bio
        ("Pesisir", ["Dewi Sari"]),  # a field of expertise
        ("tambang", ["Budi Santoso"]),  # a publication title
        ("zzz", []),
    ],
)
def test_search_by_name_institution_and_keyword(client, query, expected):
    coast = ExpertiseFieldFactory(name="Pesisir dan Laut")
    ExpertProfileFactory(
        user__name="Dewi Sari",
        institution="Institut Contoh",
        bio="Meneliti hutan mangrove.",
        fields=[coast],
    )
    budi = ExpertProfileFactory(
        user__name="Budi Santoso", institution="Univ. Mulawarman Contoh"
    )
    PublicationFactory(profile=budi, title="Ekonomi Pasca Tambang")

    assert _names(client.get(DIRECTORY, {"q": query})) == expected


def test_search_and_filter_combine_and_stay_in_pagination_links(client):
    field = ExpertiseFieldFactory(slug="ekonomi")
    for n in range(14):
        ExpertProfileFactory(user__name=f"Ekonom {n:02d}", fields=[field])
    ExpertProfileFactory(user__name="Ekonom Lain")

    response = client.get(DIRECTORY, {"bidang": "ekonomi", "q": "ekonom"})
    assert len(response.context["profiles"]) == 12
    html = response.content.decode()
    assert "q=ekonom&amp;bidang=ekonomi&amp;page=2" in html

    page2 = client.get(DIRECTORY, {"bidang": "ekonomi", "q": "ekonom", "page": 2})
    assert len(page2.context["profiles"]) == 2
    assert client.get(DIRECTORY, {"page": "999"}).status_code == 200
    assert client.get(DIRECTORY, {"page": "abc"}).status_code == 200


def _fill(count):
    fields = [ExpertiseFieldFactory(slug=f"bidang-uji-{n}") for n in range(3)]
    for _ in range(count):
        ExpertProfileFactory(fields=fields)


def test_directory_query_count_is_constant(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(params):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(DIRECTORY, params)
        return len(queries.captured_queries), len(response.context["profiles"])

    _fill(2)
    client.get(DIRECTORY)  # warm the per-process caches (site, settings)
    few = [count({}), count({"bidang": "bidang-uji-0", "q": "Pakar"})]
    _fill(10)
    client.get(DIRECTORY)  # new profiles are public writes: shared parts rebuilt
    many = [count({}), count({"bidang": "bidang-uji-0", "q": "Pakar"})]

    assert [n for n, _ in few] == [n for n, _ in many]
    assert [shown for _, shown in many] == [12, 12]
    assert few[0][0] <= 12


def test_profile_page_shows_publications_grouped_by_kind(client):
    profile = ExpertProfileFactory(user__name="Dewi Sari", title_prefix="Dr.")
    PublicationFactory(profile=profile, kind="publikasi", title="Artikel Satu")
    PublicationFactory(profile=profile, kind="penelitian", title="Riset Dua")

    response = client.get(profile.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Dr. Dewi Sari" in html
    assert (
        html.index("Publikasi") < html.index("Artikel Satu") < html.index("Penelitian")
    )
    assert html.index("Penelitian") < html.index("Riset Dua")


def test_profile_shows_only_public_contact_details(client):
    hidden = ExpertProfileFactory(user__email="tersembunyi@example.org", phone="0811")
    shown = ExpertProfileFactory(
        user__email="terbuka@example.org",
        phone="0822",
        show_email=True,
        show_phone=True,
    )
    html = client.get(hidden.get_absolute_url()).content.decode()
    assert "tersembunyi@example.org" not in html and "0811" not in html
    html = client.get(shown.get_absolute_url()).content.decode()
    assert "terbuka@example.org" in html and "0822" in html


def test_inactive_and_unknown_profiles_are_404(client):
    profile = ExpertProfileFactory(user__is_active=False)
    assert client.get(profile.get_absolute_url()).status_code == 404
    assert client.get("/pakar/tidak-ada/").status_code == 404


def test_placeholder_initials_without_photo(client):
    profile = ExpertProfileFactory(user__name="siti aminah")
    html = client.get(profile.get_absolute_url()).content.decode()
    assert 'class="avatar avatar--initials avatar--large"' in html
    assert ">SA<" in html


def test_unique_slug():
    ExpertProfileFactory(user__name="Ani Contoh")
    assert ExpertProfile.unique_slug("Ani Contoh") == "ani-contoh-2"
    assert ExpertProfile.unique_slug("<b>") == "b"
    assert ExpertProfile.unique_slug("!!!") == "pakar"


MARKUP = '<script>alert("x")</script><b>Tebal</b>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;Tebal&lt;/b&gt;"


def test_markup_in_names_and_titles_is_plain_text_everywhere(client):
    profile = ExpertProfileFactory(user__name=MARKUP, institution=MARKUP, bio=MARKUP)
    PublicationFactory(profile=profile, title=MARKUP, venue=MARKUP)

    for url in (DIRECTORY, profile.get_absolute_url(), "/pakar/?q=Tebal"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<b>Tebal" not in html, url
        assert ESCAPED in html, url

    client.force_login(profile.user)
    for url in ("/akun/profil/", "/akun/saya/"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<b>Tebal" not in html, url


def test_markup_in_name_is_plain_text_in_emails(django_capture_on_commit_callbacks):
    from experts.services import send_invitation

    user = ExpertProfileFactory(user__name=MARKUP).user
    with django_capture_on_commit_callbacks(execute=True):
        send_invitation(user)
    body = mail.outbox[0].body
    assert MARKUP in body  # shown literally in a plain-text email
    assert "&lt;" not in body
    assert not getattr(mail.outbox[0], "alternatives", [])  # no HTML version


@pytest.mark.parametrize("params", [{"q": "sari\x00"}, {"bidang": "air\x00"}])
def test_nul_in_search_or_field_is_dropped_not_a_server_error(client, params):
    """PostgreSQL refuses NUL in text: the directory drops it and searches the rest."""
    water = ExpertiseFieldFactory(name="Sumber Daya Air", slug="air")
    ExpertProfileFactory(user__name="Dewi Sari", fields=[water])

    response = client.get(DIRECTORY, params)

    assert response.status_code == 200
    assert _names(response) == ["Dewi Sari"]
