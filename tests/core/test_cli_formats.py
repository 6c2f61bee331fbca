"""Every command that prints a table takes --format table|json|csv and honours csv: its output
is one CSV table with a header, never a rich table or words around it."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from peaceops.cli import app

# Commands whose --format chooses something other than a table, and why.
NOT_A_TABLE = {
    ("context", "export"): "writes a file: xlsx, geojson, gpkg or geoparquet",
    ("mandates", "diff"): "a marked-up comparison of two texts",
    ("mandates", "examples"): "writes resolution texts (txt or html)",
    ("mandates", "read"): "one resolution: header, paragraphs, tasks, references",
    ("mandates", "evaluate"): "scores at several levels, in several tables",
    ("mandates", "import-pema"): "an import report and the rows set aside",
    ("actors", "show"): "an actor's profile: registry entry and several tables",
    ("plan", "explain"): "explanations in words",
}

# Commands that print a table but need an API to run; their CSV is checked where the API is
# (tests/events/test_fetch.py, test_cli_fetch).
ELSEWHERE = {("events", "fetch")}


def _commands(group: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    out: list[tuple[tuple[str, ...], Any]] = [(path, group)]
    for name, cmd in getattr(group, "commands", {}).items():
        out.extend(_commands(cmd, (*path, name)))
    return out


def _format_choices() -> dict[tuple[str, ...], tuple[str, ...] | None]:
    """Each command with a --format option: its choices (None for a free string)."""
    import typer.main

    found = {}
    for path, cmd in _commands(typer.main.get_command(app)):
        for param in cmd.params:
            if "--format" in getattr(param, "opts", []):
                choices = param.type_descriptor.choices
                found[path] = tuple(str(c) for c in choices) if choices else None
    return found


def _inputs(tmp: Path, shared: Path) -> dict[tuple[str, ...], list[str]]:
    """The arguments each table command runs with on the small workspace."""
    from peaceops.demo.planning import example_plan_path

    plan = str(example_plan_path())
    admin = shared / "mali_admin_ocha_codab"
    return {
        ("audit",): [],
        ("db", "status"): [],
        ("events", "history"): [],
        ("events", "info"): [],
        ("events", "import"): [str(tmp / "more.csv")],
        ("boundaries", "import"): [str(admin / "mli_adm1_regions.geojson"), "--level", "1"],
        ("boundaries", "gazetteer"): [str(admin / "settlements.csv")],
        ("context", "series"): ["--by", "year", "--group", "region"],
        ("context", "summary"): [],
        ("context", "perpetrators"): [],
        ("context", "peacekeepers"): [],
        ("context", "agreement"): [],
        ("context", "state-forces"): [],
        ("alerts",): [],
        ("alerts", "backtest"): [],
        ("actors", "list"): [],
        ("actors", "unmapped"): [],
        ("actors", "coverage"): [],
        ("timeline", "list"): [],
        ("mandates", "list"): [],
        ("mandates", "history"): ["MINUSMA"],
        ("mandates", "check"): [str(tmp / "texts")],
        ("plan", "solve"): [plan],
        ("plan", "compare"): [plan],
        ("plan", "alignment"): [
            "--mission",
            "MINUSMA",
            "--year",
            "2017",
            "--deployments",
            str(shared / "geopko_deployments" / "FrontMap_v.2.3.csv"),
        ],
        ("plan", "history"): [],
        ("users", "list"): [],
        ("countries", "list"): [],
        ("agreement", "status"): [],
        ("agreement", "history"): [],
        ("framework", "status"): [],
        ("framework", "history"): [],
        ("strategy", "status"): [],
        ("strategy", "stakeholders"): [],
        ("strategy", "history"): [],
    }


def test_every_format_option_is_a_table_format_or_says_why_not(
    tmp_path: Path, shared_data: Path
) -> None:
    formats = _format_choices()
    tables = set(_inputs(tmp_path, shared_data)) | ELSEWHERE
    assert set(formats) == tables | set(NOT_A_TABLE), "classify each command with --format"
    assert not tables & set(NOT_A_TABLE)
    for path in tables:
        choices = formats[path]
        assert choices is None or set(choices) >= {"table", "json", "csv"}, path
    for path in NOT_A_TABLE:
        choices = formats[path]
        assert choices is None or "csv" not in choices, f"{path} takes csv but prints no table"


def _parse_csv(text: str) -> list[list[str]]:
    assert text.strip(), "no output"
    for mark in ("│", "┃", "━", "─", "╭"):
        assert mark not in text, "a rich table, not CSV"
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    assert len(header) >= 2 and all(h.strip() for h in header), header
    assert all(len(r) == len(header) for r in rows), "ragged rows: text around the table?"
    return rows


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from peaceops.demo.fixtures import build_small_workspace

    root = tmp_path_factory.mktemp("formats") / "ws"
    build_small_workspace(root)
    return root


def test_csv_format_prints_one_csv_table(small: Path, tmp_path: Path, shared_data: Path) -> None:
    from peaceops.demo.synthetic import write_acled_csv

    write_acled_csv(tmp_path / "more.csv", 50, seed=11)
    runner = CliRunner()
    assert runner.invoke(app, ["mandates", "examples", str(tmp_path / "texts")]).exit_code == 0
    added = runner.invoke(app, ["users", "add", "ana", "--role", "viewer", "-w", str(small)])
    assert added.exit_code == 0, added.output
    runs = _inputs(tmp_path, shared_data)
    no_workspace = {("mandates", "check")}
    for path, args in runs.items():
        where = [] if path in no_workspace else ["-w", str(small)]
        result = runner.invoke(app, [*path, *args, "-f", "csv", *where])
        assert result.exit_code == 0, (path, result.output[-500:])
        rows = _parse_csv(result.stdout)
        assert len(rows) >= 2 or path in no_workspace, (path, result.stdout[:300])


def test_csv_of_nothing_found_is_still_a_header(small: Path) -> None:
    runner = CliRunner()
    for path, column in (
        (("context", "perpetrators"), "events"),
        (("context", "peacekeepers"), "events"),
        (("context", "agreement"), "events"),
        (("timeline", "list"), "title"),
    ):
        result = runner.invoke(app, [*path, "--from", "2030", "-f", "csv", "-w", str(small)])
        assert result.exit_code == 0, (path, result.output)
        rows = _parse_csv(result.stdout)
        assert len(rows) == 1 and column in rows[0], (path, rows)
    # A series is a continuous run of periods: a period after the data is an error that names
    # the data's range, not an empty table.
    after = runner.invoke(
        app, ["context", "series", "--from", "2030", "-f", "csv", "-w", str(small)]
    )
    assert after.exit_code == 1 and "after the last event" in after.output, after.output


def test_audit_csv_has_its_header_and_json_in_nested_cells(small: Path, tmp_path: Path) -> None:
    import json

    from peaceops.workspace import Workspace

    runner = CliRunner()
    empty = tmp_path / "empty"
    Workspace.create(empty, country="MLI").close()
    nothing = runner.invoke(app, ["audit", "-f", "csv", "-w", str(empty)])
    assert _parse_csv(nothing.stdout) == [["id", "time", "user", "action", "object", "via",
                                            "before", "after"]]  # fmt: skip
    rows = _parse_csv(runner.invoke(app, ["audit", "-f", "csv", "-w", str(small)]).stdout)
    after = rows[0].index("after")
    nested = [json.loads(r[after]) for r in rows[1:] if r[after].startswith("{")]
    assert nested and all(isinstance(d, dict) for d in nested)


def test_empty_lists_of_users_and_resolutions_print_their_csv_header(tmp_path: Path) -> None:
    from peaceops.workspace import Workspace

    empty = tmp_path / "empty"
    Workspace.create(empty, country="MLI").close()
    runner = CliRunner()
    users = runner.invoke(app, ["users", "list", "-f", "csv", "-w", str(empty)])
    assert users.exit_code == 0, users.output
    assert _parse_csv(users.stdout) == [["name", "role", "disabled", "created_at",
                                         "active_tokens"]]  # fmt: skip
    resolutions = runner.invoke(app, ["mandates", "list", "-f", "csv", "-w", str(empty)])
    assert resolutions.exit_code == 0, resolutions.output
    assert _parse_csv(resolutions.stdout) == [["symbol", "source", "date", "missions",
                                               "operative", "paragraphs", "tasks"]]  # fmt: skip
