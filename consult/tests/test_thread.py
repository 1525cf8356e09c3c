"""The thread: follow-ups, status, closing and reopening, read markers, downloads."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from consult import services
from consult.models import Consultation, Message
from consult.templatetags.consult_tags import unread_consultation_count

from .conftest import pdf_file, png_file
from .factories import ConsultationFactory, MessageFactory

pytestmark = pytest.mark.django_db


def reply(client, consultation, body="Pesan susulan", **extra):
    data = {"body": body, "token": str(uuid.uuid4()), **extra}
    return client.post(
        reverse("consult:reply", kwargs={"public_id": consultation.public_id}), data
    )


def post(consultation, sender, body="Pesan"):
    message, __ = services.post_message(
        consultation=consultation, sender=sender, body=body, token=uuid.uuid4()
    )
    consultation.refresh_from_db()
    return message


def unread_count(user):
    class Request:
        pass

    request = Request()
    request.user = user
    return unread_consultation_count({"request": request})


def test_thread_shows_messages_in_order_with_sender_and_wita_time(client, thread):
    MessageFactory(
        consultation=thread,
        sender=thread.expert,
        body="Jawaban pakar",
        created_at=thread.created_at + timedelta(hours=1),
    )
    client.force_login(thread.requester)

    response = client.get(thread.get_absolute_url())

    text = response.text
    assert text.index("Apakah aman untuk jagung?") < text.index("Jawaban pakar")
    assert thread.expert.name in text
    assert "WITA" in text
    assert 'id="pesan-terakhir"' in text


def test_message_body_is_shown_as_plain_text(client, thread):
    MessageFactory(consultation=thread, body="<script>alert(1)</script>")
    client.force_login(thread.expert)

    response = client.get(thread.get_absolute_url())

    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


def test_status_goes_new_answered_closed_and_reopens(thread):
    assert thread.status == Consultation.Status.NEW

    post(thread, thread.expert)
    assert thread.status == Consultation.Status.ANSWERED
    first_response = thread.first_response_at
    assert first_response is not None

    post(thread, thread.requester)
    assert thread.status == Consultation.Status.NEW

    post(thread, thread.expert)
    assert thread.status == Consultation.Status.ANSWERED
    assert thread.first_response_at == first_response

    assert services.close_consultation(consultation=thread, user=thread.requester)
    thread.refresh_from_db()
    assert thread.status == Consultation.Status.CLOSED
    assert thread.closed_by == thread.requester
    assert not services.close_consultation(consultation=thread, user=thread.expert)

    post(thread, thread.requester)
    assert thread.status == Consultation.Status.NEW
    assert thread.closed_by is None
    assert thread.closed_at is None


def test_either_side_closes_through_the_page(client, thread):
    client.force_login(thread.expert)

    response = client.post(
        reverse("consult:close", kwargs={"public_id": thread.public_id}), follow=True
    )

    thread.refresh_from_db()
    assert thread.status == Consultation.Status.CLOSED
    assert "Konsultasi telah ditutup" in response.text
    assert "ditutup oleh" in response.text


def test_follow_up_through_the_page(client, thread):
    client.force_login(thread.expert)

    response = reply(client, thread, "Silakan uji tanah dulu.")

    assert response.status_code == 302
    assert response.url.endswith("#pesan-terakhir")
    thread.refresh_from_db()
    assert thread.status == Consultation.Status.ANSWERED
    assert thread.messages.last().body == "Silakan uji tanah dulu."


def test_empty_follow_up_is_refused_in_place(client, thread):
    client.force_login(thread.requester)

    response = reply(client, thread, "   ")

    assert response.status_code == 200
    assert "Tulis pesan Anda." in response.text
    assert thread.messages.count() == 1


@pytest.mark.parametrize("token", ["", "bukan-token", "\x00"])
def test_expired_form_says_so_and_keeps_the_text(client, thread, token):
    """A form whose hidden token is gone or mangled: a message, not an empty box."""
    client.force_login(thread.requester)

    response = client.post(
        reverse("consult:reply", args=[thread.public_id]),
        {"body": "Teks yang saya ketik", "token": token},
    )

    assert response.status_code == 200
    assert "Formulir ini sudah kedaluwarsa" in response.text
    assert "Teks yang saya ketik" in response.text
    new_token = response.context["form"].data["token"]
    assert new_token != token
    assert thread.messages.count() == 1


def test_follow_up_with_bad_attachment_keeps_text(client, thread):
    from .conftest import html_as_pdf

    client.force_login(thread.requester)

    response = reply(client, thread, "Teks yang saya ketik", attachment=html_as_pdf())

    assert response.status_code == 200
    assert "Teks yang saya ketik" in response.text
    assert "pilih lampiran sekali lagi" in response.text
    assert thread.messages.count() == 1


def test_unread_markers_follow_activity(client, thread):
    requester, expert = thread.requester, thread.expert
    assert unread_count(expert) == 1
    assert unread_count(requester) == 0

    client.force_login(expert)
    client.get(thread.get_absolute_url())
    assert unread_count(expert) == 0

    post(thread, expert, "Jawaban")
    assert unread_count(requester) == 1
    assert unread_count(expert) == 0

    client.force_login(requester)
    listing = client.get(reverse("consult:mine"))
    assert "Belum dibaca" in listing.text
    client.get(thread.get_absolute_url())
    assert unread_count(requester) == 0
    assert "Belum dibaca" not in client.get(reverse("consult:mine")).text


def test_reading_never_moves_the_marker_backwards(thread):
    later = timezone.now() + timedelta(minutes=5)
    Consultation.objects.filter(pk=thread.pk).update(expert_read_at=later)

    services.mark_read(thread, thread.expert)

    thread.refresh_from_db()
    assert thread.expert_read_at == later


def test_menu_shows_unread_count_with_one_query(
    client, django_assert_num_queries, thread
):
    ConsultationFactory(expert=thread.expert)
    client.force_login(thread.expert)
    from django.template import Context, Template

    class Request:
        user = thread.expert

    template = Template("{% load consult_tags %}{% unread_consultation_count %}")
    with django_assert_num_queries(1):
        assert template.render(Context({"request": Request()})) == "2"

    page = client.get(reverse("consult:index"))
    assert 'class="nav-count">2<' in page.text


def test_visitors_pay_no_query_for_the_count(django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    class Request:
        user = AnonymousUser()

    with django_assert_num_queries(0):
        assert unread_consultation_count({"request": Request()}) == 0


@pytest.mark.parametrize(
    ("make_file", "content_type"),
    [(pdf_file, "application/pdf"), (png_file, "image/png")],
)
def test_attachment_downloads_as_attachment(client, thread, make_file, content_type):
    upload = make_file()
    client.force_login(thread.requester)
    reply(client, thread, "Lampiran", attachment=upload)
    message = Message.objects.exclude(attachment="").get()
    client.force_login(thread.expert)

    response = client.get(
        reverse(
            "consult:attachment",
            kwargs={"public_id": thread.public_id, "attachment_id": message.public_id},
        )
    )

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert upload.name in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    upload.seek(0)
    assert b"".join(response.streaming_content) == upload.read()


def test_attachment_of_another_thread_is_not_found(client, thread):
    other = ConsultationFactory(requester=thread.requester)
    message = MessageFactory(consultation=other)
    client.force_login(thread.requester)

    response = client.get(
        reverse(
            "consult:attachment",
            kwargs={"public_id": thread.public_id, "attachment_id": message.public_id},
        )
    )

    assert response.status_code == 404


def test_missing_file_answers_404_not_500(client, thread):
    client.force_login(thread.requester)
    reply(client, thread, "Lampiran", attachment=pdf_file())
    message = Message.objects.exclude(attachment="").get()
    message.attachment.storage.delete(message.attachment.name)

    response = client.get(
        reverse(
            "consult:attachment",
            kwargs={"public_id": thread.public_id, "attachment_id": message.public_id},
        )
    )

    assert response.status_code == 404


def test_attachments_have_no_public_url(thread):
    message = MessageFactory(consultation=thread)
    message.attachment_type = "application/pdf"
    message.attachment = pdf_file()
    message.save()

    with pytest.raises(ValueError, match="no URL"):
        message.attachment.url  # noqa: B018


def test_the_other_participant_is_named_with_titles(client, thread):
    client.force_login(thread.requester)

    response = client.get(thread.get_absolute_url())

    assert thread.expert.expert_profile.full_name in response.text


def test_user_cannot_be_both_sides():
    user = UserFactory()

    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        ConsultationFactory(requester=user, expert=user)


def test_deleting_an_account_removes_its_attachment_files(
    thread, django_capture_on_commit_callbacks
):
    message = MessageFactory(consultation=thread)
    message.attachment_type = "application/pdf"
    message.attachment = pdf_file()
    message.save()
    storage, name = message.attachment.storage, message.attachment.name
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        thread.requester.delete()

    assert not Consultation.objects.exists()
    assert not storage.exists(name)


def test_expert_sees_the_agency_of_a_government_requester(client):
    officer = UserFactory(account_type="pemerintah", instansi="DLH Kukar")
    consultation = ConsultationFactory(requester=officer)
    client.force_login(consultation.expert)

    response = client.get(consultation.get_absolute_url())

    assert "(DLH Kukar)" in response.text


def test_thread_query_count_does_not_grow_with_messages(client, thread):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(thread.requester)
    client.get(thread.get_absolute_url())  # first request creates site settings

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(thread.get_absolute_url()).status_code == 200
        return len(queries)

    few = count()
    for index in range(10):
        sender = thread.expert if index % 2 else thread.requester
        MessageFactory(consultation=thread, sender=sender)
    assert count() == few
