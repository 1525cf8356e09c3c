"""Checking an uploaded attachment by what it contains, not by what it is called."""

import logging
import os
import unicodedata
import warnings

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

logger = logging.getLogger(__name__)

# Detected content type -> the file name endings we accept for it.
ALLOWED_TYPES = {
    "application/pdf": {".pdf"},
    "image/jpeg": {".jpg", ".jpeg"},
    "image/png": {".png"},
}
PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
MAX_IMAGE_PIXELS = 40_000_000


def _refuse(reason, message):
    """Log why an upload was refused (never its name or content) and raise."""
    logger.info("Consultation attachment refused: %s", reason)
    raise ValidationError(message, code="invalid_attachment")


def _check_image(uploaded, content_type):
    """Let Pillow parse the header and verify the image data."""
    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(uploaded) as image:
                if image.format != PILLOW_FORMATS[content_type]:
                    raise ValueError("format does not match signature")
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ValueError("too many pixels")
                image.verify()
    except Exception as error:  # Pillow raises many kinds; all mean "refuse".
        _refuse(
            f"image did not verify ({type(error).__name__})",
            _("The image could not be read. Send an intact JPEG or PNG file."),
        )
    finally:
        uploaded.seek(0)


def check_attachment(uploaded):
    """Return the content type of an acceptable attachment; raise if refused."""
    max_size = settings.CONSULT_MAX_ATTACHMENT_SIZE
    if uploaded.size > max_size:
        _refuse(
            "too large",
            _("The attachment is too large: at most %(size)s.")
            % {"size": filesizeformat(max_size)},
        )
    if uploaded.size == 0:
        _refuse("empty", _("The attachment is empty."))

    extension = os.path.splitext(uploaded.name or "")[1].lower()
    uploaded.seek(0)
    head = uploaded.read(2048)
    uploaded.seek(0)
    kind = filetype.guess(head)
    content_type = kind.mime if kind else None

    wrong_type = _("Attach a PDF, JPEG or PNG file.")
    if content_type not in ALLOWED_TYPES:
        _refuse(f"content is {content_type or 'unknown'}", wrong_type)
    if extension not in ALLOWED_TYPES[content_type]:
        _refuse(
            f"name ending does not match {content_type}",
            _("The file's name does not match its content. %(hint)s")
            % {"hint": wrong_type},
        )
    if content_type == "application/pdf" and not head.startswith(b"%PDF-"):
        _refuse("pdf signature not at start", wrong_type)
    if content_type in PILLOW_FORMATS:
        _check_image(uploaded, content_type)
    return content_type


def clean_filename(name):
    """The original name, reduced to something safe to show and send back."""
    base = os.path.basename(str(name or "").replace("\\", "/")).strip()
    base = "".join(
        char
        for char in base
        if unicodedata.category(char)[0] not in {"C", "Z"} or char == " "
    )
    stem, extension = os.path.splitext(base)
    if not extension and stem.startswith("."):
        stem, extension = "", stem
    return (stem[:100] or "lampiran") + extension[:10].lower()
