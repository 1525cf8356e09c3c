"""Who may write a reply, and what happens when they press Kirim."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from rpjpd.models import Reply

from .factories import ReplyFactory

BODY = "Menurut saya target ini perlu indikator antara yang bisa dipantau tiap tahun."


def form_url(topic, parent=None):
    url = reverse("replies:create", args=[topic.pk])
    return f"{url}?balas={parent.pk}" if parent else url


def post_data(body=BODY, parent=None, token=None):
    data = {"body": body, "token": str(token or uuid.uuid4())}
    if parent:
        data["parent"] = parent.pk
    return data


@pytest.mark.django_db
class TestWhoMayReply:
    def test_visitor_is_sent_to_log_in_and_back_to_the_form(self, client, topic):
        response = client.get(form_url(topic))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert "next=" + form_url(topic) in response["Location"]

    def test_visitor_post_stores_nothing(self, client, topic):
        response = client.post(form_url(topic), post_data())

        assert response.status_code == 302
        assert Reply.objects.count() == 0

    @pytest.mark.parametrize("role", ["masyarakat", "pemerintah"])
    def test_public_and_government_accounts_are_told_replies_are_for_experts(
        self, client, topic, role, request
    ):
        client.force_login(request.getfixturevalue(role))

        page = client.get(form_url(topic))
        sent = client.post(form_url(topic), post_data())

        assert page.status_code == 403
        assert "Balasan hanya untuk pakar" in page.text
        assert "<textarea" not in page.text
        assert sent.status_code == 403
        assert Reply.objects.count() == 0

    def test_editor_without_expert_account_may_not_reply(self, client, topic, editor):
        client.force_login(editor)

        assert client.post(form_url(topic), post_data()).status_code == 403
        assert Reply.objects.count() == 0

    def test_expert_sees_the_form(self, expert_client, topic):
        response = expert_client.get(form_url(topic))

        assert response.status_code == 200
        assert '<label for="id_body">' in response.text
        assert 'name="token"' in response.text

    def test_inactive_expert_cannot_post(self, client, topic, expert):
        client.force_login(expert)
        expert.is_active = False
        expert.save()

        client.post(form_url(topic), post_data())

        assert Reply.objects.count() == 0


@pytest.mark.django_db
class TestPosting:
    def test_kirim_stores_the_reply_and_lands_on_its_anchor(
        self, expert_client, topic, expert
    ):
        response = expert_client.post(form_url(topic), post_data())

        reply = Reply.objects.get()
        assert reply.author == expert
        assert reply.topic_id == topic.pk
        assert reply.body == BODY
        assert response.status_code == 302
        assert response["Location"] == f"{topic.url}#balasan-{reply.pk}"
        page = expert_client.get(response["Location"])
        assert f'id="balasan-{reply.pk}"' in page.text
        assert "Balasan Anda telah terkirim" in page.text

    def test_answer_to_a_reply_records_parent_and_thread(
        self, expert_client, topic, other_expert
    ):
        first = ReplyFactory(topic=topic, author=other_expert)
        second = ReplyFactory(topic=topic, author=other_expert, parent=first)

        expert_client.post(form_url(topic), post_data(parent=second))

        reply = Reply.objects.latest("pk")
        assert reply.parent == second
        assert reply.thread == first

    def test_answer_form_quotes_the_reply_it_answers(
        self, expert_client, topic, other_expert
    ):
        first = ReplyFactory(topic=topic, author=other_expert, body="Kutipan asal.")

        response = expert_client.get(form_url(topic, first))

        assert "Kutipan asal." in response.text
        assert f'name="parent" value="{first.pk}"' in response.text

    @pytest.mark.parametrize("value", ["abc", "²", "9" * 30])
    def test_an_odd_reply_to_answer_shows_the_plain_form(
        self, expert_client, topic, value
    ):
        response = expert_client.get(form_url(topic), {"balas": value})

        assert response.status_code == 200
        assert '<label for="id_body">' in response.text

    def test_cannot_answer_a_reply_of_another_topic(
        self, expert_client, topic, section
    ):
        elsewhere = ReplyFactory()

        response = expert_client.post(form_url(topic), post_data(parent=elsewhere))

        assert response.status_code == 200
        assert "tidak tersedia lagi" in response.text
        assert Reply.objects.filter(topic=topic).count() == 0

    def test_cannot_answer_a_hidden_reply(self, expert_client, topic):
        hidden = ReplyFactory(
            topic=topic, moderation_state="hidden", hidden_reason="Tidak relevan"
        )

        expert_client.post(form_url(topic), post_data(parent=hidden))

        assert Reply.objects.filter(parent=hidden).count() == 0

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ("", "Tulis balasan Anda sebelum mengirimnya."),
            ("Terlalu pendek", "Balasan Anda terlalu pendek"),
            ("x" * 5001, "Balasan Anda terlalu panjang"),
        ],
    )
    def test_length_limits_keep_the_text(self, expert_client, topic, body, message):
        response = expert_client.post(form_url(topic), post_data(body=body))

        assert response.status_code == 200
        assert message in response.text
        assert Reply.objects.count() == 0
        if body:
            assert body[:100] in response.text

    def test_whitespace_only_is_refused(self, expert_client, topic):
        response = expert_client.post(form_url(topic), post_data(body=" \n\n  "))

        assert "Tulis balasan Anda" in response.text
        assert Reply.objects.count() == 0

    def test_missing_token_keeps_text_and_offers_a_fresh_form(
        self, expert_client, topic
    ):
        response = expert_client.post(form_url(topic), {"body": BODY})

        assert response.status_code == 200
        assert "Formulir ini sudah kedaluwarsa" in response.text
        assert BODY in response.text
        assert Reply.objects.count() == 0

    def test_csrf_is_enforced(self, topic, expert):
        client = Client(enforce_csrf_checks=True)
        client.force_login(expert)

        response = client.post(form_url(topic), post_data())

        assert response.status_code == 403
        assert Reply.objects.count() == 0

    def test_csrf_token_from_the_form_is_accepted(self, topic, expert):
        client = Client(enforce_csrf_checks=True)
        client.force_login(expert)
        client.get(form_url(topic))
        token = client.cookies["csrftoken"].value

        response = client.post(
            form_url(topic), {**post_data(), "csrfmiddlewaretoken": token}
        )

        assert response.status_code == 302
        assert Reply.objects.count() == 1


@pytest.mark.django_db
class TestNothingDoubled:
    def test_resent_form_stores_one_reply(self, expert_client, topic):
        data = post_data()

        first = expert_client.post(form_url(topic), data)
        second = expert_client.post(form_url(topic), data)

        assert Reply.objects.count() == 1
        assert first["Location"] == second["Location"]
        page = expert_client.get(second["Location"])
        assert "sudah terkirim sebelumnya" in page.text

    def test_same_token_from_two_experts_stores_two_replies(
        self, client, topic, expert, other_expert
    ):
        data = post_data()
        for author in (expert, other_expert):
            client.force_login(author)
            client.post(form_url(topic), data)

        assert Reply.objects.count() == 2

    def test_each_new_form_gets_a_fresh_token(self, expert_client, topic):
        first = expert_client.get(form_url(topic)).context["form"]["token"].value()
        second = expert_client.get(form_url(topic)).context["form"]["token"].value()

        assert first != second


@pytest.mark.django_db
class TestRateLimit:
    def test_a_flood_meets_a_limit_and_keeps_the_text(
        self, expert_client, topic, settings
    ):
        for _ in range(settings.RPJPD_REPLY_RATE_LIMIT):
            expert_client.post(form_url(topic), post_data())

        response = expert_client.post(form_url(topic), post_data(body=BODY + " 11"))

        assert response.status_code == 429
        assert "terlalu banyak" in response.text or "banyak balasan" in response.text
        assert BODY + " 11" in response.text
        assert Reply.objects.count() == settings.RPJPD_REPLY_RATE_LIMIT

    def test_the_limit_is_per_account(
        self, client, topic, expert, other_expert, settings
    ):
        ReplyFactory.create_batch(
            settings.RPJPD_REPLY_RATE_LIMIT, topic=topic, author=expert
        )
        client.force_login(other_expert)

        response = client.post(form_url(topic), post_data())

        assert response.status_code == 302

    def test_old_replies_do_not_count(self, expert_client, topic, expert, settings):
        from datetime import timedelta

        from django.utils import timezone

        ReplyFactory.create_batch(
            settings.RPJPD_REPLY_RATE_LIMIT,
            topic=topic,
            author=expert,
            created_at=timezone.now()
            - timedelta(minutes=settings.RPJPD_REPLY_RATE_WINDOW_MINUTES + 1),
        )

        assert expert_client.post(form_url(topic), post_data()).status_code == 302

    def test_the_limit_and_window_come_from_settings(
        self, expert_client, topic, expert, settings
    ):
        from datetime import timedelta

        from django.utils import timezone

        settings.RPJPD_REPLY_RATE_LIMIT = 2
        settings.RPJPD_REPLY_RATE_WINDOW_MINUTES = 60
        ReplyFactory(
            topic=topic,
            author=expert,
            created_at=timezone.now() - timedelta(minutes=30),
        )
        ReplyFactory(topic=topic, author=expert)

        assert expert_client.post(form_url(topic), post_data()).status_code == 429

        settings.RPJPD_REPLY_RATE_WINDOW_MINUTES = 20
        assert expert_client.post(form_url(topic), post_data()).status_code == 302


@pytest.mark.django_db
class TestTopicState:
    def close(self, topic, **changes):
        for name, value in changes.items():
            setattr(topic, name, value)
        topic.save_revision().publish()

    @pytest.mark.parametrize(
        "changes",
        [
            {"discussion_status": "closed"},
            {"closes_at": "past"},
        ],
        ids=["status-closed", "past-closing-date"],
    )
    def test_closed_topic_shows_replies_but_refuses_posts(
        self, expert_client, topic, changes
    ):
        from datetime import timedelta

        from django.utils import timezone

        reply = ReplyFactory(
            topic=topic, body="Balasan sebelum ditutup, tetap terbaca."
        )
        if changes.get("closes_at") == "past":
            changes = {"closes_at": timezone.now() - timedelta(hours=1)}
        self.close(topic, **changes)

        page = expert_client.get(topic.url)
        sent = expert_client.post(form_url(topic), post_data())

        assert "Balasan sebelum ditutup" in page.text
        assert "sudah ditutup" in page.text
        assert 'id="tulis-balasan"' not in page.text
        assert sent.status_code == 403
        assert BODY in sent.text
        assert Reply.objects.filter(topic=topic).count() == 1
        assert reply.pk

    def test_unpublished_topic_refuses_posts(self, expert_client, topic):
        topic.unpublish()

        assert expert_client.get(form_url(topic)).status_code == 404
        assert expert_client.post(form_url(topic), post_data()).status_code == 404
        assert Reply.objects.count() == 0

    def test_private_topic_refuses_posts(self, expert_client, topic):
        from wagtail.models import PageViewRestriction

        PageViewRestriction.objects.create(
            page=topic, restriction_type=PageViewRestriction.LOGIN
        )

        assert expert_client.post(form_url(topic), post_data()).status_code == 404
        assert Reply.objects.count() == 0

    def test_topic_in_a_private_section_refuses_posts(
        self, expert_client, topic, section
    ):
        from wagtail.models import PageViewRestriction

        PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )

        assert expert_client.post(form_url(topic), post_data()).status_code == 404

    def test_unknown_topic_is_404(self, expert_client):
        response = expert_client.get(reverse("replies:create", args=[999999]))

        assert response.status_code == 404


@pytest.mark.django_db
def test_resending_the_last_reply_before_the_limit_is_not_refused(
    expert_client, topic, settings
):
    for _ in range(settings.RPJPD_REPLY_RATE_LIMIT - 1):
        expert_client.post(form_url(topic), post_data())
    last = post_data()
    expert_client.post(form_url(topic), last)

    again = expert_client.post(form_url(topic), last)

    assert again.status_code == 302
    assert Reply.objects.count() == settings.RPJPD_REPLY_RATE_LIMIT


@pytest.mark.django_db
def test_control_characters_are_dropped_from_a_reply(expert_client, topic):
    expert_client.post(form_url(topic), post_data(body=BODY + "\x00\x07\x1b"))

    assert Reply.objects.get().body == BODY


@pytest.mark.django_db
def test_topic_under_an_unpublished_section_refuses_posts(
    expert_client, topic, section
):
    section.unpublish()

    assert expert_client.post(form_url(topic), post_data()).status_code == 404
    assert Reply.objects.count() == 0


@pytest.mark.django_db
def test_expert_without_a_verified_email_may_not_reply(client, topic, expert):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=expert).update(verified=False)
    client.force_login(expert)

    response = client.post(form_url(topic), post_data())

    assert response.status_code == 403
    assert Reply.objects.count() == 0
