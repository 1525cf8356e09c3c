"""The shared readers of query parameters: nothing typed reaches the database raw."""

import pytest
from django.test import RequestFactory

from ops.params import (
    MAX_ID,
    MAX_PAGE,
    clean_text,
    id_param,
    parse_id,
    parse_page_number,
    text_param,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1),
        (" 42 ", 42),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("9" * 20, None),
        ("9" * 5000, None),
        ("0", None),
        ("-1", None),
        ("1.5", None),
        ("²", None),  # str.isdigit() says yes, int() says no
        ("١٢", None),  # Arabic-Indic digits: int() reads them, no id is written so
        ("1\x00", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", 3),
        ("0", 0),
        ("-2", -2),
        ("99999999999999999999", MAX_PAGE),
        ("9" * 5000, MAX_PAGE),
        ("-" + "9" * 30, -MAX_PAGE),
        ("x", None),
        ("²", None),
        ("1.5", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_page_number(value, expected):
    assert parse_page_number(value) == expected


def test_clean_text_drops_control_characters_and_cuts():
    assert clean_text(" air\x00 bersih\x07 ", 100) == "air bersih"
    assert clean_text("a" * 500, 100) == "a" * 100
    assert clean_text(None, 10) == ""


def test_params_from_the_request():
    request = RequestFactory().get("/", {"q": "sungai\x00", "id": "²", "ok": "7"})

    assert text_param(request, "q") == "sungai"
    assert text_param(request, "missing") == ""
    assert id_param(request, "id") is None
    assert id_param(request, "ok") == 7
