"""The Pustaka listing: search, filters, sorting and pagination from the URL."""

from collections import defaultdict

from django import forms
from django.core.paginator import Page as ResultsPage
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When, Window
from django.db.models.functions import Coalesce
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from home.visibility import visible
from ops.params import parse_page_number

from .facets import library_facets
from .lookups import WordStartScore
from .models import PustakaDocumentPage, PustakaDocumentTag
from .search import parse_query

PAGE_SIZE = 10
# A page number past this is past any real listing: answered with the last
# page (a larger one would overflow the database's OFFSET).
MAX_PAGE_NUMBER = 10**9


class QuickSelect(forms.Select):
    """A ``<select>`` rendered in Python rather than one template per option.

    The library's filters list every year and tag in use: with Django's widget
    templates their options alone took about ten milliseconds per request, and
    Django's option dictionaries a millisecond more. The markup is that of
    ``django/forms/widgets/select.html`` (the first option whose value is the
    field's value is selected, as there); grouped choices take Django's way.
    """

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(self.choices)
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return self._render_groups(name, value, attrs)
        wanted = set(self.format_value(value))
        options = []
        for option_value, label in choices:
            option_value = "" if option_value is None else option_value
            selected = bool(wanted) and str(option_value) in wanted
            if selected:
                wanted = set()
            options.append(
                f'<option value="{conditional_escape(option_value)}"'
                f"{' selected' if selected else ''}>{conditional_escape(label)}"
                "</option>"
            )
        return mark_safe(  # noqa: S308  (every value above is escaped)
            f'<select name="{conditional_escape(name)}"'
            f"{flatatt(self.build_attrs(self.attrs, attrs))}>{''.join(options)}</select>"
        )

    def _render_groups(self, name, value, attrs):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            html = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (option["value"], flatatt(option["attrs"]), option["label"])
                    for option in options
                ),
            )
            if group_name:
                html = format_html(
                    '<optgroup label="{}">{}</optgroup>', group_name, html
                )
            groups.append(html)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            format_html_join("", "{}", ((group,) for group in groups)),
        )


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
    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=QuickSelect)
    year = forms.TypedChoiceField(
        label=_("Year"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=QuickSelect,
    )
    tag = forms.ChoiceField(label=_("Tag"), required=False, widget=QuickSelect)
    status = forms.ChoiceField(
        label=_("Regulation status"),
        choices=STATUS_CHOICES,
        required=False,
        widget=QuickSelect,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"), choices=SORT_CHOICES, required=False, widget=QuickSelect
    )

    def __init__(self, *args, kinds=(), years=(), tags=(), **kwargs):
        super().__init__(*args, **kwargs)
        # kinds and tags: (slug, name) pairs.
        self.fields["kind"].choices = [("", _("All kinds")), *kinds]
        self.fields["year"].choices = [("", _("All years"))] + [
            (year, year) for year in years
        ]
        self.fields["tag"].choices = [("", _("All tags")), *tags]


def _word_starts(term):
    """The prefixes a matching word starts with: the raw word, its stem or both.

    A word starting with the raw form also starts with the stem when the raw
    form extends the stem ("rencananya", "rencana"), so one test is enough.
    """
    raw, stem = term
    return [
        start
        for start in dict.fromkeys((stem, raw))
        if start == stem or not raw.startswith(stem)
    ]


def _starts(term):
    """The lookup group of one query term: words starting with its forms."""
    return tuple(f"{start}*" for start in _word_starts(term))


def search_documents(queryset, text):
    """Filter and rank ``queryset`` by a free-text query; exact JDIH matches first."""
    parsed = parse_query(text)
    if not parsed.terms and not parsed.has_reference:
        return queryset.annotate(exact_match=Value(0), score=Value(0)), parsed

    # TODO: a common word still means ranking every document that holds it
    # (about 10 ms of SQL at 5,000 documents when a query matches half of them,
    # as the benchmark's do); past tens of thousands of documents, rank in a
    # first pass on the stored vectors alone and keep only the best few hundred.
    where = None
    if parsed.terms:
        where = Q(search_text__words=[_starts(term) for term in parsed.terms])

    exact = None
    if parsed.has_reference:
        exact = Q(jdih_nomor__iexact=parsed.nomor, jdih_tahun=parsed.tahun)
        if parsed.jenis:
            exact &= Q(jdih_jenis__istartswith=parsed.jenis)
        where = exact if where is None else exact | where

    # Ranking: a word in the title, subject, number or tags counts double, the
    # very word form typed a little more, and the whole phrase in the title most.
    score = Value(0)
    if parsed.terms:
        score = WordStartScore(
            "search_primary",
            [(_word_starts((raw, stem)), raw) for raw, stem in parsed.terms],
        )
    if len(parsed.terms) > 1 and not parsed.has_reference:
        # The pages whose title holds the phrase, found once through the title
        # index (migration 0005) rather than tested on every matching document.
        with_phrase = Page.objects.filter(title__icontains=parsed.text).values("pk")
        score = score + Case(
            When(pk__in=with_phrase, then=Value(4)),
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


def paginate(documents, requested):
    """The requested page of ``documents``, with a paginator that knows the total.

    Three queries: the matching documents ranked on their ids alone and counted
    on the way (``COUNT(*) OVER ()``), the page's documents, and their tags as
    ``listed_tags`` (name and slug, without taggit's heavier prefetch
    machinery). Ranking whole rows, or counting in a query of its own, costs
    twice as much once thousands of documents match. A page number that is not
    a number means the first page and one past the end the last, as with
    Django's ``Paginator.page``; only the latter costs a count on top.
    """
    # TODO: the unfiltered listing counts all visible documents in the window
    # too, which stops PostgreSQL from reading only the newest ten; the count
    # could come with the cached filter choices (pustaka.facets) instead.
    paginator = Paginator(documents, PAGE_SIZE)
    ranked = documents.annotate(total=Window(Count("pk"))).values_list(
        "pk", "exact_match", "score", "total"
    )
    number = parse_page_number(requested)
    if number is None:
        number = 1
    found = []
    if 1 <= number <= MAX_PAGE_NUMBER:
        start = (number - 1) * PAGE_SIZE
        found = list(ranked[start : start + PAGE_SIZE])
    if found or number == 1:
        paginator.count = found[0][-1] if found else 0
    else:
        number = paginator.num_pages
        start = (number - 1) * PAGE_SIZE
        found = list(ranked[start : start + PAGE_SIZE])
    ids = [pk for pk, *_rest in found]
    loaded = PustakaDocumentPage.objects.in_bulk(ids)
    tags = defaultdict(list)
    for document_id, name, slug in (
        PustakaDocumentTag.objects.filter(content_object_id__in=ids)
        .order_by("tag__name")
        .values_list("content_object_id", "tag__name", "tag__slug")
    ):
        tags[document_id].append({"name": name, "slug": slug})
    rows = []
    for pk, exact_match, score, _total in found:
        if pk in loaded:
            document = loaded[pk]
            document.exact_match, document.score = exact_match, score
            document.listed_tags = tags[pk]
            rows.append(document)
    return paginator, ResultsPage(rows, number, paginator)


def document_listing(request, index_page):
    """Context for the library index: the form, the page of results and facets."""
    documents = visible(PustakaDocumentPage.objects.child_of(index_page))
    facets = library_facets(index_page, documents)
    form = DocumentFilterForm(
        request.GET or None, kinds=facets.kinds, years=facets.years, tags=facets.tags
    )

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
    paginator, page = paginate(
        documents.order_by(*ordering, "pk"), request.GET.get("page", 1)
    )

    active = {
        name: value for name, value in filters.items() if value and name != "sort"
    }
    return {
        "filter_form": form,
        "documents": page,
        "paginator": paginator,
        "page_range": paginator.get_elided_page_range(
            page.number, on_each_side=2, on_ends=1
        ),
        "query": query,
        "parsed_query": parsed,
        "filters_active": bool(active),
        # Open when a filter is set, or refused: its message must be visible.
        "filters_open": any(
            filters.get(name) or name in form.errors
            for name in ("kind", "year", "tag", "status", "sort")
        ),
        "sort": sort,
    }
