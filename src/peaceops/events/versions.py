"""Versions of the event store: history, undo, restore and the events as stored on a date.

Every write to the events slot (an import, a sync, an undo, a restore, placing the events again
after boundaries changed) is one row of ``event_versions``, committed in the same SQLite
transaction as the pointer switch. Event files are immutable, so a version is just the name of
the Parquet file that held the events after it (``data_file``; NULL when there were none):

* ``undo`` makes current again the file of the version before the newest import (or sync, or
  restore) that changed events and was not undone yet, and records that as a new version;
* ``restore VERSION`` makes a kept version's file current again (a new version too);
* ``events_as_of(ws, day)`` gives a read-only view of the workspace holding the file that was
  current at the end of ``day`` (UTC).

The versions that changed events are kept up to ``events.keep_versions`` (default 20); older
rows are pruned with their files, never a file a kept version or the pointer still names.
Everything here that writes holds the workspace write lock.
"""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    insert,
    select,
)

from peaceops import audit, store
from peaceops.errors import InputError, NotFoundError
from peaceops.events.schema import EVENTS_SLOT
from peaceops.period import DateLike, as_day
from peaceops.provenance import now_utc
from peaceops.workspace import Workspace

__all__ = [
    "PENDING_PREFIX",
    "EventsAsOf",
    "Version",
    "commit_version",
    "events_as_of",
    "history",
    "pointer",
    "prune",
    "recover",
    "restore",
    "undo",
    "version_on",
    "versions_table",
]

metadata = MetaData()

versions_table = Table(
    "event_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime, nullable=False, index=True),
    # import | sync | undo | restore | place | existing
    Column("action", String(20), nullable=False),
    Column("file_name", String(500), nullable=False, default=""),
    Column("sha256", String(64), nullable=False, default=""),
    Column("source", String(20), nullable=False, default=""),
    Column("scope", JSON, nullable=False, default=dict),
    Column("counts", JSON, nullable=False, default=dict),
    Column("events", Integer, nullable=False, default=0),
    Column("changed", Boolean, nullable=False, default=False),
    Column("data_file", String(500)),
    Column("target", Integer),  # undo: the version undone; restore: the version restored
    Column("dataset_id", Integer),
    Column("quarantine_file", String(500)),
    Column("command", String(300), nullable=False, default=""),
)

# A quarantine file is written as ``.pending-<name>`` before the commit and renamed after it;
# the next writer renames those whose version was committed and removes the others.
PENDING_PREFIX = ".pending-"


@dataclass(frozen=True)
class Version:
    """One write to the event store, as ``events history`` lists it."""

    id: int
    created_at: datetime
    action: str
    file_name: str
    sha256: str
    source: str
    scope: dict[str, Any]
    counts: dict[str, int]
    events: int
    changed: bool
    data_file: str | None
    target: int | None
    dataset_id: int | None
    quarantine_file: str | None
    command: str
    kept: bool = True  # its data file is still there (restorable, usable as of its date)
    current: bool = False
    undone_by: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("extra")
        out["created_at"] = self.created_at.replace(tzinfo=UTC).isoformat()
        return out


def _rows(ws: Workspace, conn: Connection | None = None) -> list[dict[str, Any]]:
    ws.ensure_tables(metadata)
    query = select(versions_table).order_by(versions_table.c.id.desc())
    if conn is not None:
        return [dict(r) for r in conn.execute(query).mappings().all()]
    with ws.engine.connect() as own:
        return [dict(r) for r in own.execute(query).mappings().all()]


def pointer(conn: Connection) -> str | None:
    """The events file the pointer names, as seen inside ``conn``'s transaction."""
    row = conn.execute(
        select(store.pointers.c.file).where(store.pointers.c.slot == EVENTS_SLOT)
    ).first()
    return str(row[0]) if row else None


def history(ws: Workspace) -> list[Version]:
    """Every kept version, newest first."""
    rows = _rows(ws)
    with ws.engine.connect() as conn:
        current = pointer(conn)
    undone = {int(r["target"]): int(r["id"]) for r in rows if r["action"] == "undo"}
    newest_id = rows[0]["id"] if rows else None
    out: list[Version] = []
    for r in rows:
        data_file = r["data_file"]
        out.append(
            Version(
                id=int(r["id"]),
                created_at=r["created_at"],
                action=str(r["action"]),
                file_name=str(r["file_name"] or ""),
                sha256=str(r["sha256"] or ""),
                source=str(r["source"] or ""),
                scope=dict(r["scope"] or {}),
                counts={str(k): int(v) for k, v in dict(r["counts"] or {}).items()},
                events=int(r["events"] or 0),
                changed=bool(r["changed"]),
                data_file=data_file,
                target=r["target"],
                dataset_id=r["dataset_id"],
                quarantine_file=r["quarantine_file"],
                command=str(r["command"] or ""),
                kept=data_file is None or (ws.store_dir / data_file).is_file(),
                current=r["id"] == newest_id and data_file == current,
                undone_by=undone.get(int(r["id"])),
            )
        )
    return out


