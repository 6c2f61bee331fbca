"""Plan files as Excel workbooks, for planners who keep their plans in spreadsheets.

Sheets (first row: column names, case-insensitive):

``settings``    ``key`` | ``value``: name, mission, phases, unknown_conditions, phase_labels
                (comma-separated).
``resources``   ``resource`` | ``capacity`` (every phase), or columns ``1``, ``2``, ... (one
                per phase).
``conditions``  ``name`` | ``status`` | ``phase`` | ``note``.
``tasks``       ``id`` | ``name`` | ``tier`` | ``weight`` | ``region`` | ``duration`` |
                ``depends_on`` | ``preconditions`` | ``paragraphs`` (comma-separated lists),
                and one column per resource with the demand (a number, or ``a;b;c`` per phase
                of the task).
``scenarios``   optional: ``scenario`` | ``description`` | ``change`` (capacity, condition,
                weight, remove) | ``target`` | ``delta`` | ``factor`` | ``value`` |
                ``from_phase`` | ``slip`` | ``status`` | ``phase``.

The workbook becomes the same plain data a YAML file holds and goes through the same
validation, so the messages are the same.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from peaceops.errors import InputError

__all__ = ["read_plan_workbook"]

_TASK_FIELDS = {
    "id",
    "name",
    "tier",
    "weight",
    "region",
    "duration",
    "depends_on",
    "preconditions",
    "paragraphs",
}


def _rows(wb: Any, sheet: str, required: bool = True) -> list[dict[str, Any]]:
    names = {n.casefold(): n for n in wb.sheetnames}
    if sheet not in names:
        if required:
            raise InputError(
                f"workbook has no '{sheet}' sheet (sheets: {', '.join(wb.sheetnames)})"
            )
        return []
    ws = wb[names[sheet]]
    it = ws.iter_rows(values_only=True)
    header = next(it, None)
    if header is None:
        return []
    cols = [str(h).strip() if h is not None else "" for h in header]
    out = []
    for values in it:
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        out.append({c: v for c, v in zip(cols, values, strict=False) if c and v is not None})
    return out


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    return [p.strip() for p in str(value).split(",") if p.strip()]


def _number(value: Any) -> Any:
    """Numbers as int when whole (so 'phase' 3.0 from Excel is 3), other values unchanged."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            f = float(value)
        except ValueError:
            return value
        return int(f) if f.is_integer() else f
    return value


def _demand(value: Any) -> Any:
    if isinstance(value, str) and ";" in value:
        return [_number(v.strip()) for v in value.split(";")]
    return _number(value)


def read_plan_workbook(path: Path) -> dict[str, Any]:
    """The workbook as plan data (what a YAML plan file holds)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise InputError(f"{path.name}: not a readable Excel workbook ({exc})") from None
    try:
        data: dict[str, Any] = {}
        for row in _rows(wb, "settings"):
            key = str(row.get("key", "")).strip().lower()
            value = row.get("value")
            if key == "phase_labels":
                data[key] = _list(value)
            elif key == "phases":
                data[key] = _number(value)
            elif key:
                data[key] = value
        resources: dict[str, Any] = {}
        for row in _rows(wb, "resources"):
            name = str(row.get("resource", "")).strip()
            per_phase = sorted(
                (int(str(k).strip()), _number(v))
                for k, v in row.items()
                if str(k).strip().isdigit()
            )
            if per_phase:
                resources[name] = {"capacity": [v for _, v in per_phase]}
            elif "capacity" in row:
                resources[name] = {"capacity": _number(row["capacity"])}
            else:
                resources[name] = {}
        data["resources"] = resources
        conditions: dict[str, Any] = {}
        for row in _rows(wb, "conditions", required=False):
            spec = {"status": row.get("status")}
            if row.get("phase") is not None:
                spec["phase"] = _number(row["phase"])
            if row.get("note"):
                spec["note"] = row["note"]
            conditions[str(row.get("name", "")).strip()] = spec
        data["conditions"] = conditions
        tasks = []
        for row in _rows(wb, "tasks"):
            task: dict[str, Any] = {}
            for key in ("id", "name", "tier", "region"):
                if row.get(key) is not None:
                    task[key] = str(row[key]).strip()
            for key in ("weight", "duration"):
                if row.get(key) is not None:
                    task[key] = _number(row[key])
            for key in ("depends_on", "preconditions", "paragraphs"):
                if row.get(key) is not None:
                    task[key] = _list(row[key])
            task["demand"] = {
                str(k).strip(): _demand(v) for k, v in row.items() if k not in _TASK_FIELDS
            }
            tasks.append(task)
        data["tasks"] = tasks
        scenarios: dict[str, dict[str, Any]] = {}
        for row in _rows(wb, "scenarios", required=False):
            name = str(row.get("scenario", "")).strip()
            sc = scenarios.setdefault(name, {"name": name, "changes": []})
            if row.get("description"):
                sc["description"] = row["description"]
            kind = str(row.get("change", "")).strip().lower()
            if not kind:
                continue
            change: dict[str, Any] = {kind: row.get("target")}
            for key in ("delta", "factor", "value", "from_phase", "slip", "status", "phase"):
                if row.get(key) is not None:
                    change[key] = _number(row[key])
            sc["changes"].append(change)
        if scenarios:
            data["scenarios"] = list(scenarios.values())
        return data
    finally:
        wb.close()
