"""The demo loader builds the whole site and changes nothing when run again."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision, Site

from pustaka.models import DocumentKind, PustakaDocumentPage, RegulationRelation
from rpjpd.models import (
    GuidingQuestion,
    RPJPDSectionPage,
    TopicDocumentLink,
    TopicIndicator,
    TopicPage,
)

pytestmark = pytest.mark.django_db


def snapshot():
    """Counts and identities that a second run must leave alone."""
    from django.contrib.auth import get_user_model

    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title")),
        "revisions": Revision.objects.count(),
        "documents": list(
            get_document_model().objects.order_by("pk").values_list("pk", "file")
        ),
        "kinds": DocumentKind.objects.count(),
        "tags": Tag.objects.count(),
        "relations": RegulationRelation.objects.count(),
        "questions": GuidingQuestion.objects.count(),
        "indicators": TopicIndicator.objects.count(),
        "links": TopicDocumentLink.objects.count(),
        "users": list(get_user_model().objects.values_list("username", "password")),
        "groups": list(Group.objects.values_list("name", flat=True)),
        "permissions": Permission.objects.filter(group__isnull=False).count(),
        "site_root": Site.objects.get(is_default_site=True).root_page_id,
    }


def test_load_demo_builds_the_site_and_is_idempotent():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    first = snapshot()

    call_command("load_demo", stdout=io.StringIO())

    assert snapshot() == first
    assert RPJPDSectionPage.objects.count() == 3
    assert TopicPage.objects.live().count() == 18
    assert PustakaDocumentPage.objects.live().count() == 19
    assert all(page.document_id for page in PustakaDocumentPage.objects.all())
    assert DocumentKind.objects.count() == 5
    assert not Page.objects.filter(
        title__startswith="Welcome to your new Wagtail"
    ).exists()
    assert "editor.bappeda" in out.getvalue() and "password" in out.getvalue()
    assert first["revisions"] >= 3 + 19 + 18


def test_demo_pages_render(client):
    call_command("load_demo", stdout=io.StringIO())

    for url in [
        "/",
        "/rpjpd/",
        "/rpjpd/sasaran-pokok/",
        "/rpjpd/sasaran-pokok/pendapatan-per-kapita/",
        "/pustaka/",
        "/pustaka/uu-59-2024-rpjpn/",
        "/panduan-pakar/",
        "/panduan-masyarakat/",
        "/tentang/",
    ]:
        assert client.get(url).status_code == 200, url

    topic = client.get("/rpjpd/sasaran-pokok/pendapatan-per-kapita/").text
    assert "USD 23.000–30.300" in topic
    assert "Undang-Undang Nomor 59 Tahun 2024" in topic
    document = client.get("/pustaka/uu-59-2024-rpjpn/").text
    assert "Pendapatan per Kapita dan Transformasi Struktur Ekonomi" in document
    assert "13 September 2024" in document
    assert (
        client.get(
            PustakaDocumentPage.objects.get(slug="uu-59-2024-rpjpn").document.url
        ).status_code
        == 200
    )
