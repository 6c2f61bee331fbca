"""What a renewal brief says about the political strategy: one section and key considerations.

``strategy_brief(ws, as_of)`` gathers the data (priorities and objectives with the worst
status of their assumptions, the assumptions at risk or failing, the gaps, stakeholder changes
since the renewal) and a key consideration for every assumption that is at risk or fails,
graded like the brief's other considerations: ``illustrative`` when the strategy is the shipped
example or a computed status rests on one, ``synthetic`` when the workspace's events are
generated, else ``real``. The brief's writers turn it into words and tables.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from peaceops.grades import Grade, weakest
from peaceops.strategy.stakeholders import matrix_from
from peaceops.strategy.status import AssumptionState, Gap, strategy_status
from peaceops.strategy.store import require_strategy
from peaceops.workspace import Workspace

__all__ = ["StrategyBrief", "StrategyConsideration", "strategy_brief"]


@dataclass(frozen=True)
class StrategyConsideration:
    """A key consideration: the statement, the figure it rests on, its source and grade."""

    text: str
    figure: str
    source: str
    grade: Grade
    assumption: str


@dataclass(frozen=True)
class StrategyBrief:
    title: str
    strategy: str
    mission: str
    as_of: date
    grade: Grade
    label: str  # words printed beside every figure of a non-real grade ("" when real)
    paragraphs: tuple[str, ...]
    objectives: tuple[
        tuple[str, str, str, str, str], ...
    ]  # priority, objective, tasks, inds, worst
    at_risk: tuple[AssumptionState, ...]
    gaps: tuple[Gap, ...]
    stakeholder_changes: tuple[tuple[str, str], ...]  # (stakeholder, change)
    considerations: tuple[StrategyConsideration, ...]
    sources: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _grade_of(ws: Workspace, example: bool, a: AssumptionState | None = None) -> Grade:
    grades: list[Grade] = ["illustrative" if example else "real"]
    if a is not None and a.computed:
        if a.rule == "events" and ws.config.synthetic:
            grades.append("synthetic")
        if "illustrative" in a.source.lower() or "example" in a.source.lower():
            grades.append("illustrative")
    return weakest(grades)


def strategy_brief(ws: Workspace, as_of: date | None = None) -> StrategyBrief:
    """The strategy section of a brief; NotFoundError when the workspace has no strategy."""
    st = require_strategy(ws, as_of)
    status = strategy_status(ws, as_of)
    grade = _grade_of(ws, st.example)
    label = "ILLUSTRATIVE (example: the project's reading)" if st.example else ""
    rows = tuple(
        (
            p.id,
            f"{o.id} {o.name}",
            ", ".join(o.tasks) or "none",
            ", ".join(o.indicators) or "none",
            o.worst or "no assumption",
        )
        for p in status.priorities
        for o in p.objectives
    )
    risky = tuple(a for a in status.assumptions if a.status in ("at risk", "fails"))
    considerations: list[StrategyConsideration] = []
    for a in sorted(risky, key=lambda x: (x.status != "fails", x.id)):
        names = [o.id for p in status.priorities for o in p.objectives if o.id in a.objectives]
        why = a.note or a.basis
        since = f" (since {a.judged_on})" if a.judged_on and a.judged == a.status else ""
        text = (
            f"Assumption {a.id} {'fails' if a.status == 'fails' else 'is at risk'}{since}: "
            f"{a.text}. Objectives resting on it: {', '.join(names)}."
        )
        if why:
            text += f" {why.rstrip('.')}."
        considerations.append(
            StrategyConsideration(
                text=text,
                figure=f"{a.id}: {a.status}",
                source=a.source or a.basis,
                grade=_grade_of(ws, st.example, a),
                assumption=a.id,
            )
        )
    matrix = matrix_from(st, status.as_of)
    changes = tuple((r.name, r.change) for r in matrix.rows if r.change not in ("", "no change"))
    counts = {
        s: sum(1 for a in status.assumptions if a.status == s)
        for s in ("holds", "at risk", "fails", "unknown")
    }
    paragraphs = [
        f"{st.name} ({st.period_start} to {st.period_end}). End state sought: {st.end_state}",
        f"{len(st.priorities)} strategic priorities, {len(st.objectives)} objectives, "
        f"{len(st.assumptions)} assumptions on {status.as_of}: "
        + ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        + ".",
    ]
    if status.gaps:
        paragraphs.append("Gaps: " + "; ".join(g.text for g in status.gaps) + ".")
    sources = tuple(dict.fromkeys([st.source, *[a.source for a in risky if a.source]]))
    return StrategyBrief(
        title="Political strategy",
        strategy=st.id,
        mission=st.mission,
        as_of=status.as_of,
        grade=grade,
        label=label,
        paragraphs=tuple(paragraphs),
        objectives=rows,
        at_risk=risky,
        gaps=status.gaps,
        stakeholder_changes=changes,
        considerations=tuple(considerations),
        sources=sources,
    )
