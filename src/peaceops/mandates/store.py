"""Parsed resolutions kept in the workspace (SQLite via SQLAlchemy Core, portable to PostgreSQL).

One row per resolution (symbol, number, year, adoption date, the parsed JSON) and one row per
mission it names, so history and briefs can ask for "every MINUSMA resolution, in order".
Saving replaces an earlier copy of the same symbol and records provenance in the same
transaction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
)
from sqlalchemy.engine import Connection

from peaceops import audit
from peaceops.errors import InputError, NotFoundError
from peaceops.mandates.model import ILLUSTRATIVE_LABEL, Resolution
from peaceops.mandates.serialize import resolution_from_dict, resolution_to_dict
from peaceops.provenance import DatasetRecord
from peaceops.workspace import Workspace

__all__ = [
    "RESOLUTION_KIND",
    "CodedImport",
    "delete_resolution",
    "list_resolutions",
    "load_resolution",
    "normalise_symbol",
    "save_coded_mandates",
    "save_resolution",
]

RESOLUTION_KIND = "resolution"

metadata = MetaData()
resolutions = Table(
    "mandate_resolutions",
    metadata,
    Column("symbol", String(40), primary_key=True),
    Column("number", Integer, index=True),
    Column("year", Integer),
    Column("adopted", Date),
    Column("meeting", String(20)),
    Column("missions", String(200), nullable=False, default=""),
    Column("source", Text, nullable=False, default=""),
    Column("data", Text, nullable=False),
    Column("dataset_id", Integer),
)
resolution_missions = Table(
    "mandate_resolution_missions",
    metadata,
    Column(
        "symbol",
        String(40),
        ForeignKey("mandate_resolutions.symbol", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("mission", String(40), primary_key=True, index=True),
)

_SYMBOL = re.compile(r"^\s*(?:S\s*/\s*RES\s*/\s*)?(\d{1,4})\s*(?:\(\s*(\d{4})\s*\))?\s*$", re.I)


def normalise_symbol(text: str) -> str:
    """``"s/res/2531(2020)"`` -> ``"S/RES/2531 (2020)"``; ``"2531"`` -> ``"S/RES/2531"``."""
    m = _SYMBOL.match(text)
    if m is None:
        raise InputError(f"{text!r} is not a resolution symbol (expected e.g. S/RES/2531 (2020))")
    return f"S/RES/{int(m[1])} ({m[2]})" if m[2] else f"S/RES/{int(m[1])}"


def save_resolution(
    ws: Workspace, res: Resolution, *, provenance: DatasetRecord | None = None
) -> DatasetRecord:
    """Store (or replace) a parsed resolution and record where it came from."""
    if not res.symbol.startswith("S/RES/") or res.number is None:
        raise InputError(f"cannot store {res.symbol!r}: its symbol (S/RES/n (year)) is unknown")
    ws.ensure_tables(metadata)
    record = provenance or DatasetRecord(
        kind=RESOLUTION_KIND,
        source=res.source or res.symbol,
        file_name=res.source,
        sha256="",
        accessed=date.today(),
        citation=(
            f"peaceops, text written for the project ({ILLUSTRATIVE_LABEL}); "
            f"the symbol {res.symbol} does not exist"
            if res.illustrative
            else f"United Nations Security Council, resolution {res.symbol}"
        ),
        rows_read=len(res.operative),
        rows_accepted=len(res.operative),
    )
    record = _with_details(record, res)
    with ws.transaction() as conn:
        saved = ws.record_dataset(record, conn=conn, audited=False)
        _write(conn, res, saved.id)
    return saved


def _write(conn: Connection, res: Resolution, dataset_id: int | None) -> None:
    """Replace the stored copy of ``res`` and write the audit row, in ``conn``'s transaction."""
    old = conn.execute(
        select(resolutions.c.source, resolutions.c.dataset_id).where(
            resolutions.c.symbol == res.symbol
        )
    ).first()
    conn.execute(delete(resolution_missions).where(resolution_missions.c.symbol == res.symbol))
    conn.execute(delete(resolutions).where(resolutions.c.symbol == res.symbol))
    conn.execute(
        insert(resolutions).values(
            symbol=res.symbol,
            number=res.number,
            year=res.year,
            adopted=res.date,
            meeting=res.meeting,
            missions=";".join(res.missions),
            source=res.source,
            data=_json(res),
            dataset_id=dataset_id,
        )
    )
    for mission in dict.fromkeys(res.missions):
        conn.execute(insert(resolution_missions).values(symbol=res.symbol, mission=mission))
    audit.record(
        conn,
        None,
        "mandates.save",
        f"resolution:{res.symbol}",
        before=None if old is None else {"source": old[0], "dataset_id": old[1]},
        after={
            "source": res.source,
            "dataset_id": dataset_id,
            "operative_paragraphs": len(res.operative),
            "coded": res.coded,
        },
    )


