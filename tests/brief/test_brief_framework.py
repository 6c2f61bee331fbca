"""The benchmarks-and-indicators section from the example results framework in a workspace."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from peaceops.demo.framework import load_example
from peaceops.framework.status import framework_status
from peaceops.reports.brief_framework import gather_framework
from peaceops.workspace import Workspace

sys.path.insert(0, str(Path(__file__).parent))
from brief_fixtures import publish_events


def test_framework_section_follows_the_framework_status(workspace: Workspace) -> None:
    publish_events(workspace)
    load_example(workspace)
    status = framework_status(workspace)
    part = gather_framework(workspace, "MINUSMA", None)
    assert part.section is not None and part.missing == ()
    off = [i for i in status.indicators if i.status == "off track"]
    assert part.section.paragraphs[0].startswith(
        f"{len(status.indicators)} indicators as of {status.as_of.isoformat()}: "
        f"{len(off)} off track"
    )
    # The example lists mandate tasks (human rights among them) that no outcome serves.
    assert "HumanRights" in status.coverage.tasks_without_outcome
    coverage = next(p for p in part.section.paragraphs if p.startswith("Mandate tasks"))
    assert coverage.startswith("Mandate tasks with no outcome: ") and "Human rights" in coverage
    benchmarks, indicators = part.section.tables
    assert [r[0] for r in benchmarks.rows] == [b.name for b in status.benchmarks]
    assert [r[2] for r in benchmarks.rows] == [b.status for b in status.benchmarks]
    # Worst first: every off-track indicator before any other.
    statuses = [r[4] for r in indicators.rows]
    assert statuses[: len(off)] == ["off track"] * len(off)
    assert indicators.note.startswith("Sources: ")
    assert off, "the example's observations put some indicators off track"
    text = part.considerations[0].text
    assert text.startswith(f"{len(off)} of {len(status.indicators)} indicators are off track")
    assert off[0].name in text


def test_framework_as_of_before_its_start_is_left_out(workspace: Workspace) -> None:
    load_example(workspace)  # recorded in July 2019; its baselines are from late 2018
    # Valid time: in force from its start, though recorded later.
    assert gather_framework(workspace, "MINUSMA", date(2019, 1, 1)).section is not None
    part = gather_framework(workspace, "MINUSMA", date(2017, 12, 31))
    assert part.section is None
    assert part.missing[0].remedy == "framework.import"
    later = gather_framework(workspace, "MINUSMA", date(2020, 3, 31))
    assert later.section is not None
    assert later.section.paragraphs[0].split(": ")[0].endswith("as of 2020-03-31")
