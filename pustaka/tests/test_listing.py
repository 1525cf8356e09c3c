"""The Pustaka index: filters with search, sorting, pagination and bad input."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pustaka.listing import PAGE_SIZE
from pustaka.models import PustakaDocumentPage
from pustaka.tests.factories import DocumentKindFactory, PustakaDocumentPageFactory

pytestmark = pytest.mark.django_db


def slugs(response):
    return [document.slug for document in response.context["documents"]]


@pytest.fixture
def kinds():
    return {
        "regulasi": DocumentKindFactory(
            name="Regulasi", slug="regulasi", is_regulation=True
        ),
        "kajian": DocumentKindFactory(name="Kajian", slug="kajian"),
    }


@pytest.fixture
def catalogue(library, kinds):
    """Four documents that differ in kind, year, tags and legal status."""
    return {
        "perda-lama": PustakaDocumentPageFactory(
            parent=library,
            slug="perda-lama",
            title="Perda Perencanaan Lama",
            kind=kinds["regulasi"],
            year=2010,
            jdih_status=PustakaDocumentPage.LegalStatus.TIDAK_BERLAKU,
            tags=["perencanaan"],
        ),
        "perda-baru": PustakaDocumentPageFactory(
            parent=library,
            slug="perda-baru",
            title="Perda Perencanaan Baru",
            kind=kinds["regulasi"],
            year=2024,
            jdih_status=PustakaDocumentPage.LegalStatus.BERLAKU,
            tags=["perencanaan", "tata ruang"],
        ),
        "kajian-perencanaan": PustakaDocumentPageFactory(
            parent=library,
            slug="kajian-perencanaan",
            title="Arah Perencanaan Pesisir",
            kind=kinds["kajian"],
            year=2024,
            tags=["pesisir"],
        ),
        "kajian-sungai": PustakaDocumentPageFactory(
            parent=library,
            slug="kajian-sungai",
            title="Banjir Sungai Mahakam",
            kind=kinds["kajian"],
            year=2023,
            tags=["tata ruang"],
        ),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "rencana", "kind": "regulasi"}, {"perda-lama", "perda-baru"}),
        ({"q": "rencana", "year": "2024"}, {"perda-baru", "kajian-perencanaan"}),
        ({"q": "rencana", "tag": "tata-ruang"}, {"perda-baru"}),
        ({"q": "rencana", "status": "berlaku"}, {"perda-baru"}),
        ({"q": "rencana", "status": "tidak_berlaku"}, {"perda-lama"}),
        ({"kind": "kajian", "tag": "tata-ruang"}, {"kajian-sungai"}),
        ({"q": "sungai", "kind": "regulasi"}, set()),
        (
            {"q": "perencanaan"},
            {"perda-lama", "perda-baru", "kajian-perencanaan"},
        ),
    ],
)
def test_filters_combine_with_search(client, library, catalogue, params, expected):
    response = client.get(library.url, params)

    assert response.status_code == 200
    assert set(slugs(response)) == expected


def test_sort_by_title_and_by_newest(client, library, catalogue):
    by_title = slugs(client.get(library.url, {"sort": "title"}))
    newest = slugs(client.get(library.url, {"sort": "newest"}))

    assert by_title == [
        "kajian-perencanaan",
        "kajian-sungai",
        "perda-baru",
        "perda-lama",
    ]
    assert newest[-1] == "perda-lama"
    assert newest[-2] == "kajian-sungai"


def test_without_a_query_the_newest_come_first(client, library, catalogue):
    assert slugs(client.get(library.url))[-1] == "perda-lama"


def test_filters_stay_in_the_url_of_every_page_link(client, library, kinds):
    for number in range(PAGE_SIZE + 3):
        PustakaDocumentPageFactory(
            parent=library, title=f"Rencana {number}", kind=kinds["kajian"]
        )

    response = client.get(library.url, {"q": "rencana", "kind": "kajian"})

    assert len(slugs(response)) == PAGE_SIZE
    assert "?q=rencana&amp;kind=kajian&amp;page=2" in response.text
    second = client.get(library.url, {"q": "rencana", "kind": "kajian", "page": 2})
    assert len(slugs(second)) == 3
    assert not set(slugs(response)) & set(slugs(second))
    assert 'value="rencana"' in second.text


@pytest.mark.parametrize(
    "params",
    [
        {"page": "999"},
        {"page": "abc"},
        {"page": "99999999999999999999999"},
        {"q": "rencana", "page": "99999999999999999999999"},
        {"year": "abc"},
        {"year": "1800"},
        {"kind": "tidak-ada"},
        {"status": "<script>"},
        {"sort": "random"},
        {"q": "x" * 500},
        {"q": "%_\\'\""},
        {"tag": "tidak-ada", "q": "rencana"},
    ],
)
def test_bad_parameters_answer_200_with_a_message(client, library, catalogue, params):
    response = client.get(library.url, params)

    assert response.status_code == 200
    assert "<script>" not in response.text


def test_bad_filter_is_explained_and_other_filters_kept(client, library, catalogue):
    response = client.get(library.url, {"q": "rencana", "year": "abc"})

    assert "Masukkan pilihan yang valid" in response.text
    assert set(slugs(response)) == {"perda-lama", "perda-baru", "kajian-perencanaan"}


def test_listing_queries_do_not_grow_with_the_number_of_documents(
    client, library, kinds
):
    def add(count):
        for number in range(count):
            document = PustakaDocumentPageFactory(
                parent=library,
                kind=kinds["regulasi" if number % 2 else "kajian"],
                title=f"Dokumen Perencanaan {number}",
                jdih_tanggal_penetapan=datetime.date(2024, 1, 1),
                tags=[f"label {number}", "perencanaan"],
            )
            assert document.pk

    def count_queries(params):
        client.get(library.url, params)  # warm caches (site root paths)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(library.url, params)
        assert response.status_code == 200
        return len(queries), len(slugs(response))

    add(5)
    few = count_queries({}), count_queries({"q": "rencana", "kind": "kajian"})
    add(45)
    many = count_queries({}), count_queries({"q": "rencana", "kind": "kajian"})

    assert [count for count, _ in few] == [count for count, _ in many]
    assert many[0][1] == PAGE_SIZE


def test_many_pages_link_a_window_of_page_numbers(client, library, kinds, monkeypatch):
    monkeypatch.setattr("pustaka.listing.PAGE_SIZE", 1)
    for number in range(12):
        PustakaDocumentPageFactory(
            parent=library, title=f"Rencana {number}", kind=kinds["kajian"]
        )

    response = client.get(library.url, {"q": "rencana", "page": "6"})

    pages = response.text.split('class="pagination"')[1].split("</ul>")[0]
    assert '<span aria-current="page">6</span>' in pages
    for shown in ("page=1", "page=4", "page=8", "page=12"):
        assert shown in pages
    for hidden in ("page=2", "page=3", "page=9", "page=11"):
        assert f"{hidden}&" not in pages and f'{hidden}"' not in pages
    assert pages.count("pagination__gap") == 2


@pytest.mark.parametrize(
    ("requested", "number"),
    [
        ("0", 2),
        ("-1", 2),
        ("99", 2),
        ("x", 1),
        ("2", 2),
        ("²", 1),
        ("1.5", 1),
        # Past what a database OFFSET holds (OverflowError, "bigint out of range").
        ("9" * 20, 2),
        ("9" * 5000, 2),
        (str(2**62), 2),
    ],
)
def test_page_numbers_out_of_range_show_the_nearest_page(
    client, library, kinds, requested, number
):
    for index in range(PAGE_SIZE + 2):
        PustakaDocumentPageFactory(
            parent=library, title=f"Rencana {index}", kind=kinds["kajian"]
        )

    response = client.get(library.url, {"q": "rencana", "page": requested})

    page = response.context["documents"]
    assert page.number == number
    assert len(page.object_list) == (2 if number == 2 else PAGE_SIZE)
    assert response.context["paginator"].count == PAGE_SIZE + 2


def test_no_result_is_one_empty_page(client, library, catalogue):
    response = client.get(library.url, {"q": "tidakadasamasekali"})

    assert response.context["paginator"].count == 0
    assert list(response.context["documents"]) == []


def test_listed_documents_carry_their_tags_and_rank(client, library, catalogue):
    response = client.get(library.url, {"q": "perencanaan"})

    documents = {d.slug: d for d in response.context["documents"]}
    assert [t["slug"] for t in documents["perda-baru"].listed_tags] == [
        "perencanaan",
        "tata-ruang",
    ]
    assert documents["perda-baru"].score > 0
    assert 'href="?q=perencanaan&amp;tag=tata-ruang"' in response.text


@pytest.mark.parametrize("value", [None, "2024", "a&b"])
def test_quick_select_renders_what_django_select_renders(value):
    from html.parser import HTMLParser

    from django import forms

    from pustaka.listing import QuickSelect

    class Parts(HTMLParser):
        def __init__(self, html):
            super().__init__()
            self.parts = []
            self.feed(html)

        def handle_starttag(self, tag, attrs):
            self.parts.append((tag, sorted(attrs, key=str)))

        def handle_endtag(self, tag):
            self.parts.append(("/" + tag,))

        def handle_data(self, data):
            if data.strip():
                self.parts.append(data.strip())

    choices = [("", "Semua"), (2024, "2024"), ("a&b", "<b>A & B</b>")]
    attrs = {"id": "id_year", "aria-invalid": "true", "required": True}

    quick = QuickSelect(choices=choices).render("year", value, attrs)
    django = forms.Select(choices=choices).render("year", value, attrs)

    assert Parts(quick).parts == Parts(django).parts
    assert "<b>" not in quick
