"""Editors cannot delete a topic or section holding replies, by any admin path."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page

from rpjpd.models import Reply, TopicPage

from .factories import ReplyFactory, TopicFactory


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "superadmin", "super@example.org", "sandi-super-panjang"
    )
    client.force_login(user)
    return client


def delete_url(page):
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


def bulk_delete_url(*pages, next_url="/admin/pages/"):
    ids = "&".join(f"id={page.pk}" for page in pages)
    base = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    return f"{base}?{ids}&next={next_url}"


@pytest.mark.django_db
class TestDeleteGuard:
    def test_topic_with_replies_explains_and_offers_alternatives(
        self, admin_client, topic
    ):
        client = admin_client
        ReplyFactory(topic=topic)

        shown = client.get(delete_url(topic))
        posted = client.post(delete_url(topic), {"confirm_site_name": "x"})

        for response in (shown, posted):
            assert response.status_code == 200
            assert "tidak dapat dihapus" in response.text
            assert reverse("wagtailadmin_pages:unpublish", args=[topic.pk]) in (
                response.text
            )
            assert "tutup diskusi" in response.text.lower()
        assert TopicPage.objects.filter(pk=topic.pk).exists()

    def test_section_holding_topics_with_replies_is_kept(
        self, admin_client, section, topic
    ):
        ReplyFactory(topic=topic)

        response = admin_client.post(delete_url(section))

        assert response.status_code == 200
        assert topic.title in response.text
        assert Page.objects.filter(pk=section.pk).exists()

    def test_hub_and_home_are_kept_too(self, admin_client, site_tree, topic):
        ReplyFactory(topic=topic)

        for page in (site_tree["hub"], site_tree["home"]):
            assert admin_client.post(delete_url(page)).status_code == 200
        assert Reply.objects.count() == 1

    def test_topic_without_replies_deletes_normally(self, admin_client, section):
        empty = TopicFactory(parent=section)

        response = admin_client.post(delete_url(empty))

        assert response.status_code == 302
        assert not TopicPage.objects.filter(pk=empty.pk).exists()

    def test_withdrawn_and_hidden_replies_still_protect(self, admin_client, topic):
        from django.utils import timezone

        ReplyFactory(topic=topic, withdrawn_at=timezone.now())
        ReplyFactory(topic=topic, moderation_state="hidden", hidden_reason="x")

        admin_client.post(delete_url(topic))

        assert TopicPage.objects.filter(pk=topic.pk).exists()

    def test_bulk_delete_is_refused_without_error(self, admin_client, section, topic):
        empty = TopicFactory(parent=section)
        ReplyFactory(topic=topic)

        confirm = admin_client.get(bulk_delete_url(topic, empty))
        response = admin_client.post(bulk_delete_url(topic, empty))

        assert confirm.status_code == 200
        assert response.status_code == 302
        # Wagtail's reference index may refuse first (replies point at the page
        # with PROTECT); otherwise our hook explains. Either way: a message, no 500.
        assert list(get_messages(response.wsgi_request))
        assert TopicPage.objects.filter(pk__in=[topic.pk, empty.pk]).count() == 2

    def test_bulk_delete_without_replies_works(self, admin_client, section):
        first, second = TopicFactory.create_batch(2, parent=section)

        admin_client.post(bulk_delete_url(first, second))

        assert not TopicPage.objects.filter(pk__in=[first.pk, second.pk]).exists()

    def test_bulk_delete_ignores_an_outside_next_url(self, admin_client, topic):
        ReplyFactory(topic=topic)

        response = admin_client.post(
            bulk_delete_url(topic, next_url="https://evil.example/")
        )

        assert response.status_code == 302
        assert "evil.example" not in response["Location"]

    def test_admin_buttons_offer_synthesis_on_topics(self, admin_client, topic):
        response = admin_client.get(reverse("wagtailadmin_explore", args=[topic.pk]))

        assert reverse("replies:export_topic_xlsx", args=[topic.pk]) in response.text
        assert reverse("replies:summary_topic", args=[topic.pk]) in response.text
