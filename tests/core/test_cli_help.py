"""Help shows flags as flags, and shell completion is on offer and completes commands."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from typer.testing import CliRunner

from peaceops.cli import app


def _commands(group: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    out: list[tuple[tuple[str, ...], Any]] = [(path, group)]
    for name, cmd in getattr(group, "commands", {}).items():
        out.extend(_commands(cmd, (*path, name)))
    return out


def test_boolean_options_are_flags_shown_without_a_type() -> None:
    import typer.main

    runner = CliRunner()
    with_flags = set()
    for path, cmd in _commands(typer.main.get_command(app)):
        for param in cmd.params:
            default = getattr(param, "default", None)
            if isinstance(default, bool) and getattr(param, "opts", None):
                assert param.is_flag, f"{' '.join(path)} {param.opts[0]} takes a value"
                with_flags.add(path)
    assert len(with_flags) > 10
    for path in sorted(with_flags | {(), ("events",)}):  # --help is a flag everywhere
        shown = runner.invoke(app, [*path, "--help"], terminal_width=120)
        assert shown.exit_code == 0, path
        assert "<bool>" not in shown.output, " ".join(path)
    assert "<str>" in runner.invoke(app, ["events", "import", "--help"]).output  # types stay


def test_shell_completion_is_offered_and_completes_subcommands() -> None:
    help_text = CliRunner().invoke(app, ["--help"]).output
    assert "--install-completion" in help_text and "--show-completion" in help_text
    env = {
        **os.environ,
        "_PEACEOPS_COMPLETE": "complete_bash",
        "COMP_WORDS": "peaceops events im",
        "COMP_CWORD": "2",
    }
    code = "from peaceops.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.split() == ["import"], done.stderr
