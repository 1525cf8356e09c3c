"""Starting a consultation: who may, with whom, and what the form accepts."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory
from consult.models import Consultation, Message
from experts.tests.factories import ExpertiseFieldFactory, ExpertProfileFactory
from outbox.models import OutgoingEmail

from .conftest import html_as_pdf, jpeg_file, pdf_file, png_file

pytestmark = pytest.mark.django_db


def start_url(profile):
    return reverse("consult:start", kwargs={"slug": profile.slug})


def form_data(client, profile, **overrides):
    """The start form's fields, with the token the form hands out."""
    response = client.get(start_url(profile))
    data = {
        "subject": "Lahan bekas tambang",
        "body": "Apakah aman ditanami jagung?",
        "field": "",
        "token": response.context["form"]["token"].value(),
    }
    data.update(overrides)
    return data


def assert_nothing_stored():
    assert Consultation.objects.count() == 0
    assert Message.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0
    assert mail.outbox == []


def test_index_lists_only_experts_who_take_consultations(client):
    taking = ExpertProfileFactory(user__name="Rina Contohwati")
    ExpertProfileFactory(user__name="Tidak Menerima", accepts_consultations=False)
    ExpertProfileFactory(user__name="Sudah Nonaktif", user__is_active=False)

    response = client.get(reverse("consult:index"))

    assert response.status_code == 200
    assert "Rina Contohwati" in response.text
    assert "Tidak Menerima" not in response.text
    assert "Sudah Nonaktif" not in response.text
    assert start_url(taking) in response.text
    assert reverse("consult:mine") in response.text
    assert "Konsultasi Saya" in response.text


def test_index_filters_by_name_and_field(client):
    soil = ExpertiseFieldFactory(name="Pertanian", slug="pertanian")
    rina = ExpertProfileFactory(user__name="Rina Contohwati")
    rina.fields.add(soil)
    ExpertProfileFactory(user__name="Fajar Misalnata")

    by_name = client.get(reverse("consult:index"), {"q": "fajar"})
    by_field = client.get(reverse("consult:index"), {"bidang": "pertanian"})

    assert "Fajar Misalnata" in by_name.text
    assert "Rina Contohwati" not in by_name.text
    assert "Rina Contohwati" in by_field.text
    assert "Fajar Misalnata" not in by_field.text


def test_main_menu_shows_konsultasi(client):
    response = client.get(reverse("consult:index"))

    assert f'href="{reverse("consult:index")}"' in response.text


def test_visitor_is_sent_to_log_in_and_back(client, expert_profile):
    url = start_url(expert_profile)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"


def test_visitor_post_stores_nothing(client, expert_profile):
    response = client.post(start_url(expert_profile), {"subject": "x", "body": "y"})

    assert response.status_code == 302
    assert_nothing_stored()


@pytest.mark.parametrize(
    "account_type", [User.AccountType.MASYARAKAT, User.AccountType.PEMERINTAH]
)
def test_verified_public_and_government_users_start_a_consultation(
    client, expert_profile, account_type, django_capture_on_commit_callbacks
):
    user = UserFactory(account_type=account_type)
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            start_url(expert_profile), form_data(client, expert_profile), follow=True
        )

    consultation = Consultation.objects.get()
    assert response.redirect_chain[-1][0] == consultation.get_absolute_url()
    assert "Konsultasi Anda telah dikirim" in response.text
    assert consultation.requester == user
    assert consultation.expert == expert_profile.user
    assert consultation.status == Consultation.Status.NEW
    assert consultation.messages.get().body == "Apakah aman ditanami jagung?"
    assert [m.to for m in mail.outbox] == [[expert_profile.user.email]]


def test_expert_can_consult_another_expert(client, expert_profile):
    colleague = ExpertProfileFactory().user
    client.force_login(colleague)

    client.post(start_url(expert_profile), form_data(client, expert_profile))

    assert Consultation.objects.get().requester == colleague


def test_expert_cannot_consult_themselves(client, expert_profile):
    client.force_login(expert_profile.user)

    response = client.post(
        start_url(expert_profile), {"subject": "a", "body": "b"}, follow=True
    )

    assert "diri sendiri" in response.text
    assert_nothing_stored()


def test_unverified_user_is_told_to_verify(client, expert_profile):
    client.force_login(UserFactory(verified=False))

    get = client.get(start_url(expert_profile))
    post = client.post(start_url(expert_profile), {"subject": "a", "body": "b"})

    assert get.status_code == post.status_code == 403
    assert "Verifikasi alamat email" in get.text
    assert_nothing_stored()


