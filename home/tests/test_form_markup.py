"""Form markup that assistive technology relies on: every aria-describedby points
at an element on the page, help text keeps its content, refused filters show.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from home.tests.factories import make_home
from pustaka.tests.factories import PustakaIndexPageFactory

pytestmark = pytest.mark.django_db


class _Page(HTMLParser):
    """Collects element ids, aria-describedby references, each id's text and
    block elements opened inside a paragraph."""

    def __init__(self):
        super().__init__()
        self.ids = set()
        self.described_by = []
        self.details_open = []
        self.text = {}
        self.lists_in_paragraphs = 0
        self._open = []
        self._in_paragraph = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p":
            self._in_paragraph = True
        elif tag in ("ul", "ol", "div") and self._in_paragraph:
            # A browser ends the paragraph here, leaving the list outside it.
            self.lists_in_paragraphs += 1
        if "id" in attrs:
            self.ids.add(attrs["id"])
            self.text[attrs["id"]] = ""
            self._open.append((tag, attrs["id"]))
        if attrs.get("aria-describedby"):
            self.described_by += attrs["aria-describedby"].split()
        if tag == "details":
            self.details_open.append("open" in attrs)

    def handle_endtag(self, tag):
        if tag == "p":
            self._in_paragraph = False
        if self._open and self._open[-1][0] == tag:
            self._open.pop()

    def handle_data(self, data):
        for _tag, element_id in self._open:
            self.text[element_id] += data


def parse(response):
    page = _Page()
    page.feed(response.content.decode())
    return page


def test_refused_field_is_described_by_its_error(client):
    client.force_login(UserFactory())
    response = client.post(reverse("accounts:settings"), {"name": ""})

    page = parse(response)
    assert "id_name_error" in page.described_by
    assert set(page.described_by) <= page.ids


def test_password_rules_stay_inside_the_help_text(client):
    page = parse(client.get(reverse("account_signup")))

    assert "id_password1_helptext" in page.described_by
    assert set(page.described_by) <= page.ids
    assert "8" in page.text["id_password1_helptext"]
    assert page.lists_in_paragraphs == 0


def test_refused_library_filter_opens_the_filter_panel(client):
    library = PustakaIndexPageFactory(parent=make_home())

    closed = parse(client.get(library.url))
    refused = parse(client.get(library.url, {"year": "bukan-tahun"}))

    assert closed.details_open == [False]
    assert refused.details_open == [True]
    assert set(refused.described_by) <= refused.ids
