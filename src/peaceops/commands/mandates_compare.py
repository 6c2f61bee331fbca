"""CLI commands: mandates_compare (evaluate the task classifier against PEMA)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from peaceops.commands.common import (
    WorkspaceOption,
    console,
    emit_json,
    emit_records,
    open_workspace,
)
from peaceops.errors import InputError
from peaceops.mandates.classify import classify
from peaceops.mandates.diff import MandateDiff, diff_resolutions
from peaceops.mandates.evaluate import evaluate
from peaceops.mandates.history import mandate_history, split_illustrative
from peaceops.mandates.model import Resolution
from peaceops.mandates.reader import parse_text, read_file
from peaceops.mandates.store import list_resolutions, load_resolution
from peaceops.mandates.taxonomy import PEMA_CITATION
from peaceops.reports.mandate_diff_render import (
    label,
    render_html,
    render_markdown,
    summary_lines,
)

__all__ = ["add_commands", "diff_command", "evaluate_command", "history_command", "render_text"]


def render_text(d: MandateDiff, *, plain: bool = False) -> str:
    """Rich console markup: insertions green, deletions red struck through. ``plain`` (a pipe
    or a file, where colour is lost) marks runs of words as ``git diff --word-diff`` does:
    ``[-removed-]`` and ``{+added+}``."""
    out = [line if plain else escape(line) for line in summary_lines(d)]
    for p in d.paragraphs:
        if p.kind == "unchanged" and not p.moved:
            continue
        out.append(f"\n{label(p)}" if plain else f"\n[bold]{escape(label(p))}[/bold]")
        out.append(_plain_words(p.words) if plain else _marked_words(p.words))
    return "\n".join(out)


def _marked_words(words: Sequence[Any]) -> str:
    parts = []
    for w in words:
        t = escape(w.text)
        parts.append(
            f"[green]{t}[/green]"
            if w.op == "insert"
            else f"[red strike]{t}[/red strike]"
            if w.op == "delete"
            else t
        )
    return " ".join(parts)


_PLAIN_MARKS = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}


def _plain_words(words: Sequence[Any]) -> str:
    """Words with each run of removed or added ones in one pair of marks."""
    parts: list[str] = []
    for op, run in groupby(words, key=lambda w: str(w.op)):
        text = " ".join(w.text for w in run)
        opening, closing = _PLAIN_MARKS.get(op, ("", ""))
        parts.append(f"{opening}{text}{closing}")
    return " ".join(parts)


def _load(ref: str, workspace: Path) -> Resolution:
    """A resolution from a file, or by symbol from the workspace store."""
    path = Path(ref)
    if path.is_file():
        return read_file(path)
    if path.suffix.lower() in (".txt", ".pdf", ".html", ".htm"):
        raise InputError(f"file not found: {ref}")
    ws = open_workspace(workspace)
    try:
        return classify(load_resolution(ws, ref))
    finally:
        ws.close()


def evaluate_command(
    pema: Annotated[Path, typer.Option("--pema", help="PEMA_raw_v2.csv")],
    texts: Annotated[Path, typer.Option("--texts", help="Directory of resolution texts")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table|json")] = "table",
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
    reach = data.get("reachable")
    if reach:
        console.print(
            f"Reachable from the text: {reach['reachable_pairs']} of {reach['gold_pairs']} "
            f"gold task-resolution pairs ({reach['share_reachable']:.1%}) cite a paragraph "
            f"the text has; {reach['reachable_paragraph_pairs']} of "
            f"{reach['gold_paragraph_pairs']} (task, paragraph) pairs "
            f"({reach['share_paragraph_pairs_reachable']:.1%})."
        )
        scores = Table(title="On reachable pairs only (unreachable gold left out)")
        for col in ("level", "precision", "recall", "F1", "tp", "fp", "fn"):
            scores.add_column(col)
        for level in ("resolution_level", "paragraph_level"):
            m = reach[level]["micro"]
            scores.add_row(
                level,
                f"{m['precision']:.3f}",
                f"{m['recall']:.3f}",
                f"{m['f1']:.3f}",
                str(m["tp"]),
                str(m["fp"]),
                str(m["fn"]),
            )
        console.print(scores)
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


def diff_command(
    old: Annotated[str, typer.Argument(help="Old resolution: a file or a stored symbol")],
    new: Annotated[str, typer.Argument(help="New resolution: a file or a stored symbol")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text|markdown|html|json")] = "text",
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file")] = None,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Compare two resolutions: paragraphs, tasks, priorities and length."""
    if fmt not in ("text", "markdown", "html", "json"):
        raise InputError(f"--format must be text, markdown, html or json, not {fmt!r}")
    d = diff_resolutions(_load(old, workspace), _load(new, workspace))
    if fmt == "json":
        import json

        rendered = json.dumps(d.to_dict(), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "markdown":
        rendered = render_markdown(d)
    elif fmt == "html":
        rendered = render_html(d)
    else:
        # Colour marks the changes on a terminal only; a pipe or a file gets word marks.
        plain = out is not None or not console.is_terminal
        rendered = render_text(d, plain=plain)
    if out is not None:
        out.write_text(rendered, encoding="utf-8")
        console.print(f"Wrote {out}")
    elif fmt == "text" and not console.is_terminal:
        typer.echo(rendered)
    elif fmt == "text":
        console.print(rendered)
    else:
        typer.echo(rendered, nl=False)


def history_command(
    mission: Annotated[str, typer.Argument(help="Mission acronym, e.g. MINUSMA")],
    workspace: WorkspaceOption = Path("."),
    texts: Annotated[
        Path | None,
        typer.Option("--texts", help="Read text files in DIR instead of the workspace store"),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table|csv|json")] = "table",
    chart: Annotated[Path | None, typer.Option("--chart", help="Write a chart (.svg/.png)")] = None,
) -> None:
    """A mission's resolutions with words, paragraphs, tasks and changes per resolution."""
    if fmt not in ("table", "csv", "json"):
        raise InputError(f"--format must be table, csv or json, not {fmt!r}")
    if texts is not None:
        if not texts.is_dir():
            raise InputError(f"texts directory not found: {texts}")
        resolutions = []
        for path in sorted(texts.glob("*.txt")):
            text = path.read_text("utf-8", errors="replace")
            if mission in text:
                resolutions.append(classify(parse_text(text, source=path.name)))
        source = f"resolution texts in {texts}"
    else:
        ws = open_workspace(workspace)
        resolutions = [classify(r) for r in list_resolutions(ws, mission)]
        source = "resolutions in the workspace mandate store"
    if not resolutions:
        raise InputError(f"no resolution found for mission {mission!r}")
    resolutions, left_out = split_illustrative(resolutions)
    rows = mandate_history(resolutions)
    if chart is not None:
        from peaceops.reports.mandate_charts import history_chart
        from peaceops.reports.render import save_chart

        save_chart(history_chart(mission, rows, [source, PEMA_CITATION]), chart)
    grades = [r.grade for r in rows]
    if fmt == "json":
        emit_records([r.to_dict() for r in rows], fmt, grade=grades)
    else:
        table_rows = [
            {
                "resolution": r.label or r.symbol,
                "year": str(r.year or ""),
                "words": "n/a" if r.words is None else r.words,
                "paragraphs": "n/a" if r.operative_paragraphs is None else r.operative_paragraphs,
                "tasks": r.tasks,
                "priority": r.priority_tasks,
                "added": len(r.tasks_added),
                "dropped": len(r.tasks_dropped),
            }
            for r in rows
        ]
        emit_records(table_rows, fmt, grade=grades)
        if fmt == "csv":
            return
        if any(r.kind == "coded" for r in rows):
            console.print(
                "Coded by PEMA: tasks and paragraph ids from expert coding; no text, so "
                "no words or paragraph counts. " + PEMA_CITATION
            )
        if left_out:
            console.print(
                "Left out of this sequence: "
                + ", ".join(r.label for r in left_out)
                + " (the mission has real mandates in the workspace)"
            )
    if chart is not None:
        console.print(f"Wrote {chart}")


def add_commands(group: typer.Typer) -> None:
    """Add this module's commands to the ``mandates`` group."""

    group.command("evaluate")(evaluate_command)
    group.command("diff")(diff_command)
    group.command("history")(history_command)
