"""The framework in the workspace database, with an append-only history of every change.

Tables (SQLite through SQLAlchemy Core, portable to PostgreSQL):

- ``framework_versions``: every imported or edited definition, as its nested JSON form.
  The current framework is the latest version; the framework "as of" a date is the latest
  version recorded on or before that date.
- ``framework_observations``: values entered by people for indicators.
- ``framework_assessments``: person assessments of benchmarks (met / partly / not).
- ``framework_changes``: the change log (who, when, what) written in the same transaction
  as each change. Nothing is ever updated or deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    select,
)

from peaceops import audit
from peaceops.errors import InputError, NotFoundError
from peaceops.framework.changes import describe_changes
from peaceops.framework.io import framework_from_dict, framework_to_dict
from peaceops.framework.model import BENCHMARK_STATUSES, Assessment, Framework, Observation
from peaceops.records.documents import dump_definition
from peaceops.records.history import (
    Change,
    History,
    as_of_cutoff,
    current_user,
    now,
    read_entries,
)
from peaceops.workspace import Workspace

__all__ = [
    "Change",
    "as_of_cutoff",
    "assess_benchmark",
    "assessments",
    "changes",
    "current_user",
    "load_framework",
    "metadata",
    "observations",
    "record_observation",
    "record_observations",
    "require_framework",
    "save_framework",
]

metadata = MetaData()

history = History(metadata, "framework")
observations_table = Table(
    "framework_observations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("indicator_id", String(200), nullable=False, index=True),
    Column("value", Float, nullable=False),
    Column("date", Date, nullable=False),
    Column("source", Text, nullable=False, default=""),
    Column("note", Text, nullable=False, default=""),
    Column("entered_by", String(200), nullable=False),
    Column("recorded_at", DateTime, nullable=False),
)
assessments_table = Table(
    "framework_assessments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("benchmark_id", String(200), nullable=False, index=True),
    Column("status", String(20), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("assessed_by", String(200), nullable=False),
    Column("date", Date, nullable=False),
    Column("recorded_at", DateTime, nullable=False),
)


def save_framework(
    ws: Workspace,
    fw: Framework,
    user: str | None = None,
    *,
    at: datetime | None = None,
    source: str = "",
) -> int:
    """Record ``fw`` as the new current definition; returns the version id."""
    ws.ensure_tables(metadata)
    who = current_user(user)
    moment = now(at)
    previous = load_framework(ws)
    what_changed = describe_changes(previous, fw)
    definition = dump_definition(framework_to_dict(fw))
    with ws.transaction() as conn:
        version = history.add_version(
            conn, at=moment, who=who, owner_id=fw.id, definition=definition
        )
        counts = (
            f"{len(fw.priorities)} priorities, {len(fw.areas)} areas, {len(fw.outcomes)} "
            f"outcomes, {len(fw.indicators)} indicators, {len(fw.benchmarks)} benchmarks, "
            f"{len(fw.task_links)} task links"
        )
        origin = f" from {source}" if source else ""
        history.log(
            conn,
            moment,
            who,
            "import",
            fw.id,
            f"version {version}{origin}: {counts}; {what_changed}",
        )
        audit.record(
            conn,
            who,
            "framework.import",
            f"framework:{fw.id}",
            before=_summary(previous),
            after={**(_summary(fw) or {}), "version": version, "source": source},
            at=moment,
        )
    return version


def _summary(fw: Framework | None) -> dict[str, Any] | None:
    if fw is None:
        return None
    return {
        "id": fw.id,
        "priorities": len(fw.priorities),
        "outcomes": len(fw.outcomes),
        "indicators": len(fw.indicators),
        "benchmarks": len(fw.benchmarks),
    }


def load_framework(ws: Workspace, as_of: date | None = None) -> Framework | None:
    """The framework in force on ``as_of`` (default: the current one); None if none.

    ``as_of`` is valid time. A revision takes effect when it is recorded, so on a date after
    the first recording the version in force is the last one recorded by then. Before any
    recording, the first version recorded applies from the framework's own start (its
    earliest baseline date): a framework imported today for a period that began in 2019
    answers for 2020. Before that start there is no framework.
    """
    return history.load(ws, _from_stored, as_of, start=framework_start)


def _from_stored(data: Any) -> Framework:
    return framework_from_dict(data, origin="stored framework")


def framework_start(fw: Framework) -> date | None:
    """The first day a framework speaks for: its earliest baseline date."""
    days = [i.baseline_date for i in fw.indicators if i.baseline_date != date.min]
    return min(days) if days else None


def require_framework(ws: Workspace, as_of: date | None = None) -> Framework:
    """The framework (as of a date); NotFoundError with the remedy that adds one."""
    fw = load_framework(ws, as_of)
    if fw is None:
        when = f" on {as_of.isoformat()}" if as_of else ""
        raise NotFoundError(
            f"no results framework in this workspace{when}",
            missing="a results framework",
            remedy="framework.import",
        )
    return fw


def _check_observation(fw: Framework, obs: Observation, where: str) -> None:
    ind = fw.indicator(obs.indicator_id)
    if ind is None:
        raise InputError(f"{where}unknown indicator {obs.indicator_id!r}", field="indicator_id")
    if ind.computed is not None:
        raise InputError(
            f"{where}indicator {obs.indicator_id!r} is computed from the event data or the "
            "agreement tracker; it takes no observations",
            field="indicator_id",
        )
    if obs.value != obs.value or obs.value in (float("inf"), float("-inf")):
        raise InputError(f"{where}the value must be a finite number", field="value")


def record_observations(
    ws: Workspace,
    rows: Sequence[Observation],
    user: str | None = None,
    *,
    at: datetime | None = None,
    source_file: str = "",
) -> int:
    """Record several observations in one transaction (all or nothing); returns the count."""
    fw = require_framework(ws)
    for obs in rows:
        _check_observation(fw, obs, "")
    who = current_user(user)
    moment = now(at)
    history.append_entries(
        ws,
        observations_table,
        [
            {
                "indicator_id": obs.indicator_id,
                "value": float(obs.value),
                "date": obs.date,
                "source": obs.source,
                "note": obs.note,
                "entered_by": obs.entered_by or who,
            }
            for obs in rows
        ],
        who=who,
        at=moment,
        target="indicator_id",
        audit_action="framework.observe",
        audited=("date", "value", "source", "note"),
        details=f"{len(rows)} observation(s)",
        source_file=source_file,
    )
    return len(rows)


def record_observation(
    ws: Workspace,
    indicator_id: str,
    value: float,
    date: date,
    source: str,
    note: str = "",
    user: str | None = None,
    *,
    at: datetime | None = None,
) -> Observation:
    """Record one observation (validated: known, observation-based indicator, finite value)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(f"the value {value!r} is not a number", field="value") from None
    if not str(source or "").strip():
        raise InputError(
            "an observation needs a source (who published or measured the value)", field="source"
        )
    obs = Observation(
        indicator_id=indicator_id,
        value=number,
        date=date,
        source=source.strip(),
        note=(note or "").strip(),
        entered_by=current_user(user),
    )
    record_observations(ws, [obs], user, at=at)
    return obs


