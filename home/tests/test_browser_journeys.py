"""The visitor's main journeys in headless Chromium, on the demo content."""

import io

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site():
    call_command("load_demo", stdout=io.StringIO())


def test_home_to_a_topic_through_the_rpjp_button(browser_page, demo_site):
    page = browser_page
    page.goto("/")

    page.get_by_role("link", name="RPJP", exact=True).click()
    page.wait_for_url("**/rpjpd/")
    assert "Kutai Kartanegara Maju, Tangguh, Berbudaya" in page.inner_text("main")

    page.locator(".section-cards").get_by_role("link", name="Sasaran Pokok").click()
    page.wait_for_url("**/rpjpd/sasaran-pokok/")
    page.get_by_role(
        "link", name="Intensitas Emisi Gas Rumah Kaca Menuju Net Zero"
    ).click()

    page.wait_for_url("**/rpjpd/sasaran-pokok/emisi-grk/")
    assert page.locator("h1").inner_text() == (
        "Intensitas Emisi Gas Rumah Kaca Menuju Net Zero"
    )
    assert page.get_by_role("heading", name="Pertanyaan pemandu").is_visible()
    assert "WITA" in page.inner_text(".topic__status")
    breadcrumb = page.get_by_role("navigation", name="Remah roti")
    assert "Sasaran Pokok" in breadcrumb.inner_text()


def test_library_search_to_download(browser_page, demo_site):
    page = browser_page
    page.goto("/")
    page.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Pustaka"
    ).click()
    page.wait_for_url("**/pustaka/")

    page.get_by_label("Cari di Pustaka").fill("UU 59 2024")
    page.get_by_role("button", name="Cari", exact=True).click()
    page.wait_for_url("**/pustaka/?q=UU+59+2024*")
    first = page.locator(".document-list .card__title a").first
    assert first.inner_text().startswith("Undang-Undang Nomor 59 Tahun 2024")

    first.click()
    page.wait_for_url("**/pustaka/uu-59-2024-rpjpn/")
    assert "Keterangan peraturan (JDIH)" in page.inner_text("main")
    with page.expect_download() as info:
        page.locator(".document__download").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_phone_menu_opens_the_rpjpd_sections(browser_page, demo_site):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    assert not page.locator("#main-nav").is_visible()

    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Buka submenu RPJPD").click()
    page.locator("#submenu-rpjpd").get_by_role(
        "link", name="Isu Strategis Daerah"
    ).click()

    page.wait_for_url("**/rpjpd/isu-strategis-daerah/")
    assert page.locator("h1").inner_text() == "Isu Strategis Daerah"
