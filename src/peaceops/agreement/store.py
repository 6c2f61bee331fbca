"""The agreement tracker in the workspace database, append-only.

Tables (SQLite through SQLAlchemy Core, portable to PostgreSQL):

- ``agreement_versions``: every imported definition, as its nested JSON form. The agreement
  "as of" a date is the latest version recorded on or before the end of that day.
- ``agreement_status``: status entries (provision, date, level, source, note, who, when
  recorded). Nothing is ever updated or deleted: a new entry supersedes an older one.
- ``agreement_changes``: the change log (who, when, what), written in the same transaction.

"As of" is true as-of: an entry counts on a date only if it refers to that date or earlier
AND was recorded by the end of that day, so a report for a past date shows what was known then.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    select,
)

from peaceops import audit
from peaceops.agreement.io import agreement_from_dict, agreement_to_dict
from peaceops.agreement.model import Agreement, StatusEntry
from peaceops.errors import InputError, NotFoundError
from peaceops.workspace import Workspace

__all__ = [
    "Change",
    "as_of_cutoff",
    "changes",
    "current_user",
    "load_agreement",
    "metadata",
    "record_entries",
    "require_agreement",
    "save_agreement",
    "status_entries",
]

metadata = MetaData()

versions_table = Table(
    "agreement_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("recorded_at", DateTime, nullable=False),
    Column("recorded_by", String(200), nullable=False),
    Column("agreement_id", String(200), nullable=False),
    Column("sha", String(64), nullable=False),
    Column("definition", Text, nullable=False),
)
status_table = Table(
    "agreement_status",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agreement_id", String(200), nullable=False, index=True),
    Column("provision_id", String(200), nullable=False, index=True),
    Column("date", Date, nullable=False),
    Column("level", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("entered_by", String(200), nullable=False),
    Column("recorded_at", DateTime, nullable=False),
)
changes_table = Table(
    "agreement_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("who", String(200), nullable=False),
    Column("action", String(40), nullable=False),
    Column("target", String(200), nullable=False),
    Column("details", Text, nullable=False),
)


@dataclass(frozen=True)
class Change:
    """One entry of the change log."""

    id: int
    at: datetime
    who: str
    action: str  # import | observe
    target: str
    details: str


def current_user(user: str | None = None) -> str:
    """The name recorded with a change: the given one, else the acting user (the signed-in
    web user, the CLI's ``--as``, else the OS user), as the audit trail records it."""
    return audit.user_name(user)


def _now(at: datetime | None) -> datetime:
    moment = at if at is not None else datetime.now(UTC)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)


def as_of_cutoff(as_of: date | None) -> datetime | None:
    """The last moment included when reporting as of a date (the end of that day, UTC)."""
    return None if as_of is None else datetime.combine(as_of, time.max).replace(microsecond=0)


def _log(conn: Connection, at: datetime, who: str, action: str, target: str, details: str) -> None:
    conn.execute(
        insert(changes_table).values(at=at, who=who, action=action, target=target, details=details)
    )


def _json_default(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__}")


def _definition(a: Agreement) -> str:
    return json.dumps(agreement_to_dict(a), default=_json_default, ensure_ascii=False)


def save_agreement(
    ws: Workspace,
    a: Agreement,
    user: str | None = None,
    *,
    at: datetime | None = None,
    source: str = "",
) -> tuple[int, bool]:
    """Record ``a`` as the current definition: (version id, whether anything changed).

    Importing the same definition again records nothing. A new definition never removes
    status entries: entries of provisions it no longer has are kept, and reported as such.
    """
    import hashlib

    ws.ensure_tables(metadata)
    definition = _definition(a)
    sha = hashlib.sha256(definition.encode("utf-8")).hexdigest()
    t = versions_table
    with ws.engine.connect() as conn:
        last = conn.execute(select(t.c.id, t.c.sha).order_by(t.c.id.desc()).limit(1)).first()
    if last is not None and last[1] == sha:
        return int(last[0]), False
    who = current_user(user)
    moment = _now(at)
    with ws.transaction() as conn:
        result = conn.execute(
            insert(t).values(
                recorded_at=moment,
                recorded_by=who,
                agreement_id=a.id,
                sha=sha,
                definition=definition,
            )
        )
        pk = result.inserted_primary_key
        version = int(pk[0]) if pk else 0
        origin = f" from {source}" if source else ""
        _log(
            conn,
            moment,
            who,
            "import",
            a.id,
            f"version {version}{origin}: {len(a.parts)} parts, {len(a.chapters)} chapters, "
            f"{len(a.provisions)} provisions",
        )
        audit.record(
            conn,
            who,
            "agreement.import",
            f"agreement:{a.id}",
            before=None if last is None else {"version": int(last[0])},
            after={
                "version": version,
                "parts": len(a.parts),
                "provisions": len(a.provisions),
                "source": source,
            },
            at=moment,
        )
    return version, True


