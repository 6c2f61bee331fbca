"""Where the agreement stands on a date, read from the workspace.

``agreement_status(ws, as_of)`` returns plain frozen data (``as_dict()`` for JSON) that the CLI,
the report, the web page, the framework's computed indicators, the plan's preconditions and the
brief all read. The rules are the pure functions in ``peaceops.agreement.scoring``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from peaceops.agreement.model import Agreement, StatusEntry
from peaceops.agreement.scoring import (
    METHOD,
    PartScore,
    ProvisionState,
    RenewalChange,
    Stall,
    change_since,
    overdue,
    part_scores,
    provision_states,
    quarter_ends,
    score_series,
    stall,
)
from peaceops.agreement.store import require_agreement, status_entries
from peaceops.period import DateLike, as_day
from peaceops.workspace import Workspace

__all__ = [
    "AgreementStatus",
    "ImplementationSummary",
    "agreement_status",
    "implementation_summary",
    "label_of",
    "provision_level",
    "series",
    "status_json",
]


def label_of(a: Agreement) -> str:
    """'illustrative' for an example or the project's own reading, else ''."""
    return "illustrative" if a.illustrative else ""


@dataclass(frozen=True)
class AgreementStatus:
    agreement_id: str
    name: str
    short_name: str
    mission: str
    note: str
    label: str  # "illustrative" or ""
    as_of: date
    overall: PartScore
    parts: tuple[PartScore, ...]
    provisions: tuple[ProvisionState, ...]
    overdue: tuple[ProvisionState, ...]
    change: RenewalChange
    stall: Stall
    sources: tuple[str, ...]
    method: str = METHOD

    def part_name(self, part_id: str) -> str:
        return next((p.name for p in self.parts if p.id == part_id), part_id)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_dict(self) -> dict[str, Any]:
        """The status as one JSON document: the CLI's ``--format json``, the web API's
        (``/api/agreement/status``) and the report's ``status.json`` (see ``status_json``)."""
        return status_json(self)


def agreement_status(
    ws: Workspace, as_of: DateLike | None = None, *, known: bool = True
) -> AgreementStatus:
    """The agreement's status on ``as_of`` (default: today); NotFoundError without one.

    ``known`` (the default) is true as-of: only entries recorded by then count, so a past
    date shows what was known then. ``known=False`` reads entries by their date alone.
    """
    as_of = as_day(as_of, end=True, field="as-of")
    a = require_agreement(ws, as_of)
    day = as_of or date.today()
    entries = status_entries(ws, as_of, agreement_id=a.id, known=known)
    return status_from(a, entries, day)


