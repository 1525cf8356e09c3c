"""A library document's page: its relations, topics and library link."""

import pytest
from wagtail.models import PageViewRestriction

from pustaka.models import PustakaDocumentPage, RegulationRelation
from pustaka.tests.factories import DocumentKindFactory, PustakaDocumentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def regulations(library):
    kind = DocumentKindFactory(name="Regulasi", slug="regulasi", is_regulation=True)

    def make(title, **kwargs):
        return PustakaDocumentPageFactory(
            parent=library, title=title, kind=kind, tags=["tata ruang"], **kwargs
        )

    main = make("Perda Tata Ruang 2024")
    amended = make("Perda Tata Ruang 2012")
    revoking = make("Perda Tata Ruang 2030")
    hidden_target = make("Perda Rahasia Lama")
    hidden_source = make("Perda Rahasia Baru")
    RegulationRelation.objects.create(
        page=main, target=amended, kind=RegulationRelation.Kind.MENGUBAH
    )
    RegulationRelation.objects.create(
        page=main, target=hidden_target, kind=RegulationRelation.Kind.MENCABUT
    )
    RegulationRelation.objects.create(
        page=revoking, target=main, kind=RegulationRelation.Kind.MENCABUT
    )
    RegulationRelation.objects.create(
        page=hidden_source, target=main, kind=RegulationRelation.Kind.MENGUBAH
    )
    hidden_target.unpublish()
    PageViewRestriction.objects.create(
        page=hidden_source, restriction_type=PageViewRestriction.LOGIN
    )
    return {"main": main, "amended": amended, "revoking": revoking}


def test_relations_show_only_regulations_a_visitor_may_see(client, regulations):
    response = client.get(regulations["main"].url)

    assert [r.target for r in response.context["outbound_relations"]] == [
        regulations["amended"]
    ]
    assert [r.page for r in response.context["inbound_relations"]] == [
        regulations["revoking"]
    ]
    assert "Rahasia" not in response.text
    assert "Perda Tata Ruang 2012" in response.text
    assert "Perda Tata Ruang 2030" in response.text


def test_tags_link_to_the_filtered_library(client, library, regulations):
    response = client.get(regulations["main"].url)

    assert response.context["library"].pk == library.pk
    assert f'href="{library.url}?tag=tata-ruang"' in response.text


def test_a_preview_shows_the_draft_relations(regulations):
    """A draft keeps its relations in memory (modelcluster), not in the database."""
    draft = PustakaDocumentPage.objects.get(pk=regulations["main"].pk)
    draft.relations.add(
        RegulationRelation(
            kind=RegulationRelation.Kind.MENCABUT, target=regulations["revoking"]
        )
    )

    outbound, inbound = draft.visible_relations()

    assert [r.target for r in outbound] == [
        regulations["amended"],
        regulations["revoking"],
    ]
    assert [r.page for r in inbound] == [regulations["revoking"]]


def test_outside_serving_the_library_is_looked_up(regulations, library):
    document = PustakaDocumentPage.objects.get(pk=regulations["main"].pk)

    assert document.library() == library
