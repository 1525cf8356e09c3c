"""Export a person's data and delete their account (UU PDP No. 27/2022).

Deletion policy (also stated on the privacy page):

* the account, its email addresses, its sessions, its expert profile with photo
  and publications, and any email still addressed to it are deleted;
* every consultation the person took part in is deleted with all its messages
  and attachments, for both participants: a private conversation cannot stay
  half-erased;
* public replies on RPJPD topics stay, because they are part of the record of
  how the regency's plan was deliberated, but lose their author: they are
  shown as written by a "former expert";
* a :class:`~privacy.models.PrivacyEvent` records that it happened, with the
  account's number and counts only.
"""

import logging
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import PrivacyEvent

logger = logging.getLogger(__name__)


def _model(label):
    """An optional model (a feature may not be installed yet), or None."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _time(value):
    return value.isoformat() if value else None


def _account(user):
    return {
        "username": user.username,
        "name": user.name,
        "email": user.email,
        "account_type": user.account_type,
        "instansi": user.instansi,
        "jabatan": user.jabatan,
        "kecamatan": user.kecamatan,
        "occupation": user.occupation,
        "date_joined": _time(user.date_joined),
        "last_login": _time(user.last_login),
    }


def _email_addresses(user):
    from allauth.account.models import EmailAddress

    return [
        {
            "email": address.email,
            "verified": address.verified,
            "primary": address.primary,
        }
        for address in EmailAddress.objects.filter(user=user).order_by("pk")
    ]


def _expert_profile(user):
    ExpertProfile = _model("experts.ExpertProfile")
    profile = (
        ExpertProfile.objects.filter(user=user)
        .prefetch_related("fields", "publications")
        .first()
    )
    if profile is None:
        return None
    return {
        "slug": profile.slug,
        "title_prefix": profile.title_prefix,
        "title_suffix": profile.title_suffix,
        "institution": profile.institution,
        "position": profile.position,
        "bio": profile.bio,
        "photo": profile.photo.name or None,
        "fields": [field.name for field in profile.fields.all()],
        "accepts_consultations": profile.accepts_consultations,
        "notify_on_reply": profile.notify_on_reply,
        "phone": profile.phone,
        "show_email": profile.show_email,
        "show_phone": profile.show_phone,
        "publications": [
            {
                "kind": publication.kind,
                "title": publication.title,
                "year": publication.year,
                "venue": publication.venue,
                "coauthors": publication.coauthors,
                "link": publication.link,
            }
            for publication in profile.publications.all()
        ],
    }


def _replies(user):
    Reply = _model("rpjpd.Reply")
    if Reply is None:
        return []
    replies = (
        Reply.objects.filter(author=user)
        .select_related("topic")
        .order_by("created_at", "pk")
    )
    return [
        {
            "topic": reply.topic.title,
            "topic_url": reply.topic.full_url,
            "in_reply_to": reply.parent_id,
            "id": reply.pk,
            "body": reply.body,
            "created_at": _time(reply.created_at),
            "edited_at": _time(reply.edited_at),
            "withdrawn_at": _time(reply.withdrawn_at),
            "moderation_state": reply.moderation_state,
        }
        for reply in replies
    ]


def _consultations_of(user):
    Consultation = _model("consult.Consultation")
    if Consultation is None:
        return None
    return Consultation.objects.filter(Q(requester=user) | Q(expert=user))


def _consultations(user):
    consultations = _consultations_of(user)
    if consultations is None:
        return []
    exported = []
    for consultation in (
        consultations.select_related("requester", "expert")
        .prefetch_related("messages__sender")
        .order_by("created_at", "pk")
    ):
        mine_as_requester = consultation.requester_id == user.pk
        other = consultation.expert if mine_as_requester else consultation.requester
        exported.append(
            {
                "subject": consultation.subject,
                "your_role": "requester" if mine_as_requester else "expert",
                "with": other.display_name,
                "status": consultation.status,
                "created_at": _time(consultation.created_at),
                "messages": [
                    {
                        "from": "you"
                        if message.sender_id == user.pk
                        else message.sender.display_name,
                        "sent_at": _time(message.created_at),
                        "body": message.body,
                        "attachment": message.attachment_name or None,
                    }
                    for message in consultation.messages.all()
                ],
            }
        )
    return exported


def export_data(user):
    """Everything the site keeps about ``user``, as plain JSON-ready data."""
    data = {
        "site": settings.WAGTAIL_SITE_NAME,
        "generated_at": _time(timezone.now()),
        "account": _account(user),
        "email_addresses": _email_addresses(user),
        "expert_profile": _expert_profile(user),
        "replies": _replies(user),
        "consultations": _consultations(user),
    }
    PrivacyEvent.objects.create(
        action=PrivacyEvent.Action.DATA_EXPORTED,
        user_pk=user.pk,
        account_type=user.account_type,
    )
    logger.info("Personal data exported for account %s.", user.pk)
    return data


def _end_sessions(user):
    """Delete every stored session of ``user`` (all devices)."""
    engine = import_module(settings.SESSION_ENGINE)
    ended = 0
    live = Session.objects.filter(expire_date__gt=timezone.now())
    for session in live.iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            engine.SessionStore(session.session_key).delete()
            ended += 1
    return ended


def _delete_files(files):
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("A file of a deleted account could not be removed.")


@transaction.atomic
def delete_account(user):
    """Delete ``user`` under the policy above; return counts of what was done."""
    counts = {}
    files = []

    ExpertProfile = _model("experts.ExpertProfile")
    profile = ExpertProfile.objects.filter(user=user).first()
    if profile is not None:
        if profile.photo:
            files.append((profile.photo.storage, profile.photo.name))
        counts["publications"] = profile.publications.count()
        counts["expert_profile"] = 1

    consultations = _consultations_of(user)
    if consultations is not None:
        Message = _model("consult.Message")
        messages = Message.objects.filter(consultation__in=consultations)
        for message in messages.exclude(attachment=""):
            files.append((message.attachment.storage, message.attachment.name))
        counts["consultations"] = consultations.count()
        counts["messages"] = messages.count()
        # Deleted explicitly (not only by cascade) so it never depends on how
        # the consultation models declare their foreign keys.
        messages.delete()
        consultations.delete()

    Reply = _model("rpjpd.Reply")
    if Reply is not None:
        counts["replies_kept_without_author"] = Reply.objects.filter(
            author=user
        ).count()
        Reply.objects.filter(author=user).update(author=None)

    OutgoingEmail = _model("outbox.OutgoingEmail")
    if OutgoingEmail is not None:
        from allauth.account.models import EmailAddress

        addresses = {user.email.lower()} | {
            address.lower()
            for address in EmailAddress.objects.filter(user=user).values_list(
                "email", flat=True
            )
        }
        addresses.discard("")
        addressed_to_user = Q()
        for address in addresses:
            addressed_to_user |= Q(to__iexact=address)
        counts["emails_dropped"] = (
            OutgoingEmail.objects.filter(addressed_to_user).delete()[0]
            if addresses
            else 0
        )

    counts["sessions"] = _end_sessions(user)
    PrivacyEvent.objects.create(
        action=PrivacyEvent.Action.ACCOUNT_DELETED,
        user_pk=user.pk,
        account_type=user.account_type,
        details=counts,
    )
    user_pk = user.pk
    user.delete()
    transaction.on_commit(lambda: _delete_files(files))
    logger.info("Account %s deleted at its owner's request.", user_pk)
    return counts
