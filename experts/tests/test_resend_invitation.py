"""Editors send a new invitation to an expert whose first one expired or went unused."""

import logging
import re
from datetime import datetime, timedelta
from unittest import mock

import pytest
from allauth.account.forms import default_token_generator
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from wagtail.models import ModelLogEntry

from accounts.tests.factories import EditorFactory, UserFactory
from experts.services import RESEND_ACTION, password_setup_url
from outbox.models import OutgoingEmail

from .factories import ExpertProfileFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/pakar/"
LINK = re.compile(r"http://testserver(/akun/password/reset/key/\S+)")


def url(user):
    return f"/admin/pakar/resend-invitation/{user.pk}/"


@pytest.fixture
def invited():
    """An expert created with an invitation, who never chose a password."""
    user = ExpertProfileFactory(user__name="Rina Undangan").user
    user.set_unusable_password()
    user.save()
    return user


@pytest.fixture
def editor_client(client):
    client.force_login(EditorFactory())
    return client


def click_of(response):
    return re.search(r'name="click" value="([0-9a-f-]{36})"', response.text).group(1)


def resend(client, user, click=None):
    """Open the confirmation page and press the button once."""
    click = click or click_of(client.get(url(user)))
    return client.post(url(user), {"click": click}), click


def choose_password(link, password):
    """Follow an invitation link as the expert; True when the password was set."""
    expert = Client()
    response = expert.get(link)
    if response.status_code != 302:
        return False
    expert.post(response.url, {"password1": password, "password2": password})
    return True


def test_list_and_edit_page_offer_resend_only_while_no_password_was_chosen(
    editor_client, invited
):
    settled = ExpertProfileFactory().user

    index = editor_client.get(INDEX).text
    assert url(invited) in index
    assert url(settled) not in index
    assert url(invited) in editor_client.get(f"/admin/pakar/edit/{invited.pk}/").text
    assert (
        url(settled) not in editor_client.get(f"/admin/pakar/edit/{settled.pk}/").text
    )


def test_expired_invitation_is_replaced_by_a_working_link(
    editor_client, invited, run_on_commit
):
    two_days_ago = datetime.now() - timedelta(days=2)
    with mock.patch.object(type(default_token_generator), "_now") as now:
        now.return_value = two_days_ago
        expired = password_setup_url(invited).removeprefix("http://testserver")
    assert not choose_password(expired, "pilihan-lama-2045")

    page = editor_client.get(url(invited))
    assert page.status_code == 200
    assert invited.email in page.text
    response = run_on_commit(
        editor_client.post, url(invited), {"click": click_of(page)}
    )

    assert response.status_code == 302
    assert response.url == INDEX
    assert "Undangan baru untuk Rina Undangan" in editor_client.get(INDEX).text
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [invited.email]
    link = LINK.search(mail.outbox[0].body).group(1)
    assert choose_password(link, "pilihan-baru-2045")
    invited.refresh_from_db()
    assert invited.check_password("pilihan-baru-2045")


def test_one_email_per_click(editor_client, invited, run_on_commit):
    response, click = run_on_commit(resend, editor_client, invited)
    again, _ = run_on_commit(resend, editor_client, invited, click=click)
    assert response.status_code == again.status_code == 302
    assert len(mail.outbox) == 1

    run_on_commit(resend, editor_client, invited)  # a later, second click
    assert len(mail.outbox) == 2
    assert OutgoingEmail.objects.filter(to=invited.email).count() == 2


def test_resend_is_logged_without_the_link(editor_client, invited, caplog):
    caplog.set_level(logging.INFO)

    resend(editor_client, invited)

    email = OutgoingEmail.objects.get()
    link = LINK.search(email.body).group(1)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert f"expert account {invited.pk}" in caplog.text
    assert token not in caplog.text and token not in email.key
    entry = ModelLogEntry.objects.get(action=RESEND_ACTION)
    assert entry.object_id == str(invited.pk)
    assert token not in str(entry.data)


def test_email_is_queued_when_the_mail_server_is_down(
    editor_client, invited, mail_server_down, run_on_commit
):
    response, _ = run_on_commit(resend, editor_client, invited)

    assert response.status_code == 302
    queued = OutgoingEmail.objects.get()
    assert queued.to == invited.email
    assert queued.sent_at is None and queued.attempts == 1
    assert mail.outbox == []
    assert "diantrekan" in editor_client.get(INDEX).text


@pytest.mark.parametrize("state", ["has_password", "inactive"])
def test_no_invitation_for_a_chosen_password_or_an_inactive_account(
    editor_client, invited, state
):
    if state == "has_password":
        invited.set_password("sudah-dipilih-2045")
    else:
        invited.is_active = False
    invited.save()

    shown = editor_client.get(url(invited))
    pressed = editor_client.post(
        url(invited), {"click": "8d4c3f7e-1d8a-4c55-9a53-0f5c1e2b7a10"}
    )

    assert shown.status_code == 302
    assert shown.url == f"/admin/pakar/edit/{invited.pk}/"
    assert pressed.status_code == 302
    assert OutgoingEmail.objects.count() == 0
    assert url(invited) not in editor_client.get(INDEX).text


def test_a_mangled_form_sends_nothing_and_starts_again(editor_client, invited):
    response = editor_client.post(url(invited), {"click": "bukan-uuid"})

    assert response.status_code == 302
    assert response.url == url(invited)
    assert OutgoingEmail.objects.count() == 0
    assert "Formulir tidak lengkap" in editor_client.get(response.url).text


def test_only_experts_can_be_sent_an_invitation(editor_client):
    citizen = UserFactory()
    citizen.set_unusable_password()
    citizen.save()

    assert editor_client.get(url(citizen)).status_code == 404
    assert (
        editor_client.get(
            "/admin/pakar/resend-invitation/99999999999999999999/"
        ).status_code
        == 404
    )


def test_people_who_are_not_editors_cannot_resend(client, invited):
    staff = UserFactory(is_staff=True)  # may open the admin, but not experts
    staff.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    click = {"click": "8d4c3f7e-1d8a-4c55-9a53-0f5c1e2b7a10"}
    outcomes = {}
    for name, person in {
        "visitor": None,
        "citizen": UserFactory(),
        "expert": ExpertProfileFactory().user,
        "staff": staff,
    }.items():
        client.logout()
        if person:
            client.force_login(person)
        shown, pressed = client.get(url(invited)), client.post(url(invited), click)
        outcomes[name] = (shown.status_code, pressed.status_code, shown.get("Location"))

    assert outcomes["visitor"][:2] == (302, 302)
    assert outcomes["visitor"][2].startswith("/admin/login/")
    assert outcomes["citizen"][:2] == outcomes["expert"][:2] == (403, 403)
    # Wagtail turns a refusal inside the admin into a message on the dashboard.
    assert outcomes["staff"] == (302, 302, "/admin/")
    assert OutgoingEmail.objects.count() == 0
    assert not ModelLogEntry.objects.filter(action=RESEND_ACTION).exists()
