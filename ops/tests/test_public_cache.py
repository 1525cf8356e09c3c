"""Shared public parts (menu, site, footer) follow every public write at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from accounts.tests.factories import UserFactory
from home.models import FooterSettings, StandardPage
from ops import public_cache

from .factories import make_site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh():
    public_cache.forget_all()
    yield
    public_cache.forget_all()


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


class TestRemember:
    def test_built_once_per_version_and_copied_for_each_caller(self):
        calls = []

        def build():
            calls.append(1)
            return {"items": ["a"]}

        first = public_cache.remember("thing", build)
        first["items"].append("changed by one request")
        second = public_cache.remember("thing", build)

        assert calls == [1]
        assert second == {"items": ["a"]}

    def test_the_least_recently_used_value_goes_first_when_full(self, monkeypatch):
        monkeypatch.setattr(public_cache, "MAX_ITEMS", 2)
        public_cache.remember("menu", lambda: "menu")
        public_cache.remember("page:a", lambda: "a")
        public_cache.remember("menu", lambda: "rebuilt")  # used: kept
        public_cache.remember("page:b", lambda: "b")

        assert public_cache.remember("menu", lambda: "rebuilt") == "menu"
        assert public_cache.remember("page:a", lambda: "a again") == "a again"

    def test_nothing_found_is_not_kept(self):
        calls = []

        def build():
            calls.append(1)

        assert public_cache.remember("page:/no/such/", build) is None
        assert public_cache.remember("page:/no/such/", build) is None
        assert calls == [1, 1]
        assert public_cache._memo["items"] == {}

    def test_a_public_write_retires_it_at_once(self):
        make_site()
        public_cache.remember("thing", lambda: "old")

        StandardPage.objects.first().save()

        assert public_cache.remember("thing", lambda: "new") == "new"

    def test_the_version_changes_again_when_the_write_commits(
        self, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            make_site()
        before = public_cache.current_versions()

        for callback in callbacks:
            callback()

        after = public_cache.current_versions()
        assert before[public_cache.SITE] != after[public_cache.SITE]
        assert before[public_cache.DISCUSSION] != after[public_cache.DISCUSSION]

    def test_visitor_pages_are_retired_only_after_the_versions(
        self, settings, django_capture_on_commit_callbacks
    ):
        """A request reads the page-cache generation first, the versions later.

        Were the generation replaced first, a visitor in between would store a
        whole page under the new generation, built from parts remembered
        under the version of the uncommitted write (from the old rows).
        """
        from ops import page_cache

        settings.PAGE_CACHE_ENABLED = True
        _home, about = make_site()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            about.title = "Tentang kami"
            about.save_revision().publish()
        during_write = public_cache.current_versions()
        generation = cache.get(page_cache.GENERATION_KEY)

        for callback in callbacks:
            callback()
            if cache.get(page_cache.GENERATION_KEY) != generation:
                assert public_cache.current_versions() != during_write
        assert cache.get(page_cache.GENERATION_KEY) != generation

    def test_a_reply_retires_the_discussion_only(self):
        from experts.tests.factories import ExpertFactory
        from rpjpd.tests.factories import ReplyFactory, TopicPageFactory
        from rpjpd.tests.factories import build_site as build_rpjpd_site

        _home, _hub, section = build_rpjpd_site()
        topic = TopicPageFactory(parent=section)
        author = ExpertFactory()  # accounts and profiles are site-wide writes
        public_cache.remember("menu", lambda: "menu")
        public_cache.remember("counts", lambda: 0, scope=public_cache.DISCUSSION)
        public_cache.shared("list", lambda: "empty")

        ReplyFactory(topic=topic, author=author)

        assert public_cache.remember("menu", lambda: "rebuilt") == "menu"
        assert (
            public_cache.remember("counts", lambda: 1, scope=public_cache.DISCUSSION)
            == 1
        )
        assert public_cache.shared("list", lambda: "one reply") == "one reply"

    def test_private_writes_keep_it(self):
        user = UserFactory()
        public_cache.remember("thing", lambda: "kept")

        user.last_login = user.date_joined
        user.save(update_fields=["last_login"])
        from django.contrib.sessions.backends.db import SessionStore

        SessionStore().save()

        assert public_cache.remember("thing", lambda: "rebuilt") == "kept"

    def test_without_a_cache_it_builds_every_time(self, monkeypatch):
        def broken():
            raise ConnectionError("redis down")

        monkeypatch.setattr(public_cache, "_cache", broken)

        assert public_cache.remember("thing", lambda: 1) == 1
        assert public_cache.remember("thing", lambda: 2) == 2
        assert public_cache.shared("thing", lambda: 3) == 3

    def test_shared_values_live_in_the_shared_cache(self):
        public_cache.shared("fragment", lambda: "html")
        public_cache.forget_all()

        assert public_cache.shared("fragment", lambda: "rebuilt") == "html"
        cache.clear()  # a new version: what was shared is retired
        assert public_cache.shared("fragment", lambda: "rebuilt") == "rebuilt"


class TestSharedParts:
    def test_menu_site_and_footer_cost_no_query_once_built(self, client):
        make_site()
        _first, built = _queries(client, "/tentang/")
        _second, reused = _queries(client, "/tentang/")

        assert reused <= built - 3

    def test_a_new_page_in_the_menu_shows_at_once(self, client):
        from rpjpd.tests.factories import RPJPDIndexPageFactory

        home, _about = make_site()
        client.get("/tentang/")

        RPJPDIndexPageFactory(parent=home, title="RPJPD Kukar")

        assert "RPJPD" in client.get("/tentang/").text.split("</nav>")[0]

    def test_an_unpublished_section_leaves_the_menu_at_once(self, client):
        from rpjpd.tests.factories import (
            RPJPDIndexPageFactory,
            RPJPDSectionPageFactory,
        )

        home, _about = make_site()
        hub = RPJPDIndexPageFactory(parent=home)
        section = RPJPDSectionPageFactory(parent=hub, title="Isu Strategis Uji")
        assert "Isu Strategis Uji" in client.get("/tentang/").text

        section.unpublish()

        assert "Isu Strategis Uji" not in client.get("/tentang/").text

    def test_footer_contact_changes_show_at_once(self, client):
        make_site()
        client.get("/tentang/")

        contact = FooterSettings.for_site(Site.objects.get())
        contact.helpdesk_email = "bantuan@kukarkab.go.id"
        contact.save()

        assert "bantuan@kukarkab.go.id" in client.get("/tentang/").text

    def test_showing_the_footer_writes_nothing(self, client):
        make_site()
        FooterSettings.objects.all().delete()

        assert client.get("/tentang/").status_code == 200
        assert not FooterSettings.objects.exists()

    def test_a_new_site_root_is_routed_at_once(self, client):
        home, _about = make_site()
        client.get("/")
        other = home.add_child(
            instance=StandardPage(title="Beranda baru", slug="beranda-baru")
        )

        site = Site.objects.get()
        site.root_page = other
        site.save()

        assert "Beranda baru" in client.get("/").text

    def test_nothing_personal_is_remembered(self, client):
        make_site()
        member = UserFactory(name="Siti Rahasia Uji")
        client.force_login(member)
        client.get("/tentang/")

        values = [item[-1] for item in public_cache._memo["items"].values()]

        assert values
        assert not any(b"Siti Rahasia Uji" in blob for blob in values)
        assert not any(b"csrf" in blob.lower() for blob in values)


def test_the_site_lookup_skips_the_admin():
    from ops.routing import CachedSiteMiddleware

    request = RequestFactory().get("/admin/")
    seen = []

    CachedSiteMiddleware(lambda r: seen.append(hasattr(r, "_wagtail_site")))(request)

    assert seen == [False]
