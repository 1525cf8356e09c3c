"""Attachments are judged by their content: magic bytes, then Pillow for images."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from consult.attachments import check_attachment, clean_filename

from .conftest import html_as_pdf, jpeg_file, pdf_file, png_file


@pytest.mark.parametrize(
    ("upload", "content_type"),
    [
        (pdf_file(), "application/pdf"),
        (png_file(), "image/png"),
        (jpeg_file(), "image/jpeg"),
        (jpeg_file("FOTO.JPEG"), "image/jpeg"),
    ],
)
def test_real_files_are_accepted(upload, content_type):
    assert check_attachment(upload) == content_type


def test_html_renamed_pdf_is_refused():
    with pytest.raises(ValidationError, match="PDF, JPEG atau PNG"):
        check_attachment(html_as_pdf())


def test_png_named_pdf_is_refused():
    with pytest.raises(ValidationError, match="tidak sesuai dengan isinya"):
        check_attachment(png_file("laporan.pdf"))


def test_other_types_are_refused():
    zip_bytes = b"PK\x03\x04" + b"\x00" * 100
    with pytest.raises(ValidationError):
        check_attachment(SimpleUploadedFile("arsip.pdf", zip_bytes))


def test_truncated_image_is_refused():
    data = png_file().read()
    broken = SimpleUploadedFile("foto.png", data[:40])
    with pytest.raises(ValidationError, match="Gambar tidak dapat dibaca"):
        check_attachment(broken)


def test_pixel_bomb_is_refused():
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buffer, "PNG")
    bomb = SimpleUploadedFile("bom.png", buffer.getvalue())
    assert bomb.size < 5 * 1024 * 1024
    with pytest.raises(ValidationError):
        check_attachment(bomb)


def test_too_large_file_is_refused(settings):
    settings.CONSULT_MAX_ATTACHMENT_SIZE = 1024
    big = SimpleUploadedFile("besar.pdf", b"%PDF-1.4\n" + b"0" * 2048)
    with pytest.raises(ValidationError, match="terlalu besar"):
        check_attachment(big)


def test_empty_file_is_refused():
    with pytest.raises(ValidationError):
        check_attachment(SimpleUploadedFile("kosong.pdf", b""))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\budi\\Laporan Akhir.PDF", "Laporan Akhir.pdf"),
        ("a\r\nb.pdf", "ab.pdf"),
        (".pdf", "lampiran.pdf"),
    ],
)
def test_filenames_are_cleaned(name, expected):
    assert clean_filename(name) == expected
