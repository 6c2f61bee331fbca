"""Importing an ACLED or UCDP export into the workspace's ``events`` slot.

``import_events`` reads and validates the file (``mapped_file``), sets bad rows aside in a
quarantine CSV, and merges the accepted rows with what the workspace already holds:

* an event not seen before is **inserted**;
* an event with the same source id but a different ``row_hash`` (the source revised it) is
  **updated**; one with the same hash is **unchanged** and kept exactly as stored;
* nothing is ever deleted, except by a sync (``sync=SyncScope``): then a stored event of the
  file's source inside the scope that the file no longer contains (not even as a rejected
  row) is **deleted**, the source having withdrawn it. Events outside the scope are kept.

The whole import holds the workspace write lock. The quarantine file is written first; the
merged table is written to a staging file and becomes current together with its provenance
record and its version (``versions``) in one SQL transaction, so a killed or failed import
leaves the events as they were. Importing the same file twice changes no event (the second
import is recorded in the history, with everything unchanged).
"""

from __future__ import annotations

import contextlib
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from peaceops.csvfile import CsvLayout, MalformedLine, sniff, transcode
from peaceops.errors import InputError, WorkspaceError
from peaceops.events import versions
from peaceops.events.event_file import write_events_parquet
from peaceops.events.mapped_file import NotUtf8, map_rows, raw_json, raw_passed
from peaceops.events.mapped_file import rejected_rows as fetch_rejected_rows
from peaceops.events.placing import place_table
from peaceops.events.quarantine import write_quarantine
from peaceops.events.schema import EVENT_COLUMNS, EVENT_SCHEMA, EVENTS_SLOT
from peaceops.events.sources import SOURCES, check_columns, detect_source
from peaceops.events.sync import SyncScope
from peaceops.geo.placement import Placer
from peaceops.progress import OnProgress
from peaceops.progress import report as report_progress
from peaceops.provenance import DatasetRecord, file_sha256
from peaceops.sqltext import sql_literal
from peaceops.workspace import Workspace

__all__ = ["ImportReport", "import_events"]


@dataclass(frozen=True)
class ImportReport:
    """What an import did. ``to_dict`` gives the keys the CLI prints as JSON."""

    source: str
    file: str
    read: int
    accepted: int
    rejected: int
    inserted: int
    updated: int
    deleted: int
    unchanged: int
    quarantine_file: str | None
    placed_point: int = 0
    placed_name: int = 0
    placed_source: int = 0
    unplaced: int = 0
    dataset_id: int | None = None
    version_id: int | None = None
    rejected_reasons: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False
    sync: dict[str, Any] | None = None
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _fetch(con: duckdb.DuckDBPyConnection, sql: str) -> pa.Table:
    return con.sql(sql).to_arrow_table()


def import_events(
    ws: Workspace,
    path: Path | str,
    source: str | None = None,
    *,
    accessed: date | None = None,
    version: str | None = None,
    sync: SyncScope | None = None,
    dry_run: bool = False,
    yes: bool = False,
    command: str = "",
    on_progress: OnProgress | None = None,
) -> ImportReport:
    """Import an ACLED or UCDP GED CSV export (``source`` detected from the header if None).

    Additive: events are inserted or updated, never deleted, unless ``sync`` gives the scope
    the export covers. ``dry_run`` computes the report and writes nothing. A sync deleting
    more than ``events.sync_max_delete_percent`` of the stored events in its scope raises
    InputError unless ``yes``. ``on_progress`` hears of each stage (see ``peaceops.progress``).
    """
    started = time.perf_counter()
    path = Path(path)
    layout = sniff(path)
    src = source.lower() if source else detect_source(layout.columns)
    if src not in SOURCES:
        raise InputError(f"unknown source {source!r} (use acled or ucdp)")
    check_columns(src, layout.columns, path.name)
    lock = contextlib.nullcontext() if dry_run else ws.writing(command or None)
    with lock, contextlib.ExitStack() as cleanup:
        if not dry_run:
            versions.begin(ws)
        con = duckdb.connect()
        cleanup.callback(con.close)
        # hashing the file (hashlib releases the GIL) overlaps with DuckDB's scan, and
        # building the raw JSON with placing the events
        pool = cleanup.enter_context(ThreadPoolExecutor(max_workers=2))
        digest = pool.submit(file_sha256, path)
        job = _Job(ws, con, path, src, layout, accessed, version, sync, dry_run, yes, command)
        job.on_progress = on_progress
        cleanup.callback(job.discard)
        try:
            return job.run(started, digest, pool)
        except OSError as exc:  # disk full, permissions...: the events are as they were
            reason = exc.strerror or str(exc)
            raise WorkspaceError(
                f"cannot write to workspace {ws.root}: {reason}; nothing was changed"
            ) from None


