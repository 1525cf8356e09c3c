"""Reply counts on the site's own pages: topic cards, the hub, the home page."""

import pytest
from wagtail.models import PageViewRestriction

from rpjpd import services

from .factories import ReplyFactory, TopicFactory


@pytest.mark.django_db
class TestCountsOnPages:
    def test_topic_cards_follow_hide_and_unhide(self, client, section, topic, editor):
        replies = ReplyFactory.create_batch(3, topic=topic)

        before = client.get(section.url).text
        services.hide_reply(replies[0], user=editor, reason="Di luar topik")
        after = client.get(section.url).text
        services.unhide_reply(replies[0], user=editor)
        again = client.get(section.url).text

        assert "3 balasan pakar" in before
        assert "2 balasan pakar" in after
        assert "3 balasan pakar" in again

    def test_hub_totals_per_section(self, client, site_tree, section, topic):
        from django.utils import timezone

        ReplyFactory.create_batch(2, topic=topic)
        ReplyFactory(topic=topic, withdrawn_at=timezone.now())

        response = client.get(site_tree["hub"].url)

        assert "2 balasan pakar" in response.text

    def test_home_shows_latest_discussion_and_counts(self, client, section, topic):
        private = TopicFactory(parent=section)
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        ReplyFactory(topic=topic, body="Diskusi terbaru di beranda.")
        ReplyFactory(topic=private, body="Rahasia di beranda.")

        response = client.get("/")

        assert "Diskusi terbaru" in response.text
        assert "Diskusi terbaru di beranda." in response.text
        assert "Rahasia di beranda." not in response.text
        assert "1 balasan pakar" in response.text

    def test_section_page_queries_do_not_grow_with_replies(self, client, section):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        topics = TopicFactory.create_batch(5, parent=section)
        client.get(section.url)
        with CaptureQueriesContext(connection) as few:
            client.get(section.url)
        for topic in topics:
            ReplyFactory.create_batch(20, topic=topic)
        client.get(section.url)  # replies are public writes: menu and site rebuilt
        with CaptureQueriesContext(connection) as many:
            client.get(section.url)

        assert len(many) == len(few)
