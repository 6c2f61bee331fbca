"""Read and write a framework as YAML (nested) or as an Excel workbook (one sheet a level).

Both formats carry the same fields, so YAML -> workbook -> YAML gives back the same text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from peaceops.framework.model import Framework, Indicator, build_framework
from peaceops.records import documents
from peaceops.records.documents import entries as _entries
from peaceops.records.documents import mapping as _mapping
from peaceops.records.rows import Row

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
# Columns a hand-made workbook may leave out (empty values).
_OPTIONAL = frozenset(
    {"description", "definition", "metric", "region_group", "admin1", "event_types", "part"}
    | {"indicators", "resolution"}
)
WORKBOOK = documents.Workbook(SHEETS, _OPTIONAL)


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
    return framework_from_dict(documents.read_yaml(path), origin=path.name)


def write_yaml(fw: Framework, path: Path) -> Path:
    return documents.write_yaml(framework_to_dict(fw), path)


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
    return WORKBOOK.write(path, _sheet_rows(fw))


def read_workbook(path: Path) -> Framework:
    head, sheets = WORKBOOK.read(path)
    return build_framework(
        head,
        sheets["priorities"],
        sheets["areas"],
        sheets["outcomes"],
        sheets["indicators"],
        sheets["benchmarks"],
        sheets["task_links"],
    )


def read_framework(path: Path) -> Framework:
    """A framework from ``.yaml``/``.yml`` or ``.xlsx``."""
    return documents.read_by_suffix(path, read_yaml, read_workbook)


def write_framework(fw: Framework, path: Path) -> Path:
    return documents.write_by_suffix(
        path, lambda p: write_yaml(fw, p), lambda p: write_workbook(fw, p)
    )
