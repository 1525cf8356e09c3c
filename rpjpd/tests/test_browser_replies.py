"""In Chromium: an expert replies twice, an editor hides one, visitors see it go."""

import re

import pytest

from accounts.tests.factories import PASSWORD, EditorFactory
from experts.tests.factories import ExpertFactory

from .factories import ReplyFactory, TopicFactory, build_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FIRST = "Usul saya: susun tiga skenario penerimaan bagi hasil sampai 2045."
SECOND = "Setuju dengan Bu Rina; indikator antara perlu dipantau tiap tahun."


@pytest.fixture
def world():
    _home, _hub, section = build_site()
    topic = TopicFactory(parent=section, title="Ketergantungan Sektor Ekstraktif")
    expert = ExpertFactory(username="budi", name="Budi Sampelnata")
    colleague = ExpertFactory(username="rina", name="Rina Contohwati")
    ReplyFactory(
        topic=topic, author=colleague, body="Sektor pengganti butuh waktu panjang."
    )
    editor = EditorFactory(username="editor.bappeda")
    return {"topic": topic, "expert": expert, "editor": editor}


def test_reply_answer_hide_and_what_visitors_see(
    browser, browser_page, live_server, world
):
    topic = world["topic"]
    page = browser_page

    # The expert logs in and comes back to the topic.
    page.goto(f"/akun/login/?next={topic.url}")
    page.fill("input[name=login]", "budi")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**{topic.url}")

    # Balas on the topic, write, Kirim: the new reply is on screen.
    page.get_by_role("link", name="Balas", exact=True).first.click()
    page.get_by_label("Balasan Anda").fill(FIRST)
    page.get_by_role("button", name="Kirim").click()
    page.wait_for_url(re.compile(r"#balasan-\d+$"))
    assert page.get_by_text("Balasan Anda telah terkirim").is_visible()
    assert page.get_by_text(FIRST).is_visible()

    # Balas on the colleague's reply: the form moves under it.
    page.get_by_role("link", name="Balas kepada Rina Contohwati").click()
    page.get_by_label("Balasan Anda").fill(SECOND)
    page.get_by_role("button", name="Kirim").click()
    page.wait_for_url(re.compile(r"#balasan-\d+$"))
    answer = page.locator("article.reply", has_text=SECOND)
    assert "membalas Rina Contohwati" in answer.inner_text()

    # The editor hides the first reply in the Wagtail admin.
    editor_context = browser.new_context(base_url=live_server.url, locale="id-ID")
    admin = editor_context.new_page()
    admin.goto("/admin/login/")
    admin.fill("input[name=username]", "editor.bappeda")
    admin.fill("input[name=password]", PASSWORD)
    admin.locator("form button[type=submit]").click()
    admin.wait_for_url("**/admin/")
    admin.goto(f"/admin/rpjpd_reply/?topic={topic.pk}")
    row = admin.locator("tr", has_text=FIRST[:30])
    row.get_by_role("link", name="Sembunyikan").click()
    admin.get_by_label("Alasan menyembunyikan").fill("Uji moderasi")
    admin.get_by_role("button", name="Sembunyikan balasan").click()
    admin.wait_for_url("**/admin/rpjpd_reply/")
    assert admin.get_by_text("Balasan disembunyikan dari publik.").is_visible()
    editor_context.close()

    # A visitor no longer reads it; the answer stays, the count follows.
    visitor_context = browser.new_context(base_url=live_server.url, locale="id-ID")
    visitor = visitor_context.new_page()
    visitor.goto(topic.url)
    body = visitor.locator("#balasan").inner_text()
    assert FIRST not in body
    assert SECOND in body
    assert "2 balasan" in body
    visitor_context.close()
