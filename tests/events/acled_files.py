"""Exports derived at test time from the published ACLED Mali file (never stored in the repo).

Analysts export ACLED by region, by period and by actor; these helpers write such exports
into a test's temporary folder from the real file in ../shared/data.
"""

from __future__ import annotations

import csv
import hashlib
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

import pyarrow.parquet as pq

from peaceops.events.schema import EVENTS_SLOT
from peaceops.workspace import Workspace

ACLED = "acled_mali_smose94/Processed_Acled_Mali.csv"
TOTAL = 4318  # rows of the published file

Row = dict[str, str]


def read_rows(shared: Path) -> tuple[list[str], list[Row]]:
    with (shared / ACLED).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def write_rows(
    dst: Path,
    fields: list[str],
    rows: Iterable[Row],
    *,
    encoding: str = "utf-8",
) -> Path:
    # a character the encoding lacks (the real file has a few) becomes "?", as Excel does
    with dst.open("w", encoding=encoding, errors="replace", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return dst


def subset(
    shared: Path,
    dst: Path,
    keep: Callable[[Row], bool] = lambda r: True,
    edit: Callable[[Row], Row] | None = None,
) -> tuple[Path, list[Row]]:
    """The real export filtered by ``keep`` (and rows changed by ``edit``) written to ``dst``."""
    fields, rows = read_rows(shared)
    out = [dict(r) for r in rows if keep(r)]
    if edit is not None:
        out = [edit(r) for r in out]
    return write_rows(dst, fields, out), out


def event_count(root: Path) -> int:
    """Stored events, read as a new process would (pointer, then the Parquet footer)."""
    ws = Workspace.open(root)
    try:
        path = ws.current_file(EVENTS_SLOT)
        return 0 if path is None else int(pq.ParquetFile(path).metadata.num_rows)
    finally:
        ws.close()


def snapshot(ws: Workspace) -> dict[str, object]:
    """Every file under store/ (staging excluded) and quarantine/ with its hash, and every
    SQL table's rows: 'exactly as before' means this is equal."""
    files = {
        str(p.relative_to(ws.root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in (ws.store_dir, ws.quarantine_dir)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".staging" not in p.parts
    }
    con = sqlite3.connect(ws.root / "peaceops.db")
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        rows = {t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    finally:
        con.close()
    return {"files": files, "tables": rows}
