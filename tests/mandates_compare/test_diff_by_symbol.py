"""`peaceops mandates diff` takes files or symbols stored in the workspace."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.demo.mandate_texts import MODERN_RENEWALS, modern_resolution_text
from peaceops.mandates.reader import read_text
from peaceops.mandates.store import save_resolution
from peaceops.workspace import Workspace


def test_diff_of_stored_symbols_matches_diff_of_files(workspace: Workspace, tmp_path: Path) -> None:
    old_key, new_key = MODERN_RENEWALS[-2:]
    files = []
    for key in (old_key, new_key):
        text = modern_resolution_text(key)
        save_resolution(workspace, read_text(text))
        path = tmp_path / f"{key}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    runner = CliRunner()
    by_file = runner.invoke(app, ["mandates", "diff", *files, "--format", "json"])
    by_symbol = runner.invoke(
        app,
        [
            "mandates",
            "diff",
            "9102",
            "S/RES/9103 (2020)",
            "--workspace",
            str(workspace.root),
            "--format",
            "json",
        ],
    )
    assert by_file.exit_code == 0 and by_symbol.exit_code == 0, by_symbol.output
    a, b = json.loads(by_file.output), json.loads(by_symbol.output)
    assert a["tasks_added"] == b["tasks_added"] and a["tasks_added"]
    assert len(a["paragraphs"]) == len(b["paragraphs"])
    assert a["length"] == b["length"]
    missing = runner.invoke(
        app, ["mandates", "diff", "9000", "9103", "--workspace", str(workspace.root)]
    )
    assert missing.exit_code == 1
    assert missing.output.startswith("Error: S/RES/9000 is not in this workspace")
