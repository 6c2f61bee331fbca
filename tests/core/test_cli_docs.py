"""Every CLI command must be documented: in README.md or a file under docs/."""

from __future__ import annotations

from pathlib import Path

import typer

from peaceops.cli import app

ROOT = Path(__file__).resolve().parents[2]


def _command_paths(group: object, prefix: str) -> list[str]:
    import typer.main

    cmd = typer.main.get_command(app) if group is None else group
    out: list[str] = []
    commands = getattr(cmd, "commands", {})
    for name, sub in commands.items():
        path = f"{prefix} {name}"
        if getattr(sub, "hidden", False):
            continue
        if getattr(sub, "commands", None):
            out.extend(_command_paths(sub, path))
        else:
            out.append(path)
    return out


def test_every_command_is_documented() -> None:
    docs = (ROOT / "README.md").read_text(encoding="utf-8")
    for md in sorted((ROOT / "docs").glob("*.md")):
        docs += md.read_text(encoding="utf-8")
    paths = _command_paths(None, "peaceops")
    assert "peaceops init" in paths
    missing = [p for p in paths if p not in docs]
    assert not missing, f"commands missing from README.md and docs/: {missing}"


def test_errors_are_one_line_with_nonzero_exit(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["init", str(tmp_path / "w"), "--country", "XXX"])
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: no country profile for 'XXX'")
    assert isinstance(app, typer.Typer)
