"""Read indicator observations from CSV or Excel (first sheet).

Columns: ``indicator``, ``date``, ``value``, ``source`` (required), ``note`` and
``entered_by`` (optional). Every bad row is reported with its row number and reason, and
nothing is recorded unless the whole file is good.
"""

from __future__ import annotations

from pathlib import Path

from peaceops.errors import InputError
from peaceops.framework.model import Framework, Observation
from peaceops.records.rows import Row, parse_iso_date
from peaceops.records.tables import SetAside, read_table

__all__ = ["OBSERVATION_COLUMNS", "read_observations"]

OBSERVATION_COLUMNS = ("indicator", "date", "value", "source", "note", "entered_by")
_REQUIRED = ("indicator", "date", "value", "source")


def _text(row: Row, key: str) -> str:
    raw = row.values.get(key)
    return "" if raw is None else str(raw).strip()


def read_observations(path: Path, fw: Framework) -> list[Observation]:
    """Validated observations from ``path`` against the framework's indicators."""
    out: list[Observation] = []
    bad = SetAside()
    for row in read_table(path, _REQUIRED, OBSERVATION_COLUMNS):
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
        day = None
        try:
            day = parse_iso_date(row.values.get("date"), "'date'")
        except InputError as exc:
            problems.append(str(exc))
        value = 0.0
        try:
            value = float(str(row.values.get("value")).strip().replace(",", ""))
            if value != value:
                raise ValueError
        except (TypeError, ValueError):
            problems.append(f"'value' {row.values.get('value')!r} is not a number")
        source = _text(row, "source")
        if not source:
            problems.append("'source' is missing")
        if problems or day is None:
            bad.add(row, problems)
            continue
        out.append(
            Observation(iid, value, day, source, _text(row, "note"), _text(row, "entered_by"))
        )
    bad.refuse(len(out), path.name, "observations")
    return out
