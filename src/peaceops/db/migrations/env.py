"""Alembic environment: peaceops passes the connection in ``config.attributes``."""

from __future__ import annotations

from alembic import context

from peaceops.db.migrate import target_metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=target_metadata(),
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
