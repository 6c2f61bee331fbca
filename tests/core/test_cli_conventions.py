"""Conventions every command follows: --version, and an explicit data folder that is missing
is an error rather than a quiet switch to synthetic data."""

from __future__ import annotations

from pathlib import Path

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
