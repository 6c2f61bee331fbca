"""The stakeholder matrix (influence x stance) on a date, with changes since the last renewal.

Also lists consultations per stakeholder and per objective.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from peaceops.strategy.model import Consultation, Strategy
from peaceops.strategy.store import require_strategy
from peaceops.workspace import Workspace

__all__ = [
    "MatrixRow",
    "StakeholderMatrix",
    "consultations_by",
    "matrix_from",
    "stakeholder_matrix",
]


@dataclass(frozen=True)
class MatrixRow:
    id: str
    name: str
    kind: str
    actor: str
    levers: tuple[str, ...]
    objectives: tuple[str, ...]
    interest: str  # "" when no position is known on the date
    influence: str
    stance: str
    since: date | None  # date of the position shown
    source: str
    note: str
    at_renewal: str  # "influence / stance / interest" on the last renewal, "" when none
    change: str  # words: "new since the renewal", "stance ambivalent -> supportive", ...
    consultations: int


@dataclass(frozen=True)
class StakeholderMatrix:
    strategy_id: str
    example: bool
    as_of: date
    last_renewal: date | None
    rows: tuple[MatrixRow, ...]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _change(before: Any, now: Any, renewal: date | None) -> str:
    if renewal is None or now is None:
        return ""
    if before is None:
        return "new since the renewal"
    parts = [
        f"{what} {getattr(before, what)} -> {getattr(now, what)}"
        for what in ("stance", "influence", "interest")
        if getattr(before, what) != getattr(now, what)
    ]
    return "; ".join(parts) if parts else "no change"


def matrix_from(st: Strategy, as_of: date) -> StakeholderMatrix:
    renewal = st.last_renewal(as_of)
    rows: list[MatrixRow] = []
    for s in st.stakeholders:
        now = s.position(as_of)
        before = s.position(renewal) if renewal is not None else None
        rows.append(
            MatrixRow(
                id=s.id,
                name=s.name,
                kind=s.kind,
                actor=s.actor,
                levers=s.levers,
                objectives=s.objectives,
                interest=now.interest if now else "",
                influence=now.influence if now else "",
                stance=now.stance if now else "",
                since=now.date if now else None,
                source=now.source if now else "",
                note=now.note if now else "",
                at_renewal=(
                    f"influence {before.influence}, {before.stance}, interest {before.interest}"
                    if before
                    else ""
                ),
                change=_change(before, now, renewal),
                consultations=sum(
                    1 for c in st.consultations if s.id in c.stakeholders and c.date <= as_of
                ),
            )
        )
    return StakeholderMatrix(st.id, st.example, as_of, renewal, tuple(rows))


def stakeholder_matrix(ws: Workspace, as_of: date | None = None) -> StakeholderMatrix:
    st = require_strategy(ws, as_of)
    return matrix_from(st, as_of or date.today())


def consultations_by(
    st: Strategy, as_of: date | None = None
) -> dict[str, dict[str, list[Consultation]]]:
    """Consultations up to ``as_of``, listed per stakeholder and per objective (newest first)."""
    found = [c for c in st.consultations if as_of is None or c.date <= as_of]
    found.sort(key=lambda c: c.date, reverse=True)
    return {
        "stakeholders": {
            s.id: [c for c in found if s.id in c.stakeholders] for s in st.stakeholders
        },
        "objectives": {o.id: [c for c in found if o.id in c.objectives] for o in st.objectives},
    }
