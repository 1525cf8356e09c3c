"""Administrators read the record of data downloads and deletions in the Wagtail
admin; nobody can change it, and editors do not see it."""

import pytest

from accounts.tests.factories import EditorFactory, SuperuserFactory
from privacy.models import PrivacyEvent

pytestmark = pytest.mark.django_db

INDEX = "/admin/privacy_events/"


@pytest.fixture
def event():
    return PrivacyEvent.objects.create(
        action=PrivacyEvent.Action.ACCOUNT_DELETED,
        user_pk=4321,
        account_type="pakar",
        details={"consultations": 3, "sessions": 2},
    )


def test_administrator_lists_filters_and_inspects_events(client, event):
    PrivacyEvent.objects.create(
        action=PrivacyEvent.Action.DATA_EXPORTED,
        user_pk=8765,
        account_type="pemerintah",
    )
    client.force_login(SuperuserFactory())

    listing = client.get(INDEX)
    deleted_only = client.get(INDEX, {"action": "account_deleted"})
    inspect = client.get(f"{INDEX}inspect/{event.pk}/")

    assert listing.status_code == 200
    assert "4321" in listing.text and "8765" in listing.text
    assert "Akun dihapus" in listing.text
    assert "4321" in deleted_only.text and "8765" not in deleted_only.text
    assert inspect.status_code == 200
    assert "consultations" in inspect.text
    assert f"{INDEX}edit/{event.pk}/" not in listing.text
    assert "Peristiwa data pribadi" in client.get("/admin/").text


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "new/"),
        ("post", "new/"),
        ("get", "edit/{pk}/"),
        ("post", "edit/{pk}/"),
        ("get", "delete/{pk}/"),
        ("post", "delete/{pk}/"),
    ],
)
def test_nobody_adds_changes_or_deletes_an_event(client, event, method, path):
    client.force_login(SuperuserFactory())
    url = INDEX + path.format(pk=event.pk)

    response = getattr(client, method)(
        url, {"action": "data_exported", "user_pk": 1, "account_type": ""}
    )

    # Wagtail answers a refused admin action with a redirect to the dashboard.
    assert (response.status_code, response.get("Location")) == (302, "/admin/")
    assert PrivacyEvent.objects.count() == 1
    event.refresh_from_db()
    assert event.user_pk == 4321 and event.action == "account_deleted"


def test_editors_do_not_see_the_record(client, event):
    client.force_login(EditorFactory())

    assert client.get(INDEX).status_code == 302
    assert client.get(f"{INDEX}inspect/{event.pk}/").status_code == 302
    assert INDEX not in client.get("/admin/").text


def test_huge_ids_are_404(client):
    client.force_login(SuperuserFactory())
    assert client.get(f"{INDEX}inspect/{'9' * 30}/").status_code == 404
