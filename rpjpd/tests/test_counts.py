"""Every count equals what a visitor can read, right after any change."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import PageViewRestriction

from rpjpd import counts, services
from rpjpd.models import Reply, TopicPage

from .factories import ReplyFactory, TopicFactory


def all_counts(topic, section, hub, author):
    annotated = counts.with_reply_counts(TopicPage.objects.filter(pk=topic.pk)).get()
    return {
        "topic": counts.topic_reply_count(topic),
        "card": annotated.reply_count,
        "section": counts.section_reply_count(section),
        "hub": counts.hub_reply_count(hub),
        "expert": counts.expert_reply_count(author),
    }


def visitor_reads(client, topic):
    """How many replies a visitor actually reads on the topic page."""
    response = client.get(topic.url)
    return sum(1 for entry in response.context["entries"] if entry.reply.is_shown)


@pytest.mark.django_db
class TestCountsFollowChanges:
    @pytest.fixture
    def setup(self, site_tree, topic, expert, editor):
        replies = ReplyFactory.create_batch(3, topic=topic, author=expert)
        return site_tree, topic, expert, editor, replies

    def assert_counts(self, client, setup, expected):
        site_tree, topic, expert, _editor, _replies = setup
        numbers = all_counts(topic, site_tree["section"], site_tree["hub"], expert)
        assert set(numbers.values()) == {expected}, numbers
        assert visitor_reads(client, topic) == expected
        badge = client.get(topic.url).text
        assert f"{expected} balasan</span>" in badge

    def test_hide_and_unhide(self, client, setup):
        *_, editor, replies = setup
        self.assert_counts(client, setup, 3)

        services.hide_reply(replies[0], user=editor, reason="Di luar topik")
        self.assert_counts(client, setup, 2)

        services.unhide_reply(replies[0], user=editor)
        self.assert_counts(client, setup, 3)

    def test_withdraw(self, client, setup):
        *_, replies = setup

        services.withdraw_reply(replies[1])

        self.assert_counts(client, setup, 2)

    def test_edit_keeps_the_count(self, client, setup):
        *_, replies = setup

        services.edit_reply(
            replies[2], body="Teks baru yang cukup panjang untuk lolos."
        )

        self.assert_counts(client, setup, 3)

    def test_answers_under_a_hidden_reply_still_count(self, client, setup):
        _site, topic, _expert, editor, replies = setup
        ReplyFactory(topic=topic, parent=replies[0])

        services.hide_reply(replies[0], user=editor, reason="x")

        assert counts.topic_reply_count(topic) == 3
        assert visitor_reads(client, topic) == 3


@pytest.mark.django_db
class TestNonPublicTopicsCountNothing:
    def test_unpublished_topic(self, site_tree, topic, expert):
        ReplyFactory(topic=topic, author=expert)
        topic.unpublish()

        assert counts.section_reply_count(site_tree["section"]) == 0
        assert counts.hub_reply_count(site_tree["hub"]) == 0
        assert counts.expert_reply_count(expert) == 0
        assert not Reply.objects.visible().exists()

    def test_private_topic(self, site_tree, topic, expert):
        ReplyFactory(topic=topic, author=expert)
        PageViewRestriction.objects.create(page=topic, restriction_type="login")

        assert counts.expert_reply_count(expert) == 0
        assert counts.hub_reply_count(site_tree["hub"]) == 0

    def test_expired_topic(self, site_tree, topic, expert):
        ReplyFactory(topic=topic, author=expert)
        TopicPage.objects.filter(pk=topic.pk).update(live=False, expired=True)

        assert counts.expert_reply_count(expert) == 0


def render(template, **context):
    request = RequestFactory().get("/")
    return Template("{% load reply_tags %}" + template).render(
        Context({"request": request, **context})
    )


@pytest.mark.django_db
class TestActivityTags:
    def test_expert_recent_replies_lists_only_visible_ones(
        self, site_tree, section, expert
    ):
        public = TopicFactory(parent=section, title="Topik Terbuka")
        private = TopicFactory(parent=section, title="Topik Rahasia")
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        draft = TopicFactory(parent=section, title="Topik Draf")
        draft.unpublish()
        ReplyFactory(topic=public, author=expert, body="Terbaca oleh publik.")
        ReplyFactory(topic=private, author=expert, body="Tidak boleh bocor.")
        ReplyFactory(topic=draft, author=expert, body="Draf juga tidak.")
        ReplyFactory(
            topic=public,
            author=expert,
            body="Disembunyikan.",
            moderation_state="hidden",
            hidden_reason="x",
        )
        ReplyFactory(
            topic=public, author=expert, body="Ditarik.", withdrawn_at=timezone.now()
        )

        html = render("{% expert_recent_replies user %}", user=expert)

        assert "Terbaca oleh publik." in html
        for secret in ("Tidak boleh bocor.", "Draf juga tidak.", "Topik Rahasia"):
            assert secret not in html
        assert "Disembunyikan." not in html
        assert "Ditarik." not in html
        assert '<span class="badge">1</span>' in html

    def test_latest_discussion_is_newest_first_and_public_only(
        self, site_tree, section
    ):
        public = TopicFactory(parent=section)
        private = TopicFactory(parent=section)
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        older = ReplyFactory(topic=public, body="Balasan lama sekali.")
        newer = ReplyFactory(topic=public, body="Balasan terbaru sekali.")
        ReplyFactory(topic=private, body="Rahasia sekali.")

        html = render("{% latest_discussion 5 %}")

        assert html.index(newer.body) < html.index(older.body)
        assert "Rahasia sekali." not in html

    def test_annotated_counts_cost_one_query(
        self, site_tree, section, django_assert_num_queries
    ):
        topics = TopicFactory.create_batch(5, parent=section)
        for topic in topics:
            ReplyFactory.create_batch(2, topic=topic)

        with django_assert_num_queries(1):
            numbers = [
                topic.reply_count
                for topic in counts.with_reply_counts(
                    TopicPage.objects.child_of(section)
                )
            ]

        assert numbers == [2] * 5


@pytest.mark.django_db
class TestHiddenAncestors:
    def test_unpublished_section_hides_its_replies_everywhere(
        self, site_tree, section, topic, expert
    ):
        ReplyFactory(topic=topic, author=expert)
        assert counts.expert_reply_count(expert) == 1

        section.unpublish()

        assert topic.__class__.objects.get(pk=topic.pk).live
        assert counts.expert_reply_count(expert) == 0
        assert counts.hub_reply_count(site_tree["hub"]) == 0

    def test_expiry_date_in_the_past_hides_replies(self, site_tree, topic, expert):
        from datetime import timedelta

        ReplyFactory(topic=topic, author=expert)
        TopicPage.objects.filter(pk=topic.pk).update(
            expire_at=timezone.now() - timedelta(minutes=1)
        )

        assert counts.expert_reply_count(expert) == 0

    def test_other_sections_are_not_affected(self, site_tree, section, topic, expert):
        from .factories import SectionFactory

        other = TopicFactory(parent=SectionFactory(parent=site_tree["hub"]))
        ReplyFactory(topic=other, author=expert)
        ReplyFactory(topic=topic, author=expert)

        section.unpublish()

        assert counts.expert_reply_count(expert) == 1


@pytest.mark.django_db
def test_public_profile_lists_recent_visible_replies(
    client, site_tree, section, expert
):
    public = TopicFactory(parent=section, title="Topik Terbuka Untuk Profil")
    private = TopicFactory(parent=section, title="Topik Tertutup Untuk Profil")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    reply = ReplyFactory(topic=public, author=expert, body="Masukan di profil publik.")
    ReplyFactory(topic=private, author=expert, body="Tidak tampil di profil.")

    response = client.get(expert.expert_profile.get_absolute_url())

    assert response.status_code == 200
    assert "Balasan pada topik RPJPD" in response.text
    assert "Topik Terbuka Untuk Profil" in response.text
    assert f'href="/balasan/{reply.pk}/"' in response.text
    assert "Topik Tertutup Untuk Profil" not in response.text
    assert "Tidak tampil di profil." not in response.text


@pytest.mark.django_db
def test_section_totals_of_the_hub(site_tree, section, topic):
    from .factories import SectionFactory

    other = SectionFactory(parent=site_tree["hub"])
    ReplyFactory.create_batch(2, topic=topic)
    ReplyFactory(topic=TopicFactory(parent=other))
    ReplyFactory(topic=topic, moderation_state="hidden", hidden_reason="x")

    totals = counts.section_reply_counts(site_tree["hub"])

    assert totals == {section.path: 2, other.path: 1}
