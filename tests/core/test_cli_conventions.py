"""Conventions every command follows: --version, and an explicit data folder that is missing
is an error rather than a quiet switch to synthetic data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.errors import InputError
from peaceops.shared_data import ENV_VAR, shared_data_dir


def test_version_prints_the_installed_version() -> None:
    from importlib.metadata import version

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"peaceops {version('peaceops')}"


def test_shared_data_variable_naming_a_missing_folder_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "nowhere"
    monkeypatch.setenv(ENV_VAR, str(missing))
    with pytest.raises(InputError, match="not a folder"):
        shared_data_dir()
    result = CliRunner().invoke(app, ["demo", str(tmp_path / "demo")])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "not a folder" in result.output
    assert not (tmp_path / "demo" / "peaceops.yaml").exists()


def test_shared_data_variable_naming_a_folder_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    assert shared_data_dir() == tmp_path


def _commands(group: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    # Typer ships its own copy of click: walk by attributes, not by click's classes.
    out: list[tuple[tuple[str, ...], Any]] = [(path, group)]
    for name, cmd in getattr(group, "commands", {}).items():
        out.extend(_commands(cmd, (*path, name)))
    return out


def test_every_format_option_has_the_short_form_f() -> None:
    import typer.main

    root = typer.main.get_command(app)
    with_format = []
    for path, cmd in _commands(root):
        for param in cmd.params:
            if "--format" in getattr(param, "opts", []):
                with_format.append(path)
                assert "-f" in param.opts, " ".join(path)
    assert len(with_format) > 20


def test_csv_format_prints_csv(tmp_path: Path) -> None:
    import csv
    import io

    from peaceops.demo.synthetic import write_acled_csv
    from peaceops.events.importer import import_events
    from peaceops.workspace import Workspace

    ws = Workspace.create(tmp_path / "ws", country="MLI", synthetic=True)
    data = tmp_path / "events.csv"
    write_acled_csv(data, 200, seed=5)
    import_events(ws, data)
    for args in (
        ["context", "series", "--by", "year"],
        ["events", "history"],
        ["actors", "list"],
        ["audit"],
    ):
        result = CliRunner().invoke(app, [*args, "-f", "csv", "-w", str(ws.root)])
        assert result.exit_code == 0, (args, result.output)
        rows = list(csv.reader(io.StringIO(result.output)))
        assert len(rows) >= 2 and len(rows[0]) >= 2, (args, result.output[:200])
        assert all(len(r) == len(rows[0]) for r in rows if r), args
