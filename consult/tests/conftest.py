"""Fixtures for consultation tests."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from experts.tests.factories import ExpertProfileFactory

from .factories import ConsultationFactory, MessageFactory


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path):
    """Keep each test's attachments in its own private folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def expert_profile(db):
    return ExpertProfileFactory(user__name="Rina Contohwati")


@pytest.fixture
def thread(db):
    """A consultation with its first message from the requester."""
    consultation = ConsultationFactory(subject="Lahan bekas tambang di desa kami")
    MessageFactory(
        consultation=consultation,
        body="Apakah aman untuk jagung?",
        created_at=consultation.created_at,
    )
    return consultation


def pdf_file(name="laporan.pdf"):
    content = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_file(name="foto.png", size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def jpeg_file(name="foto.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def html_as_pdf(name="laporan.pdf"):
    content = b"<!doctype html><html><script>alert(1)</script></html>"
    return SimpleUploadedFile(name, content, content_type="application/pdf")
