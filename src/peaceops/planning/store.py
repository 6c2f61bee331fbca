"""Plans saved in the workspace (SQLite), so reports, the brief and the web app can use them.

A plan is stored as its validated data with every derived capacity written out (e.g. troops
from Geo-PKO), so reading it back needs no deployment file and gives the same plan.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Column, DateTime, MetaData, String, Table, Text, delete, insert, select

from peaceops import audit
from peaceops.errors import InputError, NotFoundError
from peaceops.planning.loader import parse_plan
from peaceops.planning.model import Plan
from peaceops.provenance import now_utc
from peaceops.workspace import Workspace

__all__ = ["current_plan", "list_plans", "metadata", "plans", "save_plan"]

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


def save_plan(ws: Workspace, path: Path, deployments_csv: Path | None = None) -> Plan:
    """Validate a plan file and save it in the workspace (replacing one of the same name)."""
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
                saved_at=now_utc(),
            )
        )
        audit.record(
            conn,
            None,
            "plan.import",
            f"plan:{plan.name}",
            before=None if old is None else {"file": old[0], "sha256": old[1], "saved_at": old[2]},
            after={"file": path.name, "sha256": sha256, "tasks": len(plan.tasks)},
        )
    return plan


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
