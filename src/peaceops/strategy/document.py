"""The strategy as one document: status, stakeholder matrix and consultations.

One typed view; its ``to_dict()`` is the strategy page's data, ``/api/strategy``, the report's
``strategy.json`` and what the brief's strategy section reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from peaceops.strategy.model import Consultation
from peaceops.strategy.rules import COMBINE_RULE
from peaceops.strategy.stakeholders import StakeholderMatrix, consultations_by, matrix_from
from peaceops.strategy.status import StrategyStatus, strategy_status
from peaceops.strategy.store import require_strategy
from peaceops.workspace import Workspace

__all__ = ["StrategyDocument", "strategy_document"]


def _talk(c: Consultation) -> dict[str, Any]:
    return {
        "date": c.date,
        "stakeholders": list(c.stakeholders),
        "objectives": list(c.objectives),
        "format": c.format,
        "points": c.points,
        "source": c.source,
    }


@dataclass(frozen=True)
class StrategyDocument:
    status: StrategyStatus
    matrix: StakeholderMatrix
    # consultations per stakeholder ("stakeholders") and per objective ("objectives"),
    # newest first
    consultations: Mapping[str, Mapping[str, Sequence[Consultation]]]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.status.as_dict(),
            "method": COMBINE_RULE,
            "stakeholders": self.matrix.as_dict(),
            "consultations": {
                part: {k: [_talk(c) for c in v] for k, v in self.consultations[part].items()}
                for part in ("stakeholders", "objectives")
            },
        }


def strategy_document(ws: Workspace, as_of: date | None = None) -> StrategyDocument:
    """The strategy as recorded on ``as_of`` (default: the latest), with its status then."""
    st = require_strategy(ws, as_of)
    status = strategy_status(ws, as_of)
    return StrategyDocument(
        status=status,
        matrix=matrix_from(st, status.as_of),
        consultations=consultations_by(st, status.as_of),
    )
