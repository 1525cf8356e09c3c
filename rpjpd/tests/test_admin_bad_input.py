"""Odd numbers in the reply admin's addresses and filters never end in a 500."""

import pytest

from .factories import ReplyFactory

HUGE = ["9" * 20, "9" * 30, str(2**63)]
# Digits to str.isdigit() that int() refuses.
NOT_INTEGERS = ["²", "1²"]


@pytest.mark.django_db
class TestHugeIds:
    @pytest.mark.parametrize("number", HUGE)
    @pytest.mark.parametrize("action", ["edit", "hide", "unhide", "history"])
    def test_reply_pages_answer_404(self, editor_client, topic, action, number):
        ReplyFactory(topic=topic)
        url = f"/admin/rpjpd_reply/{action}/{number}/"

        assert editor_client.get(url).status_code == 404
        assert editor_client.post(url, {"reason": "Di luar topik"}).status_code == 404

    @pytest.mark.parametrize("number", HUGE + NOT_INTEGERS)
    @pytest.mark.parametrize("name", ["topic", "section", "author"])
    def test_filters_refuse_them_in_place(self, editor_client, topic, name, number):
        ReplyFactory(topic=topic)

        page = editor_client.get("/admin/rpjpd_reply/", {name: number})
        results = editor_client.get("/admin/rpjpd_reply/results/", {name: number})

        # As for an id that does not exist: the filter says so, nothing breaks.
        assert page.status_code == 200
        assert "Masukkan pilihan yang valid" in page.text
        assert results.status_code == 200

    def test_a_real_topic_still_filters(self, editor_client, topic, section):
        from .factories import TopicFactory

        ReplyFactory(topic=topic, body="Balasan pada topik yang dipilih editor.")
        ReplyFactory(
            topic=TopicFactory(parent=section), body="Balasan pada topik yang lain."
        )

        html = editor_client.get("/admin/rpjpd_reply/", {"topic": topic.pk}).text

        assert "Balasan pada topik yang dipilih" in html
        assert "topik yang lain" not in html
