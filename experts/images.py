"""Make an uploaded portrait safe to serve: checked, upright, sRGB, no metadata."""

import io
import logging
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 25_000_000
MAX_SIDE = 800
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}

INVALID = _("This file is not a JPEG, PNG or WebP image.")
TOO_LARGE_FILE = _("The photo is larger than 5 MB. Please choose a smaller file.")
TOO_MANY_PIXELS = _(
    "The photo has more than 25 megapixels. Please choose a smaller image."
)


def _to_srgb(image):
    """Convert to RGB, honouring an embedded colour profile (CMYK, Adobe RGB)."""
    profile = image.info.get("icc_profile")
    if profile:
        try:
            return ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                ImageCms.createProfile("sRGB"),
                outputMode="RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            logger.info("Ignored an unreadable colour profile in an uploaded photo.")
    if image.mode in ("RGBA", "LA") or (
        image.mode == "P" and "transparency" in image.info
    ):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image.convert("RGB")


def process_photo(upload):
    """Return a cleaned JPEG of ``upload`` or raise ``ValidationError``.

    The result is re-encoded from pixels only, so EXIF (GPS included), XMP and
    comments are gone; it is turned upright and scaled to ``MAX_SIDE``.
    """
    if upload.size > MAX_BYTES:
        raise ValidationError(TOO_LARGE_FILE, code="file_size")
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format not in ALLOWED_FORMATS:
                    raise ValidationError(INVALID, code="format")
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ValidationError(TOO_MANY_PIXELS, code="pixels")
                image.load()
                image = ImageOps.exif_transpose(image)
                image = _to_srgb(image)
                image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
                buffer = io.BytesIO()
                image.save(buffer, "JPEG", quality=85, optimize=True)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        logger.warning("Rejected an uploaded photo: decompression bomb.")
        raise ValidationError(TOO_MANY_PIXELS, code="pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        logger.info("Rejected an uploaded photo: not a readable image.")
        raise ValidationError(INVALID, code="invalid") from None
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.jpg")
