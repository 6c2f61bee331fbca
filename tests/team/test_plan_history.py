"""Plan versions name their author as the framework and agreement histories and the audit
trail do: from the CLI (``--as``, ``--user`` or the OS user) and from a signed-in web user."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from peaceops import audit
from peaceops.cli import app
from peaceops.planning.store import NOT_RECORDED, plan_history, save_plan
from peaceops.web.app import create_app
from peaceops.workspace import Workspace

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "peaceops" / "examples"
PLAN = EXAMPLES / "minusma_plan.yaml"


def _json(runner: CliRunner, *args: str) -> list[dict[str, object]]:
    r = runner.invoke(app, [*args, "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert isinstance(data, list)
    return data


def test_one_name_in_framework_agreement_and_plan_histories_and_audit(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    ws = str(tmp_path / "w")
    assert runner.invoke(app, ["init", ws, "--country", "MLI"]).exit_code == 0
    monkeypatch.setenv("USER", "os-person")
    steps = [
        ["framework", "import", str(EXAMPLES / "minusma_framework.yaml")],
        ["agreement", "import", str(EXAMPLES / "mali_agreement_2015.yaml")],
        ["plan", "save", str(PLAN)],
    ]
    for step in steps:
        r = runner.invoke(app, ["--as", "dana.k", *step, "-w", ws])
        assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["plan", "save", str(PLAN), "-w", ws])  # no --as: the OS user
    assert r.exit_code == 0, r.output
    framework = _json(runner, "framework", "history", "-w", ws)
    agreement = _json(runner, "agreement", "history", "-w", ws)
    plans = _json(runner, "plan", "history", "-w", ws)
    trail = _json(runner, "audit", "-w", ws)
    assert [c["who"] for c in framework] == ["dana.k"]
    assert [c["who"] for c in agreement] == ["dana.k"]
    assert [(v["version"], v["who"]) for v in plans] == [(1, "dana.k"), (2, "os-person")]
    assert plans[0]["file"] == "minusma_plan.yaml" and plans[0]["tasks"] == 20
    assert [(e["user"], e["action"]) for e in trail] == [
        ("dana.k", "framework.import"),
        ("dana.k", "agreement.import"),
        ("dana.k", "plan.import"),
        ("os-person", "plan.import"),
    ]
    # the plan version and its audit row carry the same moment
    saved = [e for e in trail if e["action"] == "plan.import"]
    assert [str(e["time"]).rstrip("Z") for e in saved] == [
        str(v["at"]).replace(" ", "T") for v in plans
    ]
    r = runner.invoke(app, ["plan", "history", "--plan", "no such plan", "-w", ws])
    assert r.exit_code == 1 and "no plan named 'no such plan'" in r.output


def test_web_user_is_recorded_and_shown_on_the_plan_page(tmp_path: Path) -> None:
    root = tmp_path / "w"
    with Workspace.create(root, country="MLI") as ws:
        save_plan(ws, PLAN, user="olga")
        with audit.acting_as("ana", audit.VIA_WEB, "admin"):
            # a signed-in user is recorded under their own name, whatever name is passed
            save_plan(ws, PLAN, user="someone else")
        versions = plan_history(ws)
        last = audit.entries(ws.engine)[-1]
    assert [(v.version, v.who) for v in versions] == [(1, "olga"), (2, "ana")]
    assert (last.user, last.via) == ("ana", "web")
    with TestClient(create_app(root)) as client:
        page = client.get("/plan")
        assert page.status_code == 200
        history = page.text.split('id="h-history"', 1)[1]
        assert history.index("<td>ana</td>") < history.index("<td>olga</td>")  # newest first
        data = client.get("/api/plan/history").json()
        assert [(v["version"], v["who"]) for v in data] == [(2, "ana"), (1, "olga")]
        assert [v["who"] for v in client.get("/api/plan").json()["history"]] == ["ana", "olga"]


def test_a_plan_saved_before_versions_were_kept_shows_no_author(tmp_path: Path) -> None:
    from sqlalchemy import delete

    from peaceops.planning.store import plan_versions

    with Workspace.create(tmp_path / "w", country="MLI") as ws:
        save_plan(ws, PLAN, user="olga")
        with ws.transaction() as conn:  # what a database not yet upgraded holds
            conn.execute(delete(plan_versions))
        versions = plan_history(ws)
    assert [(v.version, v.who, v.tasks) for v in versions] == [(1, NOT_RECORDED, None)]
