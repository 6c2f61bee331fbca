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


def test_usage_errors_are_one_line_too(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    runner = CliRunner()
    for args, expected in [
        (["mandates", "diff", "a", "b", "--bogus"], "Error: No such option: --bogus"),
        (["context", "series", "--by"], "Error: Option '--by' requires an argument"),
        (["events", "import"], "Error: Missing argument 'file'"),
    ]:
        result = runner.invoke(app, args)
        assert result.exit_code != 0, args
        lines = [ln for ln in result.output.splitlines() if ln.strip()]
        assert len(lines) == 1 and lines[0].startswith(expected), (args, result.output)


def test_workspace_commands_take_the_workspace_option() -> None:
    """Every command reading or writing a workspace takes --workspace; the exceptions are the
    commands that create one from a directory argument or work on files only."""
    import typer.main

    file_only = {
        "peaceops init",
        "peaceops demo",
        "peaceops mandates check",
        "peaceops mandates examples",
        "peaceops mandates evaluate",
    }

    def leaves(cmd: object, path: str) -> list[tuple[str, object]]:
        subs = getattr(cmd, "commands", None)
        if not subs:
            return [(path, cmd)]
        return [leaf for n, s in subs.items() for leaf in leaves(s, f"{path} {n}")]

    lacking = [
        path
        for path, cmd in leaves(typer.main.get_command(app), "peaceops")
        if "--workspace" not in {o for p in getattr(cmd, "params", []) for o in p.opts}
    ]
    assert sorted(lacking) == sorted(file_only)
