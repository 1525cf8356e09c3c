"""Limits per user, counted in the database so every process sees the same count."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from consult.models import Consultation, Message
from experts.tests.factories import ExpertProfileFactory

from .factories import ConsultationFactory, MessageFactory

pytestmark = pytest.mark.django_db


def start(client, profile, subject="Pertanyaan baru"):
    return client.post(
        reverse("consult:start", kwargs={"slug": profile.slug}),
        {"subject": subject, "body": "Isi pertanyaan", "token": str(uuid.uuid4())},
    )


def test_new_consultations_per_day(client, settings):
    settings.CONSULT_MAX_NEW_PER_DAY = 2
    user = UserFactory()
    client.force_login(user)
    profiles = ExpertProfileFactory.create_batch(3)

    assert start(client, profiles[0]).status_code == 302
    assert start(client, profiles[1]).status_code == 302
    refused = start(client, profiles[2], subject="Judul yang saya ketik")

    assert refused.status_code == 429
    assert "paling banyak 2 konsultasi baru dalam 24 jam" in refused.text
    assert "Judul yang saya ketik" in refused.text
    assert Consultation.objects.count() == 2


def test_day_old_consultations_no_longer_count(client, settings):
    settings.CONSULT_MAX_NEW_PER_DAY = 1
    user = UserFactory()
    ConsultationFactory(requester=user, created_at=timezone.now() - timedelta(hours=25))
    client.force_login(user)

    assert start(client, ExpertProfileFactory()).status_code == 302


def test_limits_are_per_user(client, settings):
    settings.CONSULT_MAX_NEW_PER_DAY = 1
    profile = ExpertProfileFactory()
    ConsultationFactory(requester=UserFactory(username="rajin"))
    client.force_login(UserFactory())

    assert start(client, profile).status_code == 302


def test_messages_per_hour(client, thread, settings):
    settings.CONSULT_MAX_MESSAGES_PER_HOUR = 3
    MessageFactory.create_batch(2, consultation=thread, sender=thread.expert)
    MessageFactory(
        consultation=thread,
        sender=thread.expert,
        created_at=timezone.now() - timedelta(minutes=61),
    )
    client.force_login(thread.expert)
    url = reverse("consult:reply", kwargs={"public_id": thread.public_id})

    ok = client.post(url, {"body": "Ketiga", "token": str(uuid.uuid4())})
    refused = client.post(url, {"body": "Keempat saya", "token": str(uuid.uuid4())})

    assert ok.status_code == 302
    assert refused.status_code == 429
    assert "paling banyak 3 pesan per jam" in refused.text
    assert "Keempat saya" in refused.text
    assert not Message.objects.filter(body="Keempat saya").exists()


def test_resending_a_stored_form_is_not_blocked_by_the_limit(client, settings):
    settings.CONSULT_MAX_NEW_PER_DAY = 1
    profile = ExpertProfileFactory()
    client.force_login(UserFactory())
    token = str(uuid.uuid4())
    data = {"subject": "Judul", "body": "Isi", "token": token}
    url = reverse("consult:start", kwargs={"slug": profile.slug})

    first = client.post(url, data)
    again = client.post(url, data)

    assert first.status_code == again.status_code == 302
    assert first.url == again.url


def test_missing_token_gets_a_fresh_one_and_keeps_the_text(client, thread):
    client.force_login(thread.requester)
    url = reverse("consult:reply", kwargs={"public_id": thread.public_id})

    response = client.post(url, {"body": "Teks saya", "token": ""})

    assert response.status_code == 200
    assert "Teks saya" in response.text
    fresh = response.context["form"]["token"].value()
    assert uuid.UUID(str(fresh))
    assert thread.messages.count() == 1
