"""Unpublished, private and expired pages and their files stay out of sight."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from experts.tests.factories import ExpertFactory
from home.tests.factories import make_home
from home.visibility import check_serving, visible
from pustaka.models import PustakaDocumentPage
from pustaka.tests.factories import (
    PustakaDocumentPageFactory,
    PustakaIndexPageFactory,
    WagtailDocumentFactory,
)
from rpjpd.models import Reply, TopicDocumentLink, TopicPage
from rpjpd.tests.factories import (
    RPJPDIndexPageFactory,
    RPJPDSectionPageFactory,
    TopicPageFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ["unpublished", "login", "group", "expired"]


def hide(page, state):
    """Make ``page`` invisible to visitors in one of the ways an editor can."""
    if state == "unpublished":
        page.unpublish()
    elif state == "login":
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        )
    elif state == "group":
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.get_or_create(name="Internal")[0])
    elif state == "expired":
        # Still marked live: publish_scheduled has not run yet.
        page.expire_at = timezone.now() - datetime.timedelta(hours=1)
        page.save()
    return page


@pytest.fixture
def site_tree():
    home = make_home()
    hub = RPJPDIndexPageFactory(parent=home)
    section = RPJPDSectionPageFactory(parent=hub, title="Isu Strategis Daerah")
    library = PustakaIndexPageFactory(parent=home)
    shown_topic = TopicPageFactory(parent=section, title="Topik Terbuka Umum")
    shown_document = PustakaDocumentPageFactory(
        parent=library,
        title="Dokumen Terbuka Mahakam",
        document=WagtailDocumentFactory(),
    )
    TopicDocumentLink.objects.create(page=shown_topic, document=shown_document)
    return {
        "home": home,
        "hub": hub,
        "section": section,
        "library": library,
        "topic": shown_topic,
        "document": shown_document,
    }


def hidden_pair(site_tree, state):
    """A hidden topic and a hidden document (with its own file), cross-linked."""
    topic = TopicPageFactory(parent=site_tree["section"], title="Topik Rahasia Mahakam")
    document = PustakaDocumentPageFactory(
        parent=site_tree["library"],
        title="Dokumen Rahasia Mahakam",
        document=WagtailDocumentFactory(),
    )
    TopicDocumentLink.objects.create(page=topic, document=document)
    TopicDocumentLink.objects.create(
        page=site_tree["topic"], document=document, sort_order=1
    )
    TopicDocumentLink.objects.create(page=topic, document=site_tree["document"])
    return hide(topic, state), hide(document, state)


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_pages_appear_in_no_listing(client, site_tree, state):
    hidden_topic, hidden_document = hidden_pair(site_tree, state)

    pages = [
        client.get("/"),
        client.get(site_tree["hub"].url),
        client.get(site_tree["section"].url),
        client.get(site_tree["library"].url),
        client.get(site_tree["library"].url, {"q": "rahasia"}),
        client.get(site_tree["library"].url, {"q": "mahakam"}),
        client.get(site_tree["topic"].url),
        client.get(site_tree["document"].url),
    ]

    for response in pages:
        assert response.status_code == 200
        assert "Rahasia" not in response.text
        assert hidden_document.document.url not in response.text
    assert "Topik Terbuka Umum" in pages[2].text
    assert "Dokumen Terbuka Mahakam" in pages[5].text
    assert [s.topic_count for s in pages[1].context["sections"]] == [1]


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_pages_are_not_in_the_sitemap(client, site_tree, state):
    hidden_topic, hidden_document = hidden_pair(site_tree, state)

    sitemap = client.get("/sitemap.xml").content.decode()

    assert site_tree["topic"].url in sitemap
    assert hidden_topic.url not in sitemap
    assert hidden_document.url not in sitemap


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_page_urls_answer_404(client, site_tree, state):
    hidden_topic, hidden_document = hidden_pair(site_tree, state)
    topic_url = f"{site_tree['section'].url}{hidden_topic.slug}/"
    document_url = f"{site_tree['library'].url}{hidden_document.slug}/"

    assert client.get(topic_url).status_code == 404
    assert client.get(document_url).status_code == 404


@pytest.mark.parametrize("state", HIDDEN_STATES)
@pytest.mark.parametrize("hidden", ["page", "parent"])
def test_pages_hidden_after_being_served_answer_404_at_once(
    client, site_tree, state, hidden
):
    """Serving remembers pages and their ancestors; hiding one retires that."""
    topic, document = site_tree["topic"], site_tree["document"]
    assert client.get(topic.url).status_code == 200
    assert client.get(document.url).status_code == 200

    if hidden == "page":
        hide(TopicPage.objects.get(pk=topic.pk), state)
        hide(PustakaDocumentPage.objects.get(pk=document.pk), state)
    else:
        hide(site_tree["section"], state)
        hide(site_tree["library"], state)

    assert client.get(topic.url).status_code == 404
    assert client.get(document.url).status_code == 404


@pytest.mark.parametrize("where", ["page", "parent"])
def test_an_expiry_date_reached_after_serving_hides_the_page(
    client, site_tree, monkeypatch, where
):
    """Nothing is written when a page expires: the time is checked per request."""
    page = site_tree["topic"] if where == "page" else site_tree["section"]
    page.expire_at = timezone.now() + datetime.timedelta(hours=1)
    page.save()
    assert client.get(site_tree["topic"].url).status_code == 200

    later = timezone.now() + datetime.timedelta(hours=2)
    monkeypatch.setattr("home.visibility.timezone.now", lambda: later)

    assert client.get(site_tree["topic"].url).status_code == 404


def test_a_group_change_on_an_existing_restriction_applies_at_once(
    client, django_user_model, site_tree
):
    restriction = PageViewRestriction.objects.create(
        page=site_tree["library"], restriction_type=PageViewRestriction.GROUPS
    )
    group = Group.objects.create(name="Staf Bappeda")
    member = django_user_model.objects.create_user("staf", password="x")
    member.groups.add(group)
    client.force_login(member)
    document_url = site_tree["document"].url
    assert client.get(document_url).status_code == 404

    restriction.groups.add(group)  # an m2m change: no save of the restriction
    assert client.get(document_url).status_code == 200

    restriction.groups.remove(group)
    assert client.get(document_url).status_code == 404


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_files_of_hidden_documents_answer_404_to_visitors(client, site_tree, state):
    _, hidden_document = hidden_pair(site_tree, state)

    response = client.get(hidden_document.document.url)

    assert response.status_code == 404


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_editors_still_download_files_of_hidden_documents(
    client, admin_user, site_tree, state
):
    _, hidden_document = hidden_pair(site_tree, state)
    client.force_login(admin_user)

    response = client.get(hidden_document.document.url)

    assert response.status_code == 200


def test_visible_document_file_downloads(client, site_tree):
    response = client.get(site_tree["document"].document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_file_shared_with_a_visible_document_stays_downloadable(client, site_tree):
    hidden = PustakaDocumentPageFactory(
        parent=site_tree["library"], document=site_tree["document"].document
    )
    hide(hidden, "unpublished")

    assert client.get(site_tree["document"].document.url).status_code == 200


def test_hidden_hub_and_section_leave_the_menu(client, site_tree):
    other = RPJPDSectionPageFactory(parent=site_tree["hub"], title="Sasaran Pokok")
    hide(other, "unpublished")

    menu = client.get("/").context["main_menu"]
    rpjpd = next(item for item in menu if item["key"] == "rpjpd")
    assert [child["title"] for child in rpjpd["children"]] == ["Isu Strategis Daerah"]

    hide(site_tree["hub"], "unpublished")
    menu = client.get("/").context["main_menu"]
    assert "rpjpd" not in [item["key"] for item in menu]


def test_login_restricted_page_is_shown_to_a_signed_in_user(
    client, django_user_model, site_tree
):
    hidden_topic, _ = hidden_pair(site_tree, "login")
    client.force_login(django_user_model.objects.create_user("warga", password="x"))

    assert client.get(hidden_topic.url).status_code == 200


def test_pages_under_an_unpublished_parent_are_hidden(client, site_tree):
    site_tree["section"].unpublish()
    site_tree["library"].unpublish()
    topic, document = site_tree["topic"], site_tree["document"]

    assert (
        client.get(f"/rpjpd/{site_tree['section'].slug}/{topic.slug}/").status_code
        == 404
    )
    assert client.get(f"/pustaka/{document.slug}/").status_code == 404
    assert client.get(document.document.url).status_code == 404
    sitemap = client.get("/sitemap.xml").content.decode()
    assert topic.slug not in sitemap
    assert document.slug not in sitemap
    home = client.get("/").text
    assert "Topik Terbuka Umum" not in home
    assert "Dokumen Terbuka Mahakam" not in home


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_pages_under_a_hidden_section_or_library_are_hidden_everywhere(
    client, site_tree, state
):
    """A restriction, an expiry date or an unpublish above a page hides it too."""
    Reply.objects.create(
        topic=site_tree["topic"], author=ExpertFactory(), body="Balasan terbuka."
    )
    hide(site_tree["section"], state)
    hide(site_tree["library"], state)

    assert not visible(TopicPage.objects.all()).exists()
    assert not visible(PustakaDocumentPage.objects.all()).exists()
    assert not Reply.objects.visible().exists()
    assert client.get(site_tree["topic"].url).status_code == 404
    assert client.get(site_tree["document"].url).status_code == 404
    home = client.get("/").text
    assert "Topik Terbuka Umum" not in home
    assert "Dokumen Terbuka Mahakam" not in home
    sitemap = client.get("/sitemap.xml").content.decode()
    assert site_tree["topic"].slug not in sitemap
    assert site_tree["document"].slug not in sitemap


def test_a_hidden_leaf_does_not_hide_its_siblings_or_parent(site_tree):
    hidden = PustakaDocumentPageFactory(parent=site_tree["library"], title="Rahasia")
    hide(hidden, "expired")
    PageViewRestriction.objects.create(
        page=PustakaDocumentPageFactory(parent=site_tree["library"], title="Privat"),
        restriction_type=PageViewRestriction.LOGIN,
    )

    shown = set(visible(Page.objects.all()).values_list("title", flat=True))

    assert {"Dokumen Terbuka Mahakam", site_tree["library"].title} <= shown
    assert not {"Rahasia", "Privat"} & shown


def test_a_future_expiry_date_above_a_page_hides_nothing_yet(site_tree):
    site_tree["library"].expire_at = timezone.now() + datetime.timedelta(days=1)
    site_tree["library"].save()

    assert visible(PustakaDocumentPage.objects.all()).exists()


def test_serving_an_unrestricted_page_checks_it_in_one_query(
    client, site_tree, django_assert_num_queries
):

    document = PustakaDocumentPage.objects.get(pk=site_tree["document"].pk)

    with django_assert_num_queries(1):
        check = check_serving(document)

    assert not check.hidden and check.restrictions == []
    assert [page.pk for page in document.served_ancestors][-2:] == [
        site_tree["home"].pk,
        site_tree["library"].pk,
    ]
    with django_assert_num_queries(0):
        assert not document.get_view_restrictions().exists()


def test_restrictions_above_a_served_page_are_loaded(site_tree):
    hide(site_tree["library"], "group")
    document = PustakaDocumentPage.objects.get(pk=site_tree["document"].pk)

    check = check_serving(document)

    assert not check.hidden
    assert [r.page_id for r in check.restrictions] == [site_tree["library"].pk]
    assert document.get_view_restrictions().count() == 1
