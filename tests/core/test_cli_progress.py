"""Progress of long work: the library reports stages through ``on_progress``; the CLI draws a
bar on stderr only when stderr is a terminal and the output is for people (not JSON or CSV)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.commands import common
from peaceops.demo.synthetic import write_acled_csv
from peaceops.events.importer import import_events
from peaceops.workspace import Workspace

STAGES = ("reading and checking rows", "comparing with the stored events", "storing a version")


def test_import_reports_its_stages_in_order(workspace: Workspace, tmp_path: Path) -> None:
    data = tmp_path / "events.csv"
    write_acled_csv(data, 300, seed=4)
    heard: list[tuple[str, int, int]] = []
    import_events(workspace, data, on_progress=lambda *a: heard.append(a))
    assert [what for what, _, _ in heard[:2]] == list(STAGES[:2])
    assert [done for _, done, _ in heard] == sorted(done for _, done, _ in heard)
    assert {total for _, _, total in heard} == {4}
    assert heard[-1][1:] == (4, 4)
    heard.clear()
    import_events(workspace, data, dry_run=True, on_progress=lambda *a: heard.append(a))
    assert heard and all(done < 2 for _, done, _ in heard)  # a dry run stores nothing


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """stderr as a terminal: what the CLI would draw there."""
    screen = io.StringIO()
    monkeypatch.setattr(common, "err_console", Console(file=screen, force_terminal=True))
    return screen


def _import(tmp_path: Path, *args: str) -> tuple[str, str]:
    ws = tmp_path / "ws"
    if not ws.exists():
        Workspace.create(ws, country="MLI").close()
        write_acled_csv(tmp_path / "events.csv", 300, seed=4)
    result = CliRunner().invoke(
        app, ["events", "import", str(tmp_path / "events.csv"), *args, "-w", str(ws)]
    )
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def test_a_terminal_sees_the_bar_on_stderr(tmp_path: Path, terminal: io.StringIO) -> None:
    stdout, _ = _import(tmp_path)
    drawn = terminal.getvalue()
    assert "imported" in drawn and "4/4" in drawn  # the bar's last state, then erased
    assert not any(stage in stdout for stage in STAGES)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_machine_output_has_no_progress_even_on_a_terminal(
    tmp_path: Path, terminal: io.StringIO, fmt: str
) -> None:
    stdout, stderr = _import(tmp_path, "-f", fmt)
    assert terminal.getvalue() == "" and stderr == ""
    assert not any(stage in stdout for stage in STAGES)
    if fmt == "json":
        assert json.loads(stdout)["inserted"] == 300


def test_piped_output_has_no_progress(tmp_path: Path) -> None:
    # CliRunner's stderr is a pipe, as in 'peaceops events import FILE 2>log | less'
    stdout, stderr = _import(tmp_path)
    assert stderr == ""
    assert "inserted" in stdout and not any(stage in stdout for stage in STAGES)


def test_brief_reports_each_section_then_each_file(workspace: Workspace, tmp_path: Path) -> None:
    from peaceops import registry
    from peaceops.reports.brief import build_brief, write_brief_data

    heard: list[tuple[str, int, int]] = []
    data = build_brief(workspace, charts=False, on_progress=lambda *a: heard.append(a))
    sections = registry.callables("brief")
    assert [what for what, _, _ in heard] == [
        *(f"brief: {feature.title}" for feature, _ in sections),
        "brief: gathered",
    ]
    assert heard[-1][1:] == (len(sections), len(sections))
    heard.clear()
    paths = write_brief_data(data, tmp_path / "out", lambda *a: heard.append(a))
    assert [what for what, _, _ in heard[:-1]] == [f"writing {p.name}" for p in paths]
    assert heard[-1] == ("brief written", 4, 4)