def _json(res: Resolution) -> str:
    return json.dumps(resolution_to_dict(res), ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class CodedImport:
    """What storing coded mandates did."""

    stored: tuple[str, ...]  # symbols written (new or changed)
    unchanged: tuple[str, ...]  # symbols already stored exactly so
    kept_text: tuple[str, ...]  # symbols with a read text in the store, left as they were
    record: DatasetRecord | None  # None when nothing changed


def save_coded_mandates(
    ws: Workspace, mandates: Sequence[Resolution], record: DatasetRecord
) -> CodedImport:
    """Store coded mandates in one transaction with one provenance record.

    A symbol already stored as a read text keeps its text (an import never replaces what the
    user read); one already stored with the same coding is left alone, so importing the same
    file twice changes nothing.
    """
    ws.ensure_tables(metadata)
    for res in mandates:
        if res.number is None or not res.symbol.startswith("S/RES/"):
            raise InputError(f"cannot store {res.symbol!r}: its symbol (S/RES/n (year)) is unknown")
    with ws.transaction() as conn:
        existing = {
            r.symbol: r.data
            for r in conn.execute(
                select(resolutions.c.symbol, resolutions.c.data).where(
                    resolutions.c.symbol.in_([m.symbol for m in mandates])
                )
            )
        }
        stored: list[str] = []
        unchanged: list[str] = []
        kept: list[str] = []
        todo: list[Resolution] = []
        for res in mandates:
            old = existing.get(res.symbol)
            if old is not None and json.loads(old).get("coding") is None:
                kept.append(res.symbol)
            elif old is not None and json.loads(old) == json.loads(_json(res)):
                unchanged.append(res.symbol)
            else:
                todo.append(res)
        saved = None
        if todo:
            details = dict(record.details)
            details["symbols"] = [r.symbol for r in todo]
            saved = ws.record_dataset(replace(record, details=details), conn=conn)
            for res in todo:
                _write(conn, res, saved.id)
                stored.append(res.symbol)
    return CodedImport(tuple(stored), tuple(unchanged), tuple(kept), saved)


def _with_details(record: DatasetRecord, res: Resolution) -> DatasetRecord:
    details = dict(record.details)
    details.setdefault("symbol", res.symbol)
    details.setdefault("missions", list(res.missions))
    details.setdefault("operative_paragraphs", len(res.operative))
    return replace(record, details=details)


def load_resolution(ws: Workspace, symbol: str) -> Resolution:
    """The stored resolution with this symbol ("S/RES/2531 (2020)", "2531 (2020)" or "2531")."""
    ws.ensure_tables(metadata)
    wanted = normalise_symbol(symbol)
    query = select(resolutions.c.data)
    if "(" in wanted:
        query = query.where(resolutions.c.symbol == wanted)
    else:
        query = query.where(resolutions.c.number == int(wanted.rsplit("/", 1)[1]))
    with ws.engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        raise NotFoundError(
            f"{wanted} is not in this workspace",
            missing=f"resolution {wanted}",
            remedy="mandates.fetch",
        )
    return resolution_from_dict(json.loads(row[0]))


def list_resolutions(ws: Workspace, mission: str | None = None) -> list[Resolution]:
    """Stored resolutions, oldest adoption first (undated last), optionally for one mission."""
    ws.ensure_tables(metadata)
    query = select(resolutions.c.data)
    if mission:
        query = query.join(
            resolution_missions, resolution_missions.c.symbol == resolutions.c.symbol
        ).where(resolution_missions.c.mission == mission.strip().upper())
    query = query.order_by(
        resolutions.c.adopted.is_(None),
        resolutions.c.adopted,
        resolutions.c.year,
        resolutions.c.number,
    )
    with ws.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [resolution_from_dict(json.loads(r[0])) for r in rows]


def delete_resolution(ws: Workspace, symbol: str) -> bool:
    """Remove a stored resolution; True if there was one."""
    ws.ensure_tables(metadata)
    wanted = normalise_symbol(symbol)
    with ws.transaction() as conn:
        conn.execute(delete(resolution_missions).where(resolution_missions.c.symbol == wanted))
        result = conn.execute(delete(resolutions).where(resolutions.c.symbol == wanted))
        if result.rowcount:
            audit.record(conn, None, "mandates.delete", f"resolution:{wanted}")
    return bool(result.rowcount)
