"""CLI commands: mandates_compare (evaluate the task classifier against PEMA)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from peaceops.commands.common import console, emit_json
from peaceops.errors import InputError
from peaceops.mandates.evaluate import evaluate

__all__ = ["add_commands"]


def add_commands(group: typer.Typer) -> None:
    """Add this module's commands to the ``mandates`` group."""

    @group.command("evaluate")
    def evaluate_command(
        pema: Annotated[Path, typer.Option("--pema", help="PEMA_raw_v2.csv")],
        texts: Annotated[Path, typer.Option("--texts", help="Directory of resolution texts")],
        fmt: Annotated[str, typer.Option("--format", help="table|json")] = "table",
        split: Annotated[str, typer.Option("--split", help="all|dev|holdout")] = "all",
    ) -> None:
        """Score the task classifier against PEMA (precision, recall, F1)."""
        if split not in ("all", "dev", "holdout"):
            raise InputError(f"--split must be all, dev or holdout, not {split!r}")
        if fmt not in ("table", "json"):
            raise InputError(f"--format must be table or json, not {fmt!r}")
        result = evaluate(pema, texts, split)  # type: ignore[arg-type]
        data = result.to_dict()
        if fmt == "json":
            emit_json(data)
            return
        table = Table(title=f"Classifier vs PEMA, {result.resolutions} resolutions ({split})")
        for col in ("level", "averaging", "precision", "recall", "F1"):
            table.add_column(col)
        for level in ("resolution_level", "resolution_level_modality", "paragraph_level"):
            for avg in ("micro", "macro"):
                s = data[level][avg]
                table.add_row(
                    level, avg, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}"
                )
        console.print(table)
        per = Table(title="Per task, resolution level (tasks with any gold or prediction)")
        for col in ("task", "tp", "fp", "fn", "precision", "recall", "F1"):
            per.add_column(col)
        for task, s in data["resolution_level"]["per_task"].items():
            if s["tp"] + s["fp"] + s["fn"]:
                per.add_row(
                    task,
                    str(s["tp"]),
                    str(s["fp"]),
                    str(s["fn"]),
                    f"{s['precision']:.3f}",
                    f"{s['recall']:.3f}",
                    f"{s['f1']:.3f}",
                )
        console.print(per)
