"""The audit trail: one row per change, in the change's transaction, append-only."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError
from typer.testing import CliRunner

from peaceops import audit
from peaceops.cli import app
from peaceops.demo.framework import EXAMPLE_FRAMEWORK
from peaceops.demo.synthetic import write_acled_csv
from peaceops.framework import assess_benchmark, changes, read_framework, save_framework
from peaceops.workspace import Workspace

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "peaceops" / "examples"


def test_framework_changes_are_audited_with_the_history_names(workspace: Workspace) -> None:
    fw = read_framework(EXAMPLES / EXAMPLE_FRAMEWORK)
    with audit.acting_as("amina", "web"):
        save_framework(workspace, fw)
        bench = fw.benchmarks[0].id
        assess_benchmark(workspace, bench, "partly", "two of four regions")
    with audit.acting_as("bo"):
        assess_benchmark(workspace, bench, "met", "all four regions", date=date(2020, 1, 2))
    rows = audit.entries(workspace.engine)
    assert [(r.user, r.via, r.action, r.object) for r in rows] == [
        ("amina", "web", "framework.import", f"framework:{fw.id}"),
        ("amina", "web", "framework.assess", f"benchmark:{bench}"),
        ("bo", "cli", "framework.assess", f"benchmark:{bench}"),
    ]
    assert rows[0].before is None and rows[0].after["benchmarks"] == len(fw.benchmarks)
    assert rows[2].before["status"] == "partly" and rows[2].before["by"] == "amina"
    assert rows[2].after == {"status": "met", "date": "2020-01-02", "evidence": "all four regions"}
    # the framework's own history names the same people
    assert [c.who for c in changes(workspace)] == ["amina", "amina", "bo"]


def test_a_failed_change_leaves_no_audit_row(workspace: Workspace) -> None:
    with pytest.raises(RuntimeError), workspace.transaction() as conn:
        audit.record(conn, "x", "test.change", "thing:1", after={"a": 1})
        raise RuntimeError("the change itself failed")
    assert audit.entries(workspace.engine) == []


def test_the_trail_is_append_only(workspace: Workspace) -> None:
    with workspace.transaction() as conn:
        audit.record(conn, "x", "test.change", "thing:1")
    for sql in ("UPDATE audit_log SET action = 'y'", "DELETE FROM audit_log"):
        with pytest.raises(DatabaseError, match="append-only"), workspace.transaction() as c:
            c.execute(text(sql))
    assert [r.user for r in audit.entries(workspace.engine)] == ["x"]


def test_imports_plans_and_resolutions_are_audited(tmp_path: Path, workspace: Workspace) -> None:
    from peaceops.demo.mandate_texts import save_illustrative_renewals
    from peaceops.demo.planning import example_plan_path
    from peaceops.events.importer import import_events
    from peaceops.mandates.store import delete_resolution
    from peaceops.planning.store import save_plan

    with audit.acting_as("chen"):
        import_events(workspace, write_acled_csv(tmp_path / "a.csv", 50, seed=1).path)
        save_plan(workspace, example_plan_path())
        save_plan(workspace, example_plan_path())
        renewals = save_illustrative_renewals(workspace)
        delete_resolution(workspace, renewals[0].symbol)
    rows = audit.entries(workspace.engine)
    assert {r.user for r in rows} == {"chen"}
    actions = [r.action for r in rows]
    assert actions[0] == "events.import" and rows[0].after["rows_accepted"] == 50
    plans = [r for r in rows if r.action == "plan.import"]
    assert len(plans) == 2 and plans[0].before is None
    assert plans[1].before["sha256"] == plans[1].after["sha256"]  # same file saved again
    saved = [r.object for r in rows if r.action == "mandates.save"]
    assert saved == [f"resolution:{r.symbol}" for r in renewals]
    assert actions[-1] == "mandates.delete"
    # one audit row per resolution, not a second one for its provenance record
    assert "resolution.import" not in actions


def test_cli_records_os_user_or_as_and_lists_json(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    ws = tmp_path / "w"
    assert runner.invoke(app, ["init", str(ws), "--country", "MLI"]).exit_code == 0
    monkeypatch.setenv("USER", "os-person")
    fw = str(EXAMPLES / EXAMPLE_FRAMEWORK)
    obs = str(EXAMPLES / "minusma_observations.csv")
    r = runner.invoke(app, ["--as", "dana", "framework", "import", fw, "-w", str(ws)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["framework", "observe", obs, "-w", str(ws)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["audit", "--user", "dana", "--format", "json", "-w", str(ws)])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert [(d["user"], d["action"]) for d in data] == [("dana", "framework.import")]
    assert set(data[0]) >= {"time", "user", "action", "object", "before", "after", "via"}
    r = runner.invoke(app, ["audit", "--user", "os-person", "--format", "json", "-w", str(ws)])
    observed = json.loads(r.output)
    rows = len((EXAMPLES / "minusma_observations.csv").read_text().strip().splitlines()) - 1
    assert len(observed) == rows and {d["action"] for d in observed} == {"framework.observe"}
    r = runner.invoke(app, ["audit", "--since", "2999-01-01", "--format", "json", "-w", str(ws)])
    assert json.loads(r.output) == []
    r = runner.invoke(app, ["audit", "--since", "yesterday", "-w", str(ws)])
    assert r.exit_code == 1 and "--since" in r.output
