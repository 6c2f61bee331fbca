"""Read indicator observations from CSV or Excel (first sheet).

Columns: ``indicator``, ``date``, ``value``, ``source`` (required), ``note`` and
``entered_by`` (optional). Every bad row is reported with its row number and reason, and
nothing is recorded unless the whole file is good.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from peaceops.errors import InputError
from peaceops.framework.model import Framework, Observation, parse_iso_date

__all__ = ["OBSERVATION_COLUMNS", "read_observations"]

OBSERVATION_COLUMNS = ("indicator", "date", "value", "source", "note", "entered_by")
_REQUIRED = ("indicator", "date", "value", "source")


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            _check_header(path.name, "", list(reader.fieldnames or []))
            for n, row in enumerate(reader, 2):
                yield n, {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    except UnicodeDecodeError:
        raise InputError(f"{path.name} is not UTF-8 text") from None


def _check_header(name: str, sheet: str, header: list[str]) -> None:
    cols = {h.strip().lower() for h in header if h}
    missing = [c for c in _REQUIRED if c not in cols]
    if missing:
        raise InputError(
            f"{name}{sheet}: missing column(s) {', '.join(missing)} "
            f"(expected {', '.join(OBSERVATION_COLUMNS)})"
        )


def _xlsx_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise InputError(f"{path.name} is not a readable Excel workbook: {exc}") from None
    try:
        sheet = wb.worksheets[0]
        it = sheet.iter_rows(values_only=True)
        header = [str(h).strip().lower() if h is not None else "" for h in next(it, ())]
        _check_header(path.name, f" sheet '{sheet.title}'", header)
        for n, values in enumerate(it, 2):
            yield n, dict(zip(header, values, strict=False))
    finally:
        wb.close()


def _text(row: Mapping[str, Any], key: str) -> str:
    raw = row.get(key)
    return "" if raw is None else str(raw).strip()


def read_observations(path: Path, fw: Framework) -> list[Observation]:
    """Validated observations from ``path`` against the framework's indicators."""
    if not path.is_file():
        raise InputError(f"{path} does not exist")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(path)
        where = f"{path.name} row"
    elif suffix == ".xlsx":
        rows = _xlsx_rows(path)
        where = f"{path.name} row"
    else:
        raise InputError(f"{path.name}: use a .csv or .xlsx file")
    out: list[Observation] = []
    errors: list[str] = []
    for n, row in rows:
        if all(v is None or str(v).strip() == "" for v in row.values()):
            continue
        problems: list[str] = []
        iid = _text(row, "indicator")
        ind = fw.indicator(iid)
        if not iid:
            problems.append("'indicator' is missing")
        elif ind is None:
            problems.append(f"unknown indicator {iid!r}")
        elif ind.computed is not None:
            problems.append(
                f"indicator {iid!r} is computed from event data or the agreement tracker"
            )
        raw_date = row.get("date")
        day = None
        try:
            day = parse_iso_date(
                raw_date.date() if isinstance(raw_date, datetime) else raw_date, "'date'"
            )
        except InputError as exc:
            problems.append(str(exc))
        value = 0.0
        try:
            value = float(str(row.get("value")).strip().replace(",", ""))
            if value != value:
                raise ValueError
        except (TypeError, ValueError):
            problems.append(f"'value' {row.get('value')!r} is not a number")
        source = _text(row, "source")
        if not source:
            problems.append("'source' is missing")
        if problems or day is None:
            errors.append(f"{where} {n}: " + "; ".join(problems))
            continue
        out.append(
            Observation(iid, value, day, source, _text(row, "note"), _text(row, "entered_by"))
        )
    if errors:
        shown = "; ".join(errors[:15])
        more = f" (and {len(errors) - 15} more)" if len(errors) > 15 else ""
        raise InputError(f"{len(errors)} bad row(s), nothing recorded: {shown}{more}")
    if not out:
        raise InputError(f"{path.name} has no observations")
    return out
