"""Importing an ACLED or UCDP export into the workspace's ``events`` slot.

``import_events`` reads and validates the file (``csvfile``, ``sources``), sets bad rows aside
in a quarantine CSV, and merges the accepted rows with what the workspace already holds:

* an event not seen before is **inserted**;
* an event with the same source id but a different ``row_hash`` (the source revised it) is
  **updated**; one with the same hash is **unchanged** and kept exactly as stored;
* an event of the same source, country and within the date range the new file covers, that the
  new file no longer contains (not even as a rejected row), is **deleted**: the source has
  withdrawn it.

The merged table is written to a staging file and becomes current together with its provenance
record in one SQL transaction, so a killed import leaves the workspace as it was. Importing the
same file twice writes nothing the second time.
"""

from __future__ import annotations

import csv
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
import pyarrow.parquet as pq

from peaceops.csvfile import (
    CsvLayout,
    MalformedLine,
    fetch_rejects,
    has_encoding_errors,
    load_csv,
    read_csv_sql,
    sniff,
)
from peaceops.errors import InputError
from peaceops.events.schema import EVENT_COLUMNS, EVENT_SCHEMA, EVENTS_SLOT
from peaceops.events.sources import (
    SOURCES,
    check_columns,
    detect_source,
    mapping_sql,
    raw_json_sql,
)
from peaceops.geo.placement import Placement, Placer
from peaceops.provenance import DatasetRecord, file_sha256
from peaceops.sqltext import sql_literal
from peaceops.workspace import Workspace

__all__ = [
    "ImportReport",
    "import_events",
    "place_table",
    "replace_all",
    "write_events_parquet",
]


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
    rejected_reasons: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _line_numbers(rowids: list[int], malformed: list[MalformedLine]) -> list[int]:
    """File line of each parsed row (header = line 1), skipping lines the parser rejected."""
    bad = sorted(m.line for m in malformed)
    out: list[int] = []
    for rid in rowids:
        line = rid + 2
        for b in bad:  # few malformed lines: a linear walk is fine
            if b <= line:
                line += 1
            else:
                break
        out.append(line)
    return out


def _write_quarantine(
    ws: Workspace,
    path: Path,
    rows: list[tuple[int, str, str | None, str | None]],
    malformed: list[MalformedLine],
) -> Path | None:
    if not rows and not malformed:
        return None
    lines = _line_numbers([r[0] for r in rows], malformed)
    entries: list[tuple[int, str, str, str]] = [
        (line, reason, sid or "", raw or "")
        for line, (_, reason, sid, raw) in zip(lines, rows, strict=True)
    ]
    entries += [(m.line, m.reason, "", m.text) for m in malformed]
    entries.sort(key=lambda e: e[0])
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    out = ws.quarantine_dir / f"{path.stem}-{stamp}.quarantine.csv"
    ws.quarantine_dir.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["line", "reason", "source_id", "row"])
        writer.writerows(entries)
    return out


def place_table(placer: Placer, table: pa.Table) -> tuple[pa.Table, dict[str, int]]:
    """``table`` with its placement columns filled in by ``placer``."""
    lat = table.column("latitude").to_numpy(zero_copy_only=False).astype(np.float64)
    lon = table.column("longitude").to_numpy(zero_copy_only=False).astype(np.float64)
    placed: Placement = placer.place(
        lat,
        lon,
        table.column("admin1").combine_chunks(),
        table.column("admin2").combine_chunks(),
        table.column("location").combine_chunks(),
    )
    for name, series in (
        ("admin1_pcode", placed.admin1_pcode),
        ("admin1_name", placed.admin1_name),
        ("admin2_pcode", placed.admin2_pcode),
        ("admin2_name", placed.admin2_name),
        ("placement", placed.placement),
    ):
        idx = table.schema.get_field_index(name)
        values = series.to_arrow().cast(pa.string())
        table = table.set_column(idx, EVENT_SCHEMA.field(name), values)
    return table, placed.counts


def _fetch(con: duckdb.DuckDBPyConnection, sql: str) -> pa.Table:
    return con.sql(sql).to_arrow_table()


def import_events(
    ws: Workspace,
    path: Path | str,
    source: str | None = None,
    *,
    accessed: date | None = None,
    version: str | None = None,
) -> ImportReport:
    """Import an ACLED or UCDP GED CSV export (``source`` detected from the header if None)."""
    started = time.perf_counter()
    path = Path(path)
    layout = sniff(path)
    src = source.lower() if source else detect_source(layout.columns)
    if src not in SOURCES:
        raise InputError(f"unknown source {source!r} (use acled or ucdp)")
    check_columns(src, layout.columns, path.name)
    con = duckdb.connect()
    # hashing the file (hashlib releases the GIL) overlaps with DuckDB's scan
    with ThreadPoolExecutor(max_workers=1) as pool:
        digest = pool.submit(file_sha256, path)
        try:
            return _import(ws, con, path, src, layout, accessed, version, started, digest)
        finally:
            con.close()


