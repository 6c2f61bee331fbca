"""Honest outputs on the command line: every command with --format, run on the synthetic demo
and on the real-data demo, labels each CSV row and JSON record computed from generated data
"synthetic" and each one computed from an example shipped with peaceops "illustrative" (a
``data_label`` column or key, as the --out exports write it), and labels nothing else."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from peaceops.cli import app

# What each command's figures are computed from, so what it must say on each line.
#   "events":   the workspace's conflict events (synthetic in the synthetic demo, else real)
#   "examples": the example framework, strategy or agreement and the events the framework and
#               strategy compute from (synthetic with generated events, else illustrative)
#   "example":  an example shipped with peaceops alone (illustrative in both demos)
#   "texts":    the stored resolutions: a project-written text is illustrative, per row
#   "timeline": ACLED strategic developments carry the events' grade, milestones are real
#   "none":     no figure from the data (settings, users, the audit log, the shipped country
#               profiles and actor registry, a check of the files given)
SOURCE: dict[tuple[str, ...], str] = {
    ("audit",): "none",
    ("db", "status"): "none",
    ("users", "list"): "none",
    ("countries", "list"): "none",
    ("actors", "list"): "none",
    ("mandates", "check"): "none",
    ("events", "history"): "events",
    ("events", "info"): "events",
    ("context", "series"): "events",
    ("context", "summary"): "events",
    ("context", "perpetrators"): "events",
    ("context", "peacekeepers"): "events",
    ("context", "agreement"): "events",
    ("context", "state-forces"): "events",
    ("alerts",): "events",
    ("alerts", "backtest"): "events",
    ("actors", "unmapped"): "events",
    ("actors", "coverage"): "events",
    ("plan", "alignment"): "events",
    ("timeline", "list"): "timeline",
    ("mandates", "list"): "texts",
    ("mandates", "history"): "texts",
    ("framework", "status"): "examples",
    ("framework", "history"): "examples",
    ("strategy", "status"): "examples",
    ("strategy", "stakeholders"): "example",
    ("strategy", "history"): "example",
    ("agreement", "status"): "example",
    ("agreement", "history"): "example",
    ("plan", "solve"): "example",
    ("plan", "compare"): "example",
    ("plan", "history"): "example",
}

# Commands with --format that are not walked here, and why.
NOT_WALKED = {
    ("events", "import"): "reports an import of the user's file (and changes the workspace)",
    ("events", "fetch"): "needs an API",
    ("boundaries", "import"): "reports an import of the user's file",
    ("boundaries", "gazetteer"): "reports an import of the user's file",
    ("context", "export"): "writes a file (labelled by the export)",
    ("mandates", "diff"): "a marked-up comparison of two texts given",
    ("mandates", "examples"): "writes the project's texts, marked in their own words",
    ("mandates", "read"): "one resolution as given",
    ("mandates", "evaluate"): "scores of the texts given",
    ("mandates", "import-pema"): "an import report",
    ("plan", "explain"): "explanations in words",
}


def _args(tmp: Path, shared: Path) -> dict[tuple[str, ...], list[str]]:
    from peaceops.demo.planning import example_plan_path

    plan = str(example_plan_path())
    deployments = shared / "geopko_deployments" / "FrontMap_v.2.3.csv"
    alignment = ["--mission", "MINUSMA", "--year", "2017", "--deployments", str(deployments)]
    special: dict[tuple[str, ...], list[str]] = {
        ("context", "series"): ["--by", "year", "--group", "region"],
        ("mandates", "history"): ["MINUSMA"],
        ("mandates", "check"): [str(tmp / "texts")],
        ("plan", "solve"): [plan],
        ("plan", "compare"): [plan],
        ("plan", "alignment"): alignment,
    }
    return {path: special.get(path, []) for path in SOURCE}


def _grade_of(source: str, synthetic: bool) -> str:
    """The label every line of a command's output must carry ("" for none)."""
    if source == "events":
        return "synthetic" if synthetic else ""
    if source == "examples":
        return "synthetic" if synthetic else "illustrative"
    if source == "example":
        return "illustrative"
    return ""


