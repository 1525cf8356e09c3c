"""Demo content for the Pustaka library: kinds, documents and placeholder PDFs.

Idempotent: pages, kinds and files that exist are left alone.
"""

import datetime
import re

from django.core.files.base import ContentFile
from django.utils.text import slugify
from fpdf import FPDF
from wagtail.documents import get_document_model

from home.models import HomePage

from .models import (
    DocumentKind,
    PustakaDocumentPage,
    PustakaIndexPage,
    RegulationRelation,
)

KINDS = [
    ("Regulasi", True),
    ("Dokumen Perencanaan", False),
    ("Rekomendasi Kebijakan", False),
    ("Data dan Statistik", False),
    ("Kajian", False),
]

INDEX_INTRO = (
    "Perpustakaan publik Ruang Runding: peraturan, dokumen perencanaan, rekomendasi "
    "kebijakan, data, dan kajian yang menjadi rujukan penyusunan RPJPD Kutai "
    "Kartanegara 2025–2045. Semua dokumen dapat dibaca dan diunduh tanpa masuk."
)

# "Berlaku (diubah dengan UU Nomor 21 Tahun 2023)" → kind, jenis abbreviation, nomor, tahun
_RELATION_RE = re.compile(
    r"(?P<kind>diubah|dicabut)\s+(?:dengan|oleh)\s+(?P<jenis>[\w\s-]+?)\s+"
    r"Nomor\s+(?P<nomor>\S+)\s+Tahun\s+(?P<tahun>\d{4})",
    re.IGNORECASE,
)


def _latin1(text):
    """Text the PDF core fonts can draw."""
    text = text.replace("–", "-").replace("—", "-").replace("’", "'")
    return text.encode("latin-1", "replace").decode("latin-1")


def placeholder_pdf(item):
    """A one-page PDF that says what the real document is and where to find it."""
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(item["title"]))
    pdf.set_author(_latin1(item.get("publisher") or "Bappeda Kutai Kartanegara"))
    pdf.set_creation_date(datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 10)
    pdf.set_text_color(11, 93, 75)
    pdf.cell(0, 8, "RUANG RUNDING KUTAI KARTANEGARA - PUSTAKA", new_x="LMARGIN")
    pdf.ln(12)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, _latin1(item["title"]), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 11)
    lines = [
        f"Jenis dokumen: {item['kind']}",
        f"Tahun: {item['year']}",
        f"Penerbit: {item.get('publisher') or '-'}",
    ]
    if item.get("jdih"):
        jdih = item["jdih"]
        lines += [
            f"Nomor: {jdih['nomor']} Tahun {jdih['tahun']}",
            f"Tentang: {jdih['tentang']}",
            f"Status: {jdih['status']}",
        ]
    for line in lines:
        pdf.multi_cell(0, 6, _latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(
        0, 6, _latin1(item.get("abstract") or ""), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.ln(8)
    pdf.set_font("Helvetica", "I", 10)
    pdf.multi_cell(
        0,
        5,
        new_x="LMARGIN",
        new_y="NEXT",
        text=_latin1(
            "Berkas ini adalah PENGGANTI (placeholder) untuk data demo, bukan naskah "
            "resmi. Unduh naskah resmi dari JDIH atau penerbitnya."
            + (f" Sumber: {item['source_url']}" if item.get("source_url") else "")
        ),
    )
    return bytes(pdf.output())


def ensure_index(home):
    """The library's index page under the home page."""
    index = PustakaIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=PustakaIndexPage(
                title="Pustaka", slug="pustaka", intro=INDEX_INTRO
            )
        )
        index.save_revision().publish()
    return index


def ensure_kinds():
    """The five editor-managed kinds, by name."""
    kinds = {}
    for order, (name, is_regulation) in enumerate(KINDS, start=1):
        kinds[name], _ = DocumentKind.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "is_regulation": is_regulation,
                "sort_order": order,
            },
        )
    return kinds


