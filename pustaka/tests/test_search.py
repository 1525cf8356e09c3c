"""Pustaka search: Indonesian word forms, regulation references and ranking."""

import pytest
from django.db.models import Q

from pustaka.listing import search_documents
from pustaka.models import PustakaDocumentPage
from pustaka.search import index_text, parse_query
from pustaka.tests.factories import DocumentKindFactory, PustakaDocumentPageFactory


@pytest.mark.parametrize(
    ("query", "nomor", "tahun", "jenis"),
    [
        ("59/2024", "59", 2024, ""),
        ("nomor 59 tahun 2024", "59", 2024, ""),
        ("UU 59 2024", "59", 2024, "Undang-Undang"),
        ("uu no. 59 th. 2024", "59", 2024, "Undang-Undang"),
        ("UU nomor 59 tahun 2024 rpjpn", "59", 2024, "Undang-Undang"),
        ("Perpres 12/2025", "12", 2025, "Peraturan Presiden"),
        ("permendagri 86 2017", "86", 2017, "Peraturan Menteri Dalam Negeri"),
        ("PP 8 tahun 2008", "8", 2008, "Peraturan Pemerintah"),
    ],
)
def test_parse_query_reads_regulation_references(query, nomor, tahun, jenis):
    parsed = parse_query(query)

    assert (parsed.nomor, parsed.tahun, parsed.jenis) == (nomor, tahun, jenis)


@pytest.mark.parametrize("query", ["rencana 2045", "ikn", "tata ruang", "", "2024"])
def test_parse_query_without_reference(query):
    assert not parse_query(query).has_reference


@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("rencana", "perencanaan"),
        ("tata", "penataan"),
        ("bangun", "pembangunan"),
        ("atur", "peraturan"),
    ],
)
def test_index_text_holds_the_stem_of_each_word_form(word, form):
    assert f" {word} " in index_text(f"Tentang {form} daerah")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("rencana", "Pedoman Perencanaan Daerah"),
        ("tata", "Penataan Ruang Kawasan"),
        ("bangun", "Pembangunan Desa"),
        ("atur", "Peraturan Bupati tentang Pasar"),
        ("perencanaan", "Pedoman Perencanaan Daerah"),
    ],
)
def test_query_finds_other_word_forms(library, query, title):
    for other in [
        "Pedoman Perencanaan Daerah",
        "Penataan Ruang Kawasan",
        "Pembangunan Desa",
        "Peraturan Bupati tentang Pasar",
    ]:
        PustakaDocumentPageFactory(parent=library, title=other, abstract="")

    found, _ = search_documents(PustakaDocumentPage.objects.all(), query)

    assert list(found.values_list("title", flat=True)) == [title]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "field", "value"),
    [
        ("mangrove", "title", "Kajian Mangrove Delta"),
        ("abrasi", "abstract", "Abrasi di pesisir timur."),
        ("kearsipan", "jdih_tentang", "Kearsipan Daerah"),
        ("771", "jdih_nomor", "771"),
        ("pesut", "tags", ["pesut mahakam"]),
    ],
)
def test_search_covers_title_abstract_subject_number_and_tags(
    library, query, field, value
):
    PustakaDocumentPageFactory(parent=library, title="Dokumen lain")
    if field == "tags":
        target = PustakaDocumentPageFactory(parent=library, tags=value)
    else:
        target = PustakaDocumentPageFactory(parent=library, **{field: value})

    found, _ = search_documents(PustakaDocumentPage.objects.all(), query)

    assert list(found) == [target]


# The acceptance table: each query and the slug of the document it must put first.
FIRST_RESULTS = [
    ("59/2024", "uu-59-2024-rpjpn"),
    ("nomor 59 tahun 2024", "uu-59-2024-rpjpn"),
    ("UU 59 2024", "uu-59-2024-rpjpn"),
    ("uu 23/2014", "uu-23-2014-pemda"),
    ("PP 8 tahun 2008", "pp-8-2008"),
    ("Permendagri 86/2017", "permendagri-86-2017"),
    ("perpres 63 2022", "perpres-63-2022-rencana-induk-ikn"),
    ("Perda 16 2024", "perda-kukar-16-2024-rpjpd"),
    ("inmendagri 2/2025", "inmendagri-2-2025"),
    ("ibu kota negara", "uu-3-2022-ikn"),
    ("pemerintahan daerah", "uu-23-2014-pemda"),
    ("lahan bekas tambang", "kajian-lahan-bekas-tambang"),
    ("pascatambang", "rekomendasi-transisi-pascatambang"),
    ("dalam angka", "kukar-dalam-angka"),
    ("rancangan akhir rpjpn", "rancangan-akhir-rpjpn-2025-2045"),
    ("bonus demografi", "rancangan-akhir-rpjpn-2025-2045"),
    ("superhub ekonomi", "perpres-63-2022-rencana-induk-ikn"),
]


