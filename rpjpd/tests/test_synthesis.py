"""Exports and the printable summary for Bappeda editors."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from experts.tests.factories import ExpertiseFieldFactory

from .factories import ReplyFactory, TopicFactory

# 01:12 UTC is 09:12 WITA.
SENT = datetime(2025, 11, 18, 1, 12, tzinfo=UTC)


@pytest.fixture
def replies(topic, expert, other_expert):
    expert.expert_profile.institution = "Fakultas Ekonomi, Universitas Contoh"
    expert.expert_profile.save()
    expert.expert_profile.fields.add(
        ExpertiseFieldFactory(name="Ekonomi Regional"),
        ExpertiseFieldFactory(name="Keuangan Daerah"),
    )
    first = ReplyFactory(
        topic=topic,
        author=expert,
        created_at=SENT,
        body="Skenario penerimaan.",
        outcome="accommodated",
        outcome_reason="Masuk arah kebijakan 2.",
    )
    answer = ReplyFactory(
        topic=topic,
        author=other_expert,
        parent=first,
        body='=HYPERLINK("x")',
        moderation_state="hidden",
        hidden_reason="Tautan mencurigakan",
    )
    return first, answer


def csv_rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.django_db
class TestExports:
    def test_topic_csv_has_every_column_and_wita_times(
        self, editor_client, topic, replies, expert, other_expert
    ):
        first, answer = replies

        response = editor_client.get(
            reverse("replies:export_topic_csv", args=[topic.pk])
        )

        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment;" in response["Content-Disposition"]
        header, row1, row2 = csv_rows(response)
        assert header == [
            "No.",
            "ID balasan",
            "Topik",
            "Penulis",
            "Institusi",
            "Bidang keahlian",
            "Waktu (WITA)",
            "Membalas",
            "Status moderasi",
            "Disunting",
            "Tindak lanjut dalam rencana",
            "Penjelasan tindak lanjut",
            "Isi balasan",
        ]
        assert row1[1] == str(first.pk)
        assert row1[2] == topic.title
        assert row1[3] == first.author_name
        assert row1[4] == "Fakultas Ekonomi, Universitas Contoh"
        assert row1[5] == "Ekonomi Regional, Keuangan Daerah"
        assert row1[6] == "2025-11-18 09:12 WITA"
        assert row1[8] == "Tampil"
        assert row1[10] == "Diakomodasi"
        assert row1[11] == "Masuk arah kebijakan 2."
        assert row1[12] == "Skenario penerimaan."
        assert row2[7] == f"#{first.pk} oleh {first.author_name}"
        assert row2[8] == "Disembunyikan: Tautan mencurigakan"

    def test_formulas_are_neutralised(self, editor_client, topic, replies):
        csv_response = editor_client.get(
            reverse("replies:export_topic_csv", args=[topic.pk])
        )
        xlsx_response = editor_client.get(
            reverse("replies:export_topic_xlsx", args=[topic.pk])
        )

        assert csv_rows(csv_response)[2][12] == '\'=HYPERLINK("x")'
        sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
        cell = sheet.cell(row=3, column=13)
        assert cell.data_type == "s"
        assert cell.value == '\'=HYPERLINK("x")'

    def test_topic_xlsx_matches_the_csv(self, editor_client, topic, replies):
        response = editor_client.get(
            reverse("replies:export_topic_xlsx", args=[topic.pk])
        )

        assert response["Content-Type"].startswith(
            "application/vnd.openxmlformats-officedocument.spreadsheetml"
        )
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][6] == "Waktu (WITA)"
        assert rows[1][6] == "2025-11-18 09:12 WITA"
        assert rows[1][5] == "Ekonomi Regional, Keuangan Daerah"
        assert len(rows) == 3

    def test_section_export_covers_all_its_topics(
        self, editor_client, section, topic, replies
    ):
        second = TopicFactory(parent=section, title="Topik kedua")
        ReplyFactory(topic=second, body="Balasan di topik kedua.")
        elsewhere = ReplyFactory(body="Balasan di bagian lain.")

        response = editor_client.get(
            reverse("replies:export_section_csv", args=[section.pk])
        )

        rows = csv_rows(response)[1:]
        assert len(rows) == 3
        assert {row[2] for row in rows} == {topic.title, "Topik kedua"}
        assert elsewhere.body not in response.content.decode("utf-8-sig")

    def test_control_characters_do_not_break_the_workbook(self, editor_client, topic):
        ReplyFactory(topic=topic, body="Teks\x1b dengan\x07 karakter aneh.")

        response = editor_client.get(
            reverse("replies:export_topic_xlsx", args=[topic.pk])
        )

        assert response.status_code == 200

    @pytest.mark.parametrize(
        "name", ["export_topic_csv", "export_topic_xlsx", "summary_topic"]
    )
    @pytest.mark.parametrize("role", [None, "expert", "masyarakat", "pemerintah"])
    def test_only_editors_may_export(self, client, topic, replies, name, role, request):
        if role:
            client.force_login(request.getfixturevalue(role))

        response = client.get(reverse(f"replies:{name}", args=[topic.pk]))

        assert response.status_code == 403
        assert b"Skenario" not in response.content

    def test_section_exports_refuse_non_editors(self, client, section, expert):
        client.force_login(expert)

        for name in ("export_section_csv", "export_section_xlsx", "summary_section"):
            assert (
                client.get(reverse(f"replies:{name}", args=[section.pk])).status_code
                == 403
            )

    def test_unknown_topic_is_404_for_editors(self, editor_client):
        response = editor_client.get(reverse("replies:export_topic_csv", args=[999999]))

        assert response.status_code == 404


@pytest.mark.django_db
class TestSummaryPage:
    def test_printable_summary(self, editor_client, topic, replies):
        first, answer = replies

        response = editor_client.get(reverse("replies:summary_topic", args=[topic.pk]))

        assert response.status_code == 200
        assert "Rekap masukan pakar" in response.text
        assert "18 November 2025, 09:12 WITA" in response.text
        assert "Diakomodasi" in response.text
        assert "Disembunyikan: Tautan mencurigakan" in response.text
        assert "2 balasan, 1 di antaranya tampil untuk publik." in response.text
        assert "summary.css" in response.text
        assert response["Cache-Control"] == "private, no-store"

    def test_section_summary_groups_by_topic(
        self, editor_client, section, topic, replies
    ):
        TopicFactory(parent=section, title="Topik tanpa balasan")

        response = editor_client.get(
            reverse("replies:summary_section", args=[section.pk])
        )

        assert topic.title in response.text
        assert "Topik tanpa balasan" in response.text
        assert "Tidak ada balasan." in response.text
