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

import hashlib
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from peaceops import audit
from peaceops.agreement.io import agreement_from_dict, agreement_to_dict
from peaceops.agreement.model import Agreement, StatusEntry
from peaceops.errors import InputError, NotFoundError
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

history = History(metadata, "agreement", sha=True)
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
    definition = dump_definition(agreement_to_dict(a))
    sha = hashlib.sha256(definition.encode("utf-8")).hexdigest()
    last = history.last(ws)
    if last is not None and last["sha"] == sha:
        return int(last["id"]), False
    who = current_user(user)
    moment = now(at)
    with ws.transaction() as conn:
        version = history.add_version(
            conn, at=moment, who=who, owner_id=a.id, definition=definition, sha=sha
        )
        origin = f" from {source}" if source else ""
        history.log(
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
            before=None if last is None else {"version": int(last["id"])},
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
    return history.load(ws, _from_stored, as_of, start=agreement_start)


def _from_stored(data: Any) -> Agreement:
    return agreement_from_dict(data, origin="stored agreement")


def agreement_start(a: Agreement) -> date | None:
    """The first day an agreement speaks for: its earliest signature."""
    return min((s.date for s in a.signatures), default=None)


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
    moment = now(at)
    history.append_entries(
        ws,
        status_table,
        [
            {
                "agreement_id": a.id,
                "provision_id": e.provision_id,
                "date": e.date,
                "level": e.level,
                "source": e.source,
                "note": e.note,
                "entered_by": e.entered_by or who,
            }
            for e in fresh
        ],
        who=who,
        at=moment,
        target="provision_id",
        audit_action="agreement.observe",
        audited=("date", "level", "source", "note"),
        details=f"{len(fresh)} status entr{'y' if len(fresh) == 1 else 'ies'}",
        source_file=source_file,
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
    where = [] if agreement_id is None else [status_table.c.agreement_id == agreement_id]
    rows = read_entries(ws, metadata, status_table, as_of, known=known, where=where)
    return [
        StatusEntry(
            r["provision_id"], r["date"], int(r["level"]), r["source"], r["note"], r["entered_by"]
        )
        for r in rows
    ]


def changes(ws: Workspace, as_of: date | None = None) -> list[Change]:
    """The change log, oldest first (up to ``as_of`` when given)."""
    return history.read_changes(ws, as_of)
