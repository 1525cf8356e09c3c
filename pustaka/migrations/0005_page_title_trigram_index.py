"""A trigram index on page titles in capitals, on PostgreSQL only.

Library search gives the whole query phrase found in a document's title extra
points (``listing.search_documents``): ``UPPER(title) LIKE UPPER('%phrase%')``.
Tested on every matching document, that was a tenth of a search's time once a
query matched thousands; asked as "the pages whose title holds the phrase"
(one lookup in this index, the same expression), it is a set PostgreSQL builds
once and each document is looked up in. The index is on Wagtail's page table
because the titles live there; it covers every page, a few kilobytes each
thousand. Where the database role may not create pg_trgm, the index is left
out with a warning: search stays correct, only slower.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

INDEX = "pustaka_page_title_upper_trgm"


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
    # The expression Django writes for ``title__icontains`` on PostgreSQL.
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page "
        "USING gin ((UPPER(title::text)) gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("pustaka", "0004_search_vectors"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
