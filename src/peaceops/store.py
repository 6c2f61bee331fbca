"""Tables every workspace has: provenance of datasets and pointers to the current data files.

Feature packages define their own tables on their own ``MetaData`` and create them through
``Workspace.ensure_tables``; nothing here knows about them.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Date, DateTime, Integer, MetaData, String, Table, Text

__all__ = ["datasets", "metadata", "pointers"]

metadata = MetaData()

# slot -> file currently holding that slot's data; switching a pointer is the commit point
# of every import that writes a data file.
pointers = Table(
    "pointers",
    metadata,
    Column("slot", String(200), primary_key=True),
    Column("file", String(500), nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

datasets = Table(
    "datasets",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(50), nullable=False, index=True),
    Column("source", String(200), nullable=False),
    Column("file_name", String(500), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("version", String(100), nullable=False, default=""),
    Column("citation", Text, nullable=False, default=""),
    Column("accessed", Date, nullable=False),
    Column("imported_at", DateTime, nullable=False),
    Column("rows_read", Integer, nullable=False, default=0),
    Column("rows_accepted", Integer, nullable=False, default=0),
    Column("rows_rejected", Integer, nullable=False, default=0),
    Column("details", JSON, nullable=False, default=dict),
)
