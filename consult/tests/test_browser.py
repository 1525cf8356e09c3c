"""The consultation journey in a real browser, from search to answer."""

import re

import pytest
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from accounts.tests.factories import PASSWORD, UserFactory
from consult.models import Consultation
from experts.tests.factories import ExpertProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def wagtail_site(db):
    """An earlier transactional test may have flushed the site migrations made."""
    if not Site.objects.exists():
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root")
        )
        Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)


@pytest.fixture
def new_tab(browser, live_server):
    """Open a tab in a fresh browser context, one per person."""
    contexts = []

    def _open():
        context = browser.new_context(
            locale="id-ID", timezone_id="Asia/Makassar", base_url=live_server.url
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


def log_in(tab, username):
    tab.fill('input[name="login"]', username)
    tab.fill('input[name="password"]', PASSWORD)
    tab.press('input[name="password"]', "Enter")
    tab.wait_for_load_state()


def test_consultation_from_search_to_answer(new_tab, tmp_path):
    profile = ExpertProfileFactory(
        user__username="rina.contohwati", user__name="Rina Contohwati"
    )
    ExpertProfileFactory(user__name="Fajar Misalnata")
    UserFactory(username="rudi.warga", name="Rudi Contohjaya")
    UserFactory(username="orang.lain", name="Orang Lain")
    attachment = tmp_path / "hasil-uji-tanah.pdf"
    attachment.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    # A member of the public finds the expert and is asked to log in first.
    citizen = new_tab()
    citizen.goto("/konsultasi/")
    citizen.fill("#id_q", "Rina")
    citizen.click("button:has-text('Cari')")
    assert citizen.locator(".expert-choice").count() == 1
    citizen.click(".expert-choice >> text=Konsultasi")
    assert "/akun/login/" in citizen.url
    log_in(citizen, "rudi.warga")
    assert citizen.url.endswith(f"/konsultasi/baru/{profile.slug}/")

    # The form: subject, question and an attachment.
    citizen.fill("#id_subject", "Lahan bekas tambang untuk jagung")
    citizen.fill("#id_body", "Apakah aman, dan apa yang perlu kami periksa?")
    citizen.set_input_files("#id_attachment", str(attachment))
    citizen.click("button:has-text('Kirim')")
    citizen.wait_for_url(re.compile(r"/konsultasi/[0-9a-f-]{36}/$"))
    assert "Konsultasi Anda telah dikirim" in citizen.content()
    thread_url = citizen.url
    consultation = Consultation.objects.get()
    assert consultation.messages.get().attachment_name == "hasil-uji-tanah.pdf"

    # The expert logs in and finds it unread in Konsultasi Saya.
    rina = new_tab()
    rina.goto("/konsultasi/saya/")
    log_in(rina, "rina.contohwati")
    assert rina.url.endswith("/konsultasi/saya/")
    item = rina.locator(".consult-item", has_text="Lahan bekas tambang untuk jagung")
    assert item.locator(".badge--unread").is_visible()
    assert rina.locator(".nav-count").first.inner_text().startswith("1")
    item.locator("a").click()
    with rina.expect_download() as download:
        rina.click("text=hasil-uji-tanah.pdf")
    assert download.value.suggested_filename == "hasil-uji-tanah.pdf"

    # The expert answers.
    rina.fill("#id_body", "Mulailah dengan uji tanah di laboratorium.")
    rina.click(".consult-reply button:has-text('Kirim')")
    rina.wait_for_load_state()
    assert "Pesan Anda telah dikirim" in rina.content()
    rina.goto("/konsultasi/saya/")
    assert rina.locator(".badge--unread").count() == 0

    # The citizen sees the answer.
    citizen.goto("/konsultasi/saya/")
    assert citizen.locator(".badge--unread").count() == 1
    assert "Dijawab" in citizen.content()
    citizen.goto(thread_url)
    assert "Mulailah dengan uji tanah di laboratorium." in citizen.content()

    # A third user cannot open the thread.
    stranger = new_tab()
    stranger.goto("/akun/login/")
    log_in(stranger, "orang.lain")
    response = stranger.goto(thread_url)
    assert response.status == 404
    assert "Lahan bekas tambang" not in stranger.content()
    assert "Mulailah dengan uji tanah" not in stranger.content()
