"""Factories for consultation tests: threads and messages.

People come from ``accounts.tests.factories`` and ``experts.tests.factories``.
"""

import uuid

import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from consult.models import Consultation, Message
from experts.tests.factories import ExpertFactory


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    requester = factory.SubFactory(UserFactory)
    expert = factory.SubFactory(ExpertFactory)
    subject = factory.Sequence(lambda n: f"Pertanyaan rahasia nomor {n}")
    created_at = factory.LazyFunction(timezone.now)
    last_activity_at = factory.SelfAttribute("created_at")
    requester_read_at = factory.SelfAttribute("created_at")


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    consultation = factory.SubFactory(ConsultationFactory)
    sender = factory.SelfAttribute("consultation.requester")
    body = factory.Sequence(lambda n: f"Isi pesan rahasia {n}")
    client_token = factory.LazyFunction(uuid.uuid4)
    created_at = factory.LazyFunction(timezone.now)
