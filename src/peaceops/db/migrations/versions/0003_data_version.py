"""The data version: one row bumped by every transaction that writes data; caches key on it.

Revision ID: 0003_data_version
Revises: 0002_team
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_data_version"
down_revision = "0002_team"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if not sa.inspect(bind).has_table("data_version"):
        op.create_table(
            "data_version",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("version", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
    if bind.execute(sa.text("SELECT count(*) FROM data_version")).scalar() == 0:
        bind.execute(sa.text("INSERT INTO data_version (id, version) VALUES (1, 0)"))


def downgrade() -> None:
    op.drop_table("data_version")
