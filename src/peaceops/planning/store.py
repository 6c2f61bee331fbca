"""Plans saved in the workspace, so reports, the brief and the web app can use them.

A plan is stored as its validated data with every derived capacity written out (e.g. troops
from Geo-PKO), so reading it back needs no deployment file and gives the same plan.

Tables:

- ``plans``: the current version of each plan (saving a plan of the same name replaces it);
- ``plan_versions``: one row per save (file, SHA-256, tasks, when and who), written in the
  same transaction as the plan and its audit row, under the same name and time, so the plan
  history and the audit trail name the same people.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
)

from peaceops import audit
from peaceops.errors import InputError, NotFoundError
from peaceops.planning.loader import parse_plan
from peaceops.planning.model import Plan
from peaceops.workspace import Workspace

__all__ = [
    "NOT_RECORDED",
    "PlanVersion",
    "current_plan",
    "list_plans",
    "metadata",
    "plan_history",
    "plan_versions",
    "plans",
    "save_plan",
]

# The author of a version saved before authors were recorded (and not in the audit trail).
NOT_RECORDED = "not recorded"

metadata = MetaData()

plans = Table(
    "plans",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("file_name", String(500), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("content", Text, nullable=False),  # JSON of the resolved plan data
    Column("saved_at", DateTime, nullable=False),
)

plan_versions = Table(
    "plan_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan", String(200), nullable=False, index=True),
    Column("file_name", String(500), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("tasks", Integer, nullable=True),  # unknown for versions older than this table
    Column("saved_at", DateTime, nullable=False),
    Column("saved_by", String(200), nullable=False),
)


@dataclass(frozen=True)
class PlanVersion:
    """One saved version of a plan: when, by whom, from which file."""

    plan: str
    version: int  # 1 for the first save of this plan name
    at: datetime
    who: str
    file: str
    sha256: str
    tasks: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "plan": self.plan,
            "version": self.version,
            "at": self.at,
            "who": self.who,
            "file": self.file,
            "sha256": self.sha256,
            "tasks": self.tasks,
        }


def save_plan(
    ws: Workspace, path: Path, deployments_csv: Path | None = None, user: str | None = None
) -> Plan:
    """Validate a plan file and save it in the workspace (replacing one of the same name).

    The version is recorded for ``user``, else the acting user (the signed-in web user, the
    CLI's ``--as``, else the operating-system user), as the audit trail records it."""
    if not path.is_file():
        raise InputError(f"plan file {path} not found")
    raw = path.read_bytes()
    if path.suffix.lower() == ".xlsx":
        from peaceops.planning.excel import read_plan_workbook

        data = read_plan_workbook(path)
    else:
        try:
            data = yaml.safe_load(raw.decode("utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise InputError(f"{path.name}: not valid YAML: {exc}") from None
    plan = parse_plan(data, source=path.name, deployments_csv=deployments_csv)
    resolved: dict[str, Any] = copy.deepcopy(data)
    resolved["name"] = plan.name
    resolved["resources"] = {r: {"capacity": list(plan.capacity[r])} for r in plan.resources}
    resolved["notes"] = list(plan.notes)
    resolved["sources"] = list(plan.sources)
    if plan.conditions_as_of is not None:
        resolved["conditions_as_of"] = plan.conditions_as_of.isoformat()
    ws.ensure_tables(metadata)
    sha256 = hashlib.sha256(raw).hexdigest()
    who = audit.user_name(user)
    moment = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    with ws.transaction() as conn:
        old = conn.execute(
            select(plans.c.file_name, plans.c.sha256, plans.c.saved_at).where(
                plans.c.name == plan.name
            )
        ).first()
        conn.execute(delete(plans).where(plans.c.name == plan.name))
        conn.execute(
            insert(plans).values(
                name=plan.name,
                file_name=path.name,
                sha256=sha256,
                content=json.dumps(resolved, ensure_ascii=False),
                saved_at=moment,
            )
        )
        conn.execute(
            insert(plan_versions).values(
                plan=plan.name,
                file_name=path.name,
                sha256=sha256,
                tasks=len(plan.tasks),
                saved_at=moment,
                saved_by=who,
            )
        )
        audit.record(
            conn,
            who,
            "plan.import",
            f"plan:{plan.name}",
            before=None if old is None else {"file": old[0], "sha256": old[1], "saved_at": old[2]},
            after={"file": path.name, "sha256": sha256, "tasks": len(plan.tasks)},
            at=moment,
        )
    return plan


def plan_history(ws: Workspace, name: str | None = None) -> list[PlanVersion]:
    """Every saved version (of the plan ``name``, or of every plan), oldest first.

    A plan saved before versions were recorded, in a database not yet upgraded, shows its
    current version with the author ``NOT_RECORDED``."""
    ws.ensure_tables(metadata)
    v = plan_versions
    query = select(v).order_by(v.c.saved_at, v.c.id)
    current = select(plans.c.name, plans.c.file_name, plans.c.sha256, plans.c.saved_at)
    if name is not None:
        query = query.where(v.c.plan == name)
        current = current.where(plans.c.name == name)
    with ws.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
        saved = conn.execute(current).all()
    seen = {str(r["plan"]) for r in rows}
    found = [
        (r["plan"], r["saved_at"], r["saved_by"], r["file_name"], r["sha256"], r["tasks"])
        for r in rows
    ]
    found += [(p[0], p[3], NOT_RECORDED, p[1], p[2], None) for p in saved if str(p[0]) not in seen]
    found.sort(key=lambda f: f[1])
    counts: dict[str, int] = {}
    out: list[PlanVersion] = []
    for plan, at, who, file, sha, tasks in found:
        counts[plan] = counts.get(plan, 0) + 1
        out.append(PlanVersion(str(plan), counts[plan], at, str(who), str(file), str(sha), tasks))
    if name is not None and not out:
        known = ", ".join(p["name"] for p in list_plans(ws)) or "none"
        raise NotFoundError(f"no plan named '{name}' in this workspace (saved: {known})")
    return out


def list_plans(ws: Workspace) -> list[dict[str, Any]]:
    ws.ensure_tables(metadata)
    with ws.engine.connect() as conn:
        rows = conn.execute(
            select(plans.c.name, plans.c.file_name, plans.c.saved_at).order_by(plans.c.saved_at)
        ).all()
    return [{"name": r[0], "file": r[1], "saved_at": r[2]} for r in rows]


def current_plan(ws: Workspace, name: str | None = None) -> Plan | None:
    """The named plan, or the most recently saved one; None when the workspace has none.

    Preconditions that rest on agreement provisions are checked against the workspace's
    agreement tracker (see ``peaceops.planning.evidence``)."""
    ws.ensure_tables(metadata)
    query = select(plans.c.content, plans.c.file_name)
    if name is not None:
        query = query.where(plans.c.name == name)
    else:
        query = query.order_by(plans.c.saved_at.desc())
    with ws.engine.connect() as conn:
        row = conn.execute(query.limit(1)).first()
    if row is None:
        if name is not None:
            known = ", ".join(p["name"] for p in list_plans(ws)) or "none"
            raise NotFoundError(f"no plan named '{name}' in this workspace (saved: {known})")
        return None
    from peaceops.planning.evidence import apply_agreement_evidence

    plan = parse_plan(json.loads(row[0]), source=str(row[1]))
    return apply_agreement_evidence(plan, ws)
