"""Who may open the Konsultasi pages: only participants reach a consultation.

Read by ``accounts/tests/test_url_permissions.py``; the world gets one
consultation between the masyarakat user and the pakar, with an attachment.
"""

import uuid

from accounts.tests.url_walk import (
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REDIRECT,
    Case,
    expect,
)
from experts.tests.factories import ExpertProfileFactory

from .conftest import pdf_file
from .factories import ConsultationFactory, MessageFactory


def build_world(world):
    """Add a consultation (masyarakat -> pakar) and another expert to consult."""
    consultation = ConsultationFactory(
        requester=world.users["masyarakat"], expert=world.users["pakar"]
    )
    message = MessageFactory(consultation=consultation)
    message.attachment_type = "application/pdf"
    message.attachment_name = "lampiran.pdf"
    message.attachment = pdf_file()
    message.save()
    world.consultation = consultation
    world.attachment = message
    world.consult_expert = ExpertProfileFactory()


def _thread(name):
    def path(world):
        from django.urls import reverse

        kwargs = {"public_id": world.consultation.public_id}
        if name == "attachment":
            kwargs["attachment_id"] = world.attachment.public_id
        return reverse(f"consult:{name}", kwargs=kwargs)

    return path


URLS = {
    "consult:index": Case("/konsultasi/", expect(OK)),
    "consult:mine": Case("/konsultasi/saya/", expect(visitor=LOGIN)),
    "consult:start": Case(
        lambda world: f"/konsultasi/baru/{world.consult_expert.slug}/",
        expect(
            visitor=LOGIN,
            unverified=FORBIDDEN,
            editor=FORBIDDEN,
            superuser=FORBIDDEN,
        ),
    ),
    "consult:detail": Case(
        _thread("detail"), expect(NOT_FOUND, masyarakat=OK, pakar=OK)
    ),
    "consult:reply": Case(
        _thread("reply"),
        expect(NOT_FOUND, masyarakat=NOT_ALLOWED, pakar=NOT_ALLOWED),
    ),
    "consult:close": Case(
        _thread("close"),
        expect(NOT_FOUND, masyarakat=NOT_ALLOWED, pakar=NOT_ALLOWED),
    ),
    "consult:attachment": Case(
        _thread("attachment"), expect(NOT_FOUND, masyarakat=OK, pakar=OK)
    ),
}

PATHS = {
    "consultation follow-up (POST)": Case(
        _thread("reply"),
        expect(NOT_FOUND, masyarakat=REDIRECT, pakar=REDIRECT),
        method="post",
        data={"body": "Pesan susulan", "token": str(uuid.uuid4())},
    ),
    "unknown consultation": Case(f"/konsultasi/{uuid.uuid4()}/", expect(NOT_FOUND)),
    "start with an expert who takes no consultations": Case(
        "/konsultasi/baru/tidak-ada/", expect(NOT_FOUND, visitor=LOGIN)
    ),
}