def _import(
    ws: Workspace,
    con: duckdb.DuckDBPyConnection,
    path: Path,
    src: str,
    layout: CsvLayout,
    accessed: date | None,
    version: str | None,
    started: float,
    digest: Future[str],
) -> ImportReport:
    con.execute("SET enable_progress_bar = false")
    mapped, malformed = _map_rows(con, path, layout, src, ws)
    n_rejected = con.execute("SELECT count(*) FROM mapped WHERE _reason IS NOT NULL").fetchone()
    rejected_rows: list[tuple[int, str, str | None, str | None]] = []
    if n_rejected and n_rejected[0]:
        # rows were rejected, so the file was read in order into ``src``: quarantine the
        # whole source row as written
        rejected_rows = [
            (int(r[0]), str(r[1]), r[2], r[3])
            for r in con.execute(
                "SELECT m._row, m._reason, m.source_id, to_json(s) FROM mapped m "
                "JOIN src s ON s.rowid = m._row WHERE m._reason IS NOT NULL ORDER BY m._row"
            ).fetchall()
        ]
    counts = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE _reason IS NULL), "
        "min(event_date) FILTER (WHERE _reason IS NULL), "
        "max(event_date) FILTER (WHERE _reason IS NULL), "
        "max(try_cast(source_version AS BIGINT)) FILTER (WHERE _reason IS NULL) FROM mapped"
    ).fetchone()
    assert counts is not None
    parsed, accepted, first, last, max_stamp = counts
    reasons: dict[str, int] = {}
    for _, reason, _, _ in rejected_rows:
        reasons[reason] = reasons.get(reason, 0) + 1
    for m in malformed:
        key = m.reason.split(" (")[0]
        reasons[key] = reasons.get(key, 0) + 1

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
    deleted_where = "FALSE"
    if accepted:
        iso = con.execute("SELECT DISTINCT iso3 FROM new WHERE iso3 IS NOT NULL").fetchall()
        iso_list = ", ".join(sql_literal(r[0]) for r in iso) or "NULL"
        deleted_where = (
            f"o.source = '{src}' AND o.event_date BETWEEN DATE '{first}' AND DATE '{last}' "
            f"AND (o.iso3 IS NULL OR o.iso3 IN ({iso_list})) "
            "AND o.event_key NOT IN (SELECT event_key FROM mapped WHERE event_key IS NOT NULL)"
        )
    con.execute(f"CREATE TABLE gone AS SELECT o.event_key FROM old o WHERE {deleted_where}")
    stat = dict(con.execute("SELECT status, count(*) FROM status GROUP BY status").fetchall())
    deleted = int(con.execute("SELECT count(*) FROM gone").fetchone()[0])  # type: ignore[index]
    inserted, updated = int(stat.get("inserted", 0)), int(stat.get("updated", 0))
    unchanged = int(stat.get("unchanged", 0))
    placement = {"point": 0, "name": 0, "source": 0, "unplaced": 0}
    for how, n in con.execute(
        "SELECT o.placement, count(*) FROM status s JOIN old o USING (event_key) "
        "WHERE s.status = 'unchanged' GROUP BY 1"
    ).fetchall():
        placement[str(how)] = placement.get(str(how), 0) + int(n)

    dataset_id: int | None = None
    changed = inserted + updated + deleted > 0
    if changed:
        if old_path is None:
            fresh = mapped.select(list(EVENT_COLUMNS))
            if rejected_rows:
                fresh = fresh.filter(pc.is_null(mapped.column("_reason")))
        else:
            fresh = _fetch(
                con,
                f"SELECT {cols} FROM new JOIN status s USING (event_key) "
                "WHERE s.status <> 'unchanged'",
            )
        fresh, fresh_counts = place_table(Placer.for_workspace(ws), fresh)
        for k, v in fresh_counts.items():
            placement[k] += v
        record = DatasetRecord(
            kind="events",
            source=SOURCES[src].label,
            file_name=path.name,
            sha256=digest.result(),
            accessed=accessed or date.today(),
            version=version or _version_label(src, max_stamp),
            citation=SOURCES[src].citation,
            rows_read=int(parsed) + len(malformed),
            rows_accepted=int(accepted),
            rows_rejected=len(rejected_rows) + len(malformed),
            details={
                "source_key": src,
                "inserted": inserted,
                "updated": updated,
                "deleted": deleted,
                "unchanged": unchanged,
                "first_date": str(first) if first else None,
                "last_date": str(last) if last else None,
            },
        )
        dataset_id = _publish(ws, con, record, cols, fresh, merge=old_path is not None)
    quarantine = _write_quarantine(ws, path, rejected_rows, malformed)
    return ImportReport(
        source=src,
        file=path.name,
        read=int(parsed) + len(malformed),
        accepted=int(accepted),
        rejected=len(rejected_rows) + len(malformed),
        inserted=inserted,
        updated=updated,
        deleted=deleted,
        unchanged=unchanged,
        quarantine_file=str(quarantine) if quarantine else None,
        placed_point=placement["point"],
        placed_name=placement["name"],
        placed_source=placement["source"],
        unplaced=placement["unplaced"],
        dataset_id=dataset_id,
        rejected_reasons=reasons,
        seconds=round(time.perf_counter() - started, 3),
    )


