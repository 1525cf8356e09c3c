"""A trigram index on the stemmed search text, on PostgreSQL only.

Search tests ``search_text LIKE '% word%'``; with pg_trgm's GIN index
PostgreSQL reads only the documents holding the word's trigrams instead of
every document. SQLite (tests, development) has no such index and answers the
same. Where the database role may not create the extension (pg_trgm is a
trusted extension from PostgreSQL 13, so the database owner may), the index is
left out with a warning: search stays correct, only slower.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

INDEX = "pustaka_document_search_text_trgm"


def create_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        logger.warning("pg_trgm unavailable, search runs without its index: %s", error)
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON pustaka_pustakadocumentpage "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("pustaka", "0002_stemmed_search_columns"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