@pytest.mark.django_db
def test_query_table_puts_the_expected_document_first(demo_library, client):
    wrong = {}
    for query, slug in FIRST_RESULTS:
        response = client.get(demo_library.url, {"q": query})
        documents = list(response.context["documents"])
        first = documents[0].slug if documents else None
        if first != slug:
            wrong[query] = (first, slug)

    assert wrong == {}


@pytest.mark.django_db
def test_reference_search_lists_the_regulation_only_once(demo_library, client):
    response = client.get(demo_library.url, {"q": "UU 59 2024"})

    slugs = [document.slug for document in response.context["documents"]]
    assert slugs.count("uu-59-2024-rpjpn") == 1


@pytest.mark.django_db
def test_reference_for_a_missing_regulation_finds_nothing_exact(demo_library, client):
    response = client.get(demo_library.url, {"q": "UU 21/2023"})

    assert all(d.exact_match == 0 for d in response.context["documents"])


@pytest.mark.django_db
def test_stemmed_text_follows_edits(library):
    document = PustakaDocumentPageFactory(parent=library, title="Kajian Sungai")
    document.title = "Kajian Penataan Sungai"
    document.save()

    found, _ = search_documents(PustakaDocumentPage.objects.all(), "tata")

    assert list(found) == [document]


@pytest.mark.django_db
def test_tags_added_later_are_searchable(library):
    kind = DocumentKindFactory()
    document = PustakaDocumentPageFactory(parent=library, kind=kind)
    document.tags.add("perikanan tangkap")
    document.save()

    found, _ = search_documents(PustakaDocumentPage.objects.all(), "ikan")

    assert list(found) == [document]


@pytest.mark.django_db
def test_postgresql_indexes_a_vector_of_the_search_text():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the stored vectors exist on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
            ["pustaka_pustakadocumentpage"],
        )
        indexes = dict(cursor.fetchall())

    assert "gin (search_text_vector)" in indexes["pustaka_document_search_text_vector"]
    assert "pustaka_document_search_text_trgm" not in indexes
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["pustaka_page_title_upper_trgm"],
        )
        (title_index,) = cursor.fetchone()
    assert "upper((title)::text) gin_trgm_ops" in title_index


# Word groups and the titles whose search text matches them. The titles hold
# numbers, letters after digits and words that start other words.
WORD_GROUPS = [
    ([("rencana*",)], {"Rencana Tata Ruang 2024", "Perencanaan Desa 59a"}),
    ([("rencana",)], {"Rencana Tata Ruang 2024", "Perencanaan Desa 59a"}),
    ([("renc*",)], {"Rencana Tata Ruang 2024", "Perencanaan Desa 59a"}),
    ([("perencanaan",)], {"Perencanaan Desa 59a"}),
    ([("ruang",)], {"Rencana Tata Ruang 2024"}),
    ([("ruangan",)], set()),
    ([("2024",)], {"Rencana Tata Ruang 2024"}),
    ([("202*",)], {"Rencana Tata Ruang 2024", "Sungai 2020 dan Danau"}),
    ([("59a",)], {"Perencanaan Desa 59a"}),
    ([("59",)], set()),
    ([("59*",)], {"Perencanaan Desa 59a"}),
    ([("tata*",), ("desa*", "sungai*")], set()),
    (
        [("tata*", "desa*"), ("2024", "59a")],
        {
            "Rencana Tata Ruang 2024",
            "Perencanaan Desa 59a",
        },
    ),
    ([("dan",), ("sungai*",)], {"Sungai 2020 dan Danau"}),
]


def _titled_documents(library, *titles):
    """Documents whose only searchable text is their title."""
    for title in titles:
        PustakaDocumentPageFactory(
            parent=library, title=title, abstract="", publisher="", year=1999
        )


