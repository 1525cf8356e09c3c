"""Private consultations (Konsultasi) between a user and an expert.

A *konsultasi* is a private question a member of the public, a government officer
or another expert puts to one expert. Only its two participants ever see it: it is
registered in no admin, indexed by no search and listed on no public page.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .storage import attachment_storage, attachment_upload_to


def unread_condition(user):
    """The filter for consultations with activity ``user`` has not seen yet."""
    return (
        Q(requester=user, last_activity_at__gt=F("requester_read_at"))
        | Q(expert=user, expert_read_at__isnull=True)
        | Q(expert=user, last_activity_at__gt=F("expert_read_at"))
    )


class ConsultationQuerySet(models.QuerySet):
    """Queries that always start from one participant."""

    def for_participant(self, user):
        """Consultations ``user`` takes part in, as requester or as expert."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(requester=user) | Q(expert=user))

    def unread_for(self, user):
        """Consultations with activity ``user`` has not seen yet."""
        return self.filter(unread_condition(user))


class Consultation(models.Model):
    """A private conversation between a requester and one expert."""

    class Status(models.TextChoices):
        NEW = "new", _("Awaiting answer")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consultations_requested",
        verbose_name=_("requester"),
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consultations_received",
        verbose_name=_("expert"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    field = models.ForeignKey(
        "experts.ExpertiseField",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("field of expertise"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    first_response_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Read markers, one per participant: the thread is unread for a participant
    # while its last activity is newer than their marker.
    requester_read_at = models.DateTimeField(null=True, blank=True)
    expert_read_at = models.DateTimeField(null=True, blank=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-last_activity_at", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        indexes = [
            models.Index(
                fields=["requester", "-last_activity_at"],
                name="consult_requester_activity",
            ),
            models.Index(
                fields=["expert", "-last_activity_at"], name="consult_expert_activity"
            ),
            models.Index(fields=["requester", "created_at"], name="consult_daily"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=F("expert")), name="consult_not_with_self"
            ),
        ]
        permissions = [
            ("view_consultation_statistics", _("Can view consultation statistics")),
        ]

    def __str__(self):
        # Deliberately no subject: a stray ``{{ consultation }}`` leaks nothing.
        return f"Consultation {self.public_id}"

    def get_absolute_url(self):
        return reverse("consult:detail", kwargs={"public_id": self.public_id})

    def is_participant(self, user):
        """Whether ``user`` is one of the two people in this consultation."""
        return user.is_authenticated and user.pk in (self.requester_id, self.expert_id)

    def other_participant(self, user):
        """The participant who is not ``user``."""
        return self.expert if user.pk == self.requester_id else self.requester

    def read_at_for(self, user):
        if user.pk == self.requester_id:
            return self.requester_read_at
        return self.expert_read_at

    def is_unread_for(self, user):
        """Whether something happened since ``user`` last opened the thread."""
        read_at = self.read_at_for(user)
        return read_at is None or self.last_activity_at > read_at

    def mark_read(self, user, when=None):
        """Move ``user``'s read marker to ``when`` (default: now) in memory."""
        when = when or timezone.now()
        field = (
            "requester_read_at" if user.pk == self.requester_id else "expert_read_at"
        )
        setattr(self, field, when)
        return field

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED


class Message(models.Model):
    """One message in a consultation, with an optional private attachment."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consultation_messages",
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    # Names the attachment in its download URL without revealing message counts.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The hidden token of the form that sent this message: a double click or a
    # resent form finds the first message instead of storing a second one.
    client_token = models.UUIDField(editable=False)
    attachment = models.FileField(
        _("attachment"),
        storage=attachment_storage,
        upload_to=attachment_upload_to,
        max_length=200,
        blank=True,
    )
    attachment_name = models.CharField(max_length=150, blank=True)
    attachment_type = models.CharField(max_length=50, blank=True)
    attachment_size = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["sender", "created_at"], name="consult_msg_hourly"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "client_token"], name="consult_msg_once_per_token"
            ),
        ]

    def __str__(self):
        return f"Message {self.public_id}"

    def get_attachment_url(self):
        return reverse(
            "consult:attachment",
            kwargs={
                "public_id": self.consultation.public_id,
                "attachment_id": self.public_id,
            },
        )