def _ensure_baseline(ws: Workspace, conn: Connection) -> None:
    """A workspace whose events were imported before versions were recorded gets one
    ``existing`` version for them, dated when they became current."""
    if conn.execute(select(versions_table.c.id).limit(1)).first() is not None:
        return
    row = conn.execute(
        select(store.pointers.c.file, store.pointers.c.updated_at).where(
            store.pointers.c.slot == EVENTS_SLOT
        )
    ).first()
    if row is None:
        return
    conn.execute(
        insert(versions_table).values(
            created_at=row[1],
            action="existing",
            events=_count(ws.store_dir / str(row[0])),
            changed=True,
            data_file=str(row[0]),
            scope={},
            counts={},
        )
    )


def _count(path: Path) -> int:
    import pyarrow.parquet as pq

    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except (OSError, ValueError):
        return 0


def commit_version(
    ws: Workspace,
    conn: Connection,
    *,
    action: str,
    data_file: str | None,
    events: int,
    changed: bool,
    file_name: str = "",
    sha256: str = "",
    source: str = "",
    scope: dict[str, Any] | None = None,
    counts: dict[str, int] | None = None,
    target: int | None = None,
    dataset_id: int | None = None,
    quarantine_file: str | None = None,
    command: str = "",
) -> int:
    """Record a version inside the caller's transaction (which also switched the pointer)."""
    ws.ensure_tables(metadata)
    result = conn.execute(
        insert(versions_table).values(
            created_at=now_utc().replace(tzinfo=None),
            action=action,
            file_name=file_name,
            sha256=sha256,
            source=source,
            scope=scope or {},
            counts=counts or {},
            events=events,
            changed=changed,
            data_file=data_file,
            target=target,
            dataset_id=dataset_id,
            quarantine_file=quarantine_file,
            command=command[:300],
        )
    )
    pk = result.inserted_primary_key
    return int(pk[0]) if pk else 0


def begin(ws: Workspace) -> None:
    """Run by a writer that holds the lock, before it reads the store: record a baseline
    for older workspaces and clear what killed writers left (see ``recover``)."""
    ws.ensure_tables(metadata)
    with ws.transaction(changes_data=False) as conn:  # the events stay as they are
        _ensure_baseline(ws, conn)
    recover(ws)


def recover(ws: Workspace) -> None:
    """Finish or discard what a killed writer left: pending quarantine files (renamed when
    their version was committed, removed otherwise) and event files no version names."""
    rows = _rows(ws)
    with ws.engine.connect() as conn:
        current = pointer(conn)
    quarantined = {r["quarantine_file"] for r in rows if r["quarantine_file"]}
    for pending in ws.quarantine_dir.glob(PENDING_PREFIX + "*"):
        final = pending.name[len(PENDING_PREFIX) :]
        with contextlib.suppress(OSError):
            if final in quarantined:
                pending.replace(pending.with_name(final))
            else:
                pending.unlink()
    named = {r["data_file"] for r in rows if r["data_file"]} | ({current} if current else set())
    for path in ws.store_dir.glob(f"{EVENTS_SLOT}-*.parquet"):
        if path.name not in named:
            with contextlib.suppress(OSError):
                path.unlink()


def prune(ws: Workspace) -> int:
    """Drop versions beyond ``events.keep_versions`` changing ones, and the files only they
    named. Returns the number of versions removed."""
    keep = ws.config.events.keep_versions
    rows = _rows(ws)
    changing = [r for r in rows if r["changed"]]
    if len(changing) <= keep:
        return 0
    oldest_kept = int(changing[keep - 1]["id"])
    with ws.transaction(changes_data=False) as conn:  # the current events stay as they are
        conn.execute(versions_table.delete().where(versions_table.c.id < oldest_kept))
        current = pointer(conn)
    removed = [r for r in rows if int(r["id"]) < oldest_kept]
    still = {r["data_file"] for r in rows if int(r["id"]) >= oldest_kept and r["data_file"]}
    for r in removed:
        name = r["data_file"]
        if name and name not in still and name != current:
            (ws.store_dir / name).unlink(missing_ok=True)
    return len(removed)


