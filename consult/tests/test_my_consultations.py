"""Konsultasi Saya: each person's own consultations, newest activity first."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from consult.models import Consultation
from experts.tests.factories import ExpertFactory

from .factories import ConsultationFactory

pytestmark = pytest.mark.django_db

URL = reverse("consult:mine")


def test_visitor_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={URL}"


def test_expert_sees_received_and_sent_others_see_their_own(client):
    rina = ExpertFactory(name="Rina")
    fajar = ExpertFactory(name="Fajar")
    citizen = UserFactory()
    received = ConsultationFactory(requester=citizen, expert=rina, subject="Masuk A")
    sent = ConsultationFactory(requester=rina, expert=fajar, subject="Terkirim B")
    ConsultationFactory(subject="Milik orang lain C")

    client.force_login(rina)
    everything = client.get(URL).text
    only_received = client.get(URL, {"arah": "masuk"}).text
    only_sent = client.get(URL, {"arah": "terkirim"}).text
    client.force_login(citizen)
    citizens = client.get(URL).text

    assert received.subject in everything and sent.subject in everything
    assert "Milik orang lain C" not in everything
    assert received.subject in only_received and sent.subject not in only_received
    assert sent.subject in only_sent and received.subject not in only_sent
    assert received.subject in citizens
    assert sent.subject not in citizens
    assert "Milik orang lain C" not in citizens


def test_sorted_by_last_activity(client):
    user = UserFactory()
    now = timezone.now()
    ConsultationFactory(
        requester=user, subject="Lama", last_activity_at=now - timedelta(days=3)
    )
    ConsultationFactory(
        requester=user, subject="Baru saja", last_activity_at=now - timedelta(hours=1)
    )
    ConsultationFactory(
        requester=user, subject="Kemarin", last_activity_at=now - timedelta(days=1)
    )
    client.force_login(user)

    text = client.get(URL).text

    assert text.index("Baru saja") < text.index("Kemarin") < text.index("Lama")


def test_filter_by_status(client):
    user = UserFactory()
    ConsultationFactory(requester=user, subject="Ditutup X", status="closed")
    ConsultationFactory(requester=user, subject="Dijawab Y", status="answered")
    client.force_login(user)

    closed = client.get(URL, {"status": "closed"}).text
    bogus = client.get(URL, {"status": "<script>"})

    assert "Ditutup X" in closed and "Dijawab Y" not in closed
    assert bogus.status_code == 200
    assert "Ditutup X" in bogus.text and "Dijawab Y" in bogus.text


def _queries_for(client, user):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_threads(client):
    rina = ExpertFactory()
    client.force_login(rina)
    client.get(URL)  # first request creates site settings rows; not our cost
    for __ in range(2):
        ConsultationFactory(expert=rina)
        ConsultationFactory(requester=rina)
    few = _queries_for(client, rina)

    for __ in range(8):
        ConsultationFactory(expert=rina, field=None)
        ConsultationFactory(requester=rina)
    many = _queries_for(client, rina)

    assert Consultation.objects.for_participant(rina).count() == 20
    assert few == many
    # Session, user, the counts (listed and unread) and the page of threads;
    # the shared layout (menu, site, footer) is built once per content version.
    assert many <= 12


def test_unread_threads_on_later_pages_are_counted_and_can_be_listed_alone(client):
    rina = ExpertFactory()
    now = timezone.now()
    for number in range(25):
        ConsultationFactory(
            expert=rina,
            subject=f"Sudah dibaca {number:02d}",
            last_activity_at=now - timedelta(hours=number),
            expert_read_at=now,
        )
    for number in range(2):  # the oldest activity: on the second page
        ConsultationFactory(
            expert=rina,
            subject=f"Belum dibaca {number}",
            last_activity_at=now - timedelta(days=10 + number),
        )
    ConsultationFactory(subject="Belum dibaca milik orang lain")
    client.force_login(rina)

    first_page = client.get(URL).text
    unread_only = client.get(URL, {"belum_dibaca": "1"}).text

    assert "Belum dibaca 0" not in first_page
    assert first_page.count('<li class="consult-item') == 20
    assert "2 konsultasi memiliki aktivitas yang belum Anda baca." in first_page
    assert "?belum_dibaca=1" in first_page
    assert "Belum dibaca 0" in unread_only and "Belum dibaca 1" in unread_only
    assert "Sudah dibaca" not in unread_only
    assert "milik orang lain" not in unread_only
    assert "Halaman 2" not in unread_only


def test_unread_filter_keeps_the_other_filters(client):
    user = UserFactory()
    unread = ConsultationFactory(
        requester=user, subject="Ditutup belum dibaca", status="closed"
    )
    Consultation.objects.filter(pk=unread.pk).update(
        requester_read_at=unread.last_activity_at - timedelta(minutes=5)
    )
    ConsultationFactory(
        requester=user, subject="Dijawab sudah dibaca", status="answered"
    )
    ConsultationFactory(requester=user, subject="Ditutup sudah dibaca", status="closed")
    client.force_login(user)

    text = client.get(URL, {"belum_dibaca": "1", "status": "closed"}).text

    assert "Ditutup belum dibaca" in text
    assert "sudah dibaca" not in text


def _many_for(expert, count):
    now = timezone.now()
    return [
        ConsultationFactory(
            expert=expert,
            subject=f"Utas {number:02d}",
            last_activity_at=now - timedelta(hours=number),
        )
        for number in range(count)
    ]


@pytest.mark.parametrize(
    ("requested", "shown"),
    [
        ("2", "Utas 20"),
        ("abc", "Utas 00"),  # not a number: the first page
        ("0", "Utas 40"),  # out of range: the last page
        ("-1", "Utas 40"),
        ("9", "Utas 40"),
        ("99999999999999999999999999", "Utas 40"),
    ],
)
def test_any_page_number_answers_a_page(client, requested, shown):
    rina = ExpertFactory()
    _many_for(rina, 45)
    client.force_login(rina)

    response = client.get(URL, {"page": requested})

    assert response.status_code == 200
    items = response.text.split('<li class="consult-item')[1:]
    assert shown in items[0]
    page = {"2": 2, "abc": 1}.get(requested, 3)
    assert f"Halaman {page} dari 3" in response.text


def test_an_empty_list_with_a_page_number_answers_the_first_page(client):
    client.force_login(UserFactory())

    response = client.get(URL, {"page": "4"})

    assert response.status_code == 200
    assert "Anda belum memiliki konsultasi." in response.text


def test_unread_count_covers_every_thread_whatever_the_filter(client):
    rina = ExpertFactory()
    ConsultationFactory(expert=rina, status="closed", subject="Ditutup baru")
    ConsultationFactory(expert=rina, status="new", subject="Baru satu")
    ConsultationFactory(expert=rina, status="new", subject="Baru dua")
    ConsultationFactory(
        expert=rina,
        status="answered",
        expert_read_at=timezone.now() + timedelta(minutes=1),
    )
    client.force_login(rina)

    closed = client.get(URL, {"status": "closed"}).text

    assert "Ditutup baru" in closed and "Baru satu" not in closed
    assert "3 konsultasi memiliki aktivitas yang belum Anda baca." in closed
    assert "Halaman" not in closed


def test_rows_name_the_other_participant_and_mark_unread_ones(client):
    rina = ExpertFactory(name="Rina Lestari")
    fajar = ExpertFactory(
        name="Fajar Nugroho",
        profile__title_prefix="Dr.",
        profile__title_suffix="M.Si.",
    )
    citizen = UserFactory(name="Budi Warga")
    ConsultationFactory(requester=citizen, expert=rina, subject="Dari warga")
    ConsultationFactory(
        requester=rina, expert=fajar, subject="Ke pakar lain", status="answered"
    )
    client.force_login(rina)

    items = client.get(URL).text.split('<li class="consult-item')[1:]

    received = next(item for item in items if "Dari warga" in item)
    sent = next(item for item in items if "Ke pakar lain" in item)
    assert "consult-item--unread" in received  # the expert never opened it
    assert "Dari\n" in received and "<strong>Budi Warga</strong>" in received
    assert "consult-item--unread" not in sent
    assert "<strong>Dr. Fajar Nugroho, M.Si.</strong>" in sent
    assert "Dijawab" in sent


def test_the_unfiltered_list_reads_the_page_and_its_counts_at_once(
    client, django_assert_max_num_queries
):
    rina = ExpertFactory()
    _many_for(rina, 25)
    client.force_login(rina)
    client.get(URL)

    # Session, user, the page with both counts, the other participants' names.
    with django_assert_max_num_queries(4):
        response = client.get(URL)

    assert response.text.count('<li class="consult-item') == 20
    assert "25 konsultasi memiliki aktivitas yang belum Anda baca." in response.text