def _map_rows(
    con: duckdb.DuckDBPyConnection, path: Path, layout: CsvLayout, src: str, ws: Workspace
) -> tuple[pa.Table, list[MalformedLine]]:
    """The file mapped to canonical columns plus ``_row`` and ``_reason``, as an Arrow table
    (also registered in ``con`` as ``mapped``), and the lines that could not be parsed.

    A clean file is mapped in one parallel scan. When rows are rejected the file is read
    again into a table that keeps file order, so the quarantine can give line numbers and a
    repeated id rejects only the later row.
    """
    cfg = ws.config

    def mapped(from_: str, ordered: bool) -> pa.Table:
        query = mapping_sql(
            src,
            layout.columns,
            bbox=cfg.bbox,
            country=cfg.country,
            country_name=cfg.country_name,
            from_=from_,
            ordered=ordered,
        )
        parts = con.sql(query).to_arrow_table()
        con.register("mapped_parts", parts)
        raw_sql, passed = raw_json_sql(src, layout.columns, "mapped_parts")
        raw = con.sql(raw_sql).to_arrow_table().column(0)
        con.unregister("mapped_parts")
        table = parts.drop_columns(passed)
        table = table.set_column(table.schema.get_field_index("raw"), "raw", raw)
        con.register("mapped", table)
        return table

    try:
        table = mapped(read_csv_sql(path, layout, "scan"), ordered=False)
        malformed = fetch_rejects(con, "scan")
        if layout.encoding == "utf-8" and has_encoding_errors(malformed):
            layout = replace(layout, encoding="latin-1")
            table = mapped(read_csv_sql(path, layout, "scan_latin1"), ordered=False)
            malformed = fetch_rejects(con, "scan_latin1")
        row = con.execute(
            "SELECT (SELECT count(*) FROM mapped WHERE _reason IS NOT NULL) + (SELECT count(*) "
            "FROM (SELECT source_id FROM mapped GROUP BY 1 HAVING count(*) > 1))"
        ).fetchone()
        if row is not None and row[0]:
            malformed = load_csv(con, path, layout, "src")
            table = mapped("src", ordered=True)
    except duckdb.Error as exc:
        raise InputError(f"{path.name}: cannot read as CSV: {str(exc).splitlines()[0]}") from None
    return table, malformed


def _version_label(src: str, max_stamp: Any) -> str:
    if src == "acled" and max_stamp:
        try:
            day = datetime.fromtimestamp(int(max_stamp), UTC).date()
        except (OverflowError, OSError, ValueError):
            return ""
        return f"export of {day.isoformat()}"
    return ""


def write_events_parquet(table: pa.Table, path: Path) -> None:
    """Write an events table with dictionary encoding only where values repeat."""
    repeating = [
        "source", "source_version", "event_type", "sub_event_type", "actor1", "actor2",
        "actor1_category", "actor2_category", "country", "iso3", "admin1", "admin2", "admin3",
        "admin1_pcode", "admin1_name", "admin2_pcode", "admin2_name", "placement",
    ]  # fmt: skip
    pq.write_table(
        table.cast(EVENT_SCHEMA), path, use_dictionary=repeating, row_group_size=256 * 1024
    )


def _publish(
    ws: Workspace,
    con: duckdb.DuckDBPyConnection,
    record: DatasetRecord,
    cols: str,
    fresh: pa.Table,
    *,
    merge: bool,
) -> int | None:
    """Write the merged table and make it current with its provenance, in one transaction."""
    with ws.transaction() as conn:
        saved = ws.record_dataset(record, conn=conn)
        ids = pa.array(np.full(fresh.num_rows, saved.id or 0, dtype=np.int64))
        fresh = fresh.set_column(
            fresh.schema.get_field_index("dataset_id"), EVENT_SCHEMA.field("dataset_id"), ids
        )
        if merge:
            con.register("fresh_rows", fresh)
            merged = _fetch(
                con,
                f"SELECT {cols} FROM old WHERE event_key NOT IN (SELECT event_key FROM gone) "
                "AND event_key NOT IN (SELECT event_key FROM status WHERE status = 'updated') "
                f"UNION ALL SELECT {cols} FROM fresh_rows ORDER BY event_date, event_key",
            )
        else:
            merged = fresh
        staged = ws.staging_file(EVENTS_SLOT)
        write_events_parquet(merged, staged)
        old = ws.current_file(EVENTS_SLOT)
        ws.publish(EVENTS_SLOT, staged, [], conn=conn)
    if old is not None:
        old.unlink(missing_ok=True)
    return saved.id


def replace_all(ws: Workspace) -> dict[str, int]:
    """Place every stored event again (after boundaries or a gazetteer were imported)."""
    current = ws.current_file(EVENTS_SLOT)
    if current is None:
        return {}
    table = pq.read_table(current)
    placed, counts = place_table(Placer.for_workspace(ws), table)
    staged = ws.staging_file(EVENTS_SLOT)
    write_events_parquet(placed, staged)
    ws.publish(EVENTS_SLOT, staged, [])
    return counts
