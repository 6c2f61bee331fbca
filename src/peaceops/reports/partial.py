"""Partial periods: a year the data covers only in part is labelled so, never shown as whole.

The ACLED Mali export ends on 2020-10-31, so "2020" in a yearly chart holds ten months; drawn
beside full years it looks like a fall in violence. Every yearly label for a year that the
data (or the requested range) covers for less than the whole year carries the months covered:
``2020 (Jan–Oct, partial)``. A gap of up to ``SLACK_DAYS`` at either end is not counted (the
first and last events of a full year rarely fall on 1 January and 31 December).
"""

from __future__ import annotations

from datetime import date

import polars as pl

__all__ = ["SLACK_DAYS", "label_partial_years", "partial_year_label"]

SLACK_DAYS = 31


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
