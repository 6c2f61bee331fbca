"""Read assumption judgements and consultations from CSV or Excel (first sheet).

Assumptions: ``assumption, date, status, source, note``. Consultations: ``date,
stakeholders, format, points, source`` and optionally ``objectives`` (lists separated by
commas or semicolons). Every bad row is reported with its row number and reason, and nothing
is returned unless the whole file is good.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from peaceops.errors import InputError
from peaceops.framework.model import Row, parse_iso_date, split_list
from peaceops.strategy.model import ASSUMPTION_STATUSES, AssumptionEntry, Consultation, Strategy
from peaceops.strategy.model import normalise_status as _status

__all__ = [
    "ASSUME_COLUMNS",
    "CONSULT_COLUMNS",
    "read_assumption_entries",
    "read_consultations",
]

ASSUME_COLUMNS = ("assumption", "date", "status", "source", "note")
CONSULT_COLUMNS = ("date", "stakeholders", "objectives", "format", "points", "source")
_CONSULT_REQUIRED = ("date", "stakeholders", "format", "points", "source")


def _check_header(
    name: str, header: list[str], required: tuple[str, ...], all_: tuple[str, ...]
) -> None:
    cols = {h.strip().lower() for h in header if h}
    missing = [c for c in required if c not in cols]
    if missing:
        raise InputError(
            f"{name}: missing column(s) {', '.join(missing)} (expected {', '.join(all_)})"
        )


def _rows(path: Path, required: tuple[str, ...], all_: tuple[str, ...]) -> Iterator[Row]:
    if not path.is_file():
        raise InputError(f"{path} does not exist")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                reader = csv.DictReader(fh)
                _check_header(path.name, list(reader.fieldnames or []), required, all_)
                for n, row in enumerate(reader, 2):
                    values = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
                    yield Row(f"{path.name} row {n}", values)
        except UnicodeDecodeError:
            raise InputError(f"{path.name} is not UTF-8 text") from None
    elif suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a bad file
            raise InputError(f"{path.name} is not a readable Excel workbook: {exc}") from None
        try:
            it = wb.worksheets[0].iter_rows(values_only=True)
            header = [str(h).strip().lower() if h is not None else "" for h in next(it, ())]
            _check_header(path.name, header, required, all_)
            for n, values in enumerate(it, 2):
                cells = [v.date() if isinstance(v, datetime) else v for v in values]
                yield Row(f"{path.name} row {n}", dict(zip(header, cells, strict=False)))
        finally:
            wb.close()
    else:
        raise InputError(f"{path.name}: use a .csv or .xlsx file")


def _text(row: Row, key: str) -> str:
    raw = row.values.get(key)
    return "" if raw is None else " ".join(str(raw).split())


def _blank(row: Row) -> bool:
    return all(v is None or str(v).strip() == "" for v in row.values.values())


def _finish(errors: list[str], found: int, name: str, what: str) -> None:
    if errors:
        shown = "; ".join(errors[:15])
        more = f" (and {len(errors) - 15} more)" if len(errors) > 15 else ""
        raise InputError(f"{len(errors)} bad row(s), nothing recorded: {shown}{more}")
    if not found:
        raise InputError(f"{name} has no {what}")


def read_assumption_entries(path: Path, st: Strategy) -> list[AssumptionEntry]:
    """Validated judgements from ``path`` against the strategy's assumptions."""
    out: list[AssumptionEntry] = []
    errors: list[str] = []
    known = {a.id for a in st.assumptions}
    for row in _rows(path, ASSUME_COLUMNS[:4], ASSUME_COLUMNS):
        if _blank(row):
            continue
        problems: list[str] = []
        aid = _text(row, "assumption")
        if not aid:
            problems.append("'assumption' is missing")
        elif aid not in known:
            problems.append(f"unknown assumption {aid!r} (known: {', '.join(sorted(known))})")
        day = _day(row, problems)
        raw = _text(row, "status")
        status = _status(raw)
        if not raw:
            problems.append("'status' is missing")
        elif status is None:
            problems.append(f"status {raw!r} is not one of {', '.join(ASSUMPTION_STATUSES)}")
        source = _text(row, "source")
        if not source:
            problems.append("'source' is missing")
        if problems or day is None or status is None:
            errors.append(f"{row.where}: " + "; ".join(problems))
            continue
        out.append(AssumptionEntry(aid, day, status, source, _text(row, "note")))
    _finish(errors, len(out), path.name, "assumption statuses")
    return out


def _day(row: Row, problems: list[str]) -> Any:
    try:
        return parse_iso_date(row.values.get("date"), "'date'")
    except InputError as exc:
        problems.append(str(exc))
        return None


def read_consultations(path: Path, st: Strategy) -> list[Consultation]:
    """Validated consultations from ``path`` against the strategy's stakeholders/objectives."""
    out: list[Consultation] = []
    errors: list[str] = []
    holders = {s.id for s in st.stakeholders}
    objectives = {o.id for o in st.objectives}
    for row in _rows(path, _CONSULT_REQUIRED, CONSULT_COLUMNS):
        if _blank(row):
            continue
        problems: list[str] = []
        day = _day(row, problems)
        who = split_list(row.values.get("stakeholders"))
        if not who:
            problems.append("'stakeholders' is missing (who was consulted)")
        problems += [f"unknown stakeholder {w!r}" for w in who if w not in holders]
        about = split_list(row.values.get("objectives"))
        problems += [f"unknown objective {o!r}" for o in about if o not in objectives]
        for key in ("format", "points", "source"):
            if not _text(row, key):
                problems.append(f"'{key}' is missing")
        if problems or day is None:
            errors.append(f"{row.where}: " + "; ".join(problems))
            continue
        out.append(
            Consultation(
                date=day,
                stakeholders=who,
                format=_text(row, "format"),
                points=_text(row, "points"),
                source=_text(row, "source"),
                objectives=about,
            )
        )
    _finish(errors, len(out), path.name, "consultations")
    return out
