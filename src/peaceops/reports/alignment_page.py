"""Deployment against threat as its page shows it: the alignment of one mission in one year
and the years with deployments to choose from. The page and ``/api/plan/alignment`` both read
its ``to_dict()``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peaceops.planning.alignment import AlignmentResult

__all__ = ["AlignmentPage"]


@dataclass(frozen=True)
class AlignmentPage:
    result: AlignmentResult
    years: tuple[int, ...]  # the mission's deployment years, oldest first

    def to_dict(self) -> dict[str, Any]:
        return self.result.to_dict() | {"years": list(self.years)}