def assess_benchmark(
    ws: Workspace,
    benchmark_id: str,
    status: str,
    evidence: str,
    user: str | None = None,
    date: date | None = None,
    *,
    at: datetime | None = None,
) -> Assessment:
    """Record a person's assessment of a benchmark: met, partly or not, with evidence."""
    fw = require_framework(ws)
    if fw.benchmark(benchmark_id) is None:
        known = ", ".join(b.id for b in fw.benchmarks) or "none"
        raise InputError(
            f"unknown benchmark {benchmark_id!r} (benchmarks: {known})", field="benchmark_id"
        )
    word = (status or "").strip().lower()
    aliases = {"partly met": "partly", "not met": "not", "partial": "partly"}
    word = aliases.get(word, word)
    if word not in BENCHMARK_STATUSES:
        raise InputError(f"status {status!r}: use met, partly or not", field="status")
    if not (evidence or "").strip():
        raise InputError(
            "an assessment needs evidence (what the judgement rests on)", field="evidence"
        )
    who = current_user(user)
    moment = now(at)
    day = date if date is not None else moment.date()
    t = assessments_table
    with ws.transaction() as conn:
        last = conn.execute(
            select(t.c.status, t.c.date, t.c.assessed_by)
            .where(t.c.benchmark_id == benchmark_id)
            .order_by(t.c.date.desc(), t.c.id.desc())
            .limit(1)
        ).first()
        conn.execute(
            insert(assessments_table).values(
                benchmark_id=benchmark_id,
                status=word,
                evidence=evidence.strip(),
                assessed_by=who,
                date=day,
                recorded_at=moment,
            )
        )
        history.log(
            conn, moment, who, "assess", benchmark_id, f"{BENCHMARK_STATUSES[word]} ({day})"
        )
        audit.record(
            conn,
            who,
            "framework.assess",
            f"benchmark:{benchmark_id}",
            before=None if last is None else {"status": last[0], "date": last[1], "by": last[2]},
            after={"status": word, "date": day, "evidence": evidence.strip()},
            at=moment,
        )
    return Assessment(benchmark_id, word, evidence.strip(), who, day)


def observations(ws: Workspace, as_of: date | None = None) -> list[Observation]:
    """Observations valid on ``as_of``: dated on or before it, whenever they were entered.

    Ordered by date; of two values for one date, the one entered later comes last (and so
    wins as the latest value).
    """
    rows = read_entries(
        ws, metadata, observations_table, as_of, order_by=("indicator_id", "date", "id")
    )
    return [
        Observation(
            r["indicator_id"], r["value"], r["date"], r["source"], r["note"], r["entered_by"]
        )
        for r in rows
    ]


def assessments(ws: Workspace, as_of: date | None = None) -> list[Assessment]:
    """Benchmark assessments dated on or before ``as_of`` (valid time), oldest first."""
    rows = read_entries(ws, metadata, assessments_table, as_of)
    return [
        Assessment(r["benchmark_id"], r["status"], r["evidence"], r["assessed_by"], r["date"])
        for r in rows
    ]


def changes(ws: Workspace, as_of: date | None = None) -> list[Change]:
    """The change log, oldest first (up to ``as_of`` when given)."""
    return history.read_changes(ws, as_of)