def status_from(a: Agreement, entries: Sequence[StatusEntry], day: date) -> AgreementStatus:
    """The status from an agreement and its entries (no workspace: tests and previews)."""
    known = [e for e in entries if e.date <= day]
    states = provision_states(a, known, day)
    parts, overall = part_scores(a, states)
    used = {s.source for s in states if s.source}
    return AgreementStatus(
        agreement_id=a.id,
        name=a.name,
        short_name=a.short_name,
        mission=a.mission,
        note=a.note,
        label=label_of(a),
        as_of=day,
        overall=overall,
        parts=parts,
        provisions=states,
        overdue=overdue(states),
        change=change_since(a, known, day),
        stall=stall(a, known, day),
        sources=tuple(sorted(used)),
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def status_json(st: AgreementStatus) -> dict[str, Any]:
    """The document of ``peaceops agreement status --format json`` and ``/api/agreement``."""

    def pillar(p: PartScore) -> dict[str, Any]:
        return {
            "id": p.id,
            "name": p.name,
            "number": p.number,
            "provisions": p.provisions,
            "assessed": p.assessed,
            "score": _round(p.score),
            "score_assessed": _round(p.score_assessed),
            "counts": dict(p.counts),
        }

    def provision(s: ProvisionState) -> dict[str, Any]:
        return {
            "id": s.id,
            "part": s.part_id,
            "article": s.article,
            "summary": s.summary,
            "level": s.level,
            "status": s.word,
            "date": s.date,
            "source": s.source,
            "note": s.note,
            "deadline": s.deadline,
            "overdue": s.overdue,
            "past_deadline_unassessed": s.past_due_unassessed,
        }

    ch = st.change
    return {
        "agreement": st.agreement_id,
        "name": st.name,
        "label": st.label,
        "note": st.note,
        "as_of": st.as_of,
        "overall": _round(st.overall.score),
        "overall_detail": pillar(st.overall),
        "pillars": [pillar(p) for p in st.parts],
        "overdue": [
            {
                "id": s.id,
                "article": s.article,
                "summary": s.summary,
                "deadline": s.deadline,
                "level": s.level,
                "status": s.word,
            }
            for s in st.overdue
        ],
        "past_deadline_unassessed": [s.id for s in st.provisions if s.past_due_unassessed],
        "unassessed": [s.id for s in st.provisions if s.level is None],
        "change_since_renewal": {
            "since": ch.since,
            "resolution": ch.resolution,
            "overall_before": _round(ch.overall_before),
            "overall_after": _round(ch.overall_after),
            "pillars": [
                {"id": pid, "before": _round(b), "after": _round(a)} for pid, b, a in ch.parts
            ],
            "moved": [
                {"id": m.provision_id, "before": m.before, "after": m.after} for m in ch.moved
            ],
        },
        "stalled": {
            "stalled": st.stall.stalled,
            "since": st.stall.window_start,
            "entries": st.stall.entries_in_window,
            "reason": st.stall.reason,
        },
        "provisions": [provision(s) for s in st.provisions],
        "sources": list(st.sources),
        "method": st.method,
    }


def series(
    ws: Workspace, as_of: date | None = None, dates: Sequence[date] | None = None
) -> list[tuple[date, str, float | None, int]]:
    """(date, part id or 'overall', score, assessed) at every quarter end from the first
    signature (or first entry) to ``as_of``, from the entries known on ``as_of``."""
    a = require_agreement(ws, as_of)
    day = as_of or date.today()
    entries = status_entries(ws, as_of, agreement_id=a.id)
    if dates is None:
        starts = [s.date for s in a.signatures] + [e.date for e in entries]
        first = min(starts) if starts else day
        dates = quarter_ends(first, day)
    return score_series(a, entries, dates)


def provision_level(
    ws: Workspace, provision_id: str, as_of: date | None = None
) -> tuple[Agreement, StatusEntry | None]:
    """The agreement and the latest entry of one provision known on ``as_of`` (None: none).

    NotFoundError when the workspace has no agreement; the caller checks the provision id.
    """
    from peaceops.agreement.scoring import latest_entries

    a = require_agreement(ws, as_of)
    entries = status_entries(ws, as_of, agreement_id=a.id)
    return a, latest_entries(entries, as_of).get(provision_id)


@dataclass(frozen=True)
class ImplementationSummary:
    """What a brief says about the agreement: by part, overdue, change, stall."""

    agreement: str
    label: str
    as_of: date
    overall: float | None
    assessed: int
    provisions: int
    parts: tuple[tuple[str, str, float | None, int, int], ...]  # id, name, score, assessed, n
    overdue: tuple[tuple[str, str, date | None, str], ...]  # id, article, deadline, status
    change: RenewalChange
    stalled: bool | None
    stall_reason: str
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def implementation_summary(
    ws: Workspace, as_of: date | None = None, *, known: bool = True
) -> ImplementationSummary:
    """Status by part, overdue provisions, change since the last renewal and the stall flag
    (the agreement section and key consideration of a brief); ``known`` as in
    ``agreement_status``."""
    st = agreement_status(ws, as_of, known=known)
    return ImplementationSummary(
        agreement=st.short_name or st.name,
        label=st.label,
        as_of=st.as_of,
        overall=st.overall.score,
        assessed=st.overall.assessed,
        provisions=st.overall.provisions,
        parts=tuple((p.id, p.name, p.score, p.assessed, p.provisions) for p in st.parts),
        overdue=tuple((s.id, s.article, s.deadline, s.word) for s in st.overdue),
        change=st.change,
        stalled=st.stall.stalled,
        stall_reason=st.stall.reason,
        sources=st.sources,
    )
