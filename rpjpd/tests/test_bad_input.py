"""Odd input anyone can send never ends in a server error."""

import uuid

import pytest
from django.urls import reverse

from rpjpd.models import Reply

HUGE = "9" * 30


@pytest.mark.django_db
class TestHugeNumbers:
    def test_huge_ids_in_urls_are_404(self, client, expert_client, topic):
        for path in (
            f"/balasan/{HUGE}/",
            f"/balasan/{HUGE}/sunting/",
            f"/balasan/{HUGE}/tarik/",
            f"/balasan/topik/{HUGE}/tulis/",
        ):
            assert expert_client.get(path).status_code == 404, path

    def test_huge_parent_ids_are_refused_politely(self, expert_client, topic):
        url = reverse("replies:create", args=[topic.pk])

        page = expert_client.get(f"{url}?balas={HUGE}")
        sent = expert_client.post(
            url,
            {
                "body": "Balasan dengan nomor induk yang tidak masuk akal.",
                "parent": HUGE,
                "token": str(uuid.uuid4()),
            },
        )

        assert page.status_code == 200
        assert sent.status_code == 200
        assert Reply.objects.count() == 0

    @pytest.mark.parametrize("value", ["abc", "-5", "0", "1.5", ""])
    def test_odd_parent_values(self, expert_client, topic, value):
        url = reverse("replies:create", args=[topic.pk])

        response = expert_client.post(
            url,
            {
                "body": "Balasan dengan nilai induk yang aneh sekali.",
                "parent": value,
                "token": str(uuid.uuid4()),
            },
        )

        assert response.status_code in (200, 302)


@pytest.mark.django_db
class TestDigitsThatAreNotNumbers:
    """ "²" passes ``str.isdigit()`` but not ``int()``: it must read as no number."""

    def test_conversation_parameter(self, client, expert_client, topic):
        from .factories import ReplyFactory

        ReplyFactory(topic=topic, body="Balasan yang tetap terlihat di halaman.")

        for each in (client, expert_client):
            response = each.get(topic.url, {"percakapan": "²", "halaman": "²"})

            assert response.status_code == 200
            assert "Balasan yang tetap terlihat" in response.text

    def test_answered_reply_in_the_address_and_the_form(self, expert_client, topic):
        url = reverse("replies:create", args=[topic.pk])
        body = "Balasan dengan nomor induk berupa angka pangkat dua."

        page = expert_client.get(url, {"balas": "²"})
        sent = expert_client.post(
            url, {"body": body, "parent": "²", "token": str(uuid.uuid4())}
        )

        assert page.status_code == 200
        assert sent.status_code == 200
        assert body in sent.text  # what was typed is still there
        assert Reply.objects.count() == 0
