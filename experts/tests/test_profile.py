"""Profil Saya: who may edit it, what it keeps, publications add/edit/delete/reorder."""

import pytest

from accounts.tests.factories import EditorFactory, PemerintahFactory, UserFactory
from experts.models import Publication

from .factories import ExpertiseFieldFactory, ExpertProfileFactory, PublicationFactory

pytestmark = pytest.mark.django_db

URL = "/akun/profil/"


def _management(total, initial):
    return {"pub-TOTAL_FORMS": str(total), "pub-INITIAL_FORMS": str(initial)}


def _base(profile, **extra):
    data = {
        "name": profile.user.name,
        "title_prefix": "Dr.",
        "title_suffix": "M.Si.",
        "institution": "Universitas Contoh",
        "position": "Dosen",
        "bio": "Bio singkat.",
        "accepts_consultations": "on",
        "notify_on_reply": "on",
        **_management(0, 0),
    }
    data.update(extra)
    return data


def _pub_rows(publications):
    data = _management(len(publications), len(publications))
    for i, pub in enumerate(publications):
        data.update(
            {
                f"pub-{i}-id": pub.pk,
                f"pub-{i}-profile": pub.profile_id,
                f"pub-{i}-kind": pub.kind,
                f"pub-{i}-title": pub.title,
                f"pub-{i}-year": pub.year or "",
            }
        )
    return data


def test_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == "/akun/login/?next=/akun/profil/"


@pytest.mark.parametrize("factory", [UserFactory, PemerintahFactory, EditorFactory])
def test_non_experts_get_403(client, factory):
    client.force_login(factory())
    assert client.get(URL).status_code == 403
    assert client.post(URL, {}).status_code == 403


def test_expert_saves_profile_and_fields(client):
    field = ExpertiseFieldFactory(name="Ekonomi Regional")
    profile = ExpertProfileFactory()
    client.force_login(profile.user)

    data = _base(
        profile,
        name="Budi Baru",
        fields=[field.pk],
        phone="0812-1",
        show_phone="on",
        **{
            **_management(1, 0),
            "pub-0-kind": "penelitian",
            "pub-0-title": "Riset Air Bersih",
            "pub-0-year": "2023",
            "pub-0-venue": "Hibah Contoh",
            "pub-0-coauthors": "A. Rekan",
            "pub-0-link": "10.1234/abcd",
        },
    )
    response = client.post(URL, data)

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.full_name == "Dr. Budi Baru, M.Si."
    assert list(profile.fields.all()) == [field]
    assert profile.notify_on_reply is not False
    pub = profile.publications.get()
    assert (pub.kind, pub.link) == ("penelitian", "https://doi.org/10.1234/abcd")


def test_notify_on_reply_can_be_turned_off(client):
    profile = ExpertProfileFactory()
    client.force_login(profile.user)
    data = _base(profile)
    del data["notify_on_reply"]
    client.post(URL, data)
    profile.refresh_from_db()
    assert profile.notify_on_reply is False


def test_invalid_field_keeps_everything_typed(client):
    profile = ExpertProfileFactory()
    client.force_login(profile.user)
    data = _base(
        profile,
        name="",
        bio="Tulisan panjang yang tidak boleh hilang.",
        **{
            **_management(1, 0),
            "pub-0-kind": "publikasi",
            "pub-0-title": "Judul yang Diketik",
            "pub-0-year": "3000",
            "pub-0-link": "javascript:alert(1)",
        },
    )
    response = client.post(URL, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tulisan panjang yang tidak boleh hilang." in html
    assert 'value="Judul yang Diketik"' in html
    assert "name" in response.context["form"].errors
    pub_errors = response.context["formset"].forms[0].errors
    assert "year" in pub_errors and "link" in pub_errors
    assert 'id="id_pub-0-year_error"' in html  # error sits next to its field
    assert not Publication.objects.exists()


def test_edit_and_delete_publications(client):
    profile = ExpertProfileFactory()
    first = PublicationFactory(profile=profile, title="Pertama", sort_order=0)
    second = PublicationFactory(profile=profile, title="Kedua", sort_order=1)
    client.force_login(profile.user)

    data = _base(profile, **_pub_rows([first, second]))
    data["pub-0-title"] = "Pertama Diubah"
    data["pub-1-DELETE"] = "on"
    response = client.post(URL, data)

    assert response.status_code == 302
    assert list(profile.publications.values_list("title", flat=True)) == [
        "Pertama Diubah"
    ]


def test_reorder_with_buttons_without_javascript(client):
    profile = ExpertProfileFactory()
    pubs = [
        PublicationFactory(profile=profile, title=t, sort_order=i)
        for i, t in enumerate(["A", "B", "C"])
    ]
    client.force_login(profile.user)

    client.post(URL, {**_base(profile, **_pub_rows(pubs)), "move": "pub-2:up"})
    assert list(profile.publications.values_list("title", flat=True)) == ["A", "C", "B"]

    pubs = list(profile.publications.all())
    client.post(URL, {**_base(profile, **_pub_rows(pubs)), "move": "pub-0:down"})
    assert list(profile.publications.values_list("title", flat=True)) == ["C", "A", "B"]


def test_expert_cannot_touch_anothers_publications(client):
    profile = ExpertProfileFactory()
    other = PublicationFactory(title="Milik Orang Lain")
    client.force_login(profile.user)

    data = _base(profile, **_pub_rows([other]))
    data["pub-0-DELETE"] = "on"
    client.post(URL, data)

    assert Publication.objects.filter(pk=other.pk, title="Milik Orang Lain").exists()


def test_unverified_expert_is_refused(client):
    profile = ExpertProfileFactory(user__verified=False)
    client.force_login(profile.user)
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("value", ["99999999999999999999", "-1", "abc"])
def test_out_of_range_field_id_is_an_error_not_a_crash(client, value):
    profile = ExpertProfileFactory()
    client.force_login(profile.user)

    response = client.post(URL, _base(profile, fields=[value]))

    assert response.status_code == 200
    assert response.context["form"].errors["fields"]


def test_out_of_range_publication_id_is_not_a_crash(client):
    profile = ExpertProfileFactory()
    client.force_login(profile.user)
    data = _base(
        profile,
        **{
            **_management(1, 1),
            "pub-0-id": "99999999999999999999",
            "pub-0-kind": "publikasi",
            "pub-0-title": "Judul",
        },
    )

    response = client.post(URL, data)

    assert response.status_code < 500


def test_a_tampered_form_count_builds_no_more_than_the_limit(client):
    """pub-TOTAL_FORMS=10^20 once built 1,100 forms (seconds of work per request)."""
    profile = ExpertProfileFactory()
    client.force_login(profile.user)

    response = client.post(
        URL, _base(profile, **{"pub-TOTAL_FORMS": "9" * 20, "pub-INITIAL_FORMS": "0"})
    )

    assert response.status_code == 200
    formset = response.context["formset"]
    assert len(formset.forms) <= 100
    assert formset.non_form_errors()
    assert "Dr." in response.text  # what was typed is still there
