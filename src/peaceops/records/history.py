"""Versioned definitions and a change log in the workspace database, read "as of" a date.

A record-keeping feature (framework, agreement, strategy) stores every imported or amended
definition whole, as the JSON of its nested form, in ``<feature>_versions``, and one line per
change (who, when, what) in ``<feature>_changes``, written in the same transaction as the
change. Nothing is ever updated or deleted: the definition "as of" a date is the latest
version recorded by the end of that day.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, TypeVar

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Integer,
    MetaData,
    RowMapping,
    String,
    Table,
    Text,
    insert,
    select,
)
from sqlalchemy.sql.elements import ColumnElement

from peaceops import audit
from peaceops.workspace import Workspace

__all__ = [
    "HISTORY_COLUMNS",
    "Change",
    "History",
    "as_of_cutoff",
    "current_user",
    "newest_first",
    "now",
    "read_entries",
    "targets_text",
]

T = TypeVar("T")

# The fields of a change log entry as JSON and CSV show it, in order.
HISTORY_COLUMNS = ("id", "at", "who", "action", "target", "details")


@dataclass(frozen=True)
class Change:
    """One entry of a change log."""

    id: int
    at: datetime
    who: str
    action: str  # import | observe | assess | assume | consult ...
    target: str
    details: str

    def as_row(self) -> dict[str, Any]:
        """The columns a history table, CSV or JSON shows (the id is internal)."""
        return {
            "at": self.at,
            "who": self.who,
            "action": self.action,
            "target": self.target,
            "details": self.details,
        }


def newest_first(changes: Sequence[Change]) -> list[dict[str, Any]]:
    """A change log as the pages, the API and the CLI's JSON and CSV show it: newest first,
    every field (``HISTORY_COLUMNS``)."""
    return [{"id": c.id, **c.as_row()} for c in reversed(changes)]


def current_user(user: str | None = None) -> str:
    """The name recorded with a change: the given one, else the acting user (the signed-in
    web user, the CLI's ``--as``, else the OS user), as the audit trail records it."""
    return audit.user_name(user)


def now(at: datetime | None = None) -> datetime:
    """The moment recorded with a change: ``at`` (default: now) in UTC, to the second."""
    moment = at if at is not None else datetime.now(UTC)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def as_of_cutoff(as_of: date | None) -> datetime | None:
    """The last moment included when reporting as of a date (the end of that day, UTC)."""
    return None if as_of is None else datetime.combine(as_of, time.max).replace(microsecond=0)


def targets_text(ids: Sequence[str], shown: int = 5) -> str:
    """The ids a change touched, for the change log: the first few, then '...'."""
    return ", ".join(ids[:shown]) + (" ..." if len(ids) > shown else "")


class History:
    """A feature's stored versions and change log (tables ``<feature>_versions``/``_changes``).

    ``sha``: the versions table keeps a hash of each definition (to skip storing the same
    one again). The tables go on the feature's own ``metadata``.
    """

    def __init__(self, metadata: MetaData, feature: str, *, sha: bool = False) -> None:
        self.metadata = metadata
        self.owner = f"{feature}_id"
        self.versions = Table(
            f"{feature}_versions",
            metadata,
            Column("id", Integer, primary_key=True, autoincrement=True),
            Column("recorded_at", DateTime, nullable=False),
            Column("recorded_by", String(200), nullable=False),
            Column(self.owner, String(200), nullable=False),
            *([Column("sha", String(64), nullable=False)] if sha else []),
            Column("definition", Text, nullable=False),
        )
        self.changes = Table(
            f"{feature}_changes",
            metadata,
            Column("id", Integer, primary_key=True, autoincrement=True),
            Column("at", DateTime, nullable=False),
            Column("who", String(200), nullable=False),
            Column("action", String(40), nullable=False),
            Column("target", String(200), nullable=False),
            Column("details", Text, nullable=False),
        )

    def log(
        self, conn: Connection, at: datetime, who: str, action: str, target: str, details: str
    ) -> None:
        """One line in the change log (inside the change's own transaction)."""
        conn.execute(
            insert(self.changes).values(
                at=at, who=who, action=action, target=target, details=details
            )
        )

    def add_version(
        self,
        conn: Connection,
        *,
        at: datetime,
        who: str,
        owner_id: str,
        definition: str,
        sha: str | None = None,
    ) -> int:
        """Store a definition as the newest version; returns its id."""
        values: dict[str, Any] = {
            "recorded_at": at,
            "recorded_by": who,
            self.owner: owner_id,
            "definition": definition,
        }
        if sha is not None:
            values["sha"] = sha
        pk = conn.execute(insert(self.versions).values(**values)).inserted_primary_key
        return int(pk[0]) if pk else 0

    def append_entries(
        self,
        ws: Workspace,
        table: Table,
        entries: Sequence[Mapping[str, Any]],
        *,
        who: str,
        at: datetime,
        target: str,
        audit_action: str,
        audited: Sequence[str],
        details: str,
        source_file: str = "",
    ) -> None:
        """Append entries (column -> value, ``target`` naming what each is about, e.g.
        ``indicator_id``) in one transaction, all or nothing: an audit row each, carrying the
        ``audited`` columns, and one line in the change log ("observe")."""
        kind = target.removesuffix("_id")
        file = {"file": source_file} if source_file else {}
        with ws.transaction() as conn:
            for values in entries:
                conn.execute(insert(table).values(**values, recorded_at=at))
                after = {key: values[key] for key in audited}
                audit.record(
                    conn,
                    who,
                    audit_action,
                    f"{kind}:{values[target]}",
                    after={**after, **file},
                    at=at,
                )
            ids = sorted({str(values[target]) for values in entries})
            origin = f" from {source_file}" if source_file else ""
            self.log(conn, at, who, "observe", targets_text(ids), f"{details}{origin}")

    def last(self, ws: Workspace) -> RowMapping | None:
        """The newest version's row (id, definition, and sha where kept); None if none."""
        ws.ensure_tables(self.metadata)
        t = self.versions
        with ws.engine.connect() as conn:
            return conn.execute(select(t).order_by(t.c.id.desc()).limit(1)).mappings().first()

    def load(
        self,
        ws: Workspace,
        build: Callable[[Any], T],
        as_of: date | None = None,
        start: Callable[[T], date | None] | None = None,
    ) -> T | None:
        """The definition in force on ``as_of`` (default: the newest), built from its JSON.

        A version takes effect when it is recorded. With ``start``, a date before the first
        recording is answered by the first version when it already applied then (on or after
        the day ``start`` gives); without, there is nothing before the first recording.
        """
        ws.ensure_tables(self.metadata)
        t = self.versions
        query = select(t.c.definition).order_by(t.c.id.desc()).limit(1)
        cutoff = as_of_cutoff(as_of)
        if cutoff is not None:
            query = query.where(t.c.recorded_at <= cutoff)
        with ws.engine.connect() as conn:
            row = conn.execute(query).first()
            if row is None and as_of is not None and start is not None:
                first = conn.execute(select(t.c.definition).order_by(t.c.id).limit(1)).first()
                if first is not None:
                    found = build(json.loads(str(first[0])))
                    begins = start(found)
                    return found if begins is not None and begins <= as_of else None
        if row is None:
            return None
        return build(json.loads(str(row[0])))

    def read_changes(self, ws: Workspace, as_of: date | None = None) -> list[Change]:
        """The change log, oldest first (up to the end of ``as_of`` when given)."""
        ws.ensure_tables(self.metadata)
        t = self.changes
        query = select(t).order_by(t.c.at, t.c.id)
        cutoff = as_of_cutoff(as_of)
        if cutoff is not None:
            query = query.where(t.c.at <= cutoff)
        with ws.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [
            Change(r["id"], r["at"], r["who"], r["action"], r["target"], r["details"]) for r in rows
        ]


def read_entries(
    ws: Workspace,
    metadata: MetaData,
    table: Table,
    as_of: date | None = None,
    *,
    order_by: Sequence[str] = ("date", "id"),
    known: bool = False,
    where: Sequence[ColumnElement[bool]] = (),
) -> Sequence[RowMapping]:
    """Append-only entries dated on or before ``as_of`` (all when None), in ``order_by``.

    Valid time by default: an entry counts whenever it was entered. With ``known`` (true
    as-of), only those also recorded by the end of ``as_of``, so a report for a past date
    shows what was known then.
    """
    ws.ensure_tables(metadata)
    query = select(table).order_by(*(table.c[name] for name in order_by))
    for clause in where:
        query = query.where(clause)
    if as_of is not None:
        query = query.where(table.c.date <= as_of)
        if known:
            query = query.where(table.c.recorded_at <= as_of_cutoff(as_of))
    with ws.engine.connect() as conn:
        return conn.execute(query).mappings().all()
