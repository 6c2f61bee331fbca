"""Provenance of every dataset brought into a workspace: where it came from and what it was."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

__all__ = [
    "DatasetRecord",
    "cite",
    "dataset_from_row",
    "dataset_values",
    "file_sha256",
    "now_utc",
]


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def cite(
    source: str, version: str, file_name: str, sha256: str, accessed: date, citation: str = ""
) -> str:
    """The one-line citation of a dataset: source, version, file and hash, access date, then
    the publisher's own citation text."""
    parts = [source]
    if version:
        parts.append(f"version {version}")
    # A text the project ships has no file hash: name the file without an empty "(sha256 )".
    parts.append(f"file {file_name} (sha256 {sha256[:12]})" if sha256 else f"file {file_name}")
    parts.append(f"accessed {accessed.isoformat()}")
    text = ", ".join(parts)
    return f"{text}. {citation}" if citation else text


@dataclass(frozen=True)
class DatasetRecord:
    """One import of one file (or one fetch) into the workspace.

    ``kind`` says what the data is (``events``, ``boundaries``, ``resolution``, ``deployments``,
    ``framework``, ...); ``source`` who published it (``ACLED``, ``UCDP GED``, ``OCHA COD-AB``,
    ...); ``version`` the source's own version or export date when known; ``accessed`` the date
    the user obtained the file (the import date when nothing better is known).
    """

    kind: str
    source: str
    file_name: str
    sha256: str
    accessed: date
    version: str = ""
    citation: str = ""
    rows_read: int = 0
    rows_accepted: int = 0
    rows_rejected: int = 0
    imported_at: datetime = field(default_factory=now_utc)
    details: dict[str, Any] = field(default_factory=dict)
    id: int | None = None

    def cite(self) -> str:
        """A one-line citation, as charts and briefs print it."""
        return cite(
            self.source, self.version, self.file_name, self.sha256, self.accessed, self.citation
        )


def dataset_values(record: DatasetRecord) -> dict[str, Any]:
    """The columns of a ``datasets`` row for ``record`` (the id is the database's)."""
    return {
        "kind": record.kind,
        "source": record.source,
        "file_name": record.file_name,
        "sha256": record.sha256,
        "version": record.version,
        "citation": record.citation,
        "accessed": record.accessed,
        "imported_at": record.imported_at.replace(tzinfo=None),
        "rows_read": record.rows_read,
        "rows_accepted": record.rows_accepted,
        "rows_rejected": record.rows_rejected,
        "details": record.details,
    }


def dataset_from_row(r: Mapping[Any, Any]) -> DatasetRecord:
    """A ``DatasetRecord`` from a stored ``datasets`` row."""
    return DatasetRecord(
        id=r["id"],
        kind=r["kind"],
        source=r["source"],
        file_name=r["file_name"],
        sha256=r["sha256"],
        version=r["version"] or "",
        citation=r["citation"] or "",
        accessed=r["accessed"],
        imported_at=r["imported_at"],
        rows_read=r["rows_read"],
        rows_accepted=r["rows_accepted"],
        rows_rejected=r["rows_rejected"],
        details=dict(r["details"] or {}),
    )
