"""An export read and mapped onto the event table in DuckDB, with every row checked.

``map_rows`` runs the source's mapping (``source_mapping``) over the CSV file and returns the
result as Arrow, registered in the DuckDB connection as ``mapped`` (the canonical columns plus
``_row`` and ``_reason``); ``rejected_rows`` gives the rows set aside, as written in the file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from peaceops.csvfile import (
    CsvLayout,
    MalformedLine,
    fetch_rejects,
    has_encoding_errors,
    load_csv,
    read_csv_sql,
)
from peaceops.errors import InputError
from peaceops.events.source_mapping import mapping_sql, raw_json_sql
from peaceops.workspace import Workspace

__all__ = ["NotUtf8", "RejectedRow", "map_rows", "raw_json", "raw_passed", "rejected_rows"]

# (row in file order, reason, source id, the whole source row as JSON)
RejectedRow = tuple[int, str, str | None, str | None]


class NotUtf8(Exception):
    """The file has bytes further on that are not UTF-8: it must be transcoded first."""


def map_rows(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    layout: CsvLayout,
    src: str,
    ws: Workspace,
    scan: str = "scan",
) -> tuple[pa.Table, list[MalformedLine]]:
    """The file mapped to canonical columns plus ``_row`` and ``_reason``, as an Arrow table
    (also registered in ``con`` as ``mapped``), and the lines that could not be parsed.

    ``raw`` is left empty, its fields passed through (see ``raw_json``): only the events an
    import inserts or updates need it, so a re-import of unchanged events builds no JSON.

    A clean file is mapped in one parallel scan. When rows are rejected the file is read
    again into a table that keeps file order, so the quarantine can give line numbers and a
    repeated id rejects only the later row.
    """
    cfg = ws.config

    def mapped(from_: str, ordered: bool) -> pa.Table:
        query = mapping_sql(
            src,
            layout.columns,
            countries=cfg.country_entries(),
            from_=from_,
            ordered=ordered,
            today=date.today(),
        )
        table = con.sql(query).to_arrow_table()
        con.register("mapped", table)
        return table

    if layout.encoding != "utf-8":
        raise NotUtf8
    try:
        table = mapped(read_csv_sql(path, layout, scan), ordered=False)
        malformed = fetch_rejects(con, scan)
        if has_encoding_errors(malformed):
            raise NotUtf8
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


def rejected_rows(con: duckdb.DuckDBPyConnection) -> list[RejectedRow]:
    """The rows ``map_rows`` set aside, in file order, with the whole source row."""
    row = con.execute("SELECT count(*) FROM mapped WHERE _reason IS NOT NULL").fetchone()
    if not row or not row[0]:
        return []
    # rows were rejected, so the file was read in order into ``src``: quarantine the
    # whole source row as written
    return [
        (int(r[0]), str(r[1]), r[2], r[3])
        for r in con.execute(
            "SELECT m._row, m._reason, m.source_id, to_json(s) FROM mapped m "
            "JOIN src s ON s.rowid = m._row WHERE m._reason IS NOT NULL ORDER BY m._row"
        ).fetchall()
    ]


def raw_passed(src: str, columns: tuple[str, ...]) -> list[str]:
    """The columns of ``mapped`` that ``raw_json`` turns into ``raw``."""
    return raw_json_sql(src, columns, "mapped")[1]


def raw_json(rows: pa.Table, src: str, columns: tuple[str, ...]) -> pa.ChunkedArray:
    """``raw`` (the source row as JSON) of ``rows`` of ``mapped``, from their pass-through
    columns. Uses a DuckDB connection of its own, so it can run beside other work."""
    raw_sql, _ = raw_json_sql(src, columns, "raw_parts")
    with duckdb.connect() as con:
        con.execute("SET enable_progress_bar = false")
        con.register("raw_parts", rows)
        return con.sql(raw_sql).to_arrow_table().column(0)
