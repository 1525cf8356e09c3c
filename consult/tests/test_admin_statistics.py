"""Editors see figures per expert in the Wagtail admin, never content or requesters."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts.tests.factories import UserFactory
from consult.admin_views import expert_statistics
from experts.tests.factories import ExpertFactory

from .factories import ConsultationFactory, MessageFactory

pytestmark = pytest.mark.django_db

URL = reverse("consult_statistics")


@pytest.fixture
def editor(db):
    user = UserFactory(username="editor.bappeda", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def figures(db):
    rina = ExpertFactory(name="Rina Contohwati")
    requester = UserFactory(name="Penanya Rahasia")
    for hours, status in ((2, "answered"), (4, "closed"), (None, "new")):
        consultation = ConsultationFactory(
            requester=requester, expert=rina, subject="Judul rahasia", status=status
        )
        MessageFactory(consultation=consultation, body="Isi rahasia")
        if hours:
            consultation.first_response_at = consultation.created_at + timedelta(
                hours=hours
            )
            consultation.save()
    return rina


def test_figures_per_expert(figures):
    (row,) = expert_statistics()

    assert row["name"] == "Rina Contohwati"
    assert (row["total"], row["open"], row["awaiting"]) == (3, 2, 1)
    assert (row["answered"], row["closed"]) == (1, 1)
    assert row["median_response_hours"] == pytest.approx(3.0)


def test_editor_sees_figures_but_no_content(client, editor, figures):
    client.force_login(editor)

    response = client.get(URL)

    assert response.status_code == 200
    text = response.text
    assert "Rina Contohwati" in text
    assert "3,0 jam" in text or "3.0 jam" in text
    for secret in ("Judul rahasia", "Isi rahasia", "Penanya Rahasia"):
        assert secret not in text


def test_report_is_in_the_reports_menu(client, editor, figures):
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_home"))

    assert URL in response.text


def test_staff_without_the_permission_is_refused(client, figures):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)

    response = client.get(URL)

    # Wagtail turns PermissionDenied into a redirect to the dashboard.
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert URL not in client.get(reverse("wagtailadmin_home")).text


@pytest.mark.parametrize("who", ["citizen", "expert", "visitor"])
def test_public_users_never_reach_it(client, figures, who):
    if who == "citizen":
        client.force_login(UserFactory())
    elif who == "expert":
        client.force_login(figures)

    response = client.get(URL)

    assert response.status_code in (302, 403)
    assert "Rina Contohwati" not in response.content.decode()


def test_admin_search_finds_no_consultation(client, editor, figures):
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "rahasia"})

    assert "Judul rahasia" not in response.text


def test_median_matches_python_for_odd_even_and_no_answers(
    django_assert_max_num_queries,
):
    import statistics

    waits = {
        "Odd": [timedelta(minutes=5), timedelta(hours=30), timedelta(seconds=90)],
        "Even": [
            timedelta(hours=1),
            timedelta(hours=2, minutes=30),
            timedelta(days=3),
            timedelta(minutes=7, seconds=3),
        ],
        "One": [timedelta(hours=12)],
        "None yet": [None, None],
    }
    for name, durations in waits.items():
        expert = ExpertFactory(name=name)
        for duration in durations:
            consultation = ConsultationFactory(expert=expert)
            if duration is not None:
                consultation.first_response_at = consultation.created_at + duration
                consultation.save()

    with django_assert_max_num_queries(2):
        rows = {row["name"]: row for row in expert_statistics()}

    for name, durations in waits.items():
        answered = [d.total_seconds() / 3600 for d in durations if d is not None]
        expected = statistics.median(answered) if answered else None
        assert rows[name]["median_response_hours"] == pytest.approx(expected), name
