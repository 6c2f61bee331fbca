"""Baseline: the records schema of the release before accounts and the audit trail.

Created tables only when missing, so a database made by that release (whose tables were
created as features were first used) is brought to this revision without error.

Revision ID: 0001_baseline
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None


def _missing(name: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(name)


def upgrade() -> None:
    if _missing("pointers"):
        op.create_table(
            "pointers",
            sa.Column("slot", sa.String(length=200), nullable=False),
            sa.Column("file", sa.String(length=500), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("slot"),
        )
    if _missing("datasets"):
        op.create_table(
            "datasets",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("kind", sa.String(length=50), nullable=False),
            sa.Column("source", sa.String(length=200), nullable=False),
            sa.Column("file_name", sa.String(length=500), nullable=False),
            sa.Column("sha256", sa.String(length=64), nullable=False),
            sa.Column("version", sa.String(length=100), nullable=False),
            sa.Column("citation", sa.Text(), nullable=False),
            sa.Column("accessed", sa.Date(), nullable=False),
            sa.Column("imported_at", sa.DateTime(), nullable=False),
            sa.Column("rows_read", sa.Integer(), nullable=False),
            sa.Column("rows_accepted", sa.Integer(), nullable=False),
            sa.Column("rows_rejected", sa.Integer(), nullable=False),
            sa.Column("details", sa.JSON(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_datasets_kind", "datasets", ["kind"], unique=False)
    if _missing("framework_versions"):
        op.create_table(
            "framework_versions",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("recorded_at", sa.DateTime(), nullable=False),
            sa.Column("recorded_by", sa.String(length=200), nullable=False),
            sa.Column("framework_id", sa.String(length=200), nullable=False),
            sa.Column("definition", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
    if _missing("framework_observations"):
        op.create_table(
            "framework_observations",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("indicator_id", sa.String(length=200), nullable=False),
            sa.Column("value", sa.Float(), nullable=False),
            sa.Column("date", sa.Date(), nullable=False),
            sa.Column("source", sa.Text(), nullable=False),
            sa.Column("note", sa.Text(), nullable=False),
            sa.Column("entered_by", sa.String(length=200), nullable=False),
            sa.Column("recorded_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index(
            "ix_framework_observations_indicator_id",
            "framework_observations",
            ["indicator_id"],
            unique=False,
        )
    if _missing("framework_assessments"):
        op.create_table(
            "framework_assessments",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("benchmark_id", sa.String(length=200), nullable=False),
            sa.Column("status", sa.String(length=20), nullable=False),
            sa.Column("evidence", sa.Text(), nullable=False),
            sa.Column("assessed_by", sa.String(length=200), nullable=False),
            sa.Column("date", sa.Date(), nullable=False),
            sa.Column("recorded_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index(
            "ix_framework_assessments_benchmark_id",
            "framework_assessments",
            ["benchmark_id"],
            unique=False,
        )
    if _missing("framework_changes"):
        op.create_table(
            "framework_changes",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("at", sa.DateTime(), nullable=False),
            sa.Column("who", sa.String(length=200), nullable=False),
            sa.Column("action", sa.String(length=40), nullable=False),
            sa.Column("target", sa.String(length=200), nullable=False),
            sa.Column("details", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
    if _missing("mandate_resolutions"):
        op.create_table(
            "mandate_resolutions",
            sa.Column("symbol", sa.String(length=40), nullable=False),
            sa.Column("number", sa.Integer(), nullable=True),
            sa.Column("year", sa.Integer(), nullable=True),
            sa.Column("adopted", sa.Date(), nullable=True),
            sa.Column("meeting", sa.String(length=20), nullable=True),
            sa.Column("missions", sa.String(length=200), nullable=False),
            sa.Column("source", sa.Text(), nullable=False),
            sa.Column("data", sa.Text(), nullable=False),
            sa.Column("dataset_id", sa.Integer(), nullable=True),
            sa.PrimaryKeyConstraint("symbol"),
        )
        op.create_index(
            "ix_mandate_resolutions_number", "mandate_resolutions", ["number"], unique=False
        )
    if _missing("mandate_resolution_missions"):
        op.create_table(
            "mandate_resolution_missions",
            sa.Column("symbol", sa.String(length=40), nullable=False),
            sa.Column("mission", sa.String(length=40), nullable=False),
            sa.ForeignKeyConstraint(["symbol"], ["mandate_resolutions.symbol"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("symbol", "mission"),
        )
        op.create_index(
            "ix_mandate_resolution_missions_mission",
            "mandate_resolution_missions",
            ["mission"],
            unique=False,
        )
    if _missing("plans"):
        op.create_table(
            "plans",
            sa.Column("name", sa.String(length=200), nullable=False),
            sa.Column("file_name", sa.String(length=500), nullable=False),
            sa.Column("sha256", sa.String(length=64), nullable=False),
            sa.Column("content", sa.Text(), nullable=False),
            sa.Column("saved_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("name"),
        )


def downgrade() -> None:
    for name in (
        "plans",
        "mandate_resolution_missions",
        "mandate_resolutions",
        "framework_changes",
        "framework_assessments",
        "framework_observations",
        "framework_versions",
        "datasets",
        "pointers",
    ):
        op.drop_table(name)