def _row_label(source: str, synthetic: bool, row: dict[str, Any]) -> str:
    if source == "timeline":
        return ("synthetic" if synthetic else "") if row["origin"] == "ACLED" else ""
    if source == "texts":
        shown = str(row.get("source") or row.get("resolution") or row.get("kind") or "")
        return "illustrative" if "illustrative" in shown else ""
    return _grade_of(source, synthetic)


def test_every_format_command_is_walked_or_says_why_not() -> None:
    import typer.main

    def walk(cmd: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
        if any("--format" in getattr(p, "opts", []) for p in cmd.params):
            yield path
        for name, sub in getattr(cmd, "commands", {}).items():
            yield from walk(sub, (*path, name))

    found = set(walk(typer.main.get_command(app)))
    ours = {p for p in found if p not in NOT_WALKED and p != ("actors", "show")}
    assert ours == set(SOURCE), "say what each command with --format is computed from"


@pytest.fixture(scope="module")
def demos(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> dict[str, Path]:
    from peaceops.demo import build_demo

    root = tmp_path_factory.mktemp("labels")
    built = {}
    options: dict[str, dict[str, Any]] = {
        "synthetic": {"synthetic": True},
        "real": {"shared_dir": shared_data},
    }
    for name, kwargs in options.items():
        ws, result = build_demo(root / name, **kwargs)
        assert result.data == name
        ws.close()
        built[name] = root / name
    runner = CliRunner()
    assert runner.invoke(app, ["mandates", "examples", str(root / "texts")]).exit_code == 0
    built["tmp"] = root
    return built


def _labels_in(data: Any) -> list[Any]:
    """Every ``data_label`` value anywhere in a JSON document."""
    if isinstance(data, dict):
        found = [data["data_label"]] if "data_label" in data else []
        return found + [x for v in data.values() for x in _labels_in(v)]
    if isinstance(data, list):
        return [x for v in data for x in _labels_in(v)]
    return []


@pytest.mark.parametrize("demo", ["synthetic", "real"])
def test_each_csv_row_and_json_record_carries_its_label(
    demo: str, demos: dict[str, Path], shared_data: Path
) -> None:
    synthetic = demo == "synthetic"
    runner = CliRunner()
    labelled = set()
    for path, args in _args(demos["tmp"], shared_data).items():
        source = SOURCE[path]
        where = [] if path == ("mandates", "check") else ["-w", str(demos[demo])]
        out = runner.invoke(app, [*path, *args, "-f", "csv", *where])
        assert out.exit_code == 0, (path, out.output[-400:])
        rows = list(csv.DictReader(io.StringIO(out.stdout)))
        wanted = [_row_label(source, synthetic, r) for r in rows]
        if any(wanted):
            labelled.add(path)
            assert [r.get("data_label") for r in rows] == wanted, (demo, path)
        else:
            assert "data_label" not in out.stdout.splitlines()[0], (demo, path)

        out = runner.invoke(app, [*path, *args, "-f", "json", *where])
        assert out.exit_code == 0, (path, out.output[-400:])
        data = json.loads(out.stdout)
        grade = _grade_of(source, synthetic)
        if source in ("timeline", "texts"):
            assert isinstance(data, list)
            assert [r.get("data_label", "") for r in data] == [
                _row_label(source, synthetic, {"source": r.get("kind"), **r}) for r in data
            ], (demo, path)
        elif grade and isinstance(data, list):
            assert data and all(r.get("data_label") == grade for r in data), (demo, path)
        elif grade:
            assert data.get("data_label") == grade, (demo, path)
            for key, value in data.items():  # and each record in it
                if isinstance(value, list) and value and isinstance(value[0], dict):
                    assert all(r.get("data_label") == grade for r in value), (demo, path, key)
        else:
            assert not _labels_in(data), (demo, path)
    # Each demo labels what it must: generated events, and the shipped examples.
    must = {p for p, s in SOURCE.items() if _grade_of(s, synthetic)}
    assert must <= labelled
