"""Read and write an agreement as YAML (nested) or as an Excel workbook (one sheet a level).

Both formats carry the same fields, so YAML -> workbook -> YAML gives back the same text. Lists
in workbook cells (parties, responsible parties, tasks, indicators) are separated by ``;``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from peaceops.agreement.model import Agreement, Provision, Row, build_agreement
from peaceops.errors import InputError

__all__ = [
    "SHEETS",
    "agreement_from_dict",
    "agreement_to_dict",
    "read_agreement",
    "write_agreement",
]

# Sheet name -> its columns, in order. The first sheet holds key/value pairs.
SHEETS: dict[str, tuple[str, ...]] = {
    "agreement": ("key", "value"),
    "signatures": ("party", "date", "place"),
    "phases": ("id", "name", "start", "end"),
    "renewals": ("date", "resolution"),
    "parts": ("id", "number", "name"),
    "chapters": ("id", "part", "number", "name"),
    "provisions": (
        "id",
        "chapter",
        "article",
        "summary",
        "responsible",
        "deadline",
        "phase",
        "tasks",
        "indicators",
    ),
}
_HEAD_KEYS = ("id", "name", "short_name", "country", "mission", "note", "parties", "mediators")
_LIST_KEYS = frozenset({"parties", "mediators"})
# Columns a hand-made workbook may leave out (empty values).
_OPTIONAL = frozenset(
    {"place", "resolution", "responsible", "deadline", "phase", "tasks"} | {"indicators"}
)


def _provision_dict(p: Provision) -> dict[str, Any]:
    out: dict[str, Any] = {"id": p.id, "article": p.article, "summary": p.summary}
    if p.responsible:
        out["responsible"] = list(p.responsible)
    if p.deadline is not None:
        out["deadline"] = p.deadline
    if p.phase:
        out["phase"] = p.phase
    if p.tasks:
        out["tasks"] = list(p.tasks)
    if p.indicators:
        out["indicators"] = list(p.indicators)
    return out


def agreement_to_dict(a: Agreement) -> dict[str, Any]:
    """The nested form written to YAML (and stored as each recorded version)."""
    head: dict[str, Any] = {
        "id": a.id,
        "name": a.name,
        "short_name": a.short_name,
        "country": a.country,
        "mission": a.mission,
        "note": a.note,
        "parties": list(a.parties),
        "mediators": list(a.mediators),
        "signatures": [{"party": s.party, "date": s.date, "place": s.place} for s in a.signatures],
        "phases": [{"id": p.id, "name": p.name, "start": p.start, "end": p.end} for p in a.phases],
        "renewals": [{"date": r.date, "resolution": r.resolution} for r in a.renewals],
    }
    return {
        "agreement": head,
        "parts": [
            {
                "id": part.id,
                "number": part.number,
                "name": part.name,
                "chapters": [
                    {
                        "id": ch.id,
                        "number": ch.number,
                        "name": ch.name,
                        "provisions": [
                            _provision_dict(p) for p in a.provisions if p.chapter_id == ch.id
                        ],
                    }
                    for ch in a.chapters
                    if ch.part_id == part.id
                ],
            }
            for part in a.parts
        ],
    }


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InputError(f"{where}: expected a mapping of fields, found {type(value).__name__}")
    return value


def _entries(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(f"{where}: expected a list, found {type(value).__name__}")
    return value


def agreement_from_dict(data: Any, origin: str = "YAML") -> Agreement:
    """Validate the nested form into an Agreement (problems located by entry and id)."""
    top = _mapping(data, origin)
    head = _mapping(top.get("agreement"), f"{origin} 'agreement'")
    rows = {
        key: [
            Row(f"{origin} {key[:-1]} {n}", _mapping(e, f"{origin} {key[:-1]} {n}"))
            for n, e in enumerate(_entries(head.get(key), f"{origin} {key}"), 1)
        ]
        for key in ("signatures", "phases", "renewals")
    }
    parts: list[Row] = []
    chapters: list[Row] = []
    provisions: list[Row] = []
    for pn, p in enumerate(_entries(top.get("parts"), f"{origin} parts"), 1):
        pw = f"{origin} part {pn}"
        pm = _mapping(p, pw)
        parts.append(Row(pw, pm))
        for cn, ch in enumerate(_entries(pm.get("chapters"), f"{pw} chapters"), 1):
            cw = f"{pw} chapter {cn}"
            cm = _mapping(ch, cw)
            chapters.append(Row(cw, {**cm, "part": pm.get("id")}))
            for n, pr in enumerate(_entries(cm.get("provisions"), f"{cw} provisions"), 1):
                where = f"{cw} provision {n}"
                prm = _mapping(pr, where)
                provisions.append(
                    Row(f"{where} ({prm.get('id', '?')})", {**prm, "chapter": cm.get("id")})
                )
    return build_agreement(
        Row(f"{origin} 'agreement'", head),
        rows["signatures"],
        rows["phases"],
        rows["renewals"],
        parts,
        chapters,
        provisions,
    )


def _read_yaml(path: Path) -> Agreement:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise InputError(f"{path.name} is not valid YAML: {first}") from None
    return agreement_from_dict(data, origin=path.name)


def _write_yaml(a: Agreement, path: Path) -> Path:
    text = yaml.safe_dump(agreement_to_dict(a), sort_keys=False, allow_unicode=True, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- workbook ---------------------------------------------------------------------------------


def _joined(values: Iterable[str]) -> str:
    return "; ".join(values)


def _sheet_rows(a: Agreement) -> dict[str, list[list[Any]]]:
    head = agreement_to_dict(a)["agreement"]
    return {
        "agreement": [[k, _joined(head[k]) if k in _LIST_KEYS else head[k]] for k in _HEAD_KEYS],
        "signatures": [[s.party, s.date, s.place] for s in a.signatures],
        "phases": [[p.id, p.name, p.start, p.end] for p in a.phases],
        "renewals": [[r.date, r.resolution] for r in a.renewals],
        "parts": [[p.id, p.number, p.name] for p in a.parts],
        "chapters": [[c.id, c.part_id, c.number, c.name] for c in a.chapters],
        "provisions": [
            [
                p.id,
                p.chapter_id,
                p.article,
                p.summary,
                _joined(p.responsible),
                p.deadline,
                p.phase,
                _joined(p.tasks),
                _joined(p.indicators),
            ]
            for p in a.provisions
        ],
    }


def _write_workbook(a: Agreement, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    if wb.active is not None:
        wb.remove(wb.active)
    for name, rows in _sheet_rows(a).items():
        ws = wb.create_sheet(name)
        ws.append(list(SHEETS[name]))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(row)
        for col, header in zip(ws.columns, SHEETS[name], strict=True):
            width = max([len(header)] + [len(str(c.value or "")) for c in col])
            ws.column_dimensions[col[0].column_letter].width = min(70, width + 2)
            for c in col[1:]:
                if isinstance(c.value, date):
                    c.number_format = "yyyy-mm-dd"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return value.strip()
    return value


def _read_sheet(wb: Any, name: str, file_name: str) -> list[Row]:
    if name not in wb.sheetnames:
        raise InputError(f"{file_name}: sheet '{name}' is missing (sheets: {', '.join(SHEETS)})")
    it = iter(wb[name].iter_rows(values_only=True))
    header = [str(h).strip().lower() if h is not None else "" for h in next(it, ())]
    missing = [c for c in SHEETS[name] if c not in header and c not in _OPTIONAL]
    if missing:
        raise InputError(f"{file_name}: sheet '{name}' lacks column(s) {', '.join(missing)}")
    out: list[Row] = []
    for n, values in enumerate(it, 2):
        cells = [_cell(v) for v in values]
        if all(v is None or v == "" for v in cells):
            continue
        out.append(Row(f"sheet '{name}' row {n}", dict(zip(header, cells, strict=False))))
    return out


def _read_workbook(path: Path) -> Agreement:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise InputError(f"{path.name} is not a readable Excel workbook: {exc}") from None
    try:
        head_rows = _read_sheet(wb, "agreement", path.name)
        sheets = {name: _read_sheet(wb, name, path.name) for name in list(SHEETS)[1:]}
    finally:
        wb.close()
    head: dict[str, Any] = {}
    for r in head_rows:
        key = str(r.values.get("key", "")).strip()
        value = r.values.get("value")
        head[key] = value
    return build_agreement(
        Row(f"{path.name} sheet 'agreement'", head),
        sheets["signatures"],
        sheets["phases"],
        sheets["renewals"],
        sheets["parts"],
        sheets["chapters"],
        sheets["provisions"],
    )


def read_agreement(path: Path) -> Agreement:
    """An agreement from ``.yaml``/``.yml`` or ``.xlsx``."""
    if not path.is_file():
        raise InputError(f"{path} does not exist")
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _read_yaml(path)
    if suffix == ".xlsx":
        return _read_workbook(path)
    raise InputError(f"{path.name}: use a .yaml or .xlsx file")


def write_agreement(a: Agreement, path: Path) -> Path:
    """Write ``a`` as YAML or Excel, chosen by the suffix."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _write_yaml(a, path)
    if suffix == ".xlsx":
        return _write_workbook(a, path)
    raise InputError(f"{path.name}: use a .yaml or .xlsx file")
