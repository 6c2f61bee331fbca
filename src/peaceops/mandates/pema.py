"""PEMA expert coding as a mandate source: one coded mandate per PEMA row.

A coded mandate is a :class:`Resolution` without text: symbol, adoption date, mission, the
renewal/adjustment flags and, for every task and modality the experts coded, the operative
paragraph ids that carry it (and paragraphs of other documents the coding cites). Its
``coding`` names the PEMA row it comes from.

Reading validates the whole file first: missing columns or task columns that are not in the
PEMA taxonomy stop the import with one error; a row with a malformed paragraph cell, a bad
symbol or year is set aside with its line number and reason, whole (never half of its tasks).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from peaceops.errors import InputError
from peaceops.mandates.model import Coding, Modality, Resolution, TaskMention
from peaceops.mandates.pema_cells import CellError, parse_cell
from peaceops.mandates.taxonomy import PEMA_CITATION, load_taxonomy

if TYPE_CHECKING:
    from peaceops.mandates.store import CodedImport
    from peaceops.workspace import Workspace

__all__ = ["PEMA_SOURCE", "PemaFile", "PemaImport", "RejectedRow", "import_pema", "read_pema"]

PEMA_SOURCE = "PEMA"
_REQUIRED = ("Signature", "NamePKO", "Year")
_TASK_COLUMN = re.compile(r"^([A-Za-z]+)_(Monitor|Assist|Security|Encouraged)$")
_SIGNATURE = re.compile(r"^S/RES/(\d{1,4})(?:\s*\((\d{4})\))?$")


@dataclass(frozen=True)
class RejectedRow:
    """A PEMA row set aside, with its line in the file and why."""

    line: int
    signature: str
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {"line": self.line, "signature": self.signature, "reason": self.reason}


@dataclass(frozen=True)
class PemaFile:
    """The coded mandates read from a PEMA file, and the rows set aside."""

    mandates: tuple[Resolution, ...]
    rejected: tuple[RejectedRow, ...]
    rows_read: int
    file_name: str


def _flag(value: str | None) -> bool | None:
    v = (value or "").strip()
    return True if v == "1" else False if v == "0" else None


def _date(value: str | None) -> date | None:
    v = (value or "").strip()
    for fmt in ("%d-%b-%y", "%d-%b-%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(v, fmt).date()
        except ValueError:
            continue
    return None


def _read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    if not path.is_file():
        raise InputError(f"PEMA file not found: {path}")
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise InputError(f"{path.name}: a binary file, not a PEMA CSV")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip() for f in (reader.fieldnames or [])]
    rows = [{(k or "").strip(): (v or "") for k, v in r.items()} for r in reader]
    return fields, rows


def _check_columns(path: Path, fields: list[str]) -> list[tuple[str, Modality, str]]:
    missing = [c for c in _REQUIRED if c not in fields]
    if missing:
        raise InputError(
            f"{path.name}: not a PEMA file: missing column(s) {', '.join(missing)} "
            "(expected Signature, NamePKO, Year and <Task>_<Modality> columns)"
        )
    codes = {t.code for t in load_taxonomy()}
    task_columns: list[tuple[str, Modality, str]] = []
    unknown: list[str] = []
    for f in fields:
        m = _TASK_COLUMN.match(f)
        if m is None:
            continue
        if m[1] not in codes:
            unknown.append(f)
        else:
            task_columns.append((m[1], Modality(m[2]), f))
    if unknown:
        raise InputError(
            f"{path.name}: {len(unknown)} task column(s) not in the PEMA taxonomy: "
            f"{', '.join(unknown[:8])}{' ...' if len(unknown) > 8 else ''} "
            "(the 41 task codes are listed in docs/taxonomy.md)"
        )
    if not task_columns:
        raise InputError(f"{path.name}: no <Task>_<Modality> columns (e.g. CivProtect_Security)")
    return task_columns


def read_pema(path: Path, mission: str | None = None) -> PemaFile:
    """Read a PEMA CSV into coded mandates (only ``mission``'s rows when given).

    Raises:
        InputError: the file is missing or not a PEMA file, a task column is unknown, or no
            row belongs to ``mission``.
    """
    fields, rows = _read_rows(path)
    task_columns = _check_columns(path, fields)
    wanted = mission.strip().casefold() if mission else None
    order = {t.code: i for i, t in enumerate(load_taxonomy())}
    mandates: list[Resolution] = []
    rejected: list[RejectedRow] = []
    seen: dict[str, int] = {}
    missions_seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        name = row.get("NamePKO", "").strip()
        missions_seen.add(name)
        if wanted is not None and name.casefold() != wanted:
            continue
        signature = re.sub(r"\s+", " ", row.get("Signature", "")).strip()
        problems: list[str] = []
        m = _SIGNATURE.match(signature)
        if not signature:
            problems.append("no Signature")
        elif m is None:
            problems.append(
                f"Signature {signature!r} is not one resolution (S/RES/n); "
                "a row coding several resolutions together is not stored as one mandate"
            )
        year_text = row.get("Year", "").strip()
        year = int(year_text) if year_text.isdigit() and 1945 <= int(year_text) <= 2100 else None
        if year is None:
            problems.append(f"Year {year_text!r} is not a year")
        if not name:
            problems.append("no mission (NamePKO)")
        tasks: list[TaskMention] = []
        for code, modality, column in task_columns:
            cell = row.get(column, "")
            try:
                refs = parse_cell(cell)
            except CellError as exc:
                problems.append(f"{column}: {exc}")
                continue
            if refs.empty:
                continue
            doubt = " (the coder marked it uncertain)" if refs.uncertain else ""
            tasks.append(
                TaskMention(
                    code,
                    modality,
                    refs.paragraphs,
                    f"{PEMA_SOURCE} cell {column} = {cell.strip()!r}{doubt}",
                    refs.elsewhere,
                )
            )
        if problems or m is None or year is None:
            rejected.append(RejectedRow(line, signature, "; ".join(problems)))
            continue
        symbol = f"S/RES/{int(m[1])} ({m[2] or year})"
        if symbol in seen:
            rejected.append(
                RejectedRow(line, signature, f"{symbol} already coded on line {seen[symbol]}")
            )
            continue
        seen[symbol] = line
        tasks.sort(key=lambda t: (order[t.task], list(Modality).index(t.modality)))
        mandates.append(
            Resolution(
                symbol=symbol,
                number=int(m[1]),
                year=int(m[2] or year),
                date=_date(row.get("Date2")),
                missions=(name.upper(),),
                tasks=tuple(tasks),
                source=f"{PEMA_SOURCE} row, {path.name} line {line}",
                coding=Coding(
                    source=PEMA_SOURCE,
                    citation=PEMA_CITATION,
                    file_name=path.name,
                    line=line,
                    renewal=_flag(row.get("Mandate_Renewal")),
                    complete_adjustment=_flag(row.get("Mandate_CompleteAdjustment")),
                ),
            )
        )
    if wanted is not None and not mandates and not rejected:
        known = sorted(m for m in missions_seen if m)
        raise InputError(
            f"{path.name}: no row for mission {mission!r} (missions in the file: "
            f"{', '.join(known[:12])}{' ...' if len(known) > 12 else ''})"
        )
    return PemaFile(tuple(mandates), tuple(rejected), len(rows), path.name)


def import_pema(ws: Workspace, path: Path, mission: str | None = None) -> PemaImport:
    """Read a PEMA file and store its coded mandates (all in one transaction)."""
    from peaceops.mandates.store import save_coded_mandates
    from peaceops.provenance import DatasetRecord, file_sha256

    read = read_pema(path, mission)
    record = DatasetRecord(
        kind="pema",
        source=PEMA_SOURCE,
        file_name=path.name,
        sha256=file_sha256(path),
        accessed=date.today(),
        version="2" if "v2" in path.name.lower() else "",
        citation=PEMA_CITATION,
        rows_read=read.rows_read,
        rows_accepted=len(read.mandates),
        rows_rejected=len(read.rejected),
        details={
            "mission": mission,
            "rejected": [f"line {r.line}: {r.reason}" for r in read.rejected[:50]],
        },
    )
    done = save_coded_mandates(ws, read.mandates, record) if read.mandates else None
    return PemaImport(read, done)


@dataclass(frozen=True)
class PemaImport:
    """The file read and what storing it did (``stored`` is None when no row was valid)."""

    read: PemaFile
    stored: CodedImport | None