def _switch_to(
    ws: Workspace, *, action: str, data_file: str | None, target: int, command: str
) -> Version:
    events = _count(ws.store_dir / data_file) if data_file else 0
    with ws.transaction() as conn:
        before = pointer(conn)
        ws.point(conn, EVENTS_SLOT, data_file)
        vid = commit_version(
            ws,
            conn,
            action=action,
            data_file=data_file,
            events=events,
            changed=True,
            target=target,
            command=command,
        )
        audit.record(
            conn,
            None,
            f"events.{action}",
            "events",
            {"data_file": before},
            {"version": vid, "of_version": target, "data_file": data_file, "events": events},
        )
    prune(ws)
    return history(ws)[0]


# what undo reverts: imports and syncs, and a restore (an undo is not undone: restore the
# version it undid instead; placing events again after new boundaries is not reverted)
_UNDOABLE = ("import", "sync", "restore")


def undo(ws: Workspace, command: str = "") -> Version:
    """Return the events to the state before the newest import, sync or restore that changed
    them and was not undone yet. NotFoundError when there is none; InputError when that
    state was pruned."""
    with ws.writing(command or None):
        begin(ws)
        versions = history(ws)
        undone = {v.target for v in versions if v.action == "undo"}
        latest = next(
            (v for v in versions if v.action in _UNDOABLE and v.changed and v.id not in undone),
            None,
        )
        if latest is None:
            raise NotFoundError(
                "no import to undo (history lists what happened)", remedy="events.import"
            )
        before = next((v for v in versions if v.id < latest.id), None)
        if before is not None and not before.kept:
            raise InputError(
                f"the events before version {latest.id} are no longer kept "
                "(events.keep_versions in peaceops.yaml)"
            )
        data_file = before.data_file if before is not None else None
        return _switch_to(ws, action="undo", data_file=data_file, target=latest.id, command=command)


def restore(ws: Workspace, version_id: int, command: str = "") -> Version:
    """Make the events of a kept version current again (recorded as a new version)."""
    with ws.writing(command or None):
        begin(ws)
        versions = {v.id: v for v in history(ws)}
        chosen = versions.get(version_id)
        if chosen is None:
            kept = ", ".join(str(i) for i in sorted(versions)) or "none"
            raise NotFoundError(f"no version {version_id} (kept versions: {kept})")
        if not chosen.kept:
            raise InputError(f"the events of version {version_id} are no longer kept")
        return _switch_to(
            ws, action="restore", data_file=chosen.data_file, target=version_id, command=command
        )


def version_on(ws: Workspace, day: date) -> Version | None:
    """The version current at the end of ``day`` (UTC), None when there was none yet."""
    end = datetime.combine(day + timedelta(days=1), time.min)
    for v in history(ws):
        if v.created_at < end:
            return v
    return None


@dataclass(frozen=True)
class EventsAsOf:
    """The workspace as a reader sees it on a date, and a line saying which events those are."""

    workspace: Workspace
    version: Version | None
    note: str


def events_as_of(ws: Workspace, day: DateLike | None, *, before_first: str = "none") -> EventsAsOf:
    """A read-only view of ``ws`` holding the events as stored at the end of ``day`` (UTC).

    ``before_first`` says what a day before the first version gives: ``"none"`` (no events,
    strictly as stored then) or ``"current"`` (the current events, with a note saying so;
    the brief uses it, where ``--as-of`` also cuts event dates). Raises InputError when the
    version current on that day has been pruned.
    """
    day = as_day(day, end=True, field="day")
    if day is None:
        return EventsAsOf(ws, None, "")
    day = min(day, date.max - timedelta(days=2))
    v = version_on(ws, day)
    if v is None:
        versions = history(ws)
        if not versions:
            return EventsAsOf(ws, None, "")
        first = versions[-1].created_at.date().isoformat()
        if before_first == "current":
            note = (
                f"events as stored now: none were stored on {day.isoformat()} "
                f"(first stored {first})"
            )
            return EventsAsOf(ws, None, note)
        return EventsAsOf(
            ws.pinned(EVENTS_SLOT, None),
            None,
            f"no events were stored on {day.isoformat()} (first stored {first})",
        )
    if not v.kept:
        raise InputError(
            f"the events as stored on {day.isoformat()} (version {v.id}) are no longer kept; "
            "raise events.keep_versions in peaceops.yaml to keep more versions"
        )
    path = ws.store_dir / v.data_file if v.data_file else None
    note = f"events as stored on {day.isoformat()} (version {v.id}, {v.events:,} events)"
    return EventsAsOf(ws.pinned(EVENTS_SLOT, path), v, note)
