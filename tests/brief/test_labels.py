"""Synthetic and illustrative inputs are labelled in every output that carries their numbers:
CSV and XLSX rows, summary JSON, the framework and plan reports and their charts."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
from openpyxl import load_workbook
from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.demo.framework import load_example
from peaceops.demo.synthetic import write_acled_csv
from peaceops.events.importer import import_events
from peaceops.examples import example_path
from peaceops.planning.store import save_plan
from peaceops.reports.context_charts import write_context_report
from peaceops.reports.framework_report import write_framework_report
from peaceops.reports.plan_report import write_plan_report
from peaceops.workspace import Workspace


def _synthetic(tmp_path: Path) -> Workspace:
    ws = Workspace.create(tmp_path / "ws", country="MLI", synthetic=True)
    csv = tmp_path / "synthetic.csv"
    write_acled_csv(csv, 600, seed=3)
    import_events(ws, csv)
    return ws


def test_context_tables_and_summary_json_say_synthetic(tmp_path: Path) -> None:
    ws = _synthetic(tmp_path)
    out = tmp_path / "context"
    written = write_context_report(ws, out)
    csvs = [p for p in written if p.suffix == ".csv"]
    assert csvs
    for path in csvs:
        df = pl.read_csv(path)
        assert df.columns[0] == "data_label"
        assert set(df.get_column("data_label").to_list()) <= {"synthetic"}
    book = load_workbook(next(p for p in written if p.suffix == ".xlsx"), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][0] == "data_label" and all(r[0] == "synthetic" for r in rows[1:])
    result = CliRunner().invoke(app, ["context", "summary", "--format", "json", "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["grade"] == "synthetic"


def test_real_workspace_tables_carry_no_label(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws", country="MLI")
    csv = tmp_path / "events.csv"
    write_acled_csv(csv, 300, seed=4)
    import_events(ws, csv)
    written = write_context_report(ws, tmp_path / "context")
    df = pl.read_csv(next(p for p in written if p.suffix == ".csv"))
    assert "data_label" not in df.columns


def test_framework_and_plan_reports_label_the_shipped_examples(workspace: Workspace) -> None:
    load_example(workspace)
    out = workspace.root / "fw"
    paths = write_framework_report(workspace, out)
    md = (out / "framework-report.md").read_text("utf-8")
    assert "ILLUSTRATIVE" in md.splitlines()[2]
    assert "example results framework" in md
    status = json.loads((out / "framework-status.json").read_text("utf-8"))
    assert status["grade"] == "illustrative"
    charts = [p for p in paths if p.suffix == ".svg"]
    assert charts and all("ILLUSTRATIVE" in p.read_text("utf-8") for p in charts)

    save_plan(workspace, example_path("minusma_plan.yaml"))
    plan_out = workspace.root / "plan"
    write_plan_report(workspace, plan_out, time_limit=2.0)
    assert "**ILLUSTRATIVE**" in (plan_out / "plan.md").read_text("utf-8").splitlines()[2]
    assert json.loads((plan_out / "plan.json").read_text("utf-8"))["grade"] == "illustrative"
    assert "ILLUSTRATIVE" in (plan_out / "plan_phases.svg").read_text("utf-8")
