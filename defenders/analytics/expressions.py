"""Database expressions the figures need and Django lacks, written once for SQLite and once for PostgreSQL:
the days between two dates, a date some days after another, and the median of a group (PostgreSQL's
percentile_cont, an aggregate added to SQLite)."""

import statistics
from typing import Any

from django.db.models import Aggregate, DateField, FloatField, Func, IntegerField


class DaysBetween(Func):
    """Whole days from the first date to the second (NULL when either is NULL)."""

    arity = 2
    output_field = IntegerField()

    def __init__(self, start: Any, end: Any, **extra: Any) -> None:
        # Kept end first, so that the SQL reads "end - start".
        super().__init__(end, start, **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        # date - date is a whole number of days in PostgreSQL.
        return self.as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra_context
        )


class DaysAfter(Func):
    """The date a whole number of days after a date."""

    arity = 2
    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite's date modifier reads "60 days" (a text): the number is written into it.
        return self.as_sql(
            compiler,
            connection,
            template="date(%(expressions)s || ' days')",
            arg_joiner=", ",
            **extra_context,
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        # date + integer is a date in PostgreSQL.
        return self.as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" + ", **extra_context
        )


class Median(Aggregate):
    """The median of the non-NULL values of a group, the mean of the two middle ones when their number is even."""

    function = "DEFENDERS_MEDIAN"
    name = "Median"
    output_field = FloatField()
    allow_distinct = False

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY %(expressions)s)",
            **extra_context,
        )


class _SQLiteMedian:
    """The aggregate SQLite calls, row by row inside the database engine, for DEFENDERS_MEDIAN(x)."""

    def __init__(self) -> None:
        self.values: list[float] = []

    def step(self, value: Any) -> None:
        if value is not None:
            self.values.append(value)

    def finalize(self) -> float | None:
        return float(statistics.median(self.values)) if self.values else None


def register_sqlite_median(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("DEFENDERS_MEDIAN", 1, _SQLiteMedian)


class IsoWeekDay(Func):
    """The ISO day of the week of a date, Monday 1 to Sunday 7, in the engine's own code (Django's extract is a
    Python function per row on SQLite)."""

    arity = 1
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            # Written %%%% so that a literal % survives both this template and the query's own parameters.
            template="((CAST(strftime('%%%%w', %(expressions)s) AS INTEGER) + 6) %%%% 7 + 1)",
            **extra_context,
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(EXTRACT(ISODOW FROM %(expressions)s) AS INTEGER)",
            **extra_context,
        )


class YearOf(Func):
    """The year of a date, in the engine's own code (SQLite stores a date as its ISO text)."""

    arity = 1
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="CAST(substr(%(expressions)s, 1, 4) AS INTEGER)", **extra_context
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(EXTRACT(YEAR FROM %(expressions)s) AS INTEGER)",
            **extra_context,
        )
