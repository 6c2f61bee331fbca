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

from collections.abc import Iterable
from typing import Literal

__all__ = ["GRADES", "Grade", "grade_label", "weakest"]

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
