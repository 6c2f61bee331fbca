"""The records database: its tables, migrations (Alembic) and where it lives.

Records (provenance, frameworks, observations, plans, resolutions, agreements, users, audit)
live in SQLite by default or PostgreSQL for a team (``database_url`` / PEACEOPS_DATABASE_URL).
``upgrade(ws)`` brings any database, empty or made by an earlier release, to the current
schema: the Alembic revisions in ``migrations/versions`` first, then any table a feature
defines that no revision creates yet (new tables only; changing an existing table needs a
revision).
"""

from peaceops.db.migrate import (
    HEAD,
    UpgradeReport,
    current_revision,
    schema_differences,
    target_metadata,
    upgrade,
)

__all__ = [
    "HEAD",
    "UpgradeReport",
    "current_revision",
    "schema_differences",
    "target_metadata",
    "upgrade",
]
