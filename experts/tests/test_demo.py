"""The demo loaders for users and experts are complete and idempotent."""

import io
import json

import pytest
from django.conf import settings

from accounts.demo import DEMO_PASSWORD as USER_PASSWORD
from accounts.demo import load_users
from accounts.models import User
from experts.demo import DEMO_PASSWORD, load_experts, split_titles
from experts.models import ExpertiseField, ExpertProfile, Publication

pytestmark = pytest.mark.django_db

DATA = json.loads(
    (settings.BASE_DIR / "home/demo_data/ruangrunding-demo.json").read_text("utf-8")
)


def _load():
    out = io.StringIO()
    load_users(DATA, out)
    load_experts(DATA, out)
    return out.getvalue()


def _snapshot():
    return (
        list(User.objects.order_by("pk").values_list("username", "password", "name")),
        list(ExpertProfile.objects.order_by("pk").values_list("slug", "photo")),
        Publication.objects.count(),
        ExpertiseField.objects.count(),
    )


def test_demo_loads_everything_once():
    output = _load()
    first = _snapshot()
    _load()

    assert _snapshot() == first
    assert ExpertiseField.objects.count() == 18
    assert ExpertProfile.objects.count() == 8
    assert User.objects.filter(account_type="masyarakat").count() == 3
    assert User.objects.filter(account_type="pemerintah").count() == 2
    assert all(u.has_verified_email() for u in User.objects.all())
    assert all(p.photo for p in ExpertProfile.objects.all())
    assert DEMO_PASSWORD in output and USER_PASSWORD in output

    budi = ExpertProfile.objects.get(user__username="budi.sampelnata")
    assert budi.full_name == "Prof. Dr. Budi Sampelnata, S.E., M.Ec."
    assert budi.publications.count() == 3
    assert budi.fields.count() == 3
    assert User.objects.get(username="budi.sampelnata").check_password(DEMO_PASSWORD)


def test_split_titles():
    assert split_titles("Ir. Yoga Rekaputra, M.Sc., Ph.D.") == (
        "Ir.",
        "Yoga Rekaputra",
        "M.Sc., Ph.D.",
    )
    assert split_titles("Rina") == ("", "Rina", "")


def test_directory_shows_demo_experts(client):
    _load()
    response = client.get("/pakar/")
    assert len(response.context["profiles"]) == 8
