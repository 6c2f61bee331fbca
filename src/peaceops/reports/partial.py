"""Partial periods: a year the data covers only in part is labelled so, never shown as whole.

The ACLED Mali export ends on 2020-10-31, so "2020" in a yearly chart holds ten months; drawn
beside full years it looks like a fall in violence. Every yearly label for a year that the
data (or the requested range) covers for less than the whole year carries the months covered:
``2020 (Jan–Oct, partial)``. A gap of up to ``SLACK_DAYS`` at either end is not counted (the
first and last events of a full year rarely fall on 1 January and 31 December).

Where the data starts: the events say only when the first one happened, not when the source
began to record, so coverage starts on the first day of the first event's month
(``coverage_start``). A first event on 6 January 1997 leaves 1997 (and January 1997) whole; a
first event in March marks the year partial from March. The end is the last event's day.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from peaceops.errors import InputError
from peaceops.events.analysis import event_range
from peaceops.period import Period
from peaceops.workspace import Workspace

__all__ = [
    "SLACK_DAYS",
    "coverage_start",
    "covered_range",
    "covered_span",
    "label_partial_years",
    "mark_partial",
    "partial_year_label",
    "with_partial_column",
]

SLACK_DAYS = 31


def coverage_start(first_event: date) -> date:
    """The day the data's coverage starts, from its first event: the first of that month (no
    source states its own start, and a first event a few days into a month is no gap)."""
    return first_event.replace(day=1)


def partial_year_label(year: int, first: date, last: date) -> str:
    """``"2020"`` when ``first``..``last`` covers the year, else ``"2020 (Jan–Oct, partial)"``."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    a, b = max(start, first), min(end, last)
    if (a - start).days <= SLACK_DAYS and (end - b).days <= SLACK_DAYS:
        return str(year)
    if a > b:
        return f"{year} (no data)"
    months = f"{a:%b}–{b:%b}" if a.month != b.month else f"{a:%b}"
    return f"{year} ({months}, partial)"


def label_partial_years(
    df: pl.DataFrame, first: date | None, last: date | None, column: str = "period"
) -> pl.DataFrame:
    """``df`` with its yearly ``column`` labels marked where the years are partial."""
    if first is None or last is None or column not in df.columns or df.is_empty():
        return df
    labels = {
        p: partial_year_label(int(p), first, last)
        for p in df.get_column(column).cast(pl.Utf8).unique().to_list()
        if p is not None and str(p).isdigit() and len(str(p)) == 4
    }
    if not labels or all(k == v for k, v in labels.items()):
        return df
    return df.with_columns(pl.col(column).cast(pl.Utf8).replace(labels).alias(column))


def covered_span(label: str, first: date, last: date) -> tuple[date, date] | None:
    """The days of period ``label`` that ``first``..``last`` covers, when that is not all of
    it (as the web's "2020*" note: no slack); None for a whole period or an unknown label."""
    try:
        span = Period.parse(label)
    except InputError:
        return None
    lo, hi = max(span.start, first), min(span.end, last)
    if (lo, hi) == (span.start, span.end) or lo > hi:
        return None
    return lo, hi


def with_partial_column(
    df: pl.DataFrame, first: date | None, last: date | None, column: str = "period"
) -> pl.DataFrame:
    """``df`` with a ``partial`` column: the days covered (``"2020-01-01 to 2020-10-31"``) for
    a period ``first``..``last`` covers only in part, else ``""`` - the web's CSV column."""
    if first is None or last is None or column not in df.columns or "partial" in df.columns:
        return df
    covered: dict[str, str] = {}
    for label in df.get_column(column).cast(pl.Utf8).unique().to_list():
        span = covered_span(str(label), first, last) if label is not None else None
        covered[str(label)] = f"{span[0]} to {span[1]}" if span else ""
    return df.with_columns(
        pl.col(column)
        .cast(pl.Utf8)
        .replace_strict(covered, default="", return_dtype=pl.Utf8)
        .alias("partial")
    )


def covered_range(
    ws: Workspace, start: date | None = None, end: date | None = None
) -> tuple[date, date] | None:
    """The days the events cover within ``start``..``end``: the span a period must fill to
    be whole (None without events)."""
    span = event_range(ws)
    if span is None:
        return None
    first = max(coverage_start(span[0]), start) if start is not None else coverage_start(span[0])
    last = min(span[1], end) if end is not None else span[1]
    return first, last


def mark_partial(
    ws: Workspace, df: pl.DataFrame, start: date | None = None, end: date | None = None
) -> pl.DataFrame:
    """``df`` (a series over ``start``..``end``) with its ``partial`` column (see
    ``with_partial_column``), so no writer shows a part of a year as the whole."""
    span = covered_range(ws, start, end)
    return with_partial_column(df, *span) if span else df
