"""The plan page as one typed view: the solved plan (``PlanView``) and the saved versions of
that plan, shaped by one ``to_dict()`` that both the page and ``/api/plan`` use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peaceops.errors import NotFoundError
from peaceops.planning.store import PlanVersion, plan_history
from peaceops.planning.view import PlanView
from peaceops.workspace import Workspace

__all__ = ["PlanPage", "versions_newest_first"]


@dataclass(frozen=True)
class PlanPage:
    view: PlanView
    versions: tuple[PlanVersion, ...]  # of the solved plan, newest first

    def to_dict(self) -> dict[str, Any]:
        """``PlanView.to_dict()`` with ``history``: the saved versions, newest first."""
        data = self.view.to_dict()
        data["history"] = [v.as_dict() for v in self.versions]
        return data


def versions_newest_first(ws: Workspace, name: str | None = None) -> tuple[PlanVersion, ...]:
    """The saved versions of the plan ``name`` (of every plan when None), newest first; none
    for a plan followed from the strategy under another name."""
    try:
        return tuple(reversed(plan_history(ws, name)))
    except NotFoundError:
        return ()
