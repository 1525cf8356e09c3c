"""The Wagtail admin and the public pages work in Chromium under the CSP."""

import io
import re

import pytest
from django.db import connection
from PIL import Image

from accounts.tests.factories import PASSWORD, UserFactory

from .factories import make_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every blocked load or inline script is reported through this DOM event.
REPORT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def watched_page(browser_page):
    """A tab that records CSP violations and script errors on every page it opens."""
    problems = []
    browser_page.context.add_init_script(REPORT_VIOLATIONS)
    browser_page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    browser_page.on("pageerror", lambda error: problems.append(str(error)))

    def violations():
        return problems + browser_page.evaluate("window.__cspViolations || []")

    browser_page.violations = violations
    return browser_page


def _png(tmp_path):
    path = tmp_path / "peta.png"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), (20, 110, 90)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_editor_works_in_the_admin_without_csp_violations(watched_page, tmp_path):
    _home, about = make_site()
    UserFactory(username="editor", is_staff=True, is_superuser=True)
    page = watched_page
    seen = []

    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    seen += page.violations()

    # Edit a page: the rich-text editor, the page chooser, the preview panel.
    page.goto(f"/admin/pages/{about.pk}/edit/")
    editor = page.locator(".Draftail-Editor .public-DraftEditor-content")
    editor.click()
    page.keyboard.type(" Bappeda")
    page.keyboard.press("Control+a")
    page.locator("button[name='LINK']").first.click()
    chooser = page.locator(".modal-content")
    chooser.get_by_role("link", name="Beranda").first.click()
    chooser.wait_for(state="detached")
    if connection.vendor == "postgresql":
        # The preview runs requests in parallel, which the in-memory SQLite test
        # database shared by the live server's threads cannot; CI runs this on
        # PostgreSQL, and test_security_headers covers the preview's header.
        page.locator("button[data-side-panel-toggle='preview']").click()
        page.frame_locator("#w-preview-iframe").locator("h1").wait_for()
    seen += page.violations()

    # Publish it.
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    page.click("button[name='action-publish']")
    page.wait_for_url(f"**/admin/pages/{about.get_parent().pk}/")
    assert "Tentang" in page.locator(".messages").inner_text()
    seen += page.violations()

    # Upload an image, then open the image chooser from the editor.
    page.goto("/admin/images/multiple/add/")
    page.set_input_files("#fileupload", str(_png(tmp_path)))
    page.locator("#upload-list li.upload-complete").first.wait_for()
    seen += page.violations()
    page.goto(f"/admin/pages/{about.pk}/edit/")
    page.locator(".Draftail-Editor .public-DraftEditor-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("/")
    page.get_by_role("option", name=re.compile("Image|Gambar")).first.click()
    page.locator(".modal-content img").first.wait_for()
    seen += page.violations()

    # The public page with the editor's userbar.
    page.goto(about.url)
    page.locator("wagtail-userbar").wait_for(state="attached")
    seen += page.violations()

    assert seen == []


def test_public_pages_have_no_csp_violations(watched_page):
    _home, about = make_site()
    page = watched_page

    page.goto("/")
    page.goto(about.url)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/")
    page.get_by_role("button", name="Menu").click()

    assert page.violations() == []
