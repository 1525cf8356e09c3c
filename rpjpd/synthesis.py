"""Turn a topic's or a section's replies into the input Bappeda drafts from.

Editors download the replies as CSV or XLSX, or print a "Rekap masukan pakar".
Every reply is included, with its moderation state, so the record is complete.
"""

import csv
import io
from zoneinfo import ZoneInfo

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from experts.models import ExpertiseField

from .models import Reply, TopicPage

WITA = ZoneInfo("Asia/Makassar")
# A spreadsheet treats a cell starting with these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def format_wita(value):
    """A time as Bappeda reads it: ``2025-11-18 09:12 WITA``."""
    if value is None:
        return ""
    return timezone.localtime(value, WITA).strftime("%Y-%m-%d %H:%M") + " WITA"


def safe_cell(value):
    """Text a spreadsheet shows as typed, never runs as a formula."""
    text = "" if value is None else str(value)
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def replies_for(topics):
    """Every reply on ``topics`` with what the export shows, in topic order."""
    return (
        Reply.objects.filter(topic__in=topics)
        .select_related(
            "topic",
            "author",
            "author__expert_profile",
            "parent__author__expert_profile",
            "hidden_by",
        )
        .prefetch_related(
            Prefetch(
                "author__expert_profile__fields",
                queryset=ExpertiseField.objects.only("name"),
            )
        )
        .order_by("topic__path", "created_at", "pk")
    )


def topics_of_section(section):
    """A section's topics in the order editors arranged them."""
    return TopicPage.objects.child_of(section).order_by("path")


def state_label(reply):
    """Visible, hidden (with the reason) or withdrawn."""
    if reply.withdrawn_at:
        return _("Withdrawn by the author")
    if reply.is_hidden:
        return _("Hidden: %(reason)s") % {"reason": reply.hidden_reason}
    return _("Visible")


def columns():
    """The header row, in the language of the request."""
    return [
        _("No."),
        _("Reply ID"),
        _("Topic"),
        _("Author"),
        _("Institution"),
        _("Fields of expertise"),
        _("Time (WITA)"),
        _("In reply to"),
        _("Moderation state"),
        _("Edited"),
        _("Follow-up in the plan"),
        _("Follow-up explanation"),
        _("Reply text"),
    ]


def rows(replies):
    """One list of cell values per reply, matching :func:`columns`."""
    for number, reply in enumerate(replies, start=1):
        profile = (
            getattr(reply.author, "expert_profile", None) if reply.author else None
        )
        parent = reply.parent
        answers = (
            _("#%(pk)s by %(author)s") % {"pk": parent.pk, "author": parent.author_name}
            if parent
            else ""
        )
        yield [
            number,
            reply.pk,
            reply.topic.title,
            reply.author_name,
            profile.institution if profile else "",
            ", ".join(field.name for field in profile.fields.all()) if profile else "",
            format_wita(reply.created_at),
            answers,
            state_label(reply),
            format_wita(reply.edited_at),
            reply.get_outcome_display(),
            reply.outcome_reason,
            reply.body,
        ]


def as_csv(replies):
    """UTF-8 CSV with a byte-order mark so spreadsheet programs read it right."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(columns())
    for row in rows(replies):
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def as_xlsx(replies, title):
    """One worksheet with a bold header row and wrapped reply text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = safe_sheet_title(title)
    sheet.append(columns())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(replies):
        sheet.append(
            [value if isinstance(value, int) else safe_cell(value) for value in row]
        )
    widths = [6, 10, 40, 32, 32, 32, 20, 28, 28, 20, 24, 40, 80]
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for cell in sheet["M"][1:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def safe_sheet_title(title):
    """Worksheet names are at most 31 characters and forbid a few symbols."""
    cleaned = "".join(char for char in title if char not in "[]:*?/\\")
    return cleaned[:31] or "Balasan"
