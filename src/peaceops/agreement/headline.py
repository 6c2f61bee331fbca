"""The agreement's headline figures for the overview: overall implementation and the stall flag."""

from __future__ import annotations

from typing import Any

from peaceops.agreement.status import agreement_status
from peaceops.workspace import Workspace

__all__ = ["agreement_headline"]


def agreement_headline(ws: Workspace) -> dict[str, Any]:
    """Overall score, provisions assessed, overdue count, stall flag (NotFoundError: none)."""
    st = agreement_status(ws)
    return {
        "name": st.short_name or st.name,
        "label": st.label,
        "as_of": st.as_of,
        "overall": None if st.overall.score is None else round(st.overall.score, 4),
        "assessed": st.overall.assessed,
        "provisions": st.overall.provisions,
        "overdue": len(st.overdue),
        "stalled": st.stall.stalled,
    }
