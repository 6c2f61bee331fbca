"""Tasks added at the last renewal that no outcome of the results framework serves."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from peaceops.examples import example_path
from peaceops.framework.io import read_framework
from peaceops.framework.store import save_framework
from peaceops.mandates.store import save_resolution
from peaceops.reports.brief_crosscheck import added_tasks_without_outcome
from peaceops.workspace import Workspace

sys.path.insert(0, str(Path(__file__).parent))
from test_brief_mandate import NEW, OLD  # two renewals: protection of civilians added


def test_added_task_without_outcome(workspace: Workspace) -> None:
    save_resolution(workspace, OLD)
    save_resolution(workspace, NEW)
    assert added_tasks_without_outcome(workspace, "UNTEST", None) is None  # no framework yet
    example = read_framework(example_path("minusma_framework.yaml"))
    assert any(link.task == "CivProtect" for link in example.task_links)
    unlinked = replace(
        example, task_links=tuple(t for t in example.task_links if t.task != "CivProtect")
    )
    save_framework(workspace, unlinked, "test")
    gap = added_tasks_without_outcome(workspace, "UNTEST", None)
    assert gap is not None
    assert gap.text == (
        "The task added in S/RES/9050 (2030) has no outcome in the results framework "
        f"'{example.name}': Protection of civilians."
    )
    save_framework(workspace, example, "test")  # the task is linked again
    assert added_tasks_without_outcome(workspace, "UNTEST", None) is None
