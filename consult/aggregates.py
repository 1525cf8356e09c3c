"""A median computed by the database.

PostgreSQL has ``percentile_cont``; SQLite (development and tests) has no median,
so the app registers a small aggregate function on each SQLite connection that
returns the same answer (the mean of the two middle values for an even count).
"""

import statistics

from django.db.models import Aggregate

SQLITE_MEDIAN = "RR_MEDIAN"


class Median(Aggregate):
    """The median of a numeric or duration expression; NULLs are left out."""

    name = "Median"
    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            function=SQLITE_MEDIAN,
            template="%(function)s(%(expressions)s)",
            **extra_context,
        )


class _SQLiteMedian:
    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return statistics.median(self.values) if self.values else None


def register_sqlite_median(sender, connection, **kwargs):
    """``connection_created`` receiver: teach a new SQLite connection the median."""
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate(SQLITE_MEDIAN, 1, _SQLiteMedian)
