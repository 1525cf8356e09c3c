"""Factories for experts, their fields of expertise and publications."""

import factory

from accounts.models import User
from accounts.tests.factories import UserFactory
from experts.models import ExpertiseField, ExpertProfile, Publication


class ExpertiseFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertiseField
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Bidang {n}")
    slug = factory.Sequence(lambda n: f"bidang-{n}")


class ExpertUserFactory(UserFactory):
    """An expert account (as Bappeda creates it), verified."""

    username = factory.Sequence(lambda n: f"pakar{n}")
    name = factory.Sequence(lambda n: f"Pakar Contoh {n}")
    account_type = User.AccountType.PAKAR


class ExpertProfileFactory(factory.django.DjangoModelFactory):
    """An expert's profile; ``ExpertProfileFactory(fields=[...])`` sets bidang."""

    class Meta:
        model = ExpertProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(ExpertUserFactory)
    slug = factory.LazyAttribute(lambda p: ExpertProfile.unique_slug(p.user.name))
    institution = "Universitas Contoh Mahakam"
    bio = "Peneliti pembangunan daerah."

    @factory.post_generation
    def fields(profile, create, extracted, **kwargs):
        if create and extracted:
            profile.fields.set(extracted)


class ExpertFactory(ExpertUserFactory):
    """An expert account together with its profile; returns the user.

    ``ExpertFactory(name=...)`` sets the account, ``profile__institution=...``
    the profile.
    """

    profile = factory.RelatedFactory(ExpertProfileFactory, factory_related_name="user")


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    profile = factory.SubFactory(ExpertProfileFactory)
    kind = Publication.Kind.PUBLIKASI
    title = factory.Sequence(lambda n: f"Kajian Contoh {n}")
    year = 2024
    venue = "Jurnal Contoh"
