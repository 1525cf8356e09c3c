"""RPJPD pages: tree rules, the hub, sections and topics as a visitor sees them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from home.models import HomePage, StandardPage
from home.tests.factories import make_home
from pustaka.models import PustakaDocumentPage, PustakaIndexPage
from pustaka.tests.factories import PustakaDocumentPageFactory, PustakaIndexPageFactory
from rpjpd.models import (
    RPJPDIndexPage,
    RPJPDSectionPage,
    TopicDocumentLink,
    TopicIndicator,
    TopicPage,
)
from rpjpd.tests.factories import (
    GuidingQuestionFactory,
    RPJPDIndexPageFactory,
    RPJPDSectionPageFactory,
    TopicPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    home = make_home()
    hub = RPJPDIndexPageFactory(parent=home)
    section = RPJPDSectionPageFactory(parent=hub, title="Sasaran Pokok")
    library = PustakaIndexPageFactory(parent=home)
    return {"home": home, "hub": hub, "section": section, "library": library}


def test_page_tree_rules(tree):
    home, hub, section, library = (
        tree["home"],
        tree["hub"],
        tree["section"],
        tree["library"],
    )
    topic = TopicPageFactory(parent=section)
    root = Page.get_first_root_node()

    # What may be created where.
    assert TopicPage.can_create_at(section)
    assert not TopicPage.can_create_at(hub)
    assert not TopicPage.can_create_at(home)
    assert not TopicPage.can_create_at(topic)
    assert RPJPDSectionPage.can_create_at(hub)
    assert not RPJPDSectionPage.can_create_at(home)
    assert not RPJPDSectionPage.can_create_at(section)
    assert PustakaDocumentPage.can_create_at(library)
    assert not PustakaDocumentPage.can_create_at(home)
    assert not PustakaDocumentPage.can_create_at(section)
    assert StandardPage.can_create_at(home)
    assert not StandardPage.can_create_at(hub)
    # One hub, one library, one home.
    assert not RPJPDIndexPage.can_create_at(home)
    assert not PustakaIndexPage.can_create_at(home)
    assert not HomePage.can_create_at(root)
    # Moving is held to the same rules.
    assert topic.can_move_to(RPJPDSectionPageFactory(parent=hub))
    assert not topic.can_move_to(hub)
    assert not section.can_move_to(home)


def test_hub_shows_its_sections_with_topic_counts(client, tree):
    other = RPJPDSectionPageFactory(parent=tree["hub"], title="Isu Strategis Daerah")
    for _ in range(3):
        TopicPageFactory(parent=tree["section"])
    TopicPageFactory(parent=other)

    response = client.get(tree["hub"].url)

    counts = {s.title: s.topic_count for s in response.context["sections"]}
    assert counts == {"Sasaran Pokok": 3, "Isu Strategis Daerah": 1}
    assert "Kutai Kartanegara Maju, Tangguh, Berbudaya" in response.text
    assert "3 topik" in response.text


def test_section_lists_topics_with_their_status(client, tree):
    TopicPageFactory(parent=tree["section"], title="Topik Buka")
    TopicPageFactory(
        parent=tree["section"],
        title="Topik Tutup",
        discussion_status=TopicPage.Status.CLOSED,
    )

    response = client.get(tree["section"].url)

    assert [t.title for t in response.context["topics"]] == [
        "Topik Buka",
        "Topik Tutup",
    ]
    assert "Dibuka untuk diskusi" in response.text
    assert "Diskusi ditutup" in response.text
    assert 'aria-label="Remah roti"' in response.text


def test_topic_page_shows_everything(client, tree):
    document = PustakaDocumentPageFactory(
        parent=tree["library"], title="UU Rencana Pembangunan"
    )
    topic = TopicPageFactory(
        parent=tree["section"],
        title="Emisi Gas Rumah Kaca",
        summary="Ringkasan emisi.",
        body="<p>Isi topik yang panjang.</p>",
        source_note="Sumber: https://contoh.example/sumber",
        closes_at=datetime.datetime(2030, 3, 31, 9, 0, tzinfo=datetime.UTC),
    )
    GuidingQuestionFactory(page=topic, text="Apa baseline emisinya?")
    TopicIndicator.objects.create(
        page=topic,
        indicator="Penurunan emisi GRK",
        national_target_2045="net zero",
        regency_figure="17,59%",
        source="penakaltim.id",
    )
    TopicDocumentLink.objects.create(page=topic, document=document)

    response = client.get(topic.url)

    text = response.text
    for expected in [
        "Ringkasan emisi.",
        "Isi topik yang panjang.",
        "Apa baseline emisinya?",
        "Penurunan emisi GRK",
        "17,59%",
        "UU Rencana Pembangunan",
        document.url,
        'href="https://contoh.example/sumber"',
        # 09.00 UTC is 17.00 in Kalimantan Timur.
        "31 Maret 2030, 17.00 WITA",
        "Dibuka untuk diskusi",
    ]:
        assert expected in text


def test_topic_past_its_closing_date_shows_closed(client, tree):
    topic = TopicPageFactory(
        parent=tree["section"],
        closes_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )

    response = client.get(topic.url)

    assert not topic.is_open
    assert "Diskusi ditutup" in response.text
    assert "Ditutup pada" in response.text


def test_section_queries_do_not_grow_with_the_number_of_topics(client, tree):
    def count_queries():
        client.get(tree["section"].url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(tree["section"].url)
        return len(queries), len(response.context["topics"])

    for _ in range(5):
        TopicPageFactory(parent=tree["section"])
    few, shown = count_queries()
    assert shown == 5
    for _ in range(45):
        TopicPageFactory(parent=tree["section"])
    many, shown = count_queries()

    assert shown == 50
    assert few == many
