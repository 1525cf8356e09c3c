"""The Pustaka listing: search, filters, sorting and pagination from the URL."""

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from home.visibility import visible

from .models import DocumentKind, PustakaDocumentPage
from .search import parse_query

PAGE_SIZE = 10


class DocumentFilterForm(forms.Form):
    """The GET form above the listing; every field is optional."""

    SORT_CHOICES = [
        ("", _("Most relevant")),
        ("newest", _("Newest")),
        ("title", _("Title (A–Z)")),
    ]
    STATUS_CHOICES = [("", _("All statuses"))] + list(
        PustakaDocumentPage.LegalStatus.choices
    )

    q = forms.CharField(label=_("Search the library"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None
    )
    tag = forms.ChoiceField(label=_("Tag"), required=False)
    status = forms.ChoiceField(
        label=_("Regulation status"), choices=STATUS_CHOICES, required=False
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, *args, kinds=(), years=(), tags=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds"))] + [
            (kind.slug, kind.name) for kind in kinds
        ]
        self.fields["year"].choices = [("", _("All years"))] + [
            (year, year) for year in years
        ]
        self.fields["tag"].choices = [("", _("All tags"))] + [
            (tag.slug, tag.name) for tag in tags
        ]


def _term_filter(column, term):
    """Whether ``column`` holds a word starting with the raw word or its stem."""
    # TODO: LIKE '%…%' scans every row; fine for thousands of documents, but past
    # tens of thousands add a pg_trgm GIN index on search_text (PostgreSQL only).
    raw, stem = term
    return Q(**{f"{column}__contains": f" {raw}"}) | Q(
        **{f"{column}__contains": f" {stem}"}
    )


def search_documents(queryset, text):
    """Filter and rank ``queryset`` by a free-text query; exact JDIH matches first."""
    parsed = parse_query(text)
    if not parsed.terms and not parsed.has_reference:
        return queryset.annotate(exact_match=Value(0), score=Value(0)), parsed

    matches_all = Q()
    for term in parsed.terms:
        matches_all &= _term_filter("search_text", term)

    exact = None
    if parsed.has_reference:
        exact = Q(jdih_nomor__iexact=parsed.nomor, jdih_tahun=parsed.tahun)
        if parsed.jenis:
            exact &= Q(jdih_jenis__istartswith=parsed.jenis)
        where = exact | matches_all if parsed.terms else exact
    else:
        where = matches_all

    # Ranking: a word in the title, subject, number or tags counts double, the
    # very word form typed a little more, and the whole phrase in the title most.
    score = Value(0)
    for raw, stem in parsed.terms:
        score = score + Case(
            When(_term_filter("search_primary", (raw, stem)), then=Value(2)),
            default=Value(0),
            output_field=IntegerField(),
        )
        score = score + Case(
            When(search_primary__contains=f" {raw} ", then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    if len(parsed.terms) > 1 and not parsed.has_reference:
        score = score + Case(
            When(title__icontains=parsed.text, then=Value(4)),
            default=Value(0),
            output_field=IntegerField(),
        )
    exact_match = Value(0)
    if exact is not None:
        exact_match = Case(
            When(exact, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    queryset = queryset.filter(where).annotate(exact_match=exact_match, score=score)
    return queryset, parsed


def _newest_first():
    return [
        "-year",
        Coalesce("jdih_tanggal_penetapan", "first_published_at").desc(nulls_last=True),
        "title",
    ]


def document_listing(request, index_page):
    """Context for the library index: the form, the page of results and facets."""
    # TODO: at 5,000 documents an uncached render takes ~17 s (docs/performance.md):
    # the kind/year/tag facets and the count each run visible()'s per-row
    # restriction subquery. Compute facets once per publish and cache them, and
    # index search_text with pg_trgm, before the library grows that large.
    documents = visible(PustakaDocumentPage.objects.child_of(index_page))
    kinds = list(DocumentKind.objects.filter(documents__in=documents).distinct())
    years = list(documents.order_by("-year").values_list("year", flat=True).distinct())
    tags = list(
        Tag.objects.filter(
            pustaka_pustakadocumenttag_items__content_object__in=documents
        )
        .distinct()
        .order_by("name")
    )
    form = DocumentFilterForm(request.GET or None, kinds=kinds, years=years, tags=tags)

    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if form.is_bound and not form.is_valid():
        # Keep what was valid so one bad parameter does not blank the page.
        filters = {
            name: form.cleaned_data[name]
            for name in form.cleaned_data
            if name not in form.errors
        }

    if filters.get("kind"):
        documents = documents.filter(kind__slug=filters["kind"])
    if filters.get("year"):
        documents = documents.filter(year=filters["year"])
    if filters.get("tag"):
        documents = documents.filter(tags__slug=filters["tag"])
    if filters.get("status"):
        documents = documents.filter(jdih_status=filters["status"])

    query = filters.get("q", "")
    documents, parsed = search_documents(documents, query)
    sort = filters.get("sort") or ("" if query else "newest")
    if sort == "title":
        ordering = ["title"]
    elif sort == "newest":
        ordering = _newest_first()
    else:
        ordering = ["-exact_match", "-score", *_newest_first()]
    documents = (
        documents.order_by(*ordering, "pk")
        .select_related("kind", "document")
        .prefetch_related("tags")
    )

    paginator = Paginator(documents, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)

    active = {
        name: value for name, value in filters.items() if value and name != "sort"
    }
    return {
        "filter_form": form,
        "documents": page,
        "paginator": paginator,
        "query": query,
        "parsed_query": parsed,
        "filters_active": bool(active),
        "filters_open": any(
            filters.get(name) for name in ("kind", "year", "tag", "status", "sort")
        ),
        "sort": sort,
    }
