"""Human-rights due diligence for plan tasks that support a state force.

Before a UN mission supports national security forces it must weigh their record of violations
against civilians (the UN's human rights due diligence policy on support to non-UN security
forces, 2011). For every plan task that supports a state force, ``plan_task_records`` gives
that force's civilian-targeting record over the 12 months up to the latest data.

Which tasks support which force is registry data, not code: a ``state forces`` actor lists
``support_terms`` (``army``, ``mixed units``, ``police``...), and a task supports it when its
name contains one of them as a whole word or phrase (case-insensitive).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from peaceops.actors.model import STATE_FORCES, Actor, Registry
from peaceops.actors.profiles import StateForceRecord, state_force_record
from peaceops.actors.registry import workspace_registry
from peaceops.workspace import Workspace

__all__ = ["TaskForceRecord", "plan_task_records", "supported_forces"]


def supported_forces(registry: Registry, task_name: str) -> tuple[Actor, ...]:
    """The state forces a task supports, by the registry's ``support_terms``."""
    text = task_name.casefold()
    found = []
    for actor in registry.of_type(STATE_FORCES):
        for term in actor.support_terms:
            if re.search(rf"(?<!\w){re.escape(term.casefold())}(?!\w)", text):
                found.append(actor)
                break
    return tuple(found)


@dataclass(frozen=True)
class TaskForceRecord:
    """One plan task, one state force it supports, and that force's recent record."""

    task_id: str
    task_name: str
    force: str
    record: StateForceRecord

    def to_dict(self) -> dict[str, Any]:
        return {
            "task_id": self.task_id,
            "task_name": self.task_name,
            "force": self.force,
            **self.record.to_dict(),
        }


def plan_task_records(
    ws: Workspace,
    tasks: Iterable[tuple[str, str]],
    as_of: date | None = None,
    months: int = 12,
) -> list[TaskForceRecord]:
    """For each ``(task id, task name)`` that supports a state force, that force's
    civilian-targeting record over ``months`` months up to ``as_of`` (default: last event).

    Raises NotFoundError when the workspace has no events.
    """
    registry = workspace_registry(ws)
    cache: dict[str, StateForceRecord] = {}
    out = []
    for task_id, name in tasks:
        for actor in supported_forces(registry, name):
            if actor.name not in cache:
                cache[actor.name] = state_force_record(ws, actor.name, as_of, months)
            out.append(TaskForceRecord(task_id, name, actor.name, cache[actor.name]))
    return out
