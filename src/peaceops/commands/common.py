"""Options and output helpers shared by every command module."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from peaceops.errors import InputError
from peaceops.grades import DATA_LABEL, GRADES, Grade, grade_label, graded
from peaceops.period import parse_day
from peaceops.progress import OnProgress
from peaceops.records.history import HISTORY_COLUMNS, Change, newest_first
from peaceops.workspace import Workspace

__all__ = [
    "DATA_LABEL",
    "AsOfOption",
    "FormatOption",
    "FromOption",
    "TableFormat",
    "ToOption",
    "UserOption",
    "ViewFormat",
    "WorkspaceOption",
    "console",
    "emit_history",
    "emit_items",
    "emit_json",
    "emit_records",
    "err_console",
    "open_workspace",
    "parse_date",
    "progress_shown",
    "to_jsonable",
]

console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)

WorkspaceOption = Annotated[
    Path,
    typer.Option(
        "--workspace",
        "-w",
        envvar="PEACEOPS_WORKSPACE",
        help="Workspace directory (default: the current directory).",
        show_default=False,
    ),
]


FromOption = Annotated[
    str | None, typer.Option("--from", help="First date (YYYY-MM-DD, YYYY-MM or YYYY).")
]
ToOption = Annotated[
    str | None, typer.Option("--to", help="Last date (YYYY-MM-DD, YYYY-MM or YYYY).")
]


# The options of the record-keeping commands (framework, agreement, strategy).
UserOption = Annotated[
    str | None,
    typer.Option(
        "--user", help="Name recorded with the change (default: $USER).", show_default=False
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Report the state known on this date (YYYY-MM-DD).", show_default=False
    ),
]


class TableFormat(StrEnum):
    """Output of a command that prints a table: ``csv`` writes that table, nothing else."""

    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[TableFormat, typer.Option("--format", "-f", help="table, csv or json.")]


class ViewFormat(StrEnum):
    """Output of a command that prints a profile of several parts rather than one table."""

    table = "table"
    json = "json"


def open_workspace(path: Path | None) -> Workspace:
    return Workspace.open(path if path is not None else Path.cwd())


def parse_date(value: str | None, name: str = "date", *, end: bool = False) -> date | None:
    """A date option: YYYY-MM-DD, or a month or a year (its first day, its last with ``end``).

    ``--to`` and ``--as-of`` read with ``end=True``, so ``--as-of 2020-06`` and ``--to 2020-06``
    both mean 30 June 2020.
    """
    try:
        return parse_day(value, end=end, field=name)
    except InputError:
        raise InputError(
            f"--{name}: {value!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)"
        ) from None


@contextmanager
def progress_shown(fmt: str = "table") -> Iterator[OnProgress | None]:
    """A progress bar on stderr for the library's long work (``on_progress``), or None when
    nobody would watch it: stderr is not a terminal (a pipe, a file, a test), or the output
    is for a program (``--format json`` or ``csv``). The bar is gone when the work is done."""
    if fmt not in ("table", "text") or not err_console.is_terminal:
        yield None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("starting", total=None)

        def on_progress(what: str, done: int, total: int) -> None:
            bar.update(task, description=what, completed=done, total=total or None)

        yield on_progress


def to_jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float) and value != value:  # NaN
        return None
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return value.item()
    return value


def emit_json(data: Any, *, grade: Grade = "real") -> None:
    """Print ``data`` as JSON; a ``grade`` other than ``real`` labels it (see ``graded``)."""
    data = graded(data, grade)
    sys.stdout.write(json.dumps(to_jsonable(data), indent=2, ensure_ascii=False) + "\n")


def emit_records(
    records: Sequence[Mapping[str, Any]],
    fmt: TableFormat | str,
    *,
    title: str | None = None,
    columns: Sequence[str] | None = None,
    grade: Grade | Sequence[Grade] = "real",
) -> None:
    """Print records as a rich table, CSV or JSON (a list of objects).

    ``grade`` is the grade of the data the records come from, as the library tells it: one
    for all, or one per record. Any grade other than ``real`` puts a first column
    ``data_label`` (the grade, empty on a real row) on every CSV and table row and on each
    non-real JSON object, and a caption under the table saying what the word means, so no
    copied line loses it.
    """
    fmt = TableFormat(fmt)
    grades: list[Grade] = [grade] * len(records) if isinstance(grade, str) else list(grade)
    # One grade for all labels even an empty table's header; per-record grades, their rows.
    labelled = any(g != "real" for g in grades) or (isinstance(grade, str) and grade != "real")
    if labelled:
        records = [
            {DATA_LABEL: "" if g == "real" else g, **r}
            for r, g in zip(records, grades, strict=True)
        ]
    if fmt is TableFormat.json:
        emit_json([{k: v for k, v in r.items() if k != DATA_LABEL or v} for r in records])
        return
    cols = list(columns) if columns else (list(records[0].keys()) if records else [])
    if labelled:
        cols = [DATA_LABEL, *(c for c in cols if c != DATA_LABEL)]
    if fmt is TableFormat.csv:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for r in records:
            writer.writerow({k: _csv_cell(r.get(k)) for k in cols})
        sys.stdout.write(buf.getvalue())
        return
    caption = "; ".join(grade_label(g) for g in GRADES if g in grades and g != "real") or None
    table = Table(title=title, caption=caption, caption_justify="left", show_lines=False)
    for c in cols:
        numeric = bool(records) and isinstance(records[0].get(c), (int, float))
        table.add_column(c, justify="right" if numeric else "left")
    for r in records:
        table.add_row(*[_cell(r.get(c)) for c in cols])
    console.print(table)


def emit_history(
    changes: Sequence[Change],
    fmt: TableFormat | str,
    *,
    title: str,
    empty: str,
    grade: Grade = "real",
) -> None:
    """A change log as a table, CSV or JSON, newest first; ``empty`` is printed instead of an
    empty table. JSON and CSV carry each entry's ``id`` (the same document as the API's
    ``/api/<feature>/history``); the table leaves the internal id out."""
    rows = newest_first(changes)
    fmt = TableFormat(fmt)
    if fmt is TableFormat.table:
        if not rows:
            console.print(empty)
            return
        columns = [k for k in rows[0] if k != "id"]
        emit_records(rows, fmt, title=title, columns=columns, grade=grade)
        return
    emit_records(rows, fmt, title=title, columns=HISTORY_COLUMNS, grade=grade)


def emit_items(
    items: Sequence[tuple[str, Any]],
    fmt: TableFormat | str,
    *,
    title: str | None = None,
    grade: Grade = "real",
) -> None:
    """Print named figures as a two-column table (``item``, ``value``): rich, CSV or JSON
    (one object)."""
    if TableFormat(fmt) is TableFormat.json:
        emit_json(dict(items), grade=grade)
        return
    emit_records([{"item": k, "value": v} for k, v in items], fmt, title=title, grade=grade)


def _csv_cell(v: Any) -> Any:
    """A value for a CSV cell: a nested value (a dict or list) as JSON, not Python's repr."""
    value = to_jsonable(v)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:,.3f}".rstrip("0").rstrip(".") if abs(v) < 1000 else f"{v:,.0f}"
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}"
    return str(to_jsonable(v))
