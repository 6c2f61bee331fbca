"""The agreement's headline figures for the overview: overall implementation and the stall flag."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from peaceops.agreement.status import agreement_status
from peaceops.workspace import Workspace

__all__ = ["AgreementHeadline", "agreement_headline"]


@dataclass(frozen=True)
class AgreementHeadline:
    name: str
    label: str  # "illustrative" or ""
    as_of: date
    overall: float | None  # share of full implementation, 4 decimals
    assessed: int
    provisions: int
    overdue: int
    stalled: bool | None  # None: too few assessments to say
    latest_entry: date | None = None  # the latest status entry the figures come from

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "as_of": self.as_of,
            "overall": self.overall,
            "assessed": self.assessed,
            "provisions": self.provisions,
            "overdue": self.overdue,
            "stalled": self.stalled,
            "latest_entry": self.latest_entry,
        }


def agreement_headline(ws: Workspace) -> AgreementHeadline:
    """Overall score, provisions assessed, overdue count, stall flag (NotFoundError: none)."""
    st = agreement_status(ws)
    return AgreementHeadline(
        name=st.short_name or st.name,
        label=st.label,
        as_of=st.as_of,
        overall=None if st.overall.score is None else round(st.overall.score, 4),
        assessed=st.overall.assessed,
        provisions=st.overall.provisions,
        overdue=len(st.overdue),
        stalled=st.stall.stalled,
        latest_entry=max((p.date for p in st.provisions if p.date is not None), default=None),
    )
