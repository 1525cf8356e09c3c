import pytest
from wagtail.models import Page, Site

from home.models import HomePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_opens_in_chromium(browser_page):
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Beranda", slug="uji", hero_title="Selamat datang")
    )
    Site.objects.update(root_page=home)

    browser_page.goto("/")

    assert browser_page.locator("h1").inner_text() == "Selamat datang"