def test_editor_account_cannot_start(client, expert_profile):
    client.force_login(UserFactory(is_staff=True))

    response = client.post(start_url(expert_profile), {"subject": "a", "body": "b"})

    assert response.status_code == 403
    assert_nothing_stored()


@pytest.mark.parametrize(
    "profile_kwargs",
    [{"accepts_consultations": False}, {"user__is_active": False}],
    ids=["not-accepting", "inactive"],
)
def test_experts_not_taking_consultations_are_not_found(client, profile_kwargs):
    profile = ExpertProfileFactory(**profile_kwargs)
    client.force_login(UserFactory())

    assert client.get(start_url(profile)).status_code == 404
    assert client.post(start_url(profile), {"subject": "a"}).status_code == 404
    assert_nothing_stored()


def test_unknown_expert_is_not_found(client):
    client.force_login(UserFactory())

    response = client.get(reverse("consult:start", kwargs={"slug": "tidak-ada"}))

    assert response.status_code == 404


def test_missing_fields_keep_what_was_typed(client, expert_profile):
    client.force_login(UserFactory())
    data = form_data(client, expert_profile, subject="", body="Teks panjang saya")

    response = client.post(start_url(expert_profile), data)

    assert response.status_code == 200
    assert "Beri pertanyaan Anda sebuah judul." in response.text
    assert "Teks panjang saya" in response.text
    assert_nothing_stored()


def test_too_long_message_is_refused_in_place(client, expert_profile):
    client.force_login(UserFactory())
    data = form_data(client, expert_profile, body="a" * 5001)

    response = client.post(start_url(expert_profile), data)

    assert response.status_code == 200
    assert "5000" in response.text
    assert 'value="Lahan bekas tambang"' in response.text
    assert_nothing_stored()


def test_bidang_must_be_one_of_the_experts_fields(client, expert_profile):
    own = ExpertiseFieldFactory()
    other = ExpertiseFieldFactory()
    expert_profile.fields.add(own)
    client.force_login(UserFactory())

    refused = client.post(
        start_url(expert_profile), form_data(client, expert_profile, field=other.pk)
    )
    accepted = client.post(
        start_url(expert_profile), form_data(client, expert_profile, field=own.pk)
    )

    assert refused.status_code == 200
    assert accepted.status_code == 302
    assert Consultation.objects.get().field == own


@pytest.mark.parametrize("make_file", [pdf_file, png_file, jpeg_file])
def test_accepted_attachments_are_stored_privately(
    client, expert_profile, make_file, settings
):
    client.force_login(UserFactory())
    upload = make_file()

    client.post(
        start_url(expert_profile),
        form_data(client, expert_profile, attachment=upload),
    )

    message = Message.objects.get()
    assert message.attachment_name == upload.name
    path = message.attachment.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert upload.name not in message.attachment.name  # random, not guessable


def test_html_renamed_pdf_is_refused_and_text_kept(client, expert_profile):
    client.force_login(UserFactory())

    response = client.post(
        start_url(expert_profile),
        form_data(client, expert_profile, attachment=html_as_pdf()),
    )

    assert response.status_code == 200
    assert "Lampirkan berkas PDF, JPEG atau PNG." in response.text
    assert "Apakah aman ditanami jagung?" in response.text
    assert "pilih lampiran sekali lagi" in response.text
    assert_nothing_stored()


@pytest.mark.parametrize("params", [{"q": "a\x00b"}, {"bidang": "\x00"}, {"page": "x"}])
def test_odd_search_input_never_breaks_the_index(client, expert_profile, params):
    response = client.get(reverse("consult:index"), params)

    assert response.status_code == 200


def test_null_characters_are_refused_in_place(client, expert_profile):
    client.force_login(UserFactory())

    response = client.post(
        start_url(expert_profile),
        form_data(client, expert_profile, subject="Judul\x00", body="Isi\x00"),
    )

    assert response.status_code == 200
    assert_nothing_stored()


def test_public_profile_has_the_konsultasi_button(client):
    taking = ExpertProfileFactory()
    not_taking = ExpertProfileFactory(accepts_consultations=False)

    shown = client.get(taking.get_absolute_url())
    hidden = client.get(not_taking.get_absolute_url())
    client.force_login(taking.user)
    own = client.get(taking.get_absolute_url())

    assert shown.status_code == hidden.status_code == own.status_code == 200
    assert start_url(taking) in shown.text
    assert start_url(not_taking) not in hidden.text
    assert start_url(taking) not in own.text


def test_profiles_never_mention_consultations(client, thread):
    response = client.get(thread.expert.expert_profile.get_absolute_url())

    assert thread.subject not in response.text
    assert thread.requester.name not in response.text
