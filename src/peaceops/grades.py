"""How far a figure can be trusted, by what it was computed from.

Every figure peaceops prints inherits the weakest grade of its inputs:

- ``real``: every input is published data (an ACLED or UCDP export, PEMA coding, Geo-PKO, an
  official resolution text) or a record a user entered with a source;
- ``illustrative``: at least one input is an example shipped with the project (the example
  results framework, plan, agreement status or strategy, the project-written resolution
  texts), so the figure shows how the tool works, not what happened;
- ``synthetic``: at least one input was generated (the synthetic demo scenario).

``synthetic`` is weaker than ``illustrative``, which is weaker than ``real``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

__all__ = ["DATA_LABEL", "GRADES", "Grade", "grade_label", "graded", "graded_rows", "weakest"]

Grade = Literal["real", "illustrative", "synthetic"]
GRADES: tuple[Grade, ...] = ("real", "illustrative", "synthetic")

_LABELS: dict[str, str] = {
    "real": "",
    "illustrative": "ILLUSTRATIVE (computed from an example shipped with peaceops)",
    "synthetic": "SYNTHETIC (computed from generated data)",
}


def weakest(grades: Iterable[Grade]) -> Grade:
    """The weakest of ``grades`` (``real`` when there are none)."""
    worst = 0
    for g in grades:
        worst = max(worst, GRADES.index(g))
    return GRADES[worst]


def grade_label(grade: Grade) -> str:
    """The words printed beside a figure of this grade (empty for ``real``)."""
    return _LABELS[grade]


# The column (and JSON key) that carries a grade other than "real" on every row, as the
# `--out` exports write it (events.export.labelled): the CLI's and the API's JSON alike.
DATA_LABEL = "data_label"


def graded(data: Any, grade: Grade) -> Any:
    """``data`` with ``data_label`` set to ``grade`` on the object and on every record in it
    (the items of a list, at the top or one level down), unchanged for ``real``."""
    if grade == "real":
        return data
    if isinstance(data, Mapping):
        return {
            DATA_LABEL: grade,
            **{k: graded(v, grade) if _records(v) else v for k, v in data.items()},
        }
    if _records(data):
        return [{DATA_LABEL: grade, **r} for r in data]
    return data


def _records(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(r, Mapping) for r in value)


def graded_rows(rows: Sequence[Mapping[str, Any]], grades: Sequence[Grade]) -> list[Any]:
    """``rows`` with ``data_label`` first on each row whose grade is not ``real``."""
    return [
        dict(r) if g == "real" else {DATA_LABEL: g, **r} for r, g in zip(rows, grades, strict=True)
    ]