@pytest.mark.django_db
@pytest.mark.parametrize(("groups", "titles"), WORD_GROUPS)
def test_words_lookup_matches_word_starts_as_like_does(library, groups, titles):
    _titled_documents(
        library,
        "Rencana Tata Ruang 2024",
        "Perencanaan Desa 59a",
        "Sungai 2020 dan Danau",
    )
    documents = PustakaDocumentPage.objects.all()
    like = Q()
    for group in groups:
        alternatives = Q()
        for form in group:
            word = form.rstrip("*")
            pattern = f" {word}" if form.endswith("*") else f" {word} "
            alternatives |= Q(search_text__contains=pattern)
        like &= alternatives

    found = set(
        documents.filter(search_text__words=groups).values_list("title", flat=True)
    )

    assert found == titles
    assert found == set(documents.filter(like).values_list("title", flat=True))


@pytest.mark.django_db
def test_words_lookup_works_inside_a_subquery(library):
    document = PustakaDocumentPageFactory(parent=library, title="Kajian Mangrove")
    PustakaDocumentPageFactory(parent=library, title="Kajian Sungai")
    inner = PustakaDocumentPage.objects.filter(search_text__words=[("mangrove*",)])

    found = PustakaDocumentPage.objects.filter(pk__in=inner.values("pk"))

    assert list(found) == [document]


@pytest.mark.parametrize(
    "groups", [[], [()], [("Rencana",)], [("a b",)], [("x'|y",)], [("*",)]]
)
def test_words_lookup_refuses_anything_but_search_forms(groups):
    with pytest.raises(ValueError):
        list(PustakaDocumentPage.objects.filter(search_text__words=groups))


@pytest.mark.parametrize(
    ("term", "starts"),
    [
        (("rencana", "rencana"), ["rencana"]),
        (("rencananya", "rencana"), ["rencana"]),
        (("perencanaan", "rencana"), ["rencana", "perencanaan"]),
    ],
)
def test_a_word_is_tested_once_when_its_stem_covers_it(term, starts):
    from pustaka.listing import _word_starts

    assert _word_starts(term) == starts


def _scored_as_cases(documents, terms):
    """The ranking points as one Case per test, as the listing used to build it."""
    from django.db.models import Case, IntegerField, Value, When

    from pustaka.listing import _starts

    score = Value(0)
    for raw, stem in terms:
        for groups, points in (([_starts((raw, stem))], 2), ([(raw,)], 1)):
            score = score + Case(
                When(search_primary__words=groups, then=Value(points)),
                default=Value(0),
                output_field=IntegerField(),
            )
    return dict(documents.annotate(points=score).values_list("title", "points"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["rencana", "perencanaan tata", "rencananya ruang desa", "2024 59a", "sungai dan"],
)
def test_word_start_score_gives_the_points_of_one_case_per_test(library, query):
    from pustaka.listing import _word_starts
    from pustaka.lookups import WordStartScore

    _titled_documents(
        library,
        "Rencana Tata Ruang 2024",
        "Perencanaan Desa 59a",
        "Rencananya Sungai dan Danau",
        "Tata Kelola Air",
    )
    documents = PustakaDocumentPage.objects.all()
    terms = parse_query(query).terms

    scored = dict(
        documents.annotate(
            points=WordStartScore(
                "search_primary",
                [(_word_starts(term), term[0]) for term in terms],
            )
        ).values_list("title", "points")
    )

    assert scored == _scored_as_cases(documents, terms)
    assert any(scored.values())


@pytest.mark.parametrize(
    "terms", [[], [([], "rencana")], [(["Rencana"], "rencana")], [(["a"], "x'|y")]]
)
def test_word_start_score_refuses_anything_but_search_forms(terms):
    from pustaka.lookups import WordStartScore

    with pytest.raises(ValueError):
        WordStartScore("search_primary", terms)


@pytest.mark.django_db
def test_the_whole_phrase_in_a_title_ranks_first(library, client):
    kind = DocumentKindFactory()
    for title in [
        "Ruang Terbuka dan Tata Kota",  # both words, not as a phrase
        "Kajian TATA RUANG Pesisir",  # the phrase, in capitals
        "Tata Ruangan Kantor",  # the phrase as the start of longer words
    ]:
        PustakaDocumentPageFactory(
            parent=library, title=title, kind=kind, abstract="", year=2020
        )

    scores = {
        document.title: document.score
        for document in client.get(library.url, {"q": "tata ruang"}).context[
            "documents"
        ]
    }

    assert (
        scores["Kajian TATA RUANG Pesisir"] == scores["Ruang Terbuka dan Tata Kota"] + 4
    )
    assert scores["Tata Ruangan Kantor"] >= 4
