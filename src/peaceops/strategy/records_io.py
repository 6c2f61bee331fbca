"""Read assumption judgements and consultations from CSV or Excel (first sheet).

Assumptions: ``assumption, date, status, source, note``. Consultations: ``date,
stakeholders, format, points, source`` and optionally ``objectives`` (lists separated by
commas or semicolons). Every bad row is reported with its row number and reason, and nothing
is returned unless the whole file is good.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from peaceops.errors import InputError
from peaceops.records.rows import Row, parse_iso_date, split_list
from peaceops.records.tables import SetAside, read_table
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


def _text(row: Row, key: str) -> str:
    raw = row.values.get(key)
    return "" if raw is None else " ".join(str(raw).split())


def read_assumption_entries(path: Path, st: Strategy) -> list[AssumptionEntry]:
    """Validated judgements from ``path`` against the strategy's assumptions."""
    out: list[AssumptionEntry] = []
    bad = SetAside()
    known = {a.id for a in st.assumptions}
    for row in read_table(path, ASSUME_COLUMNS[:4], ASSUME_COLUMNS):
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
            bad.add(row, problems)
            continue
        out.append(AssumptionEntry(aid, day, status, source, _text(row, "note")))
    bad.refuse(len(out), path.name, "assumption statuses")
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
    bad = SetAside()
    holders = {s.id for s in st.stakeholders}
    objectives = {o.id for o in st.objectives}
    for row in read_table(path, _CONSULT_REQUIRED, CONSULT_COLUMNS):
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
            bad.add(row, problems)
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
    bad.refuse(len(out), path.name, "consultations")
    return out
