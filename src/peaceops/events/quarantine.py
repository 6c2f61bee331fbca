"""The quarantine CSV of an import: rows set aside, with their line number and reason.

It is written completely (and flushed to disk) before the import commits, under a pending
name; the importer renames it after the commit, and the next writer finishes or removes a
pending file a killed import left (``versions.recover``).
"""

from __future__ import annotations

import csv
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

from peaceops.csvfile import MalformedLine
from peaceops.events.versions import PENDING_PREFIX
from peaceops.workspace import Workspace

__all__ = ["QUARANTINE_COLUMNS", "line_numbers", "write_quarantine"]

QUARANTINE_COLUMNS = ("line", "reason", "source_id", "row")


def line_numbers(rowids: list[int], malformed: list[MalformedLine]) -> list[int]:
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


def write_quarantine(
    ws: Workspace,
    path: Path,
    rows: list[tuple[int, str, str | None, str | None]],
    malformed: list[MalformedLine],
) -> Path | None:
    """Write the set-aside rows to a pending quarantine file; None when there are none."""
    if not rows and not malformed:
        return None
    lines = line_numbers([r[0] for r in rows], malformed)
    entries: list[tuple[int, str, str, str]] = [
        (line, reason, sid or "", raw or "")
        for line, (_, reason, sid, raw) in zip(lines, rows, strict=True)
    ]
    entries += [(m.line, m.reason, "", m.text) for m in malformed]
    entries.sort(key=lambda e: e[0])
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    name = f"{path.stem}-{stamp}-{uuid.uuid4().hex[:6]}.quarantine.csv"
    ws.quarantine_dir.mkdir(parents=True, exist_ok=True)
    out = ws.quarantine_dir / (PENDING_PREFIX + name)
    try:
        with out.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(QUARANTINE_COLUMNS)
            writer.writerows(entries)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return out
