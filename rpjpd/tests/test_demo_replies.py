"""The demo replies loader: fourteen replies, six answers, idempotent."""

import io
import json

import pytest

from experts.tests.factories import ExpertFactory
from home.management.commands.load_demo import DEMO_FILE
from rpjpd.demo_replies import load_replies
from rpjpd.models import Reply

from .factories import SectionFactory, TopicFactory


@pytest.fixture
def demo_data():
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def demo_world(site_tree, demo_data):
    """The topics and authors the earlier loaders would have made."""
    sections = {}
    for item in demo_data["replies"]:
        slug = item["section_slug"]
        if slug not in sections:
            sections[slug] = SectionFactory(parent=site_tree["hub"], slug=slug)
        section = sections[slug]
        if not section.get_children().filter(slug=item["topic_slug"]).exists():
            TopicFactory(parent=section, slug=item["topic_slug"])
    for username in {item["author"] for item in demo_data["replies"]}:
        ExpertFactory(username=username)


@pytest.mark.django_db
def test_loads_fourteen_replies_six_threaded_and_is_idempotent(demo_world, demo_data):
    out = io.StringIO()

    load_replies(demo_data, out)
    first = list(Reply.objects.values_list("pk", "parent_id", "created_at", "body"))
    load_replies(demo_data, out)

    assert Reply.objects.count() == 14
    assert Reply.objects.filter(parent__isnull=False).count() == 6
    assert list(Reply.objects.values_list("pk", "parent_id", "created_at", "body")) == (
        first
    )
    r03 = Reply.objects.get(body__startswith="Poin penting. Saya usulkan")
    assert r03.parent.parent.thread is None
    assert r03.thread == r03.parent.parent
    assert "14 created" in out.getvalue()
    assert "0 created, 14 already there" in out.getvalue()


@pytest.mark.django_db
def test_missing_topics_or_authors_are_skipped_with_a_note(site_tree, demo_data):
    out = io.StringIO()

    load_replies(demo_data, out)

    assert Reply.objects.count() == 0
    assert "Skipped r01, r02" in out.getvalue()
