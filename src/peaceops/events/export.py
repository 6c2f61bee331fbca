"""Write analysis tables as CSV, Parquet or Excel, chosen by the file suffix."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl
from openpyxl import Workbook
from openpyxl.styles import Font

from peaceops.errors import InputError

__all__ = ["EXPORT_SUFFIXES", "export_table", "fill_sheet", "labelled"]

EXPORT_SUFFIXES = (".csv", ".parquet", ".xlsx")


def export_table(df: pl.DataFrame, path: Path, sheet: str = "data", label: str = "") -> Path:
    """Write ``df`` to ``path`` as .csv, .parquet or .xlsx; the file appears complete or not at all.

    The table is written to a temporary file beside the target and renamed into place, so a
    reader never sees half a file. A ``label`` ("synthetic", "illustrative") is written as a
    first column ``data_label`` on every row, so no copied row loses it.
    """
    df = labelled(df, label)
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise InputError(f"{path.name}: tables are written as {', '.join(EXPORT_SUFFIXES)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if suffix == ".csv":
            df.write_csv(tmp)
        elif suffix == ".parquet":
            df.write_parquet(tmp)
        else:
            _write_xlsx(df, tmp, sheet)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def labelled(df: pl.DataFrame, label: str) -> pl.DataFrame:
    """``df`` with a first column ``data_label`` holding ``label`` on every row (unchanged
    when ``label`` is empty)."""
    return df.select(pl.lit(label).alias("data_label"), pl.all()) if label else df


def fill_sheet(
    ws: Any,
    df: pl.DataFrame,
    title: str,
    number_format: Callable[[str, Any], str | None] | None = None,
) -> None:
    """Write ``df`` into the worksheet ``ws``: bold header, rows, column widths, frozen header.

    ``number_format(column, dtype)`` gives an Excel number format per column (None: none).
    """
    ws.title = title[:31]
    ws.append(df.columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in df.iter_rows():
        ws.append([_cell(v) for v in row])
    for i, (name, dtype) in enumerate(df.schema.items(), start=1):
        letter = ws.cell(1, i).column_letter
        fmt = number_format(name, dtype) if number_format else None
        if fmt:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = fmt
        width = max([len(name)] + [len(str(v)) for v in df.get_column(name).head(200).to_list()])
        ws.column_dimensions[letter].width = min(width + 2, 60)
    ws.freeze_panes = "A2"


def _write_xlsx(df: pl.DataFrame, path: Path, sheet: str) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    fill_sheet(ws, df, sheet)
    wb.save(path)


def _cell(value: Any) -> Any:
    if isinstance(value, (int, float, str, bool, date, datetime)) or value is None:
        return value
    return str(value)
