"""Plan versions: one row per saved plan with its author, filled from what is already known.

Each ``plan.import`` row of the audit trail becomes a version (its user, time, file, SHA-256
and task count); the version a first audited save replaced, and a plan saved before the audit
trail existed, become versions whose author is "not recorded". Versions already in the table
(same plan and time) are left as they are, so running it on a table the code made is safe.

Revision ID: 0004_plan_versions
Revises: 0003_data_version
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004_plan_versions"
down_revision = "0003_data_version"
branch_labels = None
depends_on = None

NOT_RECORDED = "not recorded"  # kept here (not imported) so the revision stays as written


def _json(value: Any) -> Any:
    if isinstance(value, str):  # SQLite returns JSON as text, PostgreSQL already parsed
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def _moment(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value.rstrip("Z")).replace(tzinfo=None)
        except ValueError:
            return None
    return None


def _versions(bind: sa.Connection) -> list[dict[str, Any]]:
    """What the plans table and the audit trail say about each saved version."""
    found: list[dict[str, Any]] = []
    audited: set[str] = set()
    if sa.inspect(bind).has_table("audit_log"):
        rows = bind.execute(
            sa.text(
                'SELECT at, "user", object, "before", "after" FROM audit_log '
                "WHERE action = 'plan.import' ORDER BY id"
            )
        ).all()
        for at, user, obj, before_raw, after_raw in rows:
            name = str(obj).removeprefix("plan:")
            before, after = _json(before_raw), _json(after_raw) or {}
            if name not in audited and isinstance(before, dict):
                earlier = _moment(before.get("saved_at"))
                if earlier is not None:
                    found.append(_row(name, before, earlier, NOT_RECORDED))
            audited.add(name)
            found.append(_row(name, after, _moment(at) or datetime.min, str(user)))
    for name, file_name, sha256, saved_at in bind.execute(
        sa.text("SELECT name, file_name, sha256, saved_at FROM plans")
    ).all():
        if name not in audited:
            row = {"file": file_name, "sha256": sha256}
            found.append(_row(name, row, _moment(saved_at) or datetime.min, NOT_RECORDED))
    return found


def _row(name: str, data: dict[str, Any], at: datetime, who: str) -> dict[str, Any]:
    tasks = data.get("tasks")
    return {
        "plan": name,
        "file_name": str(data.get("file") or ""),
        "sha256": str(data.get("sha256") or ""),
        "tasks": tasks if isinstance(tasks, int) else None,
        "saved_at": at,
        "saved_by": who,
    }


def upgrade() -> None:
    bind = op.get_bind()
    if not sa.inspect(bind).has_table("plan_versions"):
        op.create_table(
            "plan_versions",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("plan", sa.String(length=200), nullable=False),
            sa.Column("file_name", sa.String(length=500), nullable=False),
            sa.Column("sha256", sa.String(length=64), nullable=False),
            sa.Column("tasks", sa.Integer(), nullable=True),
            sa.Column("saved_at", sa.DateTime(), nullable=False),
            sa.Column("saved_by", sa.String(length=200), nullable=False),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_plan_versions_plan", "plan_versions", ["plan"], unique=False)
    if not sa.inspect(bind).has_table("plans"):
        return
    table = sa.table(
        "plan_versions",
        sa.column("plan", sa.String),
        sa.column("file_name", sa.String),
        sa.column("sha256", sa.String),
        sa.column("tasks", sa.Integer),
        sa.column("saved_at", sa.DateTime),
        sa.column("saved_by", sa.String),
    )
    present = {
        (str(p), _moment(at))
        for p, at in bind.execute(sa.text("SELECT plan, saved_at FROM plan_versions")).all()
    }
    missing = [v for v in _versions(bind) if (v["plan"], v["saved_at"]) not in present]
    if missing:
        bind.execute(sa.insert(table), missing)


def downgrade() -> None:
    op.drop_table("plan_versions")
