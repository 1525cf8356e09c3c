"""Reading values anyone can type into a URL: search words, ids, page numbers.

A query string is whatever a visitor, a crawler or an attacker sends. These
helpers turn it into values the database accepts, or into "not given":

- text never holds a NUL character (PostgreSQL refuses it in every text
  parameter, and psycopg raises before the query is sent) and is cut to a length;
- an id is ASCII digits that fit a 64-bit column. ``str.isdigit()`` is not enough:
  it accepts "²", which ``int()`` refuses, and twenty digits overflow ``bigint``.
"""

import re

# The largest id a 64-bit database column holds.
MAX_ID = 2**63 - 1
# Far beyond any listing, yet small enough for an OFFSET of page size times it.
MAX_PAGE = 10**9

_ASCII_NUMBER = re.compile(r"[0-9]{1,19}")
_PAGE_NUMBER = re.compile(r"-?[0-9]+")
# Control characters other than tab and line breaks: invisible, and NUL breaks
# PostgreSQL. Search boxes and slugs never need them.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value, max_length):
    """``value`` as a string without control characters, stripped and cut short."""
    if not isinstance(value, str):
        return ""
    return _CONTROL_CHARACTERS.sub("", value).strip()[:max_length]


def text_param(request, name, max_length=100):
    """The query parameter ``name`` as clean text ("" when absent)."""
    return clean_text(request.GET.get(name, ""), max_length)


def parse_id(value):
    """``value`` as a positive database id, or None when it cannot be one."""
    value = str(value if value is not None else "").strip()
    if not _ASCII_NUMBER.fullmatch(value):
        return None
    number = int(value)
    return number if 1 <= number <= MAX_ID else None


def id_param(request, name):
    """The query parameter ``name`` as a database id, or None."""
    return parse_id(request.GET.get(name))


def parse_page_number(value):
    """A page number from ``value``, or None when it is not a whole number.

    Out-of-range numbers (0, negative, past the last page) are the caller's to
    handle, but none is ever so large that its ``OFFSET`` overflows PostgreSQL's
    ``bigint``: the size is capped at ``MAX_PAGE``.
    """
    value = str(value if value is not None else "").strip()
    if not _PAGE_NUMBER.fullmatch(value):
        return None
    digits = value.lstrip("-")
    number = MAX_PAGE if len(digits) > 10 else min(int(digits), MAX_PAGE)
    return -number if value.startswith("-") else number
