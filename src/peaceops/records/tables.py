"""Entries read from a CSV file or the first sheet of a workbook, one row a line.

Each row comes back as a ``Row`` placed by its line number ("obs.csv row 7"); a feature checks
its fields and sets bad rows aside with their reasons. A file with any bad row is refused whole
(the error names them, up to fifteen), so nothing is recorded from half a file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from peaceops.errors import InputError
from peaceops.records.rows import Row, problems_text

__all__ = ["ROWS_SHOWN", "SetAside", "read_table"]

# How many bad rows one error message lists before "(and N more)".
ROWS_SHOWN = 15


def _check_header(
    where: str, header: Sequence[str], required: Sequence[str], expected: Sequence[str]
) -> None:
    cols = {h.strip().lower() for h in header if h}
    missing = [c for c in required if c not in cols]
    if missing:
        raise InputError(
            f"{where}: missing column(s) {', '.join(missing)} (expected {', '.join(expected)})"
        )


def _csv_rows(
    path: Path, required: Sequence[str], expected: Sequence[str], place: str
) -> Iterator[Row]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            _check_header(path.name, list(reader.fieldnames or []), required, expected)
            for n, raw in enumerate(reader, 2):
                values = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
                yield Row(f"{place}{n}", values)
    except UnicodeDecodeError:
        raise InputError(f"{path.name} is not UTF-8 text") from None
    except csv.Error as exc:
        raise InputError(f"{path.name} is not a readable CSV file: {exc}") from None


def _xlsx_rows(
    path: Path, required: Sequence[str], expected: Sequence[str], place: str
) -> Iterator[Row]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise InputError(f"{path.name} is not a readable Excel workbook: {exc}") from None
    try:
        sheet = wb.worksheets[0]
        it = sheet.iter_rows(values_only=True)
        header = [str(h).strip().lower() if h is not None else "" for h in next(it, ())]
        _check_header(f"{path.name} sheet '{sheet.title}'", header, required, expected)
        for n, values in enumerate(it, 2):
            cells: list[Any] = [v.date() if isinstance(v, datetime) else v for v in values]
            yield Row(f"{place}{n}", dict(zip(header, cells, strict=False)))
    finally:
        wb.close()


def read_table(
    path: Path,
    required: Sequence[str],
    expected: Sequence[str],
    *,
    place: str | None = None,
    suffixes: Sequence[str] = (".csv", ".xlsx"),
) -> Iterator[Row]:
    """The non-blank rows of a ``.csv`` file or a workbook's first sheet, placed by line.

    ``required`` columns must be in the header (the error lists ``expected``); ``place`` is
    the text before the line number (default: "<file name> row ").
    """
    if not path.is_file():
        raise InputError(f"{path} does not exist")
    suffix = path.suffix.lower()
    where = f"{path.name} row " if place is None else place
    if suffix == ".csv" and ".csv" in suffixes:
        rows = _csv_rows(path, required, expected, where)
    elif suffix == ".xlsx" and ".xlsx" in suffixes:
        rows = _xlsx_rows(path, required, expected, where)
    else:
        raise InputError(f"{path.name}: use a {' or '.join(suffixes)} file")
    return (row for row in rows if not row.is_blank())


class SetAside:
    """Rows set aside: each with its place (line number) and reasons."""

    def __init__(self) -> None:
        self.rows: list[str] = []

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, row: Row, problems: Sequence[str]) -> None:
        self.rows.append(f"{row.where}: " + "; ".join(problems))

    def refuse(self, found: int, name: str, what: str, prefix: str = "") -> None:
        """InputError naming the bad rows, if any, else when no row was good ('has no <what>')."""
        if self.rows:
            raise InputError(
                f"{prefix}{len(self.rows)} bad row(s), nothing recorded: "
                + problems_text(self.rows, ROWS_SHOWN)
            )
        if not found:
            raise InputError(f"{name} has no {what}")
