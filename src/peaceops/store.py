"""Tables every workspace has: provenance of datasets and pointers to the current data files.

Feature packages define their own tables on their own ``MetaData`` and create them through
``Workspace.ensure_tables``; nothing here knows about them.
"""

from __future__ import annotations

from sqlalchemy import (
    DDL,
    JSON,
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    event,
)

__all__ = ["audit_log", "data_version", "datasets", "metadata", "pointers"]

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

# One row (id 1): the version of the workspace's data, bumped by every transaction that writes
# data (an import's publish, a saved framework, plan, resolution, ...). Caches key on it.
data_version = Table(
    "data_version",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version", Integer, nullable=False),
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

# The audit trail (see peaceops.audit): one row per change, written in the change's transaction.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False, index=True),
    Column("user", String(200), nullable=False, index=True),
    Column("action", String(80), nullable=False),
    Column("object", String(500), nullable=False),
    Column("via", String(10), nullable=False),
    Column("before", JSON, nullable=True),
    Column("after", JSON, nullable=True),
)

# Append-only: the database itself refuses to change or remove an audit row.
APPEND_ONLY_SQLITE = [
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
]
APPEND_ONLY_POSTGRESQL = [
    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
]
for _sql in APPEND_ONLY_SQLITE:
    event.listen(audit_log, "after_create", DDL(_sql).execute_if(dialect="sqlite"))  # type: ignore[no-untyped-call]
for _sql in APPEND_ONLY_POSTGRESQL:
    event.listen(audit_log, "after_create", DDL(_sql).execute_if(dialect="postgresql"))  # type: ignore[no-untyped-call]
