"""The RPJPD hub: the regency's long-term development plan (Rencana Pembangunan
Jangka Panjang Daerah 2025–2045), split into sections whose topics experts discuss.
"""

import uuid

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.db.models import Q
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.visibility import CheckedViewRestrictionsMixin, visible
from ops.public_cache import remember


def section_path(topic):
    """The tree path of a topic's section (its parent), without a query."""
    return topic.path[: -topic.steplen]


class RPJPDIndexPage(CheckedViewRestrictionsMixin, Page):
    """The hub the RPJP button opens: lists the three sections."""

    intro = models.TextField(_("introduction"), blank=True)
    vision = models.CharField(_("vision"), max_length=255, blank=True)

    content_panels = Page.content_panels + [FieldPanel("vision"), FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["rpjpd.RPJPDSectionPage"]
    max_count = 1

    class Meta:
        verbose_name = _("RPJPD hub")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = list(visible(RPJPDSectionPage.objects.child_of(self)))
        topic_paths = visible(TopicPage.objects.descendant_of(self)).values_list(
            "path", flat=True
        )
        counts = {}
        for path in topic_paths:
            counts[path[: -self.steplen]] = counts.get(path[: -self.steplen], 0) + 1
        from .counts import section_reply_counts

        replies = section_reply_counts(self)
        for section in sections:
            section.topic_count = counts.get(section.path, 0)
            section.reply_count = replies.get(section.path, 0)
        context["sections"] = sections
        return context


class RPJPDSectionPage(CheckedViewRestrictionsMixin, Page):
    """One of the hub's sections (vision keywords, strategic issues, main targets)."""

    intro = models.TextField(_("introduction"), blank=True)

    search_fields = Page.search_fields + [index.SearchField("intro")]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["rpjpd.RPJPDIndexPage"]
    subpage_types = ["rpjpd.TopicPage"]

    class Meta:
        verbose_name = _("RPJPD section")
        verbose_name_plural = _("RPJPD section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from .counts import with_reply_counts

        context["topics"] = with_reply_counts(
            visible(TopicPage.objects.child_of(self))
        ).order_by("path")
        return context


class TopicPage(CheckedViewRestrictionsMixin, Page):
    """A discussion topic written by Bappeda, on which experts reply."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    summary = models.TextField(_("summary"))
    body = RichTextField(_("body text"), blank=True)
    discussion_status = models.CharField(
        _("discussion status"),
        max_length=10,
        choices=Status.choices,
        default=Status.OPEN,
    )
    closes_at = models.DateTimeField(
        _("closes at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to keep the discussion open with no end date."),
    )
    source_note = models.TextField(_("source note"), blank=True)
    show_follow_up = models.BooleanField(
        _("show follow-up publicly"),
        default=False,
        help_text=_(
            "Show visitors how each expert reply was used in the draft plan "
            "(accommodated, partly, not accommodated)."
        ),
    )
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_(
            "Tick when the topic is drawn from a general picture of the regency, "
            "not from the RPJPD text; the page then says so."
        ),
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("questions", label=_("Guiding questions")),
        InlinePanel("indicators", label=_("Indicators")),
        InlinePanel("document_links", label=_("Related Pustaka documents")),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("discussion_status"), FieldPanel("closes_at")]
                ),
                FieldPanel("show_follow_up"),
            ],
            heading=_("Discussion"),
        ),
        FieldPanel("source_note"),
        FieldPanel("is_illustrative"),
    ]

    parent_page_types = ["rpjpd.RPJPDSectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topic")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.pk is None or getattr(request, "is_preview", False):
            # A preview shows the draft's own questions and links.
            context.update(self.discussion_material())
        else:
            # The same for everyone until a public write (``ops.public_cache``).
            context.update(
                remember(f"topic-material:{self.pk}", self.discussion_material, request)
            )
        return context

    def discussion_material(self):
        """The guiding questions, the indicators and the visible related documents."""
        from pustaka.models import PustakaDocumentPage

        links = list(self.document_links.select_related("document", "document__kind"))
        shown = set()
        if links:  # building the visibility filter alone costs milliseconds
            shown = set(
                visible(
                    PustakaDocumentPage.objects.filter(
                        pk__in=[link.document_id for link in links]
                    )
                ).values_list("pk", flat=True)
            )
        # Plain values, so a cached copy holds no reference back to the page.
        return {
            "questions": [{"text": q.text} for q in self.questions.all()],
            "indicators": [
                {
                    "indicator": row.indicator,
                    "national_target_2045": row.national_target_2045,
                    "regency_figure": row.regency_figure,
                    "source": row.source,
                }
                for row in self.indicators.all()
            ],
            "related_documents": [
                link.document for link in links if link.document_id in shown
            ],
        }

    @property
    def is_open(self):
        """Whether experts may still reply: open and not past the closing date."""
        if self.discussion_status != self.Status.OPEN:
            return False
        return self.closes_at is None or timezone.now() < self.closes_at


class GuidingQuestion(Orderable):
    """A question Bappeda asks experts to answer on a topic."""

    page = ParentalKey(TopicPage, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"))

    panels = [FieldPanel("text")]

    def __str__(self):
        return self.text


class TopicIndicator(Orderable):
    """A row of a topic's indicator table."""

    page = ParentalKey(TopicPage, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.CharField(_("indicator"), max_length=255)
    national_target_2045 = models.CharField(
        _("national 2045 target"), max_length=255, blank=True
    )
    regency_figure = models.CharField(_("Kukar figure"), max_length=255, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)

    panels = [
        FieldPanel("indicator"),
        FieldPanel("national_target_2045"),
        FieldPanel("regency_figure"),
        FieldPanel("source"),
    ]

    def __str__(self):
        return self.indicator


class TopicDocumentLink(Orderable):
    """A Pustaka document related to a topic; the document page shows it too."""

    page = ParentalKey(
        TopicPage, on_delete=models.CASCADE, related_name="document_links"
    )
    document = models.ForeignKey(
        "pustaka.PustakaDocumentPage",
        on_delete=models.CASCADE,
        related_name="topic_links",
        verbose_name=_("document"),
    )

    panels = [FieldPanel("document")]


def public_topics():
    """Topics a visitor can open, wherever they are listed (home.visibility's rule)."""
    return visible(TopicPage.objects.all())


class ReplyQuerySet(models.QuerySet):
    """Queries on replies; every public list and count starts from :meth:`visible`."""

    def shown(self):
        """Replies neither hidden by a moderator nor withdrawn by their author."""
        return self.filter(
            moderation_state=Reply.ModerationState.VISIBLE, withdrawn_at__isnull=True
        )

    def on_public_topics(self):
        """Replies whose topic a visitor can open: live, not private, not expired,
        and not below an unpublished or expired section or hub."""
        return self.filter(topic__in=public_topics().values("pk"))

    def visible(self):
        """What a visitor can read: shown replies on public topics."""
        return self.shown().on_public_topics()

    def in_thread_order(self):
        """Oldest first; the primary key breaks ties between equal timestamps."""
        return self.order_by("created_at", "pk")


class Reply(models.Model):
    """An expert's reply (balasan) on a topic, optionally answering another reply.

    Replies are never deleted through the site: authors withdraw them and
    moderators hide them, so the record Bappeda synthesises from stays complete.
    """

    class ModerationState(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden by a moderator")

    class Outcome(models.TextChoices):
        ACCOMMODATED = "accommodated", _("Accommodated")
        PARTLY = "partly", _("Partly accommodated")
        NOT_ACCOMMODATED = "not_accommodated", _("Not accommodated")

    topic = models.ForeignKey(
        TopicPage,
        # Editors close or unpublish a topic that has replies; a
        # ``before_delete_page`` hook explains this before PROTECT would fire.
        on_delete=models.PROTECT,
        related_name="replies",
        verbose_name=_("topic"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # A deleted account leaves its replies attributed to "former expert".
        on_delete=models.SET_NULL,
        null=True,
        related_name="rpjpd_replies",
        verbose_name=_("author"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("in reply to"),
    )
    thread = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text="The top-level reply of this conversation; empty for top-level ones.",
    )
    body = models.TextField(_("reply"))
    submission_token = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    moderation_state = models.CharField(
        _("moderation state"),
        max_length=10,
        choices=ModerationState.choices,
        default=ModerationState.VISIBLE,
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)

    outcome = models.CharField(
        _("follow-up in the plan"),
        max_length=20,
        choices=Outcome.choices,
        blank=True,
    )
    outcome_reason = models.CharField(
        _("follow-up explanation"), max_length=1000, blank=True
    )
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("follow-up recorded by"),
    )
    outcome_recorded_at = models.DateTimeField(
        _("follow-up recorded at"), null=True, blank=True
    )

    objects = ReplyQuerySet.as_manager()

    # Replies are not content that pages link to: Wagtail would queue a task to
    # index each one's references (a database write per reply) for its "usage"
    # listings. Deleting a topic with replies is explained by our own hook.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("expert reply")
        verbose_name_plural = _("expert replies")
        indexes = [
            models.Index(
                fields=["topic", "created_at", "id"], name="rpjpd_reply_topic_order"
            ),
            models.Index(
                fields=["author", "created_at"], name="rpjpd_reply_author_recent"
            ),
            models.Index(fields=["created_at"], name="rpjpd_reply_recent"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_token"],
                name="rpjpd_reply_one_per_submission",
            ),
            models.CheckConstraint(
                condition=~Q(moderation_state="hidden") | ~Q(hidden_reason=""),
                name="rpjpd_reply_hidden_has_reason",
            ),
        ]

    def __str__(self):
        return _("Reply #%(pk)s by %(author)s") % {
            "pk": self.pk,
            "author": self.author_name,
        }

    @property
    def anchor(self):
        """The fragment id of this reply on its topic page."""
        return f"balasan-{self.pk}"

    @property
    def author_name(self):
        """The author's name with titles, or "former expert" for a deleted account."""
        if self.author is None:
            return str(_("Former expert"))
        profile = self.author_profile
        return profile.full_name if profile else self.author.display_name

    @admin.display(description=_("Reply text"))
    def excerpt(self):
        """The first words of the reply, for lists."""
        return Truncator(self.body).words(14)

    @property
    def author_profile(self):
        """The author's expert profile, or None (deleted account, no profile)."""
        if self.author is None:
            return None
        return getattr(self.author, "expert_profile", None)

    @property
    def author_profile_url(self):
        """The public profile of the author, when there is one to link to."""
        profile = self.author_profile
        if profile is None or not self.author.is_active:
            return None
        try:
            return profile.get_absolute_url()
        except NoReverseMatch:
            return None

    @property
    def is_hidden(self):
        return self.moderation_state == self.ModerationState.HIDDEN

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def is_shown(self):
        """Whether a visitor reads this reply's text (its topic being public)."""
        return not self.is_hidden and not self.is_withdrawn


class ReplyRevision(models.Model):
    """The text a reply had before its author edited it, kept for Bappeda's record."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(_("previous text"))
    replaced_at = models.DateTimeField(_("replaced at"), default=timezone.now)

    class Meta:
        ordering = ["reply", "replaced_at", "pk"]
        verbose_name = _("earlier version of a reply")
        verbose_name_plural = _("earlier versions of replies")

    def __str__(self):
        return f"{self.reply_id} @ {self.replaced_at:%Y-%m-%d %H:%M}"
