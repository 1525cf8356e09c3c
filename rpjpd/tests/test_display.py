"""How replies read on the topic page: text, threads, pages, placeholders."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rpjpd.models import Reply
from rpjpd.templatetags.reply_tags import reply_body
from rpjpd.threads import ANSWERS_SHOWN, THREADS_PER_PAGE

from .factories import ReplyFactory


def shown_reply_ids_of(html):
    """The ids of the replies a topic page shows, in order, read from its HTML."""
    return [int(pk) for pk in re.findall(r'<article [^>]*id="balasan-(\d+)"', html)]


def shown_reply_ids(response):
    return shown_reply_ids_of(response.text)


class TestBodyRendering:
    def test_markup_is_shown_as_typed(self):
        html = reply_body('<script>alert("x")</script> <b>tebal</b>')

        assert "<script>" not in html
        assert "&lt;script&gt;" in html
        assert "&lt;b&gt;tebal&lt;/b&gt;" in html

    def test_web_addresses_become_links(self):
        html = reply_body("Lihat https://bappeda.kukarkab.go.id/rpjpd untuk data.")

        assert '<a href="https://bappeda.kukarkab.go.id/rpjpd" rel="nofollow">' in html

    @pytest.mark.parametrize(
        "text",
        [
            "javascript:alert(1)",
            "klik javascript:alert(document.cookie) sekarang",
            '<a href="javascript:alert(1)">tautan</a>',
            "data:text/html;base64,PHNjcmlwdD4=",
        ],
    )
    def test_dangerous_urls_never_become_links(self, text):
        html = reply_body(text)

        assert 'href="javascript' not in html
        assert 'href="data' not in html
        assert "<a " not in html or 'href="http' in html

    def test_paragraphs_and_line_breaks_are_kept(self):
        html = reply_body("Paragraf satu.\nBaris kedua.\n\nParagraf dua.")

        assert html == "<p>Paragraf satu.<br>Baris kedua.</p>\n\n<p>Paragraf dua.</p>"

    def test_quotes_in_a_link_cannot_break_out_of_the_attribute(self):
        html = reply_body('https://example.org/"onmouseover="alert(1)')

        assert 'onmouseover="alert' not in html


@pytest.mark.django_db
class TestTopicPage:
    def test_markup_in_a_body_is_escaped_on_the_page(self, client, topic):
        ReplyFactory(topic=topic, body="<img src=x onerror=alert(1)> javascript:x()")

        response = client.get(topic.url)

        assert "<img src=x" not in response.text
        assert "&lt;img src=x onerror=alert(1)&gt;" in response.text

    def test_threads_show_who_answers_whom(self, client, topic):
        first = ReplyFactory(topic=topic)
        answer = ReplyFactory(topic=topic, parent=first)

        response = client.get(topic.url)

        assert f'href="#{first.anchor}">membalas {first.author_name}' in response.text
        entries = response.context["entries"]
        assert [entry.reply for entry in entries] == [first, answer]
        assert [entry.depth for entry in entries] == [0, 1]

    def test_deep_threads_stop_indenting_but_keep_labels(self, client, topic):
        reply = ReplyFactory(topic=topic)
        for _ in range(12):
            reply = ReplyFactory(topic=topic, parent=reply)

        response = client.get(topic.url)

        entries = response.context["entries"]
        assert len(entries) == 13
        assert max(entry.indent for entry in entries) == 3
        assert entries[-1].depth == 12
        assert "reply-list__item--indent-4" not in response.text

    def test_very_deep_thread_renders(self, client, topic, expert):
        reply = ReplyFactory(topic=topic, author=expert)
        for _ in range(1200):
            reply = Reply.objects.create(
                topic=topic,
                author=expert,
                parent=reply,
                thread=reply.thread or reply,
                body="Jawaban yang sangat dalam.",
            )

        response = client.get(topic.url)

        assert response.status_code == 200
        assert len(response.context["entries"]) == 1 + ANSWERS_SHOWN
        assert "Baca sisa percakapan ini (1170 balasan lagi)" in response.text


@pytest.mark.django_db
class TestLongConversations:
    @pytest.fixture
    def conversation(self, topic, expert):
        """A first reply and 100 answers to it, then a short conversation."""
        root = ReplyFactory(topic=topic, author=expert)
        answers = [
            ReplyFactory(topic=topic, author=expert, parent=root) for _ in range(100)
        ]
        short = ReplyFactory(topic=topic, author=expert)
        return root, answers, short

    def test_topic_page_shows_the_first_answers_and_links_to_the_rest(
        self, client, topic, conversation
    ):
        root, answers, short = conversation

        response = client.get(topic.url)

        ids = shown_reply_ids(response)
        assert ids == [root.pk, *[a.pk for a in answers[:ANSWERS_SHOWN]], short.pk]
        link = f'href="?percakapan={root.pk}#{answers[ANSWERS_SHOWN].anchor}"'
        assert link in response.text
        assert "(70 balasan lagi)" in response.text

    def test_the_conversation_has_its_own_pages(self, client, topic, conversation):
        root, answers, short = conversation

        first = client.get(topic.url, {"percakapan": root.pk})
        second = client.get(topic.url, {"percakapan": root.pk, "halaman": 2})
        third = client.get(topic.url, {"percakapan": root.pk, "halaman": 3})

        everything = [root, *answers]
        assert shown_reply_ids(first) == [r.pk for r in everything[:50]]
        assert shown_reply_ids(second) == [r.pk for r in everything[50:100]]
        assert shown_reply_ids(third) == [r.pk for r in everything[100:]]
        assert short.anchor not in first.text
        assert "membaca satu percakapan secara utuh" in first.text
        assert f"?percakapan={root.pk}&amp;halaman=2#balasan" in first.text

    def test_permalinks_lead_to_the_page_that_shows_the_reply(
        self, client, topic, conversation
    ):
        root, answers, _short = conversation

        for reply in (root, answers[0], answers[ANSWERS_SHOWN - 1], answers[75]):
            target = client.get(reverse("replies:detail", args=[reply.pk]))["Location"]
            page = client.get(target)
            assert page.status_code == 200
            assert reply.pk in shown_reply_ids(page)
        assert client.get(reverse("replies:detail", args=[answers[75].pk]))[
            "Location"
        ].endswith(f"?percakapan={root.pk}&halaman=2#{answers[75].anchor}")

    def test_a_bad_or_foreign_conversation_shows_the_topic(
        self, client, topic, section, conversation
    ):
        from .factories import TopicFactory

        root, _answers, short = conversation
        elsewhere = ReplyFactory(topic=TopicFactory(parent=section))

        # "²" passes str.isdigit() but not int().
        for value in ("abc", "-1", "99999999999999999999", "²", str(elsewhere.pk)):
            response = client.get(topic.url, {"percakapan": value})
            assert response.status_code == 200
            assert short.pk in shown_reply_ids(response)
        answer_id = str(_answers[0].pk)  # an answer starts no conversation
        assert short.pk in shown_reply_ids(
            client.get(topic.url, {"percakapan": answer_id})
        )

    def test_an_expert_can_edit_their_reply_deep_in_a_conversation(
        self, client, topic, conversation, expert
    ):
        root, answers, _short = conversation
        client.force_login(expert)

        response = client.get(topic.url, {"percakapan": root.pk, "halaman": 2})

        assert reverse("replies:edit", args=[answers[75].pk]) in response.text

    def test_hidden_reply_leaves_a_marker_above_its_answers(self, client, topic):
        hidden = ReplyFactory(
            topic=topic,
            body="Teks yang disembunyikan.",
            moderation_state="hidden",
            hidden_reason="Menyerang pribadi",
        )
        answer = ReplyFactory(
            topic=topic, parent=hidden, body="Jawaban yang tetap ada."
        )

        response = client.get(topic.url)

        assert "Teks yang disembunyikan." not in response.text
        assert "Menyerang pribadi" not in response.text
        assert "Disembunyikan oleh moderator." in response.text
        assert "Jawaban yang tetap ada." in response.text
        assert "membalas balasan yang tidak ditampilkan" in response.text
        assert answer.anchor in response.text

    def test_hidden_reply_without_answers_leaves_nothing(self, client, topic):
        ReplyFactory(
            topic=topic, body="Teks X.", moderation_state="hidden", hidden_reason="x"
        )

        response = client.get(topic.url)

        assert "Disembunyikan oleh moderator." not in response.text
        assert "Belum ada pakar yang membalas" in response.text

    def test_withdrawn_reply_leaves_a_marker_above_its_answers(self, client, topic):
        from django.utils import timezone

        withdrawn = ReplyFactory(
            topic=topic, body="Sudah ditarik.", withdrawn_at=timezone.now()
        )
        ReplyFactory(topic=topic, parent=withdrawn, body="Jawaban atas yang ditarik.")

        response = client.get(topic.url)

        assert "Sudah ditarik." not in response.text
        assert "Ditarik oleh penulisnya." in response.text
        assert "Jawaban atas yang ditarik." in response.text

    def test_visitor_sees_balas_leading_to_login(self, client, topic):
        ReplyFactory(topic=topic)

        response = client.get(topic.url)

        assert reverse("replies:create", args=[topic.pk]) in response.text
        assert 'id="tulis-balasan"' not in response.text

    def test_public_account_sees_no_reply_button(self, client, topic, masyarakat):
        ReplyFactory(topic=topic)
        client.force_login(masyarakat)

        response = client.get(topic.url)

        assert "ditulis oleh pakar" in response.text
        assert reverse("replies:create", args=[topic.pk]) not in response.text

    def test_expert_sees_the_form_on_the_topic(self, expert_client, topic):
        response = expert_client.get(topic.url)

        assert 'id="tulis-balasan"' in response.text
        assert '<label for="id_body">' in response.text

    def test_follow_up_is_public_only_when_the_editor_enables_it(self, client, topic):
        ReplyFactory(
            topic=topic, outcome="partly", outcome_reason="Masuk ke misi kedua."
        )

        hidden = client.get(topic.url)
        topic.show_follow_up = True
        topic.save_revision().publish()
        shown = client.get(topic.url)

        assert "Masuk ke misi kedua." not in hidden.text
        assert "Diakomodasi sebagian" in shown.text
        assert "Masuk ke misi kedua." in shown.text

    def test_a_preview_of_a_draft_never_reaches_visitors(self, client, topic):
        """An editor previewing an unpublished change must not fill the shared list."""
        from rpjpd.models import TopicPage

        ReplyFactory(
            topic=topic, outcome="partly", outcome_reason="Masuk ke misi kedua."
        )
        draft = TopicPage.objects.get(pk=topic.pk)
        draft.show_follow_up = True  # changed in the editor, not published

        preview = draft.make_preview_request()
        public = client.get(topic.url)

        assert "Masuk ke misi kedua." in preview.content.decode()
        assert "Masuk ke misi kedua." not in public.text


@pytest.mark.django_db
class TestPagination:
    def test_stable_order_with_equal_timestamps(self, client, topic):
        from django.utils import timezone

        moment = timezone.now()
        replies = ReplyFactory.create_batch(
            THREADS_PER_PAGE * 2 + 5, topic=topic, created_at=moment
        )

        seen = []
        for number in (1, 2, 3):
            response = client.get(topic.url, {"halaman": number})
            seen += [entry.reply.pk for entry in response.context["entries"]]
        # Asked again, the page comes from the shared list cache: same replies.
        again = shown_reply_ids(client.get(topic.url, {"halaman": 2}))

        assert seen == [reply.pk for reply in replies]
        assert again == seen[THREADS_PER_PAGE : THREADS_PER_PAGE * 2]

    def test_answers_stay_with_their_thread_across_pages(self, client, topic):
        roots = ReplyFactory.create_batch(THREADS_PER_PAGE + 1, topic=topic)
        late_answer = ReplyFactory(topic=topic, parent=roots[0])

        first_page = client.get(topic.url).context["entries"]

        assert first_page[1].reply == late_answer

    def test_redirect_after_posting_lands_on_the_right_page(self, expert_client, topic):
        import uuid

        roots = ReplyFactory.create_batch(THREADS_PER_PAGE + 1, topic=topic)
        url = reverse("replies:create", args=[topic.pk])

        response = expert_client.post(
            url,
            {
                "body": "Jawaban atas utas terakhir di halaman kedua.",
                "parent": roots[-1].pk,
                "token": str(uuid.uuid4()),
            },
        )

        reply = Reply.objects.latest("pk")
        assert response["Location"] == f"{topic.url}?halaman=2#{reply.anchor}"

    def test_garbage_page_numbers_do_not_fail(self, client, topic):
        ReplyFactory(topic=topic)

        for value in ("abc", "-1", "99999", "1e9"):
            assert client.get(topic.url, {"halaman": value}).status_code == 200


@pytest.mark.django_db
class TestQueryCount:
    def make_replies(self, topic, threads, answers_each):
        from experts.tests.factories import ExpertFactory

        authors = ExpertFactory.create_batch(10)
        for number in range(threads):
            root = ReplyFactory(topic=topic, author=authors[number % 10])
            parent = root
            for depth in range(answers_each):
                parent = ReplyFactory(
                    topic=topic, parent=parent, author=authors[(number + depth) % 10]
                )

    def count_queries(self, client, url):
        """Queries of a first render (the list is built) and of a repeat (cached)."""
        with CaptureQueriesContext(connection) as first:
            response = client.get(url)
        assert response.status_code == 200
        with CaptureQueriesContext(connection) as repeat:
            assert client.get(url).status_code == 200
        # The counts, the outline of the page's conversations, their texts.
        reply_queries = [q for q in first if "rpjpd_reply" in q["sql"]]
        assert len(reply_queries) <= 3
        return len(reply_queries), len(repeat), response

    @pytest.mark.parametrize("role", ["visitor", "expert"])
    def test_500_replies_cost_the_same_queries_as_5(
        self, client, section, role, request
    ):
        from .factories import TopicFactory

        if role == "expert":
            client.force_login(request.getfixturevalue("expert"))
        small = TopicFactory(parent=section)
        large = TopicFactory(parent=section)
        self.make_replies(small, threads=5, answers_each=0)
        self.make_replies(large, threads=100, answers_each=4)

        small_replies, small_repeat, _ = self.count_queries(client, small.url)
        large_replies, large_repeat, response = self.count_queries(client, large.url)

        assert Reply.objects.filter(topic=large).count() == 500
        assert len(response.context["entries"]) == THREADS_PER_PAGE * 5
        assert large_replies == small_replies
        assert large_repeat == small_repeat <= 12

    def test_the_shared_list_shows_each_expert_only_their_own_actions(
        self, client, topic, expert
    ):
        from .factories import ExpertFactory

        other = ExpertFactory()
        mine = ReplyFactory(topic=topic, author=expert)
        theirs = ReplyFactory(topic=topic, author=other)
        edit_mine = reverse("replies:edit", args=[mine.pk])
        edit_theirs = reverse("replies:edit", args=[theirs.pk])

        client.force_login(other)
        first_response = client.get(topic.url)  # renders and keeps the list
        client.force_login(expert)
        second_response = client.get(topic.url)  # the kept list, own actions added
        first, second = first_response.text, second_response.text

        assert first_response.context["entries"] is not None
        assert second_response.context["entries"] is None  # from the cache
        assert edit_theirs in first and edit_mine not in first
        assert edit_mine in second and edit_theirs not in second
        assert "own-actions" not in first + second
        assert shown_reply_ids_of(first) == shown_reply_ids_of(second)