def load_agreement(ws: Workspace, as_of: date | None = None) -> Agreement | None:
    """The agreement in force on ``as_of`` (default: the current one); None if none.

    A revision takes effect when it is recorded: after the first recording, the version in
    force is the last one recorded by the end of that day. Before any recording, the first
    version applies from the agreement's own start (its earliest signature), so an agreement
    imported today answers for the years since it was signed; before that there is none.
    """
    ws.ensure_tables(metadata)
    t = versions_table
    with ws.engine.connect() as conn:
        if as_of is None:
            row = conn.execute(select(t.c.definition).order_by(t.c.id.desc()).limit(1)).first()
        else:
            row = conn.execute(
                select(t.c.definition)
                .where(t.c.recorded_at <= as_of_cutoff(as_of))
                .order_by(t.c.id.desc())
                .limit(1)
            ).first()
            if row is None:
                row = conn.execute(select(t.c.definition).order_by(t.c.id).limit(1)).first()
                if row is not None:
                    first = agreement_from_dict(json.loads(str(row[0])), "stored agreement")
                    start = min((s.date for s in first.signatures), default=None)
                    return first if start is not None and start <= as_of else None
    if row is None:
        return None
    return agreement_from_dict(json.loads(str(row[0])), origin="stored agreement")


def require_agreement(ws: Workspace, as_of: date | None = None) -> Agreement:
    """The agreement (as of a date); NotFoundError naming the command that adds one."""
    a = load_agreement(ws, as_of)
    if a is None:
        when = f" on {as_of.isoformat()}" if as_of else ""
        raise NotFoundError(
            f"no peace agreement in this workspace{when}",
            missing="a peace agreement",
            remedy="agreement.import",
        )
    return a


def record_entries(
    ws: Workspace,
    entries: Sequence[StatusEntry],
    user: str | None = None,
    *,
    at: datetime | None = None,
    source_file: str = "",
) -> int:
    """Record status entries in one transaction (all or nothing); returns how many were new.

    An entry equal to one already stored (provision, date, level, source, note) is skipped,
    so importing the same file twice changes nothing.
    """
    a = require_agreement(ws)
    for e in entries:
        if a.provision(e.provision_id) is None:
            raise InputError(f"unknown provision {e.provision_id!r}")
        if not 0 <= e.level <= 3:
            raise InputError(f"provision {e.provision_id}: level {e.level} is outside 0-3")
        if not e.source.strip():
            raise InputError(f"provision {e.provision_id}: a status entry needs a source")
    stored = {_key(e) for e in status_entries(ws, agreement_id=a.id)}
    fresh: list[StatusEntry] = []
    for e in entries:
        if _key(e) not in stored:
            stored.add(_key(e))
            fresh.append(e)
    if not fresh:
        return 0
    who = current_user(user)
    moment = _now(at)
    with ws.transaction() as conn:
        for e in fresh:
            conn.execute(
                insert(status_table).values(
                    agreement_id=a.id,
                    provision_id=e.provision_id,
                    date=e.date,
                    level=e.level,
                    source=e.source,
                    note=e.note,
                    entered_by=e.entered_by or who,
                    recorded_at=moment,
                )
            )
            audit.record(
                conn,
                who,
                "agreement.observe",
                f"provision:{e.provision_id}",
                after={
                    "date": e.date,
                    "level": e.level,
                    "source": e.source,
                    "note": e.note,
                    **({"file": source_file} if source_file else {}),
                },
                at=moment,
            )
        ids = sorted({e.provision_id for e in fresh})
        origin = f" from {source_file}" if source_file else ""
        _log(
            conn,
            moment,
            who,
            "observe",
            ", ".join(ids[:5]) + (" ..." if len(ids) > 5 else ""),
            f"{len(fresh)} status entr{'y' if len(fresh) == 1 else 'ies'}{origin}",
        )
    return len(fresh)


def _key(e: StatusEntry) -> tuple[str, date, int, str, str]:
    return (e.provision_id, e.date, e.level, e.source, e.note)


def status_entries(
    ws: Workspace,
    as_of: date | None = None,
    agreement_id: str | None = None,
    *,
    known: bool = True,
) -> list[StatusEntry]:
    """Entries dated on or before ``as_of``, oldest first: with ``known`` (true as-of) only
    those also recorded by the end of that day, else whenever they were entered (valid time,
    as the results framework and the brief read their dates)."""
    ws.ensure_tables(metadata)
    t = status_table
    query = select(t).order_by(t.c.date, t.c.id)
    if agreement_id is not None:
        query = query.where(t.c.agreement_id == agreement_id)
    cutoff = as_of_cutoff(as_of)
    if as_of is not None and cutoff is not None:
        query = query.where(t.c.date <= as_of)
        if known:
            query = query.where(t.c.recorded_at <= cutoff)
    with ws.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [
        StatusEntry(
            r["provision_id"], r["date"], int(r["level"]), r["source"], r["note"], r["entered_by"]
        )
        for r in rows
    ]


def changes(ws: Workspace, as_of: date | None = None) -> list[Change]:
    """The change log, oldest first (up to ``as_of`` when given)."""
    ws.ensure_tables(metadata)
    t = changes_table
    query = select(t).order_by(t.c.at, t.c.id)
    cutoff = as_of_cutoff(as_of)
    if cutoff is not None:
        query = query.where(t.c.at <= cutoff)
    with ws.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [
        Change(r["id"], r["at"], r["who"], r["action"], r["target"], r["details"]) for r in rows
    ]
