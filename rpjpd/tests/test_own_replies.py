"""Experts edit and withdraw their own replies, and no one else's."""

import pytest
from django.urls import reverse

from rpjpd.models import Reply

from .factories import ReplyFactory

NEW_BODY = "Teks yang diperbaiki: indikator antara dipantau setiap tahun anggaran."


@pytest.mark.django_db
class TestEdit:
    def test_author_edits_and_the_reply_is_marked_edited(
        self, expert_client, topic, expert
    ):
        reply = ReplyFactory(topic=topic, author=expert)

        response = expert_client.post(
            reverse("replies:edit", args=[reply.pk]), {"body": NEW_BODY}
        )

        reply.refresh_from_db()
        assert reply.body == NEW_BODY
        assert reply.edited_at is not None
        assert response["Location"].endswith(f"#{reply.anchor}")
        page = expert_client.get(topic.url)
        assert "(diedit)" in page.text
        assert NEW_BODY in page.text

    def test_edit_form_shows_the_current_text(self, expert_client, topic, expert):
        reply = ReplyFactory(topic=topic, author=expert, body="Teks asli balasan ini.")

        response = expert_client.get(reverse("replies:edit", args=[reply.pk]))

        assert "Teks asli balasan ini." in response.text

    def test_invalid_edit_keeps_the_text_and_the_old_reply(
        self, expert_client, topic, expert
    ):
        reply = ReplyFactory(topic=topic, author=expert)

        response = expert_client.post(
            reverse("replies:edit", args=[reply.pk]), {"body": "pendek"}
        )

        assert "terlalu pendek" in response.text
        assert ">pendek</textarea>" in response.text
        assert Reply.objects.get(pk=reply.pk).edited_at is None

    def test_another_expert_gets_404(self, client, topic, other_expert):
        reply = ReplyFactory(topic=topic)
        client.force_login(other_expert)

        edit = client.post(reverse("replies:edit", args=[reply.pk]), {"body": NEW_BODY})
        withdraw = client.post(reverse("replies:withdraw", args=[reply.pk]))

        assert edit.status_code == 404
        assert withdraw.status_code == 404
        reply.refresh_from_db()
        assert reply.body != NEW_BODY
        assert reply.withdrawn_at is None

    def test_visitor_is_sent_to_log_in(self, client, topic):
        reply = ReplyFactory(topic=topic)

        response = client.post(
            reverse("replies:edit", args=[reply.pk]), {"body": NEW_BODY}
        )

        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]

    def test_public_account_is_refused(self, client, topic, masyarakat):
        reply = ReplyFactory(topic=topic)
        client.force_login(masyarakat)

        response = client.post(
            reverse("replies:edit", args=[reply.pk]), {"body": NEW_BODY}
        )

        assert response.status_code == 403

    def test_hidden_reply_cannot_be_edited(self, expert_client, topic, expert):
        reply = ReplyFactory(
            topic=topic, author=expert, moderation_state="hidden", hidden_reason="x"
        )

        expert_client.post(reverse("replies:edit", args=[reply.pk]), {"body": NEW_BODY})

        reply.refresh_from_db()
        assert reply.body != NEW_BODY

    def test_closed_topic_freezes_replies(self, expert_client, topic, expert):
        reply = ReplyFactory(topic=topic, author=expert)
        topic.discussion_status = "closed"
        topic.save_revision().publish()

        expert_client.post(reverse("replies:edit", args=[reply.pk]), {"body": NEW_BODY})
        expert_client.post(reverse("replies:withdraw", args=[reply.pk]))

        reply.refresh_from_db()
        assert reply.body != NEW_BODY
        assert reply.withdrawn_at is None


@pytest.mark.django_db
class TestWithdraw:
    def test_get_asks_for_confirmation_and_changes_nothing(
        self, expert_client, topic, expert
    ):
        reply = ReplyFactory(topic=topic, author=expert)

        response = expert_client.get(reverse("replies:withdraw", args=[reply.pk]))

        assert response.status_code == 200
        assert "Tarik balasan Anda?" in response.text
        assert Reply.objects.get(pk=reply.pk).withdrawn_at is None

    def test_author_withdraws(self, expert_client, topic, expert):
        reply = ReplyFactory(topic=topic, author=expert, body="Akan ditarik nanti.")

        expert_client.post(reverse("replies:withdraw", args=[reply.pk]))

        reply.refresh_from_db()
        assert reply.withdrawn_at is not None
        assert "Akan ditarik nanti." not in expert_client.get(topic.url).text

    def test_withdraw_needs_csrf(self, topic, expert):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(expert)
        reply = ReplyFactory(topic=topic, author=expert)

        response = client.post(reverse("replies:withdraw", args=[reply.pk]))

        assert response.status_code == 403
        assert Reply.objects.get(pk=reply.pk).withdrawn_at is None


@pytest.mark.django_db
class TestPermalink:
    def test_visible_reply_redirects_to_its_anchor(self, client, topic):
        reply = ReplyFactory(topic=topic)

        response = client.get(reverse("replies:detail", args=[reply.pk]))

        assert response["Location"] == f"{topic.url}#{reply.anchor}"

    def test_hidden_reply_or_private_topic_is_404(self, client, topic):
        from wagtail.models import PageViewRestriction

        hidden = ReplyFactory(topic=topic, moderation_state="hidden", hidden_reason="x")
        shown = ReplyFactory(topic=topic)

        assert (
            client.get(reverse("replies:detail", args=[hidden.pk])).status_code == 404
        )
        PageViewRestriction.objects.create(page=topic, restriction_type="login")
        assert client.get(reverse("replies:detail", args=[shown.pk])).status_code == 404


@pytest.mark.django_db
def test_editing_keeps_the_earlier_text_for_editors(
    expert_client, topic, expert, client, editor
):
    reply = ReplyFactory(
        topic=topic, author=expert, body="Teks pertama sebelum disunting."
    )

    expert_client.post(reverse("replies:edit", args=[reply.pk]), {"body": NEW_BODY})

    assert list(reply.revisions.values_list("body", flat=True)) == [
        "Teks pertama sebelum disunting."
    ]
    client.force_login(editor)
    admin_page = client.get(reverse("rpjpd_reply:edit", args=[reply.pk]))
    assert "Teks pertama sebelum disunting." in admin_page.text
    assert "Teks pertama sebelum disunting." not in client.get(topic.url).text
