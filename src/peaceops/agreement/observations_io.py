"""Read provision status entries from a CSV file, all or nothing.

Columns: ``provision``, ``date``, ``level``, ``source`` (required), ``note`` and ``entered_by``
(optional). An unknown provision, a level that is not a whole number from 0 to 3, a missing or
future date, or a missing source refuses the whole file: the error names every bad row (up to
fifteen) and nothing is recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from peaceops.agreement.model import LEVELS, MAX_LEVEL, Agreement, StatusEntry
from peaceops.errors import InputError
from peaceops.records.rows import parse_iso_date
from peaceops.records.tables import SetAside, read_table

__all__ = [
    "OBSERVATION_COLUMNS",
    "FieldProblem",
    "check_entry",
    "parse_level",
    "read_status_entries",
]

OBSERVATION_COLUMNS = ("provision", "date", "level", "source", "note", "entered_by")
_REQUIRED = ("provision", "date", "level", "source")


@dataclass(frozen=True)
class FieldProblem:
    """A problem with one field of an entry (the web form shows it beside that field)."""

    field: str
    message: str


def parse_level(raw: Any) -> int:
    """A level 0-3 from a number or text; InputError naming the allowed values otherwise."""
    text = "" if raw is None else str(raw).strip()
    if not text:
        raise InputError("'level' is missing")
    try:
        number = float(text)
    except ValueError:
        raise InputError(f"'level' {text!r} is not a number from 0 to {MAX_LEVEL}") from None
    if not number.is_integer() or not 0 <= number <= MAX_LEVEL:
        allowed = ", ".join(f"{k} {v}" for k, v in LEVELS.items())
        raise InputError(f"'level' {text} is outside the scale ({allowed})")
    return int(number)


def check_entry(
    agreement: Agreement, values: Mapping[str, Any], today: date | None = None
) -> tuple[StatusEntry | None, list[FieldProblem]]:
    """Validate one entry's fields; the entry, or the problems field by field."""
    problems: list[FieldProblem] = []
    pid = str(values.get("provision") or "").strip()
    if not pid:
        problems.append(FieldProblem("provision", "'provision' is missing"))
    elif agreement.provision(pid) is None:
        problems.append(FieldProblem("provision", f"unknown provision {pid!r}"))
    day: date | None = None
    try:
        day = parse_iso_date(values.get("date"), "'date'")
        if day > (today or date.today()):
            problems.append(FieldProblem("date", f"'date' {day.isoformat()} is in the future"))
    except InputError as exc:
        problems.append(FieldProblem("date", str(exc)))
    level = 0
    try:
        level = parse_level(values.get("level"))
    except InputError as exc:
        problems.append(FieldProblem("level", str(exc)))
    source = str(values.get("source") or "").strip()
    if not source:
        problems.append(
            FieldProblem("source", "'source' is missing (document and page or paragraph)")
        )
    if problems or day is None:
        return None, problems
    entry = StatusEntry(
        provision_id=pid,
        date=day,
        level=level,
        source=source,
        note=str(values.get("note") or "").strip(),
        entered_by=str(values.get("entered_by") or "").strip(),
    )
    return entry, []


def read_status_entries(
    path: Path, agreement: Agreement, today: date | None = None
) -> list[StatusEntry]:
    """Validated status entries from a CSV file; InputError naming every bad row otherwise."""
    if not path.is_file():
        raise InputError(f"{path} does not exist")
    if path.suffix.lower() != ".csv":
        raise InputError(f"{path.name}: use a .csv file (columns {', '.join(_REQUIRED)}, note)")
    out: list[StatusEntry] = []
    bad = SetAside()
    columns = OBSERVATION_COLUMNS[:5]
    for row in read_table(path, _REQUIRED, columns, place="row ", suffixes=(".csv",)):
        entry, problems = check_entry(agreement, row.values, today)
        if problems:
            bad.add(row, [p.message for p in problems])
        elif entry is not None:
            out.append(entry)
    bad.refuse(len(out), path.name, "status entries", prefix=f"{path.name}: ")
    return out
