"""No page costs more than 12 SQL queries, for a visitor or a signed-in user.

The data is shaped like a small live site: a hub with sections, a topic with
a hundred replies in threads, questions and indicators, experts with fields
and publications, an expert with thirty consultations. Like ``make bench``,
each page is asked once first (the shared menu, site and lists are built once
per public content version, see ``ops.public_cache``), then counted; the page
cache for visitors is off, so every count is a full render.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from consult.tests.factories import ConsultationFactory, MessageFactory
from experts.tests.factories import ExpertiseFieldFactory, PublicationFactory
from ops import public_cache
from rpjpd.models import TopicIndicator
from rpjpd.tests.factories import (
    ExpertFactory,
    GuidingQuestionFactory,
    ReplyFactory,
    SectionFactory,
    TopicFactory,
    build_site,
)

pytestmark = pytest.mark.django_db

BUDGET = 12


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PAGE_CACHE_ENABLED = False
    public_cache.forget_all()


@pytest.fixture
def site_data():
    _home, hub, section = build_site()
    SectionFactory(parent=hub)
    SectionFactory(parent=hub)
    topic = TopicFactory(parent=section)
    TopicFactory.create_batch(4, parent=section)
    for number in range(3):
        GuidingQuestionFactory(page=topic, text=f"Pertanyaan pemandu {number}?")
        TopicIndicator.objects.create(
            page=topic, indicator=f"Indikator {number}", regency_figure="12%"
        )
    fields = ExpertiseFieldFactory.create_batch(3)
    experts = ExpertFactory.create_batch(8)
    for number, expert in enumerate(experts):
        expert.expert_profile.fields.set(fields[: 1 + number % 3])
        PublicationFactory(profile=expert.expert_profile)
    for number in range(60):
        root = ReplyFactory(topic=topic, author=experts[number % 8])
        if number % 3 == 0:
            answer = ReplyFactory(
                topic=topic, author=experts[(number + 1) % 8], parent=root
            )
            ReplyFactory(topic=topic, author=experts[(number + 2) % 8], parent=answer)
    busy = experts[0]
    now = timezone.now()
    for number in range(30):
        consultation = ConsultationFactory(
            expert=busy,
            requester=UserFactory(),
            last_activity_at=now - timedelta(hours=number),
        )
        MessageFactory(consultation=consultation)
        MessageFactory(consultation=consultation, sender=busy)
    return {"section": section, "topic": topic, "expert": busy, "other": experts[1]}


def _count(client, url, django_assert_max_num_queries):
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_max_num_queries(BUDGET):
        again = client.get(url)
    assert again.status_code == 200
    return again


def _pages(data):
    consultation = data["expert"].consultations_received.first()
    return {
        "home": "/",
        "section": data["section"].url,
        "topic": data["topic"].url,
        "topic, page 2": f"{data['topic'].url}?halaman=2",
        "experts": reverse("experts:directory"),
        "expert profile": data["other"].expert_profile.get_absolute_url(),
        "my consultations": reverse("consult:mine"),
        "consultation": consultation.get_absolute_url(),
    }


PUBLIC = ["home", "section", "topic", "topic, page 2", "experts", "expert profile"]


@pytest.mark.parametrize("page", PUBLIC)
def test_public_pages_for_a_visitor(
    client, site_data, page, django_assert_max_num_queries
):
    _count(client, _pages(site_data)[page], django_assert_max_num_queries)


@pytest.mark.parametrize("page", [*PUBLIC, "my consultations", "consultation"])
def test_pages_for_a_signed_in_expert(
    client, site_data, page, django_assert_max_num_queries
):
    client.force_login(site_data["expert"])

    response = _count(client, _pages(site_data)[page], django_assert_max_num_queries)

    if page == "my consultations":
        assert response.text.count('<li class="consult-item') == 20


def test_topic_for_a_member_of_the_public(
    client, site_data, django_assert_max_num_queries
):
    client.force_login(UserFactory())

    _count(client, site_data["topic"].url, django_assert_max_num_queries)


def test_the_first_render_after_a_write_stays_close(
    client, site_data, django_assert_max_num_queries
):
    """Right after a reply, the expert's topic page rebuilds its reply list."""
    client.force_login(site_data["expert"])
    client.get(site_data["topic"].url)
    ReplyFactory(topic=site_data["topic"], author=site_data["other"])

    with django_assert_max_num_queries(BUDGET):
        response = client.get(site_data["topic"].url)

    assert response.status_code == 200


def test_a_topic_served_again_to_an_expert_reads_only_about_them(client, site_data):
    """Page, ancestors, restrictions and replies are remembered per content
    version; what is left is the session, the user, their unread count and
    whether their email is verified (they may post)."""
    client.force_login(site_data["expert"])
    url = site_data["topic"].url
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    assert len(queries) <= 4
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "wagtailcore_page" not in tables
    assert "rpjpd_reply" not in tables
