"""Factories for consultation tests: people, experts, threads and messages."""

import uuid

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from consult.models import Consultation, Message
from experts.models import ExpertiseField, ExpertProfile

PASSWORD = "kata-sandi-uji-123"


class UserFactory(factory.django.DjangoModelFactory):
    """A member of the public with a verified email address."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"konsultasi.warga{n}")
    name = factory.Sequence(lambda n: f"Warga Uji {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    account_type = User.AccountType.MASYARAKAT
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create:
            user.save()
            if extracted is not False:
                EmailAddress.objects.get_or_create(
                    user=user,
                    email=user.email,
                    defaults={"verified": True, "primary": True},
                )


class ExpertiseFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertiseField
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Bidang Konsultasi {n}")
    slug = factory.Sequence(lambda n: f"bidang-konsultasi-{n}")


class ExpertProfileFactory(factory.django.DjangoModelFactory):
    """An expert account with its public profile."""

    class Meta:
        model = ExpertProfile

    user = factory.SubFactory(
        UserFactory,
        username=factory.Sequence(lambda n: f"konsultasi.pakar{n}"),
        name=factory.Sequence(lambda n: f"Pakar Uji {n}"),
        account_type=User.AccountType.PAKAR,
    )
    slug = factory.Sequence(lambda n: f"konsultasi-pakar-{n}")
    title_prefix = "Dr."
    institution = "Universitas Contoh Mahakam"
    accepts_consultations = True


def expert(**kwargs):
    """An expert user (with profile)."""
    return ExpertProfileFactory(**kwargs).user


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    requester = factory.SubFactory(UserFactory)
    expert = factory.LazyFunction(expert)
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
