"""The site root finds a deep page with one lookup, as Wagtail's walk would."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from home.models import StandardPage
from ops import routing

from .factories import make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def deep_page():
    _home, about = make_site()
    team = about.add_child(instance=StandardPage(title="Tim", slug="tim"))
    return team.add_child(
        instance=StandardPage(title="Sekretariat", slug="sekretariat")
    )


def _queries_for(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_deep_page_is_found_with_fewer_queries(client, deep_page, monkeypatch):
    fast, fast_queries = _queries_for(client, deep_page.url)
    monkeypatch.setattr(routing, "_default_routing_everywhere", lambda: False)
    slow, slow_queries = _queries_for(client, deep_page.url)

    assert fast.status_code == slow.status_code == 200
    assert fast.content == slow.content
    assert fast_queries <= slow_queries - 3


def test_unpublished_target_is_not_found(client, deep_page):
    deep_page.unpublish()

    assert client.get(deep_page.url_path.replace("/beranda-ops", "")).status_code == 404


def test_unknown_path_is_not_found(client, deep_page):
    assert client.get("/tentang/tidak-ada/").status_code == 404
    assert client.get("/tentang/tim/sekretariat/lagi/").status_code == 404


def test_custom_routing_anywhere_falls_back_to_wagtail(monkeypatch):
    class Routable(Page):
        class Meta:
            abstract = True

        def route(self, request, path_components):
            return super().route(request, path_components)

    routing._default_routing_everywhere.cache_clear()
    monkeypatch.setattr(routing, "get_page_models", lambda: [Page, Routable])
    try:
        assert routing._default_routing_everywhere() is False
    finally:
        routing._default_routing_everywhere.cache_clear()


def test_a_page_served_again_is_routed_and_checked_without_a_query(
    rf, deep_page, django_assert_num_queries
):
    from home.visibility import check_serving

    home = deep_page.get_parent().get_parent().get_parent().specific
    components = deep_page.url_path.split("/")[2:-1]

    def serve_once():
        page = home.route(rf.get(deep_page.url), components).page
        check = check_serving(page, rf.get(deep_page.url))
        return page, check

    first, _check = serve_once()
    with django_assert_num_queries(0):
        again, check = serve_once()

    assert again.pk == first.pk == deep_page.pk
    assert type(again) is StandardPage
    assert not check.hidden and check.restrictions == []
    assert [page.pk for page in again.served_ancestors][-1] == deep_page.get_parent().pk
    with django_assert_num_queries(0):
        assert not again.get_view_restrictions().exists()


def test_a_renamed_page_moves_at_once(client, deep_page):
    old_url = deep_page.url
    assert client.get(old_url).status_code == 200

    deep_page.slug = "sekretariat-baru"
    deep_page.save_revision().publish()

    assert client.get(old_url).status_code == 404
    assert (
        client.get(old_url.replace("sekretariat", "sekretariat-baru")).status_code
        == 200
    )


def test_a_page_unpublished_after_being_served_is_not_found_at_once(client, deep_page):
    assert client.get(deep_page.url).status_code == 200

    deep_page.unpublish()

    assert client.get(deep_page.url).status_code == 404


def test_a_page_under_a_parent_unpublished_after_serving_is_not_found(
    client, deep_page
):
    assert client.get(deep_page.url).status_code == 200

    deep_page.get_parent().unpublish()

    assert client.get(deep_page.url).status_code == 404


def test_unknown_paths_are_not_remembered(client, deep_page):
    from ops import public_cache

    assert client.get("/tentang/tidak-ada/").status_code == 404

    assert not any("tidak-ada" in tag for tag in public_cache._memo["items"])


def test_site_root_paths_are_read_once_per_content_version(
    client, deep_page, monkeypatch
):
    """Page URLs need every site's root path: remembered, not read per request."""
    from wagtail.models import Site

    url, parent_url = deep_page.url, deep_page.get_parent().url
    reads = []
    original = Site.get_site_root_paths

    def counted():
        reads.append(1)
        return original()

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(counted))
    first = client.get(url)
    again = client.get(url)

    assert first.status_code == again.status_code == 200
    assert len(reads) == 1
    assert f'href="{parent_url}"' in again.text  # breadcrumbs

    Site.objects.get().save()  # a site write retires them

    client.get(url)
    assert len(reads) == 2
