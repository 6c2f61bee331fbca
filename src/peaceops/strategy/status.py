"""Where the strategy stands on a date: objectives, their links, assumptions and gaps.

``strategy_status(ws, as_of)`` returns frozen data with one ``as_dict()`` that the CLI's
``--format json``, the web page's JSON, the report and the brief all use. ``status_from`` is
the pure part: it takes the strategy and the computed rule results.

Gaps: mandate tasks (those the strategy lists, and the framework's) that serve no objective;
objectives with no task; objectives with no indicator (directly or through a linked framework
outcome).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache, partial
from typing import Any

from peaceops.period import DateLike, as_day
from peaceops.strategy.model import EXAMPLE_LABEL, Assumption, Strategy
from peaceops.strategy.rules import Computed, combine, compute_rule
from peaceops.strategy.store import require_strategy
from peaceops.workspace import Workspace

__all__ = [
    "AssumptionState",
    "Gap",
    "ObjectiveState",
    "PriorityState",
    "StrategyStatus",
    "status_from",
    "strategy_status",
]


@dataclass(frozen=True)
class AssumptionState:
    id: str
    text: str
    objectives: tuple[str, ...]
    status: str  # holds | at risk | fails | unknown: the one shown (see COMBINE_RULE)
    source: str
    judged: str  # the latest person's judgement ("" when none)
    judged_on: date | None
    note: str
    computed: str  # the rule's status ("" when no rule)
    basis: str  # what the computed status rests on
    rule: str  # indicator | provision | events | ""
    changed: bool  # status differs from the one on the last renewal
    previous: str  # status on the last renewal


@dataclass(frozen=True)
class ObjectiveState:
    id: str
    name: str
    theory_of_change: str
    tasks: tuple[str, ...]
    outcomes: tuple[str, ...]
    indicators: tuple[str, ...]  # direct and through the linked outcomes
    provisions: tuple[str, ...]
    assumptions: tuple[AssumptionState, ...]
    stakeholders: tuple[str, ...]
    consultations: int
    worst: str  # worst assumption status ("" when no assumption)


@dataclass(frozen=True)
class PriorityState:
    id: str
    name: str
    resolution: str
    paragraph: str
    pema: tuple[str, ...]
    source: str
    objectives: tuple[ObjectiveState, ...]


@dataclass(frozen=True)
class Gap:
    kind: str  # task without objective | objective without task | objective without indicator
    id: str
    text: str


@dataclass(frozen=True)
class StrategyStatus:
    strategy_id: str
    name: str
    mission: str
    period_start: date
    period_end: date
    end_state: str
    source: str
    example: bool
    as_of: date
    last_renewal: date | None
    priorities: tuple[PriorityState, ...]
    assumptions: tuple[AssumptionState, ...]
    gaps: tuple[Gap, ...]

    def as_dict(self) -> dict[str, Any]:
        """The JSON document: priorities > objectives (tasks, indicators, assumptions), gaps."""
        data = asdict(self)
        data["id"] = data.pop("strategy_id")
        data["label"] = EXAMPLE_LABEL if self.example else ""
        return data

    def to_dict(self) -> dict[str, Any]:
        """The status as one JSON document: ``peaceops strategy status --format json`` and
        ``/api/strategy/status``."""
        data = self.as_dict()
        out: dict[str, Any] = {}
        if self.example:
            out["label"] = EXAMPLE_LABEL
        out.update(
            {
                "strategy": data["id"],
                "name": data["name"],
                "mission": data["mission"],
                "as_of": data["as_of"],
                "last_renewal": data["last_renewal"],
                "priorities": [
                    {
                        "id": p["id"],
                        "name": p["name"],
                        "source": {
                            "resolution": p["resolution"],
                            "paragraph": p["paragraph"],
                            "pema": p["pema"],
                            "text": p["source"],
                        },
                        "objectives": [
                            {
                                "id": o["id"],
                                "name": o["name"],
                                "theory_of_change": o["theory_of_change"],
                                "tasks": o["tasks"],
                                "outcomes": o["outcomes"],
                                "indicators": o["indicators"],
                                "provisions": o["provisions"],
                                "assumptions": [
                                    {
                                        "id": a["id"],
                                        "status": a["status"],
                                        "source": a["source"],
                                        "text": a["text"],
                                        "judged": a["judged"],
                                        "judged_on": a["judged_on"],
                                        "computed": a["computed"],
                                        "basis": a["basis"],
                                        "changed_since_renewal": a["changed"],
                                    }
                                    for a in o["assumptions"]
                                ],
                            }
                            for o in p["objectives"]
                        ],
                    }
                    for p in data["priorities"]
                ],
                "gaps": [
                    {"kind": g["kind"], "id": g["id"], "text": g["text"]} for g in data["gaps"]
                ],
            }
        )
        return out


def _state(
    a: Assumption,
    computed: Computed | None,
    previous: Computed | None,
    as_of: date,
    renewal: date | None,
) -> AssumptionState:
    entry = a.judged(as_of)
    status = combine(entry.status if entry else None, computed.status if computed else None)
    before = ""
    if renewal is not None:
        old = a.judged(renewal)
        before = combine(old.status if old else None, previous.status if previous else None)
    source = entry.source if entry else ""
    if computed is not None and computed.source and (not entry or status != entry.status):
        source = computed.source if not source else f"{source}; {computed.source}"
    return AssumptionState(
        id=a.id,
        text=a.text,
        objectives=a.objectives,
        status=status,
        source=source,
        judged=entry.status if entry else "",
        judged_on=entry.date if entry else None,
        note=entry.note if entry else "",
        computed=computed.status if computed else "",
        basis=computed.basis if computed else "",
        rule=a.rule.kind if a.rule else "",
        changed=renewal is not None and before != status,
        previous=before,
    )


def status_from(
    st: Strategy,
    as_of: date,
    computed: Mapping[str, Computed],
    at_renewal: Mapping[str, Computed] | None = None,
    outcome_indicators: Mapping[str, tuple[str, ...]] | None = None,
    framework_tasks: tuple[str, ...] = (),
) -> StrategyStatus:
    """The status of ``st`` on ``as_of`` from the rule results (pure)."""
    renewal = st.last_renewal(as_of)
    if renewal == as_of:
        renewal = st.last_renewal(date.fromordinal(as_of.toordinal() - 1))
    at_renewal = at_renewal or {}
    outcome_indicators = outcome_indicators or {}
    states = {
        a.id: _state(a, computed.get(a.id), at_renewal.get(a.id), as_of, renewal)
        for a in st.assumptions
    }
    pris: list[PriorityState] = []
    gaps: list[Gap] = []
    for p in st.priorities:
        objs: list[ObjectiveState] = []
        for o in st.objectives_of(p.id):
            indicators = list(o.indicators)
            for out in o.outcomes:
                indicators += [i for i in outcome_indicators.get(out, ()) if i not in indicators]
            asms = tuple(states[a.id] for a in st.assumptions_of(o.id))
            worst = ""
            for s in asms:
                worst = s.status if not worst else _worst(worst, s.status)
            objs.append(
                ObjectiveState(
                    id=o.id,
                    name=o.name,
                    theory_of_change=o.theory_of_change,
                    tasks=o.tasks,
                    outcomes=o.outcomes,
                    indicators=tuple(indicators),
                    provisions=o.provisions,
                    assumptions=asms,
                    stakeholders=tuple(s.id for s in st.stakeholders if o.id in s.objectives),
                    consultations=sum(
                        1 for c in st.consultations if o.id in c.objectives and c.date <= as_of
                    ),
                    worst=worst,
                )
            )
            if not o.tasks:
                gaps.append(Gap("objective without task", o.id, f"{o.id} {o.name}: no task"))
            if not indicators:
                gaps.append(
                    Gap("objective without indicator", o.id, f"{o.id} {o.name}: no indicator")
                )
        pris.append(
            PriorityState(p.id, p.name, p.resolution, p.paragraph, p.pema, p.source, tuple(objs))
        )
    served = {t for o in st.objectives for t in o.tasks}
    for task in dict.fromkeys((*st.mandate_tasks, *framework_tasks)):
        if task not in served:
            gaps.insert(
                sum(1 for g in gaps if g.kind == "task without objective"),
                Gap("task without objective", task, f"mandate task {task} serves no objective"),
            )
    return StrategyStatus(
        strategy_id=st.id,
        name=st.name,
        mission=st.mission,
        period_start=st.period_start,
        period_end=st.period_end,
        end_state=st.end_state,
        source=st.source,
        example=st.example,
        as_of=as_of,
        last_renewal=renewal,
        priorities=tuple(pris),
        assumptions=tuple(states[a.id] for a in st.assumptions),
        gaps=tuple(gaps),
    )


def _worst(a: str, b: str) -> str:
    order = ("holds", "unknown", "at risk", "fails")  # for the objective: unknown above holds
    return a if order.index(a) >= order.index(b) else b


def strategy_status(ws: Workspace, as_of: DateLike | None = None) -> StrategyStatus:
    """The strategy's status on ``as_of`` (default: today; rules then use their latest data)."""
    as_of = as_day(as_of, end=True, field="as-of")
    st = require_strategy(ws, as_of)
    day = as_of or date.today()
    from peaceops.framework.status import framework_status
    from peaceops.framework.store import load_framework

    @cache
    def fw_status(on: date | None) -> Any:
        return framework_status(ws, on)

    renewal = st.last_renewal(day)
    if renewal == day:
        renewal = st.last_renewal(date.fromordinal(day.toordinal() - 1))
    computed: dict[str, Computed] = {}
    before: dict[str, Computed] = {}
    for a in st.assumptions:
        if a.rule is None:
            continue
        computed[a.id] = compute_rule(ws, a.rule, as_of, partial(fw_status, as_of))
        if renewal is not None:
            before[a.id] = compute_rule(ws, a.rule, renewal, partial(fw_status, renewal))
    fw = load_framework(ws, day)
    outcome_indicators: dict[str, tuple[str, ...]] = {}
    tasks: tuple[str, ...] = ()
    if fw is not None:
        for o in fw.outcomes:
            outcome_indicators[o.id] = tuple(i.id for i in fw.indicators if i.outcome_id == o.id)
        if not fw.mission or fw.mission.upper() == st.mission.upper():
            tasks = fw.mandate_tasks
    return status_from(st, day, computed, before, outcome_indicators, tasks)
