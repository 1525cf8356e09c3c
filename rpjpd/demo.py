"""Demo content for the RPJPD hub: vision, three sections and eighteen topics.

Idempotent: pages that exist are left alone.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils.html import escape

from home.models import HomePage
from pustaka.models import PustakaDocumentPage

from .models import (
    GuidingQuestion,
    RPJPDIndexPage,
    RPJPDSectionPage,
    TopicDocumentLink,
    TopicIndicator,
    TopicPage,
)

WITA = ZoneInfo("Asia/Makassar")

# The demo data names no closing dates; the main-target topics get one so the
# site shows both kinds of open discussion.
CLOSING_DATES = {
    "sasaran-pokok": datetime.datetime(2027, 3, 31, 17, 0, tzinfo=WITA),
}

# Library documents that inform each topic, by slug (chosen from the documents'
# subjects and tags).
TOPIC_DOCUMENTS = {
    "maju": ["perda-kukar-16-2024-rpjpd", "kukar-dalam-angka"],
    "tangguh": ["rekomendasi-transisi-pascatambang", "perda-kukar-16-2024-rpjpd"],
    "berbudaya": ["perda-kukar-16-2024-rpjpd"],
    "pusat-pangan": ["kajian-lahan-bekas-tambang", "rpjmd-kukar-2025-2029"],
    "pariwisata": ["rpjmd-kukar-2025-2029", "perda-kukar-16-2024-rpjpd"],
    "industri-hijau": ["rekomendasi-transisi-pascatambang", "rpjmd-kukar-2025-2029"],
    "ketergantungan-sektor-ekstraktif": [
        "pdrb-kabkota-kaltim-2019-2023",
        "rekomendasi-transisi-pascatambang",
    ],
    "kukar-dan-ikn": ["uu-3-2022-ikn", "perpres-63-2022-rencana-induk-ikn"],
    "pemerataan-layanan-dasar": ["kukar-dalam-angka", "rpjmd-kukar-2025-2029"],
    "ketahanan-pangan-dan-lahan": ["kajian-lahan-bekas-tambang"],
    "lingkungan-dan-bekas-tambang": [
        "kajian-lahan-bekas-tambang",
        "rekomendasi-transisi-pascatambang",
    ],
    "sdm-dan-tenaga-kerja": ["kukar-dalam-angka", "rpjmd-kukar-2025-2029"],
    "pendapatan-per-kapita": ["uu-59-2024-rpjpn", "pdrb-kabkota-kaltim-2019-2023"],
    "kemiskinan-dan-ketimpangan": ["uu-59-2024-rpjpn", "rpjmd-kukar-2025-2029"],
    "daya-saing-sdm": ["uu-59-2024-rpjpn", "rancangan-akhir-rpjpn-2025-2045"],
    "emisi-grk": ["uu-59-2024-rpjpn", "rpjmd-kukar-2025-2029"],
    "peran-kukar-dalam-kawasan": [
        "pdrb-kabkota-kaltim-2019-2023",
        "perda-kaltim-11-2024-rpjpd",
    ],
    "tata-kelola-pemerintahan": ["uu-23-2014-pemda", "permendagri-86-2017"],
}


def hub_intro(plan):
    """The hub's introduction from the plan's facts."""
    milestones = "; ".join(
        f"{step['kegiatan']} ({datetime.date.fromisoformat(step['tanggal']):%d-%m-%Y})"
        for step in plan.get("tonggak_penyusunan", [])
    )
    return (
        f"RPJPD Kabupaten Kutai Kartanegara {plan['periode']} ditetapkan dengan "
        f"{plan['dasar_hukum']}. Arah pembangunannya: {plan['arah_pembangunan']}.\n\n"
        f"Tonggak penyusunan: {milestones}.\n\n"
        "Pilih salah satu dari tiga bagian di bawah untuk membaca topik yang disiapkan "
        "Bappeda dan tanggapan para pakar."
    )


def ensure_hub(home, plan):
    """The RPJPD hub under the home page."""
    hub = RPJPDIndexPage.objects.first()
    if hub is None:
        hub = home.add_child(
            instance=RPJPDIndexPage(
                title=f"RPJPD {plan['periode']}",
                slug="rpjpd",
                vision=plan["visi"],
                intro=hub_intro(plan),
                show_in_menus=True,
            )
        )
        hub.save_revision().publish()
    return hub


def topic_body(topic):
    """Rich text for the editor's note, when the demo carries one."""
    if not topic.get("catatan"):
        return ""
    return f"<p><b>Catatan editor:</b> {escape(topic['catatan'])}</p>"


def source_note(topic):
    """The topic's sources: the prose line, then one address per line."""
    return "\n".join([topic.get("source") or "", *topic.get("source_urls", [])]).strip()


def build_topic(section_slug, topic, documents):
    """An unsaved topic page with its questions, indicators and document links."""
    page = TopicPage(
        title=topic["title"],
        slug=topic["slug"],
        summary=topic["summary"],
        body=topic_body(topic),
        discussion_status=TopicPage.Status.OPEN,
        closes_at=CLOSING_DATES.get(section_slug),
        source_note=source_note(topic),
        is_illustrative=bool(topic.get("illustrative")),
    )
    page.questions = [GuidingQuestion(text=text) for text in topic["questions"]]
    page.indicators = [
        TopicIndicator(
            indicator=row["nama"],
            national_target_2045=row.get("target_nasional_2045") or "",
            regency_figure=row.get("kondisi_kukar") or "",
            source=" ".join(row.get("sumber") or [])[:500],
        )
        for row in topic.get("indikator", [])
    ]
    page.document_links = [
        TopicDocumentLink(document=documents[slug])
        for slug in TOPIC_DOCUMENTS.get(topic["slug"], [])
        if slug in documents
    ]
    return page


def load_topics(data, out):
    """The hub with the plan's vision, its three sections and their topics."""
    out.write("RPJPD\n")
    home = HomePage.objects.first()
    hub = ensure_hub(home, data["konteks"]["rpjpd_kukar"])
    documents = {page.slug: page for page in PustakaDocumentPage.objects.all()}
    created = 0
    for section_data in data["rpjpd"]:
        section = (
            RPJPDSectionPage.objects.child_of(hub)
            .filter(slug=section_data["slug"])
            .first()
        )
        if section is None:
            section = hub.add_child(
                instance=RPJPDSectionPage(
                    title=section_data["title"],
                    slug=section_data["slug"],
                    intro=section_data["intro"],
                )
            )
            section.save_revision().publish()
        existing = set(
            TopicPage.objects.child_of(section).values_list("slug", flat=True)
        )
        for topic in section_data["topics"]:
            if topic["slug"] in existing:
                continue
            page = section.add_child(
                instance=build_topic(section_data["slug"], topic, documents)
            )
            page.save_revision().publish()
            created += 1
    out.write(f"  {created} topics added\n")
