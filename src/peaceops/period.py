"""Periods and dates: the one parser of user dates and the one home of period labels.

A ``Period`` is a calendar year, quarter or month, labelled ``2019``, ``2019-Q2`` or
``2019-05``; ``periods`` lists the labels of a date range. ``parse_day`` reads the dates users
type (``2019-05-14``, ``2019-05`` or ``2019``) as the first day of that period, or its last day
with ``end=True``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, TypeAlias

from peaceops.errors import InputError

__all__ = [
    "KINDS",
    "DateLike",
    "Period",
    "PeriodKind",
    "add_months",
    "as_day",
    "month_end",
    "month_start",
    "parse_day",
    "period_label",
    "periods",
    "quarter_start",
]

PeriodKind = Literal["year", "quarter", "month"]
# What the Python API takes for a date: a ``date`` (or ``datetime``) or an ISO string.
DateLike: TypeAlias = date | str
KINDS: tuple[PeriodKind, ...] = ("year", "quarter", "month")
_PER_YEAR = {"year": 1, "quarter": 4, "month": 12}
_LABEL = re.compile(r"(\d{4})(?:-Q([1-4])|-(\d{2}))?")


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after (or before) ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def quarter_start(day: date) -> date:
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def period_label(kind: str, year: int, sub: int) -> str:
    """The label of one period: ``2019``, ``2019-Q2`` or ``2019-05``."""
    if kind == "year":
        return f"{year:04d}"
    if kind == "quarter":
        return f"{year:04d}-Q{sub}"
    return f"{year:04d}-{sub:02d}"


@dataclass(frozen=True, order=True)
class Period:
    """One calendar year, quarter or month."""

    kind: PeriodKind
    year: int
    sub: int = 0  # the quarter (1-4) or month (1-12); 0 for a year

    @classmethod
    def of(cls, kind: PeriodKind, day: date) -> Period:
        """The period of ``kind`` holding ``day``."""
        if kind == "year":
            return cls("year", day.year)
        if kind == "quarter":
            return cls("quarter", day.year, (day.month - 1) // 3 + 1)
        return cls("month", day.year, day.month)

    @classmethod
    def parse(cls, label: str) -> Period:
        """The period of a label ``2019``, ``2019-Q2`` or ``2019-05`` (InputError otherwise)."""
        found = _LABEL.fullmatch(label.strip())
        if found is None or (found[3] is not None and not 1 <= int(found[3]) <= 12):
            raise InputError(f"{label!r} is not a period: use 2019, 2019-Q2 or 2019-05")
        year = int(found[1])
        if found[2]:
            return cls("quarter", year, int(found[2]))
        if found[3]:
            return cls("month", year, int(found[3]))
        return cls("year", year)

    @property
    def label(self) -> str:
        return period_label(self.kind, self.year, self.sub)

    @property
    def start(self) -> date:
        if self.kind == "year":
            return date(self.year, 1, 1)
        if self.kind == "quarter":
            return date(self.year, (self.sub - 1) * 3 + 1, 1)
        return date(self.year, self.sub, 1)

    @property
    def end(self) -> date:
        if self.kind == "year":
            return date(self.year, 12, 31)
        month = self.sub * 3 if self.kind == "quarter" else self.sub
        return month_end(date(self.year, month, 1))

    def next(self) -> Period:
        if self.kind == "year":
            return Period("year", self.year + 1)
        if self.sub >= _PER_YEAR[self.kind]:
            return Period(self.kind, self.year + 1, 1)
        return Period(self.kind, self.year, self.sub + 1)

    def __str__(self) -> str:
        return self.label


def periods(kind: PeriodKind, first: date, last: date) -> list[Period]:
    """Every period of ``kind`` from the one holding ``first`` to the one holding ``last``."""
    if last < first:
        return []
    out = []
    current, stop = Period.of(kind, first), Period.of(kind, last)
    while current <= stop:
        out.append(current)
        current = current.next()
    return out


def parse_day(value: str | None, *, end: bool = False, field: str | None = None) -> date | None:
    """A date typed by a user: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (None when empty).

    A month or a year stands for its first day, or its last day with ``end=True``.
    """
    text = (value or "").strip()
    if not text:
        return None
    try:
        if re.fullmatch(r"\d{4}", text):
            year = Period("year", int(text))
            return year.end if end else year.start
        if re.fullmatch(r"\d{4}-\d{2}", text):
            month = Period("month", int(text[:4]), int(text[5:]))
            return month.end if end else month.start
        return date.fromisoformat(text)
    except ValueError:
        pass
    raise InputError(f"{text!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY", field=field)


def as_day(value: DateLike | None, *, end: bool = False, field: str | None = None) -> date | None:
    """A date given to the Python API: a ``date``, a ``datetime`` (its day) or a string read
    as ``parse_day`` reads it (``2019-05-14``, ``2019-05`` or ``2019``; with ``end=True`` a
    month or a year stands for its last day). None stays None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_day(value, end=end, field=field)
    raise InputError(f"{value!r} is not a date: use a date or YYYY-MM-DD", field=field)
