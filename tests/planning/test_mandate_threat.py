"""Tasks drafted from a parsed mandate, and weights raised by regional threat."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from peaceops.mandates.model import Modality, Paragraph, Resolution, TaskMention, Tier
from peaceops.planning import parse_plan
from peaceops.planning.from_mandate import draft_plan
from peaceops.planning.threat import apply_threat_weights, threat_shares
from peaceops.workspace import Workspace

from .plan_fixtures import two_tasks_one_slot


def _resolution() -> Resolution:
    return Resolution(
        symbol="S/RES/9999 (2030)",
        number=9999,
        year=2030,
        missions=("MINUSMA",),
        operative=(
            Paragraph(
                "3", "Decides that the first strategic priority ...", tier=Tier.STRATEGIC_PRIMARY
            ),
            Paragraph("4a", "Support ...", tier=Tier.PRIORITY),
            Paragraph("9", "Requests ...", tier=Tier.OTHER),
        ),
        tasks=(
            TaskMention("CivProtect", Modality.SECURITY, ("9", "3"), "protect civilians"),
            TaskMention("Demining", Modality.ASSIST, ("9",), "explosive threat"),
            TaskMention("HumanRights", Modality.MONITOR, ("4a",), "monitor"),
        ),
    )


def test_draft_plan_weights_by_highest_tier() -> None:
    data = draft_plan(_resolution(), phases=4)
    tasks = {t["id"]: t for t in data["tasks"]}
    assert tasks["civprotect-security"]["tier"] == "strategic_priority_primary"
    assert tasks["civprotect-security"]["weight"] == 10.0
    assert tasks["demining-assist"]["weight"] == 3.0
    assert tasks["humanrights-monitor"]["paragraphs"] == ["4a"]
    plan = parse_plan(data)  # the skeleton is a valid plan as it stands
    assert plan.mission == "MINUSMA" and len(plan.tasks) == 3


def test_apply_threat_weights() -> None:
    data = two_tasks_one_slot()
    data["tasks"][0]["region"] = "centre"
    data["tasks"][1]["region"] = "north"
    plan = apply_threat_weights(parse_plan(data), {"centre": 0.75, "north": 0.25}, factor=2)
    assert [t.weight for t in plan.tasks] == [12.5, 3.0]  # 5 x 2.5, 2 x 1.5
    assert "centre 75%" in plan.notes[-1]


def test_threat_shares_real_events(workspace: Workspace, shared_data: Path) -> None:
    from peaceops.events.importer import import_events

    import_events(workspace, shared_data / "acled_mali_smose94" / "Processed_Acled_Mali.csv")
    shares, period = threat_shares(workspace, date(2019, 12, 31))
    assert period == "2019-01-01 to 2019-12-31"
    assert sum(shares.values()) == pytest.approx(1.0)
    # from 2018 the centre, not the north, bears most civilian deaths
    assert shares["centre"] > 0.5 > shares["north"]


def test_draft_and_threat_commands(workspace: Workspace, tmp_path: Path) -> None:
    import yaml
    from typer.testing import CliRunner

    from peaceops.cli import app
    from peaceops.mandates.store import save_resolution

    save_resolution(workspace, _resolution())
    out = tmp_path / "draft.yaml"
    w = ["-w", str(workspace.root)]
    result = CliRunner().invoke(app, ["plan", "draft", "9999", "--phases", "5", "-o", str(out), *w])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["phases"] == 5 and len(data["tasks"]) == 3
    # without events the threat weighting cannot run: a one-line error, not a traceback
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml.safe_dump(data), encoding="utf-8")
    res = CliRunner().invoke(app, ["plan", "solve", str(plan), "--threat-factor", "1", *w])
    assert res.exit_code == 1 and res.output.startswith("Error: no events in the workspace")
