"""The Wagtail admin for Bappeda editors: rights, snippets and language."""

import io
import json

import pytest
from wagtail.users.models import UserProfile

from home.demo import EDITOR_USERNAME, load_site
from home.management.commands.load_demo import DEMO_FILE
from pustaka.models import DocumentKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    load_site(json.loads(DEMO_FILE.read_text(encoding="utf-8")), io.StringIO())
    return django_user_model.objects.get(username=EDITOR_USERNAME)


def test_demo_editor_reaches_the_admin_in_indonesian(client, editor):
    client.force_login(editor)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert '<html lang="id-id"' in response.text
    # "Snippets" as Wagtail's own Indonesian catalogue has it.
    assert "Potongan" in response.text


def test_admin_language_follows_the_editors_choice(client, editor):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(editor)

    english = client.get("/admin/").text
    assert '<html lang="en"' in english
    assert "Snippets" in english

    profile.preferred_language = "id-id"
    profile.save()
    assert "Potongan" in client.get("/admin/").text


def test_account_settings_offer_indonesian(client, editor):
    client.force_login(editor)

    response = client.get("/admin/account/")

    assert 'value="id-id"' in response.text


def test_editor_manages_pages_kinds_and_library_but_not_users(client, editor):
    from wagtail.models import Page

    home = Page.objects.get(depth=2)
    client.force_login(editor)

    assert client.get(f"/admin/pages/{home.pk}/").status_code == 200
    assert (
        client.get(f"/admin/pages/add/home/standardpage/{home.pk}/").status_code == 200
    )
    assert client.get("/admin/snippets/pustaka/documentkind/add/").status_code == 200
    assert client.get("/admin/documents/").status_code == 200
    assert client.get("/admin/pustaka_documents/").status_code == 200
    assert client.get("/admin/rpjpd_topics/").status_code == 200
    assert client.get("/admin/users/").status_code in {302, 403}

    response = client.post(
        "/admin/snippets/pustaka/documentkind/add/",
        {"name": "Peta", "slug": "peta", "sort_order": 9},
    )
    assert response.status_code == 302
    assert DocumentKind.objects.filter(slug="peta").exists()


def test_visitors_are_kept_out_of_the_admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("warga", password="x"))

    response = client.get("/admin/")

    assert response.status_code in {302, 403}
