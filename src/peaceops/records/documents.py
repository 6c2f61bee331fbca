"""A definition as a document: nested YAML, or an Excel workbook with one sheet a level.

A feature describes its workbook as ``SHEETS`` (sheet name -> columns; the first sheet holds
key/value pairs) and converts its own nested form; reading, writing, cell clean-up and the
one-line errors for a bad file are here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import yaml

from peaceops.errors import InputError
from peaceops.records.rows import Row

__all__ = [
    "Workbook",
    "dump_definition",
    "entries",
    "mapping",
    "read_by_suffix",
    "read_yaml",
    "write_by_suffix",
    "write_yaml",
]

T = TypeVar("T")


def mapping(value: Any, where: str) -> Mapping[str, Any]:
    """A YAML mapping (None: empty); InputError naming ``where`` for anything else."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InputError(f"{where}: expected a mapping of fields, found {type(value).__name__}")
    return value


def entries(value: Any, where: str) -> list[Any]:
    """A YAML list (None: empty); InputError naming ``where`` for anything else."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(f"{where}: expected a list, found {type(value).__name__}")
    return value


def _json_default(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__}")


def dump_definition(data: Mapping[str, Any]) -> str:
    """The nested form as the JSON text stored with each version (dates as ISO text)."""
    return json.dumps(data, default=_json_default, ensure_ascii=False)


def read_yaml(path: Path) -> Any:
    """The parsed YAML of ``path``; one-line InputError for bad YAML or text not in UTF-8."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise InputError(f"{path.name} is not valid YAML: {first}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path.name} is not UTF-8 text") from None


def write_yaml(data: Mapping[str, Any], path: Path) -> Path:
    text = yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def read_by_suffix(
    path: Path, yaml_reader: Callable[[Path], T], xlsx_reader: Callable[[Path], T]
) -> T:
    """Read ``.yaml``/``.yml`` or ``.xlsx`` with the matching reader."""
    if not path.is_file():
        raise InputError(f"{path} does not exist")
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return yaml_reader(path)
    if suffix == ".xlsx":
        return xlsx_reader(path)
    raise InputError(f"{path.name}: use a .yaml or .xlsx file")


def write_by_suffix(
    path: Path, yaml_writer: Callable[[Path], Path], xlsx_writer: Callable[[Path], Path]
) -> Path:
    """Write ``.yaml``/``.yml`` or ``.xlsx`` with the matching writer."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return yaml_writer(path)
    if suffix == ".xlsx":
        return xlsx_writer(path)
    raise InputError(f"{path.name}: use a .yaml or .xlsx file")


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return value.strip()
    return value


class Workbook:
    """A feature's workbook layout: the sheets in order with their columns.

    The first sheet holds the head as key/value rows; every other sheet a row an item.
    ``optional`` columns may be left out of a hand-made workbook (their values are empty).
    """

    def __init__(
        self,
        sheets: Mapping[str, tuple[str, ...]],
        optional: Iterable[str] = (),
        *,
        max_width: int = 60,
    ) -> None:
        self.sheets = dict(sheets)
        self.optional = frozenset(optional)
        self.max_width = max_width
        self.head = next(iter(self.sheets))

    def write(self, path: Path, rows: Mapping[str, Sequence[Sequence[Any]]]) -> Path:
        """Write one sheet a layout entry: a bold header, the rows, fitted widths, ISO dates."""
        from openpyxl import Workbook as OpenpyxlWorkbook
        from openpyxl.styles import Font

        wb = OpenpyxlWorkbook()
        if wb.active is not None:
            wb.remove(wb.active)
        for name, columns in self.sheets.items():
            ws = wb.create_sheet(name)
            ws.append(list(columns))
            for cell in ws[1]:
                cell.font = Font(bold=True)
            for row in rows.get(name, ()):
                ws.append([None if v == "" else v for v in row])
            for col, header in zip(ws.columns, columns, strict=False):
                width = max([len(header)] + [len(str(c.value or "")) for c in col])
                ws.column_dimensions[col[0].column_letter].width = min(self.max_width, width + 2)
                for c in col[1:]:
                    if isinstance(c.value, date):
                        c.number_format = "yyyy-mm-dd"
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(path)
        return path

    def read(self, path: Path) -> tuple[Row, dict[str, list[Row]]]:
        """The head (one Row of key -> value) and every other sheet's non-blank rows."""
        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a bad file
            raise InputError(f"{path.name} is not a readable Excel workbook: {exc}") from None
        try:
            head_rows = self._read_sheet(wb, self.head, path.name)
            sheets = {name: self._read_sheet(wb, name, path.name) for name in list(self.sheets)[1:]}
        finally:
            wb.close()
        head = {str(r.values.get("key", "")).strip(): r.values.get("value") for r in head_rows}
        return Row(f"{path.name} sheet '{self.head}'", head), sheets

    def _read_sheet(self, wb: Any, name: str, file_name: str) -> list[Row]:
        if name not in wb.sheetnames:
            raise InputError(
                f"{file_name}: sheet '{name}' is missing (sheets: {', '.join(self.sheets)})"
            )
        it: Iterable[tuple[Any, ...]] = wb[name].iter_rows(values_only=True)
        rows = iter(it)
        header = [str(h).strip().lower() if h is not None else "" for h in next(rows, ())]
        missing = [c for c in self.sheets[name] if c not in header and c not in self.optional]
        if missing:
            raise InputError(f"{file_name}: sheet '{name}' lacks column(s) {', '.join(missing)}")
        out: list[Row] = []
        for n, values in enumerate(rows, 2):
            cells = [_cell(v) for v in values]
            if all(v is None or v == "" for v in cells):
                continue
            out.append(Row(f"sheet '{name}' row {n}", dict(zip(header, cells, strict=False))))
        return out
