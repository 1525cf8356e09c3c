"""The RPJPD hub: the regency's long-term development plan (Rencana Pembangunan
Jangka Panjang Daerah 2025–2045), split into sections whose topics experts discuss.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.visibility import visible


def section_path(topic):
    """The tree path of a topic's section (its parent), without a query."""
    return topic.path[: -topic.steplen]


class RPJPDIndexPage(Page):
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
        for section in sections:
            section.topic_count = counts.get(section.path, 0)
        context["sections"] = sections
        return context


class RPJPDSectionPage(Page):
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
        context["topics"] = visible(TopicPage.objects.child_of(self)).order_by("path")
        return context


class TopicPage(Page):
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
            [FieldRowPanel([FieldPanel("discussion_status"), FieldPanel("closes_at")])],
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
        from pustaka.models import PustakaDocumentPage

        context = super().get_context(request, *args, **kwargs)
        links = list(self.document_links.select_related("document", "document__kind"))
        shown = set(
            visible(
                PustakaDocumentPage.objects.filter(
                    pk__in=[link.document_id for link in links]
                )
            ).values_list("pk", flat=True)
        )
        context["related_documents"] = [
            link.document for link in links if link.document_id in shown
        ]
        return context

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
