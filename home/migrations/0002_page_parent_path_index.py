"""Index the tree paths of pages that have children, for home.visibility.

Every visible() query selects the unpublished or expired pages that have
children; without this index that is a scan of the whole page table (a few
milliseconds per query at 5,000 library documents). Works on SQLite and
PostgreSQL alike.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE INDEX IF NOT EXISTS home_page_parent_path "
                "ON wagtailcore_page (path) WHERE numchild > 0"
            ),
            reverse_sql="DROP INDEX IF EXISTS home_page_parent_path",
        ),
    ]
