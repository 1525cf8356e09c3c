"""Factories for every kind of account; other apps' tests use them too."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.groups import EDITOR_GROUP_NAME, ensure_editor_group
from accounts.models import User

PASSWORD = "kata-sandi-uji-123"


class UserFactory(factory.django.DjangoModelFactory):
    """A member of the public (masyarakat) with a verified email address."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"warga{n}")
    name = factory.Sequence(lambda n: f"Warga Contoh {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    account_type = User.AccountType.MASYARAKAT
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """``verified=False`` leaves the address unverified (default: verified)."""
        user.save()
        if create and user.email:
            EmailAddress.objects.update_or_create(
                user=user,
                email=user.email,
                defaults={"primary": True, "verified": extracted is not False},
            )


class PemerintahFactory(UserFactory):
    """Local-government staff, with agency and position."""

    username = factory.Sequence(lambda n: f"pegawai{n}")
    account_type = User.AccountType.PEMERINTAH
    instansi = "Dinas Contoh Kabupaten Kutai Kartanegara"
    jabatan = "Analis"


class EditorFactory(UserFactory):
    """A Bappeda editor: staff, in the "Editor Bappeda" group."""

    username = factory.Sequence(lambda n: f"editor{n}")
    is_staff = True

    @factory.post_generation
    def editor_group(user, create, extracted, **kwargs):
        if create:
            ensure_editor_group()
            user.groups.add(Group.objects.get(name=EDITOR_GROUP_NAME))


class SuperuserFactory(UserFactory):
    """A site administrator."""

    username = factory.Sequence(lambda n: f"admin{n}")
    is_staff = True
    is_superuser = True
