"""Key considerations that join two parts of the brief: the mandate and the results framework.

A task the Council added at the last renewal that no outcome of the results framework serves
is one the mission cannot yet report progress on.
"""

from __future__ import annotations

from datetime import date

from peaceops.framework.store import load_framework
from peaceops.mandates.diff import diff_resolutions
from peaceops.mandates.store import list_resolutions
from peaceops.reports.brief_mandate import renewals_up_to, task_names
from peaceops.reports.brief_model import Consideration
from peaceops.workspace import Workspace

__all__ = ["added_tasks_without_outcome"]


def added_tasks_without_outcome(
    ws: Workspace, mission: str | None, as_of: date | None
) -> Consideration | None:
    """Tasks added since the last renewal that no framework outcome is linked to."""
    renewals = renewals_up_to(list_resolutions(ws, mission), as_of)
    framework = load_framework(ws, as_of)
    if len(renewals) < 2 or framework is None:
        return None
    previous, current = renewals[-2], renewals[-1]
    added = diff_resolutions(previous, current).tasks_added
    linked = {link.task for link in framework.task_links}
    uncovered = [t for t in added if t not in linked]
    if not uncovered:
        return None
    names = task_names()
    listed = ", ".join(names.get(t, t) for t in uncovered)
    if len(added) == 1:
        who = f"The task added in {current.label} has"
    else:
        verb = "has" if len(uncovered) == 1 else "have"
        who = f"{len(uncovered)} of the {len(added)} tasks added in {current.label} {verb}"
    return Consideration(
        text=f"{who} no outcome in the results framework '{framework.name}': {listed}.",
        figure=f"{len(uncovered)} of {len(added)}",
        source=f"{previous.label} and {current.label}; results framework task links",
        section="framework",
    )
