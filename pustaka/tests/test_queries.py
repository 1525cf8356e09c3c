"""SQL queries per library page: a fixed, small number whatever the library holds.

Measured as the benchmark does (``bench_targets``): the page cache off, one
request first to warm Wagtail's per-process caches, then the request counted.
Sessions are read from the cache as in production (``cached_db`` on Redis).
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import UserFactory
from pustaka.models import PustakaDocumentPage, RegulationRelation
from pustaka.tests.factories import (
    DocumentKindFactory,
    PustakaDocumentPageFactory,
    WagtailDocumentFactory,
)
from rpjpd.models import TopicDocumentLink
from rpjpd.tests.factories import (
    RPJPDIndexPageFactory,
    RPJPDSectionPageFactory,
    TopicPageFactory,
)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


@pytest.fixture(autouse=True)
def production_like(settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.SESSION_ENGINE = "ops.sessions.cached_db"


@pytest.fixture
def realistic_library(home, library):
    """Regulations and studies with kinds, tags, files, relations and topics."""
    regulasi = DocumentKindFactory(name="Regulasi", slug="regulasi", is_regulation=True)
    kajian = DocumentKindFactory(name="Kajian", slug="kajian")
    documents = []
    for number in range(12):
        documents.append(
            PustakaDocumentPageFactory(
                parent=library,
                title=f"Perda Perencanaan Pembangunan {number}",
                kind=regulasi if number % 2 else kajian,
                year=2015 + number % 5,
                jdih_jenis="Peraturan Daerah" if number % 2 else "",
                jdih_nomor=str(number + 1),
                jdih_tahun=2015 + number % 5,
                jdih_status=PustakaDocumentPage.LegalStatus.BERLAKU,
                jdih_tanggal_penetapan=datetime.date(2015 + number % 5, 1, 1),
                document=WagtailDocumentFactory(),
                tags=[f"wilayah {number % 3}", "perencanaan"],
            )
        )
    main = documents[1]
    RegulationRelation.objects.create(
        page=main, target=documents[3], kind=RegulationRelation.Kind.MENGUBAH
    )
    RegulationRelation.objects.create(
        page=documents[5], target=main, kind=RegulationRelation.Kind.MENCABUT
    )
    hub = RPJPDIndexPageFactory(parent=home)
    section = RPJPDSectionPageFactory(parent=hub)
    for number in range(2):
        topic = TopicPageFactory(parent=section, title=f"Topik {number}")
        TopicDocumentLink.objects.create(page=topic, document=main)
    return {"library": library, "document": main, "section": section}


def count_queries(client, url, params=None):
    client.get(url, params)  # warm Wagtail's caches (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response


@pytest.fixture(params=["visitor", "signed-in"])
def reader(request, client):
    if request.param == "signed-in":
        client.force_login(UserFactory())
    return client


@pytest.mark.parametrize(
    "params",
    [
        None,
        {"q": "perencanaan pembangunan"},
        {"kind": "regulasi", "year": "2016"},
        {"q": "perda 2/2016", "tag": "perencanaan"},
        {"q": "perencanaan", "sort": "title", "page": "2"},
    ],
)
def test_library_index_stays_within_the_query_budget(reader, realistic_library, params):
    count, response = count_queries(reader, realistic_library["library"].url, params)

    assert response.context["documents"].object_list
    assert count <= MAX_QUERIES


def test_a_page_number_past_the_end_shows_the_last_page_within_budget(
    client, realistic_library
):
    count, response = count_queries(
        client, realistic_library["library"].url, {"q": "perencanaan", "page": "9"}
    )

    assert response.context["documents"].number == 2
    assert count <= MAX_QUERIES


def test_library_index_first_render_after_a_publish_stays_within_budget(
    client, realistic_library
):
    """The filter choices are recomputed after a write: one query more, still in."""
    url = realistic_library["library"].url
    client.get(url)
    realistic_library["document"].save_revision().publish()

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"q": "perencanaan"})

    assert response.status_code == 200
    assert len(queries) <= MAX_QUERIES


def test_document_page_stays_within_the_query_budget(reader, realistic_library):
    document = realistic_library["document"]

    count, response = count_queries(reader, document.url)

    outbound, inbound = (
        response.context["outbound_relations"],
        response.context["inbound_relations"],
    )
    assert [r.target.title for r in outbound] == ["Perda Perencanaan Pembangunan 3"]
    assert [r.page.title for r in inbound] == ["Perda Perencanaan Pembangunan 5"]
    assert len(response.context["related_topics"]) == 2
    assert document.document.url in response.text
    assert count <= MAX_QUERIES


def test_document_page_queries_do_not_grow_with_relations_and_topics(
    client, realistic_library, home
):
    document = realistic_library["document"]
    before, _ = count_queries(client, document.url)
    others = PustakaDocumentPage.objects.exclude(pk=document.pk)[:6]
    for other in others:
        RegulationRelation.objects.create(
            page=document, target=other, kind=RegulationRelation.Kind.MENGUBAH
        )
    topic = TopicPageFactory(parent=realistic_library["section"])
    TopicDocumentLink.objects.create(page=topic, document=document)

    after, response = count_queries(client, document.url)

    assert len(response.context["outbound_relations"]) == 7
    assert after == before
