"""Pustaka, the public library: regulations, planning documents, data and studies.

Regulations carry the metadata of JDIH (Jaringan Dokumentasi dan Informasi Hukum),
the national legal-documentation standard: jenis (type), nomor, tahun, tentang
(subject), tanggal penetapan (date enacted), pemrakarsa (issuing body), status and
relations to other regulations.
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from home.visibility import CheckedViewRestrictionsMixin, visible

from .lookups import Words
from .search import index_text, jenis_abbreviation


class DocumentKind(models.Model):
    """An editor-managed kind of document (Regulasi, Kajian, …)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    is_regulation = models.BooleanField(
        _("contains regulations"),
        default=False,
        help_text=_("Documents of this kind show JDIH metadata."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("is_regulation"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("document kind")
        verbose_name_plural = _("document kind")

    def __str__(self):
        return self.name


class PustakaIndexPage(CheckedViewRestrictionsMixin, Page):
    """The library's front page: search, filters and the document listing."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["pustaka.PustakaDocumentPage"]
    max_count = 1

    class Meta:
        verbose_name = _("library index")

    def get_context(self, request, *args, **kwargs):
        from .listing import document_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(document_listing(request, self))
        return context


class PustakaDocumentTag(TaggedItemBase):
    content_object = ParentalKey(
        "pustaka.PustakaDocumentPage",
        on_delete=models.CASCADE,
        related_name="tagged_items",
    )


class DocumentManager(PageManager):
    """Documents come with their kind and file: every page that shows one shows both.

    Serving a document loads it through the default manager (Wagtail's
    ``specific``), so this saves two queries per document page. Code that
    defers fields with ``only()`` must keep ``kind`` and ``document``.
    """

    def get_queryset(self):
        return super().get_queryset().select_related("kind", "document")


class PustakaDocumentPage(CheckedViewRestrictionsMixin, Page):
    """One document in the library, with its file and metadata."""

    class LegalStatus(models.TextChoices):
        BERLAKU = "berlaku", _("In force")
        TIDAK_BERLAKU = "tidak_berlaku", _("Not in force")

    kind = models.ForeignKey(
        DocumentKind,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("kind"),
    )
    abstract = models.TextField(_("abstract"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    tags = ClusterTaggableManager(
        through=PustakaDocumentTag, blank=True, verbose_name=_("tags")
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("file"),
    )
    source_url = models.URLField(_("source link"), blank=True, max_length=500)
    is_illustrative = models.BooleanField(
        _("demo example"),
        default=False,
        help_text=_("Tick when this document is only a demo example."),
    )

    # JDIH metadata, filled for regulations.
    jdih_jenis = models.CharField(_("regulation type"), max_length=150, blank=True)
    jdih_nomor = models.CharField(_("number"), max_length=60, blank=True, db_index=True)
    jdih_tahun = models.PositiveSmallIntegerField(
        _("regulation year"), null=True, blank=True
    )
    jdih_tentang = models.TextField(_("subject"), blank=True)
    jdih_tanggal_penetapan = models.DateField(_("date enacted"), null=True, blank=True)
    jdih_pemrakarsa = models.CharField(_("issuing body"), max_length=255, blank=True)
    jdih_status = models.CharField(
        _("status"),
        max_length=20,
        choices=LegalStatus.choices,
        blank=True,
        db_index=True,
    )
    jdih_status_note = models.CharField(_("status note"), max_length=255, blank=True)

    # Stemmed copies of the searchable text, rebuilt on every save (see search.py),
    # matched with ``__words`` (see lookups.py).
    search_primary = models.TextField(editable=False, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")
    search_primary.register_lookup(Words)
    search_text.register_lookup(Words)

    search_fields = Page.search_fields + [
        index.SearchField("abstract"),
        index.SearchField("jdih_tentang"),
        index.SearchField("jdih_nomor"),
        index.SearchField("publisher"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.SearchField("search_text"),
        index.FilterField("kind"),
        index.FilterField("year"),
        index.FilterField("jdih_status"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("abstract"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("publisher")]),
        FieldPanel("tags"),
        FieldPanel("document"),
        FieldPanel("source_url"),
        FieldPanel("is_illustrative"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("jdih_jenis"), FieldPanel("jdih_nomor")]),
                FieldRowPanel(
                    [FieldPanel("jdih_tahun"), FieldPanel("jdih_tanggal_penetapan")]
                ),
                FieldPanel("jdih_tentang"),
                FieldPanel("jdih_pemrakarsa"),
                FieldRowPanel(
                    [FieldPanel("jdih_status"), FieldPanel("jdih_status_note")]
                ),
                InlinePanel("relations", label=_("Relations to other regulations")),
            ],
            heading=_("JDIH metadata (for regulations)"),
        ),
    ]

    parent_page_types = ["pustaka.PustakaIndexPage"]
    subpage_types = []

    objects = DocumentManager()

    class Meta:
        verbose_name = _("library document")
        verbose_name_plural = _("library document")

    @property
    def is_regulation(self):
        """Whether this document shows JDIH metadata."""
        return bool(self.jdih_jenis or self.kind.is_regulation)

    def update_search_text(self):
        """Rebuild the stemmed search columns from the current field values."""
        tag_names = [tag.name for tag in self.tags.all()]
        reference = ""
        if self.jdih_nomor:
            reference = f"{self.jdih_nomor} {self.jdih_tahun or ''}"
        primary = (
            self.title,
            self.jdih_tentang,
            self.jdih_jenis,
            jenis_abbreviation(self.jdih_jenis),
            reference,
            " ".join(tag_names),
        )
        self.search_primary = index_text(*primary)
        self.search_text = index_text(
            *primary, self.abstract, self.publisher, str(self.year or "")
        )

    def save(self, *args, **kwargs):
        self.update_search_text()
        return super().save(*args, **kwargs)

    def visible_relations(self):
        """Relations to and from regulations a visitor may see: (outbound, inbound).

        One query for a published page; a preview takes the draft's outbound
        relations, which modelcluster keeps in memory.
        """

        def shown(field):
            return Exists(
                visible(PustakaDocumentPage.objects.filter(pk=OuterRef(field)))
            )

        draft = "relations" in getattr(self, "_cluster_related_objects", {})
        where = Q(target=self) & shown("page_id")
        if not draft:
            where |= Q(page=self) & shown("target_id")
        relations = list(
            RegulationRelation.objects.filter(where)
            .select_related("page", "target")
            .order_by("sort_order", "pk")
        )
        inbound = [r for r in relations if r.target_id == self.pk]
        if not draft:
            return [r for r in relations if r.page_id == self.pk], inbound
        outbound = list(self.relations.select_related("target"))
        shown_ids = set(
            visible(
                PustakaDocumentPage.objects.filter(
                    pk__in=[r.target_id for r in outbound]
                )
            ).values_list("pk", flat=True)
        )
        return [r for r in outbound if r.target_id in shown_ids], inbound

    def library(self):
        """The library this document sits in, when a visitor may see it."""
        ancestors = getattr(self, "served_ancestors", None)
        if ancestors and ancestors[-1].specific_class is PustakaIndexPage:
            # Served: the serving check found no hidden page above this one, and
            # whoever may see this document may see its library.
            return ancestors[-1]
        return visible(PustakaIndexPage.objects.all()).first()

    def get_context(self, request, *args, **kwargs):
        from rpjpd.models import TopicPage

        context = super().get_context(request, *args, **kwargs)
        context["outbound_relations"], context["inbound_relations"] = (
            self.visible_relations()
        )
        context["related_topics"] = (
            visible(TopicPage.objects.filter(document_links__document=self))
            .distinct()
            .order_by("path")
        )
        context["library"] = self.library()
        return context


class RegulationRelation(Orderable):
    """How one regulation acts on another: it amends (mengubah) or revokes (mencabut) it."""

    class Kind(models.TextChoices):
        MENGUBAH = "mengubah", _("Amends")
        MENCABUT = "mencabut", _("Revokes")

    page = ParentalKey(
        PustakaDocumentPage, on_delete=models.CASCADE, related_name="relations"
    )
    kind = models.CharField(_("relation"), max_length=20, choices=Kind.choices)
    target = models.ForeignKey(
        PustakaDocumentPage,
        on_delete=models.CASCADE,
        related_name="inbound_relations",
        verbose_name=_("affected regulation"),
    )

    panels = [FieldPanel("kind"), FieldPanel("target")]
