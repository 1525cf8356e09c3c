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
