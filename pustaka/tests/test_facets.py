"""The filter choices: only what visible documents use, cached until a write."""

import pytest
from wagtail.models import PageViewRestriction

from home.visibility import visible
from pustaka import facets
from pustaka.models import PustakaDocumentPage
from pustaka.tests.factories import DocumentKindFactory, PustakaDocumentPageFactory

pytestmark = pytest.mark.django_db


def choices(response, field):
    return [
        value for value, _label in response.context["filter_form"].fields[field].choices
    ][1:]


@pytest.fixture
def shelf(library):
    kajian = DocumentKindFactory(name="Kajian", slug="kajian", sort_order=2)
    regulasi = DocumentKindFactory(name="Regulasi", slug="regulasi", sort_order=1)
    PustakaDocumentPageFactory(
        parent=library, kind=kajian, year=2021, tags=["sungai", "banjir"]
    )
    PustakaDocumentPageFactory(parent=library, kind=regulasi, year=2024, tags=["air"])
    return {"kajian": kajian, "regulasi": regulasi}


def test_choices_list_what_visible_documents_use_in_order(client, library, shelf):
    hidden = PustakaDocumentPageFactory(
        parent=library,
        kind=DocumentKindFactory(name="Rahasia", slug="rahasia"),
        year=1999,
        tags=["rahasia"],
    )
    hidden.unpublish()

    response = client.get(library.url)

    assert choices(response, "kind") == ["regulasi", "kajian"]  # by sort order
    assert choices(response, "year") == [2024, 2021]
    assert choices(response, "tag") == ["air", "banjir", "sungai"]


def test_one_query_computes_the_choices(library, shelf, django_assert_num_queries):
    documents = visible(PustakaDocumentPage.objects.child_of(library))

    with django_assert_num_queries(1):
        found = facets.compute_facets(documents)

    assert found.years == (2024, 2021)
    assert found.kinds == (("regulasi", "Regulasi"), ("kajian", "Kajian"))


def test_choices_are_read_from_the_cache_until_something_changes(
    client, library, shelf, monkeypatch
):
    computed = []
    compute = facets.compute_facets
    monkeypatch.setattr(
        facets, "compute_facets", lambda docs: computed.append(1) or compute(docs)
    )
    client.get(library.url)
    client.get(library.url, {"q": "sungai"})
    assert len(computed) == 1

    PustakaDocumentPageFactory(parent=library, year=2030, tags=["pesisir"])
    response = client.get(library.url)

    assert len(computed) == 2
    assert 2030 in choices(response, "year")
    assert "pesisir" in choices(response, "tag")


@pytest.mark.parametrize("change", ["unpublish", "restrict", "rename kind"])
def test_writes_that_change_what_is_offered_retire_the_cache(
    client, library, shelf, change
):
    document = PustakaDocumentPage.objects.get(kind=shelf["kajian"])
    client.get(library.url)

    if change == "unpublish":
        document.unpublish()
    elif change == "restrict":
        PageViewRestriction.objects.create(
            page=document, restriction_type=PageViewRestriction.LOGIN
        )
    else:
        shelf["kajian"].name = "Kajian Akademik"
        shelf["kajian"].save()

    kinds = dict(client.get(library.url).context["filter_form"].fields["kind"].choices)
    if change == "rename kind":
        assert kinds["kajian"] == "Kajian Akademik"
    else:
        assert "kajian" not in kinds


def test_a_broken_cache_still_gives_the_choices(client, library, shelf, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(facets.cache, "get_many", broken)

    response = client.get(library.url)

    assert response.status_code == 200
    assert choices(response, "year") == [2024, 2021]