_STAGES = ("reading and checking rows", "comparing with the stored events", "placing events",
           "storing a version")  # fmt: skip


@dataclass
class _Job:
    """One import: read, compare with the store, then (unless a dry run) commit a version."""

    ws: Workspace
    con: duckdb.DuckDBPyConnection
    path: Path
    src: str
    layout: CsvLayout
    accessed: date | None
    version: str | None
    sync: SyncScope | None
    dry_run: bool
    yes: bool
    command: str
    temp_files: list[Path] = field(default_factory=list)  # always removed at the end
    on_progress: OnProgress | None = None
    uncommitted: list[Path] = field(default_factory=list)  # removed unless committed

    def discard(self) -> None:
        """Remove a transcoded copy, and what this import wrote if it did not commit."""
        for p in [*self.temp_files, *self.uncommitted]:
            p.unlink(missing_ok=True)

    def run(self, started: float, digest: Future[str], pool: ThreadPoolExecutor) -> ImportReport:
        con, ws, src = self.con, self.ws, self.src
        con.execute("SET enable_progress_bar = false")
        self._stage(0)
        mapped, malformed = self._map()
        rejected_rows = fetch_rejected_rows(con)
        counts = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE _reason IS NULL), "
            "max(try_cast(source_version AS BIGINT)) FILTER (WHERE _reason IS NULL) FROM mapped"
        ).fetchone()
        assert counts is not None
        parsed, accepted, max_stamp = counts
        reasons: dict[str, int] = {}
        for _, reason, _, _ in rejected_rows:
            reasons[reason] = reasons.get(reason, 0) + 1
        for m in malformed:
            key = m.reason.split(" (")[0]
            reasons[key] = reasons.get(key, 0) + 1

        self._stage(1)
        old_path = ws.current_file(EVENTS_SLOT)
        cols = ", ".join(EVENT_COLUMNS)
        con.execute(f"CREATE VIEW new AS SELECT {cols} FROM mapped WHERE _reason IS NULL")
        if old_path is not None:
            con.execute(f"CREATE VIEW old AS SELECT * FROM read_parquet({sql_literal(old_path)})")
        else:
            con.execute(f"CREATE TABLE old AS SELECT {cols} FROM new LIMIT 0")
        con.execute(
            "CREATE TABLE status AS SELECT n.event_key, "
            "CASE WHEN o.event_key IS NULL THEN 'inserted' "
            "WHEN o.row_hash = n.row_hash THEN 'unchanged' ELSE 'updated' END AS status "
            "FROM new n LEFT JOIN old o USING (event_key)"
        )
        # Only a sync deletes, only inside its scope, and never an event the file still has
        # (a rejected row included: quarantined rows never change a stored event).
        deleted_where = "FALSE"
        if self.sync is not None:
            deleted_where = (
                f"{self.sync.where_sql('o', src)} AND o.event_key NOT IN "
                "(SELECT event_key FROM mapped WHERE event_key IS NOT NULL)"
            )
        con.execute(f"CREATE TABLE gone AS SELECT o.event_key FROM old o WHERE {deleted_where}")
        stat = dict(con.execute("SELECT status, count(*) FROM status GROUP BY status").fetchall())
        deleted = _scalar(con, "SELECT count(*) FROM gone")
        inserted, updated = int(stat.get("inserted", 0)), int(stat.get("updated", 0))
        unchanged = int(stat.get("unchanged", 0))
        if self.sync is not None and deleted:
            self._guard(deleted)
        placement = {"point": 0, "name": 0, "source": 0, "unplaced": 0}
        for how, n in con.execute(
            "SELECT o.placement, count(*) FROM status s JOIN old o USING (event_key) "
            "WHERE s.status = 'unchanged' GROUP BY 1"
        ).fetchall():
            placement[str(how)] = placement.get(str(how), 0) + int(n)
        changed = inserted + updated + deleted > 0
        counts_out = {
            "read": int(parsed) + len(malformed),
            "accepted": int(accepted),
            "rejected": len(rejected_rows) + len(malformed),
            "inserted": inserted,
            "updated": updated,
            "deleted": deleted,
            "unchanged": unchanged,
        }
        report = ImportReport(
            source=src,
            file=self.path.name,
            **counts_out,
            quarantine_file=None,
            rejected_reasons=reasons,
            dry_run=self.dry_run,
            sync=self.sync.as_dict() if self.sync else None,
        )
        if self.dry_run:
            return replace(report, **_placed(placement), seconds=_since(started))

        self._stage(2)
        quarantine = write_quarantine(ws, self.path, rejected_rows, malformed)
        if quarantine is not None:
            self.uncommitted.append(quarantine)
        fresh: pa.Table | None = None
        if changed:
            passed = raw_passed(src, self.layout.columns)
            if old_path is None:
                fresh = mapped.select([*EVENT_COLUMNS, *passed])
                if rejected_rows:
                    fresh = fresh.filter(pc.is_null(mapped.column("_reason")))
            else:
                fresh = _fetch(
                    con,
                    f"SELECT {cols}{''.join(f', {p}' for p in passed)} FROM mapped "
                    "JOIN status s USING (event_key) "
                    "WHERE _reason IS NULL AND s.status <> 'unchanged'",
                )
            # the JSON is built while the events are placed (DuckDB and shapely both release
            # the GIL): two cores at work instead of one after the other
            raw = pool.submit(raw_json, fresh.select(passed), src, self.layout.columns)
            fresh = fresh.drop_columns(passed)
            fresh, fresh_counts = place_table(Placer.for_workspace(ws), fresh)
            raw_at = fresh.schema.get_field_index("raw")
            fresh = fresh.set_column(raw_at, EVENT_SCHEMA.field("raw"), raw.result())
            for k, v in fresh_counts.items():
                placement[k] += v
        record = DatasetRecord(
            kind="events",
            source=SOURCES[src].label,
            file_name=self.path.name,
            sha256=digest.result(),
            accessed=self.accessed or date.today(),
            version=self.version or _version_label(src, max_stamp),
            citation=SOURCES[src].citation,
            rows_read=counts_out["read"],
            rows_accepted=counts_out["accepted"],
            rows_rejected=counts_out["rejected"],
            details={"source_key": src, **{k: counts_out[k] for k in _CHANGE_KEYS}},
        )
        self._stage(3)
        final_q = quarantine.name[len(versions.PENDING_PREFIX) :] if quarantine else None
        dataset_id, version_id = self._commit(record, cols, fresh, final_q, counts_out)
        if quarantine is not None:
            final = quarantine.with_name(final_q or quarantine.name)
            with contextlib.suppress(OSError):
                quarantine.replace(final)
            report = replace(report, quarantine_file=str(final))
        self.uncommitted.clear()
        versions.prune(ws)
        self._stage(len(_STAGES))
        return replace(
            report,
            **_placed(placement),
            dataset_id=dataset_id,
            version_id=version_id,
            seconds=_since(started),
        )

    def _stage(self, done: int) -> None:
        what = _STAGES[done] if done < len(_STAGES) else "imported"
        report_progress(self.on_progress, what, done, len(_STAGES))

    def _guard(self, deleted: int) -> None:
        assert self.sync is not None
        in_scope = _scalar(
            self.con, f"SELECT count(*) FROM old o WHERE {self.sync.where_sql('o', self.src)}"
        )
        limit = self.ws.config.events.sync_max_delete_percent
        share = 100.0 * deleted / in_scope if in_scope else 100.0
        if share > limit and not self.yes:
            raise InputError(
                f"this sync would delete {deleted:,} of the {in_scope:,} stored {self.src} "
                f"events in scope {self.sync.describe()} ({share:.1f}%, more than {limit:g}%); "
                "nothing was changed: check the scope, or confirm that they must go",
                field="yes",
            )

    def _map(self) -> tuple[pa.Table, list[MalformedLine]]:
        try:
            return map_rows(self.con, self.path, self.layout, self.src, self.ws)
        except NotUtf8:
            pass
        copy = self.ws.staging_file("transcoded", ".csv")
        self.temp_files.append(copy)
        self.layout = transcode(self.path, self.layout, copy)
        utf8 = replace(self.layout, encoding="utf-8")
        return map_rows(self.con, copy, utf8, self.src, self.ws, scan="scan_utf8")

    def _commit(
        self,
        record: DatasetRecord,
        cols: str,
        fresh: pa.Table | None,
        quarantine: str | None,
        counts: dict[str, int],
    ) -> tuple[int | None, int]:
        """Write the merged table (when events changed) and commit it with its provenance
        and its version in one transaction."""
        ws, con = self.ws, self.con
        action = "sync" if self.sync is not None else "import"
        common: dict[str, Any] = {
            "action": action,
            "file_name": self.path.name,
            "sha256": record.sha256,
            "source": self.src,
            "scope": self.sync.as_dict() if self.sync else {},
            "counts": counts,
            "quarantine_file": quarantine,
            "command": self.command,
        }
        if fresh is None:
            # the events stay as they are: only the history gains a row
            with ws.transaction(changes_data=False) as conn:
                current = ws.current_file(EVENTS_SLOT)
                events = _scalar(con, "SELECT count(*) FROM old")
                vid = versions.commit_version(
                    ws,
                    conn,
                    data_file=current.name if current else None,
                    events=events,
                    changed=False,
                    **common,
                )
            return None, vid
        with ws.transaction() as conn:
            saved = ws.record_dataset(record, conn=conn)
            ids = pa.array(np.full(fresh.num_rows, saved.id or 0, dtype=np.int64))
            fresh = fresh.set_column(
                fresh.schema.get_field_index("dataset_id"), EVENT_SCHEMA.field("dataset_id"), ids
            )
            if ws.current_file(EVENTS_SLOT) is None:
                merged = fresh  # a first import: nothing stored to merge with (no sort)
            else:
                con.register("fresh_rows", fresh)
                merged = _fetch(
                    con,
                    f"SELECT {cols} FROM old WHERE event_key NOT IN (SELECT event_key FROM gone) "
                    "AND event_key NOT IN (SELECT event_key FROM status WHERE status = 'updated') "
                    f"UNION ALL SELECT {cols} FROM fresh_rows ORDER BY event_date, event_key",
                )
            staged = ws.staging_file(EVENTS_SLOT)
            self.uncommitted.append(staged)
            write_events_parquet(merged, staged)
            ws.publish(EVENTS_SLOT, staged, [], conn=conn)
            vid = versions.commit_version(
                ws,
                conn,
                data_file=versions.pointer(conn),
                events=merged.num_rows,
                changed=True,
                dataset_id=saved.id,
                **common,
            )
        return saved.id, vid


_CHANGE_KEYS = ("inserted", "updated", "deleted", "unchanged")


def _placed(placement: dict[str, int]) -> dict[str, Any]:
    return {
        "placed_point": placement["point"],
        "placed_name": placement["name"],
        "placed_source": placement["source"],
        "unplaced": placement["unplaced"],
    }


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 3)


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _version_label(src: str, max_stamp: Any) -> str:
    if src == "acled" and max_stamp:
        try:
            day = datetime.fromtimestamp(int(max_stamp), UTC).date()
        except (OverflowError, OSError, ValueError):
            return ""
        return f"export of {day.isoformat()}"
    return ""
