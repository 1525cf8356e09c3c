"""scripts/backup.sh then scripts/restore.sh bring back every row and file.

Runs only on PostgreSQL with pg_dump, pg_restore and psql on the PATH (CI runs
the suite on PostgreSQL); elsewhere it is skipped with the reason.
"""

import os
import shutil
import subprocess
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone
from wagtail.documents.models import Document

from accounts.tests.factories import UserFactory
from consult.models import Consultation, Message
from consult.tests.factories import ConsultationFactory, MessageFactory
from pustaka.models import DocumentKind, PustakaDocumentPage, PustakaIndexPage
from rpjpd.models import Reply, RPJPDIndexPage, RPJPDSectionPage, TopicPage
from rpjpd.tests.factories import ReplyFactory

from .factories import make_site

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("pg_dump", "pg_restore", "psql")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        any(shutil.which(tool) is None for tool in TOOLS),
        reason="pg_dump, pg_restore and psql are needed for the backup test",
    ),
]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("backup and restore use pg_dump: set DATABASE_URL to PostgreSQL")


def _url(name):
    db = settings.DATABASES["default"]
    auth = quote(db.get("USER") or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgresql://{auth}@{host}:{port}/{name}"


def _admin_sql(sql):
    admin = psycopg2.connect(_url("postgres"))
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(sql)
    finally:
        admin.close()


@pytest.fixture
def empty_database():
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    _admin_sql(f'CREATE DATABASE "{name}"')
    yield name
    _admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _script(name, *args, database, media_root, private_media_root=None):
    env = {**os.environ, "DATABASE_URL": _url(database), "MEDIA_ROOT": str(media_root)}
    # Each call gets its own private folder unless told otherwise, so files other
    # tests left in the shared test folder never make a restore refuse.
    private_media_root = private_media_root or f"{media_root}-private"
    env["PRIVATE_MEDIA_ROOT"] = str(private_media_root)
    return subprocess.run(  # noqa: S603
        [shutil.which("bash"), str(ROOT / "scripts" / name), *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _query(database, sql):
    db = psycopg2.connect(_url(database))
    try:
        with db.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()
    finally:
        db.close()


def _rows(database, table):
    """Every row of ``table``, in an order that does not depend on the database."""
    rows = _query(database, f'SELECT * FROM "{table}"')  # noqa: S608
    return sorted(rows, key=repr)


def _content():
    """A small site with some of everything a backup must keep.

    Users and experts, pages of every kind, replies with a threaded answer and a
    withdrawn and a hidden one, consultations with messages and attachments (private files),
    and library documents (public files).
    """
    home, _about = make_site()
    UserFactory.create_batch(3)
    hub = home.add_child(instance=RPJPDIndexPage(title="RPJPD", slug="rpjpd"))
    section = hub.add_child(
        instance=RPJPDSectionPage(title="Isu Strategis", slug="isu")
    )
    topic = section.add_child(
        instance=TopicPage(title="Air bersih", slug="air-bersih", summary="Akses air")
    )
    first = ReplyFactory(topic=topic)
    ReplyFactory(topic=topic, parent=first)
    ReplyFactory(topic=topic, withdrawn_at=timezone.now())
    ReplyFactory(
        topic=topic,
        moderation_state=Reply.ModerationState.HIDDEN,
        hidden_reason="Di luar topik",
    )

    open_thread = ConsultationFactory()
    MessageFactory(consultation=open_thread)
    MessageFactory(
        consultation=open_thread,
        sender=open_thread.expert,
        attachment=ContentFile(b"%PDF-1.4 lampiran", name="lampiran.pdf"),
        attachment_name="lampiran.pdf",
        attachment_type="application/pdf",
        attachment_size=17,
    )
    closed_thread = ConsultationFactory(status=Consultation.Status.CLOSED)
    MessageFactory(
        consultation=closed_thread,
        attachment=ContentFile(b"\x89PNG foto lahan", name="foto.png"),
        attachment_name="foto.png",
        attachment_type="image/png",
        attachment_size=16,
    )

    library = home.add_child(instance=PustakaIndexPage(title="Pustaka", slug="pustaka"))
    kind = DocumentKind.objects.create(name="Kajian", slug="kajian")
    for number in (1, 2):
        document = Document.objects.create(
            title=f"Kajian air {number}",
            file=ContentFile(
                f"%PDF-1.4 kajian air {number}".encode(), name=f"kajian-{number}.pdf"
            ),
        )
        library.add_child(
            instance=PustakaDocumentPage(
                title=f"Kajian Air Bersih {number}",
                slug=f"kajian-air-{number}",
                kind=kind,
                year=2024,
                document=document,
            )
        )


def test_backup_restores_every_row_and_file(settings, tmp_path, empty_database):
    private_root = tmp_path / "private"
    settings.PRIVATE_MEDIA_ROOT = private_root
    _content()
    original_db = connection.settings_dict["NAME"]
    restored_media = tmp_path / "restored-media"
    restored_private = tmp_path / "restored-private"

    backup = _script(
        "backup.sh",
        tmp_path / "backups",
        database=original_db,
        media_root=settings.MEDIA_ROOT,
        private_media_root=private_root,
    )
    assert backup.returncode == 0, backup.stderr
    folder = Path(backup.stdout.strip().splitlines()[-1])
    restore = _script(
        "restore.sh",
        folder,
        database=empty_database,
        media_root=restored_media,
        private_media_root=restored_private,
    )
    assert restore.returncode == 0, restore.stderr

    # Every table of every installed model holds the same rows afterwards.
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        table = model._meta.db_table
        assert _rows(empty_database, table) == _rows(original_db, table), table

    # ... and what this test made is among them, so the comparison is not empty.
    expected = {
        Reply: 4,
        Consultation: 2,
        Message: 3,
        Document: 2,
        PustakaDocumentPage: 2,
    }
    for model, count in expected.items():
        restored = _query(
            empty_database,
            f'SELECT count(*) FROM "{model._meta.db_table}"',  # noqa: S608
        )
        assert restored == [(count,)], model._meta.label
        assert model.objects.count() == count, model._meta.label

    # Every file comes back byte for byte: documents with the media, consultation
    # attachments with the private media.
    for document in Document.objects.all():
        restored = restored_media / document.file.name
        assert restored.read_bytes() == document.file.open("rb").read()
    attachments = Message.objects.exclude(attachment="")
    assert attachments.count() == 2
    for message in attachments:
        restored = restored_private / message.attachment.name
        assert restored.read_bytes() == message.attachment.open("rb").read()


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, empty_database):
    make_site()
    original_db = connection.settings_dict["NAME"]
    backup = _script(
        "backup.sh",
        tmp_path / "backups",
        database=original_db,
        media_root=settings.MEDIA_ROOT,
    )
    folder = Path(backup.stdout.strip().splitlines()[-1])

    first = _script(
        "restore.sh", folder, database=empty_database, media_root=tmp_path / "m1"
    )
    second = _script(
        "restore.sh", folder, database=empty_database, media_root=tmp_path / "m2"
    )

    assert first.returncode == 0, first.stderr
    assert second.returncode == 1
    assert "Refusing to restore" in second.stderr