def _jdih_fields(jdih):
    """Model fields from the demo's JDIH block."""
    if not jdih:
        return {}
    status_text = jdih.get("status") or ""
    status = ""
    if status_text.lower().startswith("tidak berlaku"):
        status = PustakaDocumentPage.LegalStatus.TIDAK_BERLAKU
    elif status_text.lower().startswith("berlaku"):
        status = PustakaDocumentPage.LegalStatus.BERLAKU
    note = ""
    if "(" in status_text:
        note = status_text[status_text.index("(") + 1 :].rstrip(")").strip()
    return {
        "jdih_jenis": jdih.get("jenis") or "",
        "jdih_nomor": str(jdih.get("nomor") or ""),
        "jdih_tahun": jdih.get("tahun"),
        "jdih_tentang": jdih.get("tentang") or "",
        "jdih_tanggal_penetapan": (
            datetime.date.fromisoformat(jdih["penetapan"])
            if jdih.get("penetapan")
            else None
        ),
        "jdih_pemrakarsa": jdih.get("instansi_pemrakarsa") or "",
        "jdih_status": status,
        "jdih_status_note": note[:255],
    }


TITLE_MAX = 255


def page_title(item):
    """The document's title, shortened to fit a page title when it is very long."""
    title = item["title"]
    jdih = item.get("jdih")
    if len(title) > TITLE_MAX and jdih:
        title = (
            f"{jdih['jenis']} Nomor {jdih['nomor']} Tahun {jdih['tahun']} "
            f"tentang {jdih['tentang']}"
        )
    if len(title) > TITLE_MAX:
        title = title[: TITLE_MAX - 1].rsplit(" ", 1)[0] + "…"
    return title


def create_document(index, item, kinds):
    """A published document page with its placeholder PDF."""
    Document = get_document_model()
    file = Document(title=item["title"][:255])
    file.file.save(
        f"{item['slug']}.pdf", ContentFile(placeholder_pdf(item)), save=False
    )
    file._set_document_file_metadata()  # size and hash, as an admin upload sets them
    file.save()

    page = PustakaDocumentPage(
        title=page_title(item),
        slug=item["slug"],
        kind=kinds[item["kind"]],
        abstract=item.get("abstract") or "",
        year=item["year"],
        publisher=item.get("publisher") or "",
        document=file,
        source_url=item.get("source_url") or "",
        is_illustrative=bool(item.get("illustrative")),
        **_jdih_fields(item.get("jdih")),
    )
    if len(item["title"]) > TITLE_MAX and " tentang " in item["title"]:
        # The official subject in full, since the page title had to be shortened.
        page.jdih_tentang = item["title"].split(" tentang ", 1)[1]
    page.tags.add(*item.get("tags", []))
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_relations(data):
    """Amendment and revocation links where the demo names a regulation we hold."""
    for item in data["pustaka"]:
        status = (item.get("jdih") or {}).get("status") or ""
        match = _RELATION_RE.search(status)
        if not match:
            continue
        affected = PustakaDocumentPage.objects.filter(slug=item["slug"]).first()
        acting = PustakaDocumentPage.objects.filter(
            jdih_nomor=match.group("nomor"), jdih_tahun=int(match.group("tahun"))
        ).first()
        if not (affected and acting):
            continue
        kind = (
            RegulationRelation.Kind.MENCABUT
            if match.group("kind").lower() == "dicabut"
            else RegulationRelation.Kind.MENGUBAH
        )
        if acting.relations.filter(target=affected, kind=kind).exists():
            continue
        # Through a revision, so the editor's next edit keeps the relation.
        acting.relations.add(RegulationRelation(target=affected, kind=kind))
        acting.save_revision().publish()


def load_documents(data, out):
    """The library index, its five kinds and the demo's nineteen documents."""
    out.write("Pustaka\n")
    home = HomePage.objects.first()
    index = ensure_index(home)
    kinds = ensure_kinds()
    existing = set(
        PustakaDocumentPage.objects.child_of(index).values_list("slug", flat=True)
    )
    created = 0
    for item in data["pustaka"]:
        if item["slug"] in existing:
            continue
        create_document(index, item, kinds)
        created += 1
    ensure_relations(data)
    out.write(f"  {created} documents added, {len(existing)} already there\n")
