"""A gazetteer of populated places, used to place events by location name.

The format is the OCHA settlements table (``featureNam``, ``admin1Pcod``, ``admin2Pcod``,
``admin3Pcod``, ``longitude``, ``latitude``; ``featureAlt`` and ``featureA_1`` as alternative
names). It is stored in the Parquet slot ``gazetteer`` as one row per (folded name, place).
A name that points to places in different cercles is ambiguous and only used when the
event's admin1 picks one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from peaceops.csvfile import load_csv, sniff
from peaceops.errors import InputError
from peaceops.geo.names import fold_name
from peaceops.provenance import DatasetRecord, file_sha256
from peaceops.workspace import Workspace

__all__ = ["GAZETTEER_SLOT", "Gazetteer", "load_gazetteer", "store_gazetteer"]

GAZETTEER_SLOT = "gazetteer"

_NAME_COLUMNS = ("featureNam", "featureAlt", "featureA_1")
_REQUIRED = ("featureNam", "admin1Pcod")


@dataclass(frozen=True)
class Gazetteer:
    """Folded place name -> the distinct (admin1, admin2) P-code pairs carrying it."""

    places: dict[str, tuple[tuple[str | None, str | None], ...]]

    def lookup(
        self, name: str, admin1_pcode: str | None = None
    ) -> tuple[str | None, str | None] | None:
        """The (admin1, admin2) P-codes of a place name, or None if unknown or ambiguous."""
        options = self.places.get(fold_name(name), ())
        if admin1_pcode is not None:
            narrowed = tuple(o for o in options if o[0] == admin1_pcode)
            options = narrowed or options
        if len({o[1] for o in options}) == 1 and len({o[0] for o in options}) == 1:
            return options[0]
        return None


def store_gazetteer(ws: Workspace, path: Path, accessed: date | None = None) -> dict[str, Any]:
    """Store a settlements CSV as the workspace gazetteer, with its provenance.

    (Events are placed again by ``peaceops.events.geography.import_gazetteer``.)
    """
    layout = sniff(path)
    missing = [c for c in _REQUIRED if c not in layout.columns]
    if missing:
        raise InputError(f"{path.name}: missing gazetteer column(s): {', '.join(missing)}")
    con = duckdb.connect()
    try:
        malformed = load_csv(con, path, layout)
        cols = set(layout.columns)

        def col(name: str) -> str:
            return f"nullif(trim(\"{name}\"), '')" if name in cols else "CAST(NULL AS VARCHAR)"

        names = [n for n in _NAME_COLUMNS if n in cols]
        parts = [
            f"SELECT {col(n)} AS name, {col('admin1Pcod')} AS admin1_pcode, "
            f"{col('admin2Pcod')} AS admin2_pcode FROM src"
            for n in names
        ]
        rows = con.execute(
            "SELECT DISTINCT name, admin1_pcode, admin2_pcode FROM ("
            + " UNION ALL ".join(parts)
            + ") WHERE name IS NOT NULL AND name <> 'NA' AND admin1_pcode IS NOT NULL"
        ).fetchall()
        n_read = int(con.execute("SELECT count(*) FROM src").fetchone()[0])  # type: ignore[index]
    finally:
        con.close()
    keys = [fold_name(str(r[0])) for r in rows]
    table = pa.table(
        {
            "key": keys,
            "name": [str(r[0]) for r in rows],
            "admin1_pcode": [r[1] for r in rows],
            "admin2_pcode": [r[2] for r in rows],
        }
    )
    record = DatasetRecord(
        kind="gazetteer",
        # The columns read (featureNam, admin1Pcod, ...) are those of OCHA's populated
        # places datasets: the publisher is named, as boundaries name OCHA COD-AB.
        source="OCHA",
        file_name=path.name,
        sha256=file_sha256(path),
        accessed=accessed or date.today(),
        citation="Populated places (settlements) with P-codes, OCHA common operational dataset",
        rows_read=n_read + len(malformed),
        rows_accepted=n_read,
        rows_rejected=len(malformed),
    )
    staged = ws.staging_file(GAZETTEER_SLOT)
    pq.write_table(table, staged)
    ws.publish(GAZETTEER_SLOT, staged, [record])
    return {"places": n_read, "names": len(set(keys))}


def load_gazetteer(ws: Workspace) -> Gazetteer | None:
    path = ws.current_file(GAZETTEER_SLOT)
    if path is None:
        return None
    table = pq.read_table(path, columns=["key", "admin1_pcode", "admin2_pcode"])
    places: dict[str, set[tuple[str | None, str | None]]] = {}
    for key, a1, a2 in zip(
        table.column("key").to_pylist(),
        table.column("admin1_pcode").to_pylist(),
        table.column("admin2_pcode").to_pylist(),
        strict=True,
    ):
        places.setdefault(key, set()).add((a1, a2))
    return Gazetteer({k: tuple(sorted(v, key=str)) for k, v in places.items()})
