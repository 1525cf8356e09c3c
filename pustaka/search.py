"""Indonesian-aware search for the Pustaka library.

Documents keep a stemmed copy of their searchable text (``search_text`` and the
weightier ``search_primary``), built with PySastrawi at save time; queries are
stemmed the same way. Matching tests word starts in those columns (the
``__words`` lookup, ``lookups.py``): ``LIKE`` on SQLite, a stored ``simple``
tsvector on PostgreSQL, with identical results. PostgreSQL's own ``indonesian``
snowball config turns "perencanaan" into "encana" and cannot be relied on, and
SQLite has no Indonesian stemmer at all.

Regulation references (``59/2024``, ``nomor 59 tahun 2024``, ``UU 59 2024``) are
parsed separately so an exact JDIH match always ranks first.
"""

import functools
import re
from dataclasses import dataclass, field

# Common abbreviations of regulation types (jenis) as people type them.
JENIS_ABBREVIATIONS = {
    "uu": "Undang-Undang",
    "perppu": "Peraturan Pemerintah Pengganti Undang-Undang",
    "pp": "Peraturan Pemerintah",
    "perpres": "Peraturan Presiden",
    "keppres": "Keputusan Presiden",
    "inpres": "Instruksi Presiden",
    "permendagri": "Peraturan Menteri Dalam Negeri",
    "kepmendagri": "Keputusan Menteri Dalam Negeri",
    "inmendagri": "Instruksi Menteri Dalam Negeri",
    "permen": "Peraturan Menteri",
    "kepmen": "Keputusan Menteri",
    "perda": "Peraturan Daerah",
    "pergub": "Peraturan Gubernur",
    "perbup": "Peraturan Bupati",
    "perwali": "Peraturan Wali Kota",
    "seb": "Surat Edaran Bersama",
    "se": "Surat Edaran",
}

# Words that only frame a reference ("nomor 59 tahun 2024") and carry no meaning
# once the number and year have been read.
REFERENCE_WORDS = {"nomor", "no", "nr", "tahun", "thn", "th", "tentang", "ttg"}
STOPWORDS = {"dan", "atau", "yang", "di", "ke", "dari", "untuk", "pada", "dengan"}

_WORD_RE = re.compile(r"[0-9a-z]+")
_REFERENCE_RES = [
    # 59/2024, 59 / 2024, no. 59/2024
    re.compile(r"(?<![\w.])(?P<nomor>\d+[a-z]?)\s*/\s*(?P<tahun>(?:19|20)\d\d)\b"),
    # nomor 59 tahun 2024, no. 59 th. 2024
    re.compile(
        r"\b(?:nomor|no|nr)\.?\s*(?P<nomor>\d+[a-z]?)\s*,?\s*"
        r"(?:tahun|thn|th)\.?\s*(?P<tahun>(?:19|20)\d\d)\b"
    ),
    # UU 59 2024, Perpres 12 tahun 2025 (a type abbreviation, then two numbers)
    re.compile(
        r"\b(?P<jenis>"
        + "|".join(sorted(JENIS_ABBREVIATIONS, key=len, reverse=True))
        # A number: 1–4 digits not itself a year, then the year.
        + r")\.?\s+(?:(?:nomor|no|nr)\.?\s*)?(?P<nomor>\d{1,4}[a-z]?)\s*"
        r"(?:(?:tahun|thn|th)\.?\s*)?(?P<tahun>(?:19|20)\d\d)\b"
    ),
]


@functools.cache
def _stemmer():
    """Build the Sastrawi stemmer once per process: creating it is slow."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


def words(text):
    """Lower-case alphanumeric words of ``text``."""
    return _WORD_RE.findall((text or "").lower())


def stem_word(word):
    """The Sastrawi root of one word; numbers and short words stay as they are."""
    if word.isdigit() or len(word) < 4:
        return word
    return _stemmer().stem(word) or word


def index_text(*parts):
    """Searchable text for ``parts``: every word and its stem, space-delimited.

    The leading and trailing spaces let a query match on word starts with
    ``LIKE '% term%'`` on any database.
    """
    tokens = []
    seen = set()
    for part in parts:
        for word in words(part):
            for token in (word, stem_word(word)):
                if token not in seen:
                    seen.add(token)
                    tokens.append(token)
    return f" {' '.join(tokens)} " if tokens else ""


def jenis_abbreviation(jenis):
    """The common abbreviation for a regulation type, e.g. "uu" for Undang-Undang."""
    jenis = (jenis or "").strip().lower()
    best = ""
    for short, full in JENIS_ABBREVIATIONS.items():
        full = full.lower()
        if jenis == full or jenis.startswith(full + " "):
            if len(full) > len(JENIS_ABBREVIATIONS.get(best, "")):
                best = short
    return best


@dataclass
class ParsedQuery:
    """A user's query split into a regulation reference and free words."""

    text: str
    nomor: str = ""
    tahun: int | None = None
    jenis: str = ""
    terms: list = field(default_factory=list)

    @property
    def has_reference(self):
        return bool(self.nomor and self.tahun)


def parse_query(text):
    """Read a regulation reference (number, year, type) and the stemmed terms."""
    text = (text or "").strip()[:200]
    lowered = text.lower()
    parsed = ParsedQuery(text=text)

    for pattern in _REFERENCE_RES:
        match = pattern.search(lowered)
        if match:
            parsed.nomor = match.group("nomor")
            parsed.tahun = int(match.group("tahun"))
            if "jenis" in match.groupdict():
                parsed.jenis = JENIS_ABBREVIATIONS[match.group("jenis")]
            break
    if parsed.has_reference and not parsed.jenis:
        # "UU nomor 59 tahun 2024": the type may stand before the number pattern.
        for word in words(lowered):
            if word in JENIS_ABBREVIATIONS:
                parsed.jenis = JENIS_ABBREVIATIONS[word]
                break

    skip = STOPWORDS | (REFERENCE_WORDS if parsed.has_reference else set())
    for word in words(lowered):
        if word in skip:
            continue
        term = (word, stem_word(word))
        if term not in parsed.terms:
            parsed.terms.append(term)
    return parsed
