"""Moderation in the Wagtail admin: list, filter, hide, unhide, follow-up, log."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from rpjpd.models import Reply

from .factories import ReplyFactory, SectionFactory, TopicFactory

INDEX = "rpjpd_reply:index"


@pytest.mark.django_db
class TestReplyList:
    def test_editor_lists_every_reply(self, editor_client, topic):
        shown = ReplyFactory(topic=topic, body="Balasan yang tampil di publik.")
        hidden = ReplyFactory(
            topic=topic,
            body="Balasan yang disembunyikan.",
            moderation_state="hidden",
            hidden_reason="x",
        )

        response = editor_client.get(reverse(INDEX))

        assert response.status_code == 200
        assert shown.body in response.text
        assert hidden.body in response.text

    @pytest.mark.parametrize("role", ["expert", "masyarakat"])
    def test_non_editors_never_reach_the_list(self, client, role, request, topic):
        client.force_login(request.getfixturevalue(role))

        response = client.get(reverse(INDEX))

        assert response.status_code in (302, 403)
        assert "Balasan yang" not in response.text

    def test_filters(self, editor_client, site_tree, topic, expert, other_expert):
        other_section = SectionFactory(parent=site_tree["hub"])
        other_topic = TopicFactory(parent=other_section)
        a = ReplyFactory(topic=topic, author=expert, body="Alfa dari pakar satu.")
        b = ReplyFactory(
            topic=other_topic, author=other_expert, body="Beta di bagian lain."
        )
        c = ReplyFactory(
            topic=topic,
            author=other_expert,
            body="Gama tersembunyi.",
            moderation_state="hidden",
            hidden_reason="x",
        )

        def listed(**params):
            response = editor_client.get(reverse(INDEX), params)
            assert response.status_code == 200
            return {r.pk for r in response.context["object_list"]}

        assert listed(section=other_section.pk) == {b.pk}
        assert listed(topic=topic.pk) == {a.pk, c.pk}
        assert listed(author=expert.pk) == {a.pk}
        assert listed(state="hidden") == {c.pk}
        assert listed(state="visible") == {a.pk, b.pk}
        assert listed(q="Beta") == {b.pk}
        assert listed(**{"created_at_from": "2000-01-01"}) == {a.pk, b.pk, c.pk}
        assert listed(**{"created_at_to": "2000-01-01"}) == set()

    def test_editors_cannot_add_or_delete_replies(self, editor_client, topic):
        reply = ReplyFactory(topic=topic)

        assert editor_client.get(reverse("rpjpd_reply:add")).status_code in (302, 403)
        assert editor_client.post(
            reverse("rpjpd_reply:delete", args=[reply.pk])
        ).status_code in (302, 403)
        assert Reply.objects.filter(pk=reply.pk).exists()


@pytest.mark.django_db
class TestHideAndUnhide:
    def test_hide_needs_a_reason(self, editor_client, topic):
        reply = ReplyFactory(topic=topic)

        response = editor_client.post(
            reverse("rpjpd_reply:hide", args=[reply.pk]), {"reason": ""}
        )

        assert response.status_code == 200
        assert "Tuliskan alasan" in response.text
        assert not Reply.objects.get(pk=reply.pk).is_hidden

    def test_hide_and_unhide_are_logged_with_who_and_when(
        self, editor_client, editor, topic, client
    ):
        reply = ReplyFactory(topic=topic, body="Balasan yang akan disembunyikan.")

        editor_client.post(
            reverse("rpjpd_reply:hide", args=[reply.pk]), {"reason": "Iklan"}
        )
        reply.refresh_from_db()
        assert reply.is_hidden
        assert reply.hidden_by == editor
        assert reply.hidden_reason == "Iklan"
        assert reply.hidden_at is not None

        editor_client.post(reverse("rpjpd_reply:unhide", args=[reply.pk]))
        reply.refresh_from_db()
        assert not reply.is_hidden

        entries = ModelLogEntry.objects.filter(object_id=str(reply.pk)).order_by("pk")
        assert [e.action for e in entries] == ["rpjpd.reply.hide", "rpjpd.reply.unhide"]
        assert all(e.user == editor and e.timestamp for e in entries)
        assert entries[0].data["reason"] == "Iklan"

        history = editor_client.get(reverse("rpjpd_reply:history", args=[reply.pk]))
        assert "Balasan disembunyikan oleh moderator" in history.text

    def test_hidden_reply_disappears_for_visitors(self, editor_client, topic, client):
        reply = ReplyFactory(topic=topic, body="Balasan yang akan disembunyikan.")

        editor_client.post(
            reverse("rpjpd_reply:hide", args=[reply.pk]), {"reason": "Iklan"}
        )
        client.logout()

        assert reply.body not in client.get(topic.url).text

    @pytest.mark.parametrize("role", ["expert", "masyarakat"])
    def test_non_editors_cannot_hide(self, client, role, request, topic):
        reply = ReplyFactory(topic=topic)
        client.force_login(request.getfixturevalue(role))

        client.post(reverse("rpjpd_reply:hide", args=[reply.pk]), {"reason": "x"})

        assert not Reply.objects.get(pk=reply.pk).is_hidden

    def test_staff_without_the_permission_cannot_hide(self, client, topic):
        from accounts.tests.factories import UserFactory

        staff = UserFactory(is_staff=True)
        from django.contrib.auth.models import Permission

        staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(staff)
        reply = ReplyFactory(topic=topic)

        response = client.post(
            reverse("rpjpd_reply:hide", args=[reply.pk]), {"reason": "x"}
        )

        assert response.status_code in (302, 403)
        assert not Reply.objects.get(pk=reply.pk).is_hidden

    def test_hide_page_for_unknown_reply_is_404(self, editor_client):
        response = editor_client.get(reverse("rpjpd_reply:hide", args=[999999]))

        assert response.status_code == 404


@pytest.mark.django_db
class TestFollowUp:
    def test_editor_records_the_outcome_and_it_is_logged(
        self, editor_client, editor, topic
    ):
        reply = ReplyFactory(topic=topic)

        response = editor_client.post(
            reverse("rpjpd_reply:edit", args=[reply.pk]),
            {"outcome": "accommodated", "outcome_reason": "Masuk sasaran pokok 3."},
        )

        assert response.status_code == 302
        reply.refresh_from_db()
        assert reply.outcome == "accommodated"
        assert reply.outcome_reason == "Masuk sasaran pokok 3."
        assert reply.outcome_recorded_by == editor
        assert ModelLogEntry.objects.filter(
            object_id=str(reply.pk), action="rpjpd.reply.outcome", user=editor
        ).exists()

    def test_edit_form_cannot_change_the_reply_itself(self, editor_client, topic):
        reply = ReplyFactory(topic=topic, body="Teks asli pakar tidak berubah.")

        editor_client.post(
            reverse("rpjpd_reply:edit", args=[reply.pk]),
            {
                "outcome": "partly",
                "outcome_reason": "x",
                "body": "Diubah editor",
                "moderation_state": "hidden",
            },
        )

        reply.refresh_from_db()
        assert reply.body == "Teks asli pakar tidak berubah."
        assert reply.moderation_state == "visible"

    def test_edit_page_shows_the_reply(self, editor_client, topic):
        reply = ReplyFactory(topic=topic, body="<b>Teks</b> pakar di admin.")

        response = editor_client.get(reverse("rpjpd_reply:edit", args=[reply.pk]))

        assert response.status_code == 200
        assert "&lt;b&gt;Teks&lt;/b&gt; pakar di admin." in response.text


@pytest.mark.django_db
class TestAdminPagesRender:
    def test_hide_and_unhide_pages_render(self, editor_client, topic):
        shown = ReplyFactory(topic=topic, body="Balasan untuk halaman moderasi.")
        hidden = ReplyFactory(topic=topic, moderation_state="hidden", hidden_reason="x")

        hide_page = editor_client.get(reverse("rpjpd_reply:hide", args=[shown.pk]))
        unhide_page = editor_client.get(reverse("rpjpd_reply:unhide", args=[hidden.pk]))

        assert hide_page.status_code == 200
        assert "Alasan menyembunyikan" in hide_page.text
        assert "Balasan untuk halaman moderasi." in hide_page.text
        assert unhide_page.status_code == 200
        assert "Tampilkan balasan lagi" in unhide_page.text

    def test_topic_edit_page_offers_synthesis_and_follow_up_switch(
        self, client, django_user_model, topic
    ):
        admin = django_user_model.objects.create_superuser(
            "super2", "super2@example.org", "sandi-super-panjang"
        )
        client.force_login(admin)

        response = client.get(reverse("wagtailadmin_pages:edit", args=[topic.pk]))

        assert response.status_code == 200
        assert 'name="show_follow_up"' in response.text
        assert reverse("replies:summary_topic", args=[topic.pk]) in response.text

    def test_deleting_an_expert_account_keeps_replies_as_former_expert(
        self, client, topic, expert
    ):
        reply = ReplyFactory(topic=topic, author=expert, body="Tetap ada setelahnya.")

        expert.delete()

        reply.refresh_from_db()
        assert reply.author is None
        page = client.get(topic.url)
        assert "Mantan pakar" in page.text
        assert "Tetap ada setelahnya." in page.text


@pytest.mark.django_db
def test_preview_of_a_new_topic_renders(client, django_user_model, section):
    admin = django_user_model.objects.create_superuser(
        "super3", "super3@example.org", "sandi-super-panjang"
    )
    client.force_login(admin)
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=["rpjpd", "topicpage", section.pk]
    )
    data = {
        "title": "Topik pratinjau",
        "slug": "topik-pratinjau",
        "summary": "Ringkasan.",
        "discussion_status": "open",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "indicators-TOTAL_FORMS": "0",
        "indicators-INITIAL_FORMS": "0",
        "document_links-TOTAL_FORMS": "0",
        "document_links-INITIAL_FORMS": "0",
    }

    assert client.post(url, data).json()["is_valid"] is True
    response = client.get(url)

    assert response.status_code == 200
    assert "Topik pratinjau" in response.text
