"""One count of tasks everywhere: distinct tasks in the demo, the list and `mandates read`;
"task mentions" only where mentions are meant."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.demo import _load_mandates
from peaceops.mandates.listing import resolution_rows
from peaceops.workspace import Workspace


def test_illustrative_renewals_count_tasks_alike(workspace: Workspace) -> None:
    demo_line = _load_mandates(workspace, None)
    rows = {r.number: r for r in resolution_rows(workspace)}
    for number in (9102, 9103):
        row = rows[number]
        shown = re.search(
            rf"S/RES/{number} \(\d+\) \([^)]*\): \d+ paragraphs, (\d+) tasks", demo_line
        )
        assert shown is not None, demo_line
        assert int(shown.group(1)) == row.tasks
        out = CliRunner().invoke(app, ["mandates", "read", str(number), "-w", str(workspace.root)])
        assert out.exit_code == 0, out.output
        counts = re.search(r"(\d+) tasks \((\d+) task mentions\)", out.output)
        assert counts is not None, out.output[:400]
        assert int(counts.group(1)) == row.tasks
        # the texts name some tasks in more than one paragraph: mentions outnumber tasks
        assert int(counts.group(2)) > row.tasks
