"""Read and write a framework as YAML (nested) or as an Excel workbook (one sheet a level).

Both formats carry the same fields, so YAML -> workbook -> YAML gives back the same text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from peaceops.errors import InputError
from peaceops.framework.model import Framework, Indicator, Row, build_framework

__all__ = [
    "SHEETS",
    "framework_from_dict",
    "framework_to_dict",
    "read_framework",
    "read_workbook",
    "read_yaml",
    "write_framework",
    "write_workbook",
    "write_yaml",
]

# Sheet name -> its columns, in order. The first sheet holds key/value pairs.
SHEETS: dict[str, tuple[str, ...]] = {
    "framework": ("key", "value"),
    "priorities": ("id", "name", "description"),
    "areas": ("id", "priority", "name", "owner"),
    "outcomes": ("id", "area", "name"),
    "indicators": (
        "id",
        "outcome",
        "name",
        "definition",
        "unit",
        "baseline_value",
        "baseline_date",
        "target_value",
        "target_date",
        "direction",
        "frequency",
        "source",
        "metric",
        "region_group",
        "admin1",
        "event_types",
        "part",
    ),
    "benchmarks": ("id", "name", "condition", "target_date", "indicators"),
    "task_links": ("task", "resolution", "outcome"),
}
_HEAD_KEYS = ("id", "name", "mission", "resolution", "mandate_tasks", "illustrative")


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _indicator_dict(ind: Indicator) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": ind.id,
        "name": ind.name,
        "definition": ind.definition,
        "unit": ind.unit,
        "baseline": {"value": _num(ind.baseline_value), "date": ind.baseline_date},
        "target": {"value": _num(ind.target_value), "date": ind.target_date},
        "direction": ind.direction,
        "frequency": ind.frequency,
        "source": ind.source,
    }
    if ind.computed is not None:
        spec: dict[str, Any] = {"metric": ind.computed.metric}
        if ind.computed.region_group:
            spec["region_group"] = ind.computed.region_group
        if ind.computed.admin1:
            spec["admin1"] = ind.computed.admin1
        if ind.computed.event_types:
            spec["event_types"] = list(ind.computed.event_types)
        if ind.computed.part:
            spec["part"] = ind.computed.part
        out["computed"] = spec
    return out


def framework_to_dict(fw: Framework) -> dict[str, Any]:
    """The nested form written to YAML (and stored as each recorded version)."""
    return {
        "framework": {
            "id": fw.id,
            "name": fw.name,
            "mission": fw.mission,
            "resolution": fw.resolution,
            "mandate_tasks": list(fw.mandate_tasks),
            **({"illustrative": True} if fw.illustrative else {}),
        },
        "priorities": [
            {
                "id": p.id,
                "name": p.name,
                "description": p.description,
                "areas": [
                    {
                        "id": a.id,
                        "name": a.name,
                        "owner": a.owner,
                        "outcomes": [
                            {
                                "id": o.id,
                                "name": o.name,
                                "indicators": [
                                    _indicator_dict(i)
                                    for i in fw.indicators
                                    if i.outcome_id == o.id
                                ],
                            }
                            for o in fw.outcomes
                            if o.area_id == a.id
                        ],
                    }
                    for a in fw.areas
                    if a.priority_id == p.id
                ],
            }
            for p in fw.priorities
        ],
        "benchmarks": [
            {
                "id": b.id,
                "name": b.name,
                "condition": b.condition,
                "target_date": b.target_date,
                "indicators": list(b.indicator_ids),
            }
            for b in fw.benchmarks
        ],
        "task_links": [
            {"task": t.task, "resolution": t.resolution, "outcome": t.outcome_id}
            for t in fw.task_links
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


def framework_from_dict(data: Any, origin: str = "YAML") -> Framework:
    """Validate the nested form into a Framework (problems located by entry and id)."""
    top = _mapping(data, origin)
    head = Row(f"{origin} 'framework'", _mapping(top.get("framework"), f"{origin} 'framework'"))
    pris: list[Row] = []
    areas: list[Row] = []
    outs: list[Row] = []
    inds: list[Row] = []
    for pn, p in enumerate(_entries(top.get("priorities"), "priorities"), 1):
        pw = f"{origin} priority {pn}"
        pm = _mapping(p, pw)
        pris.append(Row(pw, pm))
        for an, a in enumerate(_entries(pm.get("areas"), f"{pw} areas"), 1):
            aw = f"{pw} area {an}"
            am = _mapping(a, aw)
            areas.append(Row(aw, {**am, "priority": pm.get("id")}))
            for on, o in enumerate(_entries(am.get("outcomes"), f"{aw} outcomes"), 1):
                ow = f"{aw} outcome {on}"
                om = _mapping(o, ow)
                outs.append(Row(ow, {**om, "area": am.get("id")}))
                for n, i in enumerate(_entries(om.get("indicators"), f"{ow} indicators"), 1):
                    iw = f"{ow} indicator {n}"
                    im = _mapping(i, iw)
                    base = _mapping(im.get("baseline"), f"{iw} baseline")
                    target = _mapping(im.get("target"), f"{iw} target")
                    spec = _mapping(im.get("computed"), f"{iw} computed")
                    flat = {k: v for k, v in im.items() if k not in ("baseline", "target")}
                    flat.pop("computed", None)
                    inds.append(
                        Row(
                            f"{iw} ({im.get('id', '?')})",
                            {
                                **flat,
                                "outcome": om.get("id"),
                                "baseline_value": base.get("value"),
                                "baseline_date": base.get("date"),
                                "target_value": target.get("value"),
                                "target_date": target.get("date"),
                                **{k: spec.get(k) for k in SHEETS["indicators"][12:]},
                            },
                        )
                    )
    bens = [
        Row(f"{origin} benchmark {n}", _mapping(b, f"benchmark {n}"))
        for n, b in enumerate(_entries(top.get("benchmarks"), "benchmarks"), 1)
    ]
    links = [
        Row(f"{origin} task link {n}", _mapping(t, f"task link {n}"))
        for n, t in enumerate(_entries(top.get("task_links"), "task_links"), 1)
    ]
    return build_framework(head, pris, areas, outs, inds, bens, links)


def read_yaml(path: Path) -> Framework:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputError(f"{path.name} is not valid YAML: {exc}") from None
    return framework_from_dict(data, origin=path.name)


def write_yaml(fw: Framework, path: Path) -> Path:
    text = yaml.safe_dump(framework_to_dict(fw), sort_keys=False, allow_unicode=True, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- workbook ---------------------------------------------------------------------------------


def _sheet_rows(fw: Framework) -> dict[str, list[list[Any]]]:
    d = framework_to_dict(fw)["framework"]
    rows: dict[str, list[list[Any]]] = {
        "framework": [
            [k, ", ".join(d[k]) if k == "mandate_tasks" else d.get(k, False)] for k in _HEAD_KEYS
        ],
        "priorities": [[p.id, p.name, p.description] for p in fw.priorities],
        "areas": [[a.id, a.priority_id, a.name, a.owner] for a in fw.areas],
        "outcomes": [[o.id, o.area_id, o.name] for o in fw.outcomes],
        "indicators": [],
        "benchmarks": [
            [b.id, b.name, b.condition, b.target_date, ", ".join(b.indicator_ids)]
            for b in fw.benchmarks
        ],
        "task_links": [[t.task, t.resolution, t.outcome_id] for t in fw.task_links],
    }
    for i in fw.indicators:
        spec = i.computed
        rows["indicators"].append(
            [
                i.id,
                i.outcome_id,
                i.name,
                i.definition,
                i.unit,
                _num(i.baseline_value),
                i.baseline_date,
                _num(i.target_value),
                i.target_date,
                i.direction,
                i.frequency,
                i.source,
                spec.metric if spec else "",
                spec.region_group if spec else "",
                spec.admin1 if spec else "",
                ", ".join(spec.event_types) if spec else "",
                spec.part if spec else "",
            ]
        )
    return rows


def write_workbook(fw: Framework, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    if wb.active is not None:
        wb.remove(wb.active)
    for name, rows in _sheet_rows(fw).items():
        ws = wb.create_sheet(name)
        ws.append(list(SHEETS[name]))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(row)
        for col, header in zip(ws.columns, SHEETS[name], strict=True):
            width = max([len(header)] + [len(str(c.value or "")) for c in col])
            ws.column_dimensions[col[0].column_letter].width = min(60, width + 2)
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
    rows: Iterable[tuple[Any, ...]] = wb[name].iter_rows(values_only=True)
    it = iter(rows)
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


# Columns a hand-made workbook may leave out (empty values).
_OPTIONAL = frozenset(
    {"description", "definition", "metric", "region_group", "admin1", "event_types", "part"}
    | {"indicators", "resolution"}
)


def read_workbook(path: Path) -> Framework:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise InputError(f"{path.name} is not a readable Excel workbook: {exc}") from None
    try:
        head_rows = _read_sheet(wb, "framework", path.name)
        head = {str(r.values.get("key", "")).strip(): r.values.get("value") for r in head_rows}
        sheets = {name: _read_sheet(wb, name, path.name) for name in list(SHEETS)[1:]}
    finally:
        wb.close()
    return build_framework(
        Row(f"{path.name} sheet 'framework'", head),
        sheets["priorities"],
        sheets["areas"],
        sheets["outcomes"],
        sheets["indicators"],
        sheets["benchmarks"],
        sheets["task_links"],
    )


def read_framework(path: Path) -> Framework:
    """A framework from ``.yaml``/``.yml`` or ``.xlsx``."""
    if not path.is_file():
        raise InputError(f"{path} does not exist")
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return read_yaml(path)
    if suffix == ".xlsx":
        return read_workbook(path)
    raise InputError(f"{path.name}: use a .yaml or .xlsx file")


def write_framework(fw: Framework, path: Path) -> Path:
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return write_yaml(fw, path)
    if suffix == ".xlsx":
        return write_workbook(fw, path)
    raise InputError(f"{path.name}: use a .yaml or .xlsx file")
