"""Read and write a strategy as YAML (nested) or as an Excel workbook (one sheet a table).

Both formats carry the same fields, so YAML -> workbook -> YAML gives back the same text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from peaceops.records import documents
from peaceops.records.documents import entries as _entries
from peaceops.records.documents import mapping as _mapping
from peaceops.records.rows import Row
from peaceops.strategy.build import Known, build_strategy
from peaceops.strategy.model import AssumptionRule, Strategy

__all__ = [
    "SHEETS",
    "read_strategy",
    "strategy_from_dict",
    "strategy_to_dict",
    "write_strategy",
]

_RULE_FIELDS = (
    "rule",
    "target",
    "level",
    "metric",
    "region_group",
    "admin1",
    "event_types",
    "category",
    "at_risk",
    "fails",
)
# Sheet name -> its columns, in order. The first sheet holds key/value pairs.
SHEETS: dict[str, tuple[str, ...]] = {
    "strategy": ("key", "value"),
    "priorities": ("id", "name", "resolution", "paragraph", "pema", "source"),
    "objectives": (
        "id",
        "priority",
        "name",
        "theory_of_change",
        "tasks",
        "outcomes",
        "indicators",
        "provisions",
    ),
    "assumptions": ("id", "text", "objectives", *_RULE_FIELDS),
    "assumption_history": ("assumption", "date", "status", "source", "note"),
    "stakeholders": ("id", "name", "kind", "actor", "levers", "objectives"),
    "positions": ("stakeholder", "date", "interest", "influence", "stance", "source", "note"),
    "consultations": ("date", "stakeholders", "objectives", "format", "points", "source"),
}
_HEAD_KEYS = (
    "id",
    "mission",
    "name",
    "period_start",
    "period_end",
    "end_state",
    "source",
    "example",
    "mandate_tasks",
    "renewals",
)
_LISTS = frozenset(
    {"pema", "tasks", "outcomes", "indicators", "provisions", "objectives", "levers"}
    | {"stakeholders", "event_types", "mandate_tasks", "renewals"}
)
# Columns a hand-made workbook may leave out (empty values).
_OPTIONAL = frozenset(
    {"resolution", "paragraph", "pema", "source", "outcomes", "indicators", "provisions"}
    | {"note", "actor", "levers", "objectives", *_RULE_FIELDS}
)
WORKBOOK = documents.Workbook(SHEETS, _OPTIONAL)


def _num(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _rule_dict(rule: AssumptionRule) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": rule.kind}
    if rule.target:
        out["target"] = rule.target
    if rule.level is not None:
        out["level"] = rule.level
    for key in ("metric", "region_group", "admin1", "category"):
        if getattr(rule, key):
            out[key] = getattr(rule, key)
    if rule.event_types:
        out["event_types"] = list(rule.event_types)
    if rule.at_risk is not None:
        out["at_risk"] = _num(rule.at_risk)
    if rule.fails is not None:
        out["fails"] = _num(rule.fails)
    return out


def strategy_to_dict(st: Strategy) -> dict[str, Any]:
    """The nested form written to YAML (and stored as each recorded version)."""
    return {
        "strategy": {
            "id": st.id,
            "mission": st.mission,
            "name": st.name,
            "period": {"start": st.period_start, "end": st.period_end},
            "end_state": st.end_state,
            "source": st.source,
            "example": st.example,
            "mandate_tasks": list(st.mandate_tasks),
            "renewals": list(st.renewals),
        },
        "priorities": [
            {
                "id": p.id,
                "name": p.name,
                "resolution": p.resolution,
                "paragraph": p.paragraph,
                "pema": list(p.pema),
                "source": p.source,
                "objectives": [
                    {
                        "id": o.id,
                        "name": o.name,
                        "theory_of_change": o.theory_of_change,
                        "tasks": list(o.tasks),
                        "outcomes": list(o.outcomes),
                        "indicators": list(o.indicators),
                        "provisions": list(o.provisions),
                    }
                    for o in st.objectives_of(p.id)
                ],
            }
            for p in st.priorities
        ],
        "assumptions": [
            {
                "id": a.id,
                "text": a.text,
                "objectives": list(a.objectives),
                **({"rule": _rule_dict(a.rule)} if a.rule else {}),
                "history": [
                    {"date": e.date, "status": e.status, "source": e.source, "note": e.note}
                    for e in a.history
                ],
            }
            for a in st.assumptions
        ],
        "stakeholders": [
            {
                "id": s.id,
                "name": s.name,
                "kind": s.kind,
                "actor": s.actor,
                "levers": list(s.levers),
                "objectives": list(s.objectives),
                "positions": [
                    {
                        "date": p.date,
                        "interest": p.interest,
                        "influence": p.influence,
                        "stance": p.stance,
                        "source": p.source,
                        "note": p.note,
                    }
                    for p in s.positions
                ],
            }
            for s in st.stakeholders
        ],
        "consultations": [
            {
                "date": c.date,
                "stakeholders": list(c.stakeholders),
                "objectives": list(c.objectives),
                "format": c.format,
                "points": c.points,
                "source": c.source,
            }
            for c in st.consultations
        ],
    }


def strategy_from_dict(data: Any, origin: str = "YAML", known: Known | None = None) -> Strategy:
    """Validate the nested form into a Strategy (problems located by entry and id)."""
    top = _mapping(data, origin)
    hw = f"{origin} 'strategy'"
    hm = _mapping(top.get("strategy"), hw)
    period = _mapping(hm.get("period"), f"{hw} period")
    head = Row(
        hw,
        {
            **{k: v for k, v in hm.items() if k != "period"},
            "period_start": period.get("start"),
            "period_end": period.get("end"),
        },
    )
    pris: list[Row] = []
    objs: list[Row] = []
    for pn, p in enumerate(_entries(top.get("priorities"), f"{origin} priorities"), 1):
        pm = _mapping(p, f"{origin} priority {pn}")
        pris.append(Row(f"{origin} priority {pn} ({pm.get('id', '?')})", pm))
        for on, o in enumerate(_entries(pm.get("objectives"), f"priority {pn} objectives"), 1):
            ow = f"{origin} priority {pn} objective {on}"
            om = _mapping(o, ow)
            objs.append(Row(f"{ow} ({om.get('id', '?')})", {**om, "priority": pm.get("id")}))
    asms: list[Row] = []
    hist: list[Row] = []
    for n, a in enumerate(_entries(top.get("assumptions"), f"{origin} assumptions"), 1):
        aw = f"{origin} assumption {n}"
        am = _mapping(a, aw)
        rule = dict(_mapping(am.get("rule"), f"{aw} rule"))
        flat = {k: v for k, v in am.items() if k not in ("rule", "history")}
        if rule:
            flat["rule"] = rule.pop("kind", None) or "?"
            flat.update(rule)
        asms.append(Row(f"{aw} ({am.get('id', '?')})", flat))
        for en, e in enumerate(_entries(am.get("history"), f"{aw} history"), 1):
            em = _mapping(e, f"{aw} history {en}")
            hist.append(Row(f"{aw} history {en}", {**em, "assumption": am.get("id")}))
    holders: list[Row] = []
    positions: list[Row] = []
    for n, s in enumerate(_entries(top.get("stakeholders"), f"{origin} stakeholders"), 1):
        sw = f"{origin} stakeholder {n}"
        sm = _mapping(s, sw)
        holders.append(Row(f"{sw} ({sm.get('id', '?')})", sm))
        for pn, p in enumerate(_entries(sm.get("positions"), f"{sw} positions"), 1):
            pm = _mapping(p, f"{sw} position {pn}")
            positions.append(Row(f"{sw} position {pn}", {**pm, "stakeholder": sm.get("id")}))
    cons = [
        Row(f"{origin} consultation {n}", _mapping(c, f"{origin} consultation {n}"))
        for n, c in enumerate(_entries(top.get("consultations"), f"{origin} consultations"), 1)
    ]
    return build_strategy(head, pris, objs, asms, hist, holders, positions, cons, known)


def _read_yaml(path: Path, known: Known | None) -> Strategy:
    return strategy_from_dict(documents.read_yaml(path), origin=path.name, known=known)


def _write_yaml(st: Strategy, path: Path) -> Path:
    return documents.write_yaml(strategy_to_dict(st), path)


# -- workbook ---------------------------------------------------------------------------------


def _cell_out(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value


def _sheet_rows(st: Strategy) -> dict[str, list[list[Any]]]:
    d = strategy_to_dict(st)
    head = dict(d["strategy"])
    period = head.pop("period")
    head["period_start"], head["period_end"] = period["start"], period["end"]
    rows: dict[str, list[list[Any]]] = {name: [] for name in SHEETS}
    rows["strategy"] = [[k, _cell_out(head[k])] for k in _HEAD_KEYS]
    for p in d["priorities"]:
        rows["priorities"].append([_cell_out(p[k]) for k in SHEETS["priorities"]])
        for o in p["objectives"]:
            o = {**o, "priority": p["id"]}
            rows["objectives"].append([_cell_out(o[k]) for k in SHEETS["objectives"]])
    for a in d["assumptions"]:
        rule = dict(a.get("rule") or {})
        flat = {**a, **rule, "rule": rule.get("kind", "")}
        rows["assumptions"].append([_cell_out(flat.get(k, "")) for k in SHEETS["assumptions"]])
        for e in a["history"]:
            e = {**e, "assumption": a["id"]}
            rows["assumption_history"].append([e[k] for k in SHEETS["assumption_history"]])
    for s in d["stakeholders"]:
        rows["stakeholders"].append([_cell_out(s[k]) for k in SHEETS["stakeholders"]])
        for p in s["positions"]:
            p = {**p, "stakeholder": s["id"]}
            rows["positions"].append([p[k] for k in SHEETS["positions"]])
    for c in d["consultations"]:
        rows["consultations"].append([_cell_out(c[k]) for k in SHEETS["consultations"]])
    return rows


def _write_workbook(st: Strategy, path: Path) -> Path:
    return WORKBOOK.write(path, _sheet_rows(st))


def _read_workbook(path: Path, known: Known | None) -> Strategy:
    head, sheets = WORKBOOK.read(path)
    return build_strategy(
        head,
        sheets["priorities"],
        sheets["objectives"],
        sheets["assumptions"],
        sheets["assumption_history"],
        sheets["stakeholders"],
        sheets["positions"],
        sheets["consultations"],
        known,
    )


def read_strategy(path: Path, known: Known | None = None) -> Strategy:
    """A strategy from ``.yaml``/``.yml`` or ``.xlsx`` (links checked against ``known``)."""
    return documents.read_by_suffix(
        path, lambda p: _read_yaml(p, known), lambda p: _read_workbook(p, known)
    )


def write_strategy(st: Strategy, path: Path) -> Path:
    return documents.write_by_suffix(
        path, lambda p: _write_yaml(st, p), lambda p: _write_workbook(st, p)
    )
