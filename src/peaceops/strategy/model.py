"""The political strategy of a mission: plain frozen types without I/O.

Strategy (mission, period, end state, source) > strategic priorities (from the mandate, with
the paragraph or PEMA coding they come from) > objectives (a theory of change; links to mandate
tasks, framework outcomes and indicators, agreement provisions). Assumptions say what must hold
for objectives to work, with a status over time and optionally a rule that computes it from
data. Stakeholders carry interest, influence and stance over time and the mission's levers;
consultations record who was heard, when and on what.

Validation from flat rows lives in ``peaceops.strategy.build``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = [
    "ASSUMPTION_STATUSES",
    "EXAMPLE_LABEL",
    "LEVELS",
    "LEVERS",
    "RULE_KINDS",
    "STAKEHOLDER_KINDS",
    "STANCES",
    "Assumption",
    "AssumptionEntry",
    "AssumptionRule",
    "Consultation",
    "Objective",
    "Position",
    "Priority",
    "Stakeholder",
    "Strategy",
    "normalise_status",
]

# Printed beside everything computed from a strategy shipped as an example.
EXAMPLE_LABEL = (
    "ILLUSTRATIVE example: the project's reading of public sources, not an official strategy"
)
# Status of an assumption, from best to worst; "unknown" when nobody has said and no rule can.
ASSUMPTION_STATUSES: tuple[str, ...] = ("holds", "at risk", "fails", "unknown")
LEVELS: tuple[str, ...] = ("low", "medium", "high")
STANCES: tuple[str, ...] = ("opposed", "ambivalent", "supportive", "unknown")
LEVERS: tuple[str, ...] = ("good offices", "support", "pressure")
STAKEHOLDER_KINDS: tuple[str, ...] = (
    "government",
    "parliament",
    "armed group",
    "coalition",
    "political party",
    "mediator",
    "regional organisation",
    "council member",
    "civil society",
    "religious leaders",
    "international partner",
    "other",
)
# How an assumption's status can be computed: from a framework indicator's status, from an
# agreement provision's implementation level, or from a count of conflict events.
RULE_KINDS: tuple[str, ...] = ("indicator", "provision", "events")

_STATUS_ALIASES = {"at_risk": "at risk", "at-risk": "at risk", "hold": "holds", "fail": "fails"}


def normalise_status(text: str) -> str | None:
    """The status word in ``ASSUMPTION_STATUSES`` for ``text``, or None when it is not one."""
    word = " ".join(str(text or "").strip().lower().split())
    word = _STATUS_ALIASES.get(word, word)
    return word if word in ASSUMPTION_STATUSES else None


@dataclass(frozen=True)
class Priority:
    """A strategic priority as the mandate sets it, with where it comes from."""

    id: str
    name: str
    resolution: str = ""
    paragraph: str = ""  # operative paragraph, e.g. "20" or "28(a)"
    pema: tuple[str, ...] = ()  # PEMA task codes of the mandate coding it rests on
    source: str = ""


@dataclass(frozen=True)
class Objective:
    id: str
    priority_id: str
    name: str
    theory_of_change: str
    tasks: tuple[str, ...] = ()  # PEMA codes or paragraph ids of the mandate tasks serving it
    outcomes: tuple[str, ...] = ()  # framework outcome ids
    indicators: tuple[str, ...] = ()  # framework indicator ids
    provisions: tuple[str, ...] = ()  # agreement provision ids


@dataclass(frozen=True)
class AssumptionRule:
    """How an assumption's status is computed from data.

    - ``indicator``: the framework status of ``target`` (on track -> holds, at risk -> at risk,
      off track -> fails, no recent data -> unknown).
    - ``provision``: the implementation level of provision ``target`` (0-3) against
      ``level``: at or above -> holds, one below -> at risk, lower -> fails.
    - ``events``: ``metric`` (events or fatalities) over the last complete quarter, optionally
      in ``region_group``/``admin1``, of ``event_types`` or of an agreement-violence
      ``category``; at most ``at_risk`` -> holds, at most ``fails`` -> at risk, above -> fails.
    """

    kind: str
    target: str = ""
    level: int | None = None
    metric: str = ""
    region_group: str = ""
    admin1: str = ""
    event_types: tuple[str, ...] = ()
    category: str = ""
    at_risk: float | None = None
    fails: float | None = None


@dataclass(frozen=True)
class AssumptionEntry:
    """A person's judgement of an assumption on a date, with its source."""

    assumption_id: str
    date: date
    status: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class Assumption:
    id: str
    text: str
    objectives: tuple[str, ...]
    rule: AssumptionRule | None = None
    history: tuple[AssumptionEntry, ...] = ()

    def judged(self, as_of: date | None = None) -> AssumptionEntry | None:
        """The latest judgement dated on or before ``as_of``."""
        found = [e for e in self.history if as_of is None or e.date <= as_of]
        return max(found, key=lambda e: e.date) if found else None


@dataclass(frozen=True)
class Position:
    """Where a stakeholder stands on a date: interest, influence and stance."""

    date: date
    interest: str
    influence: str
    stance: str
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class Stakeholder:
    id: str
    name: str
    kind: str
    actor: str = ""  # id in the actors registry, when it is one
    levers: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    positions: tuple[Position, ...] = ()

    def position(self, as_of: date | None = None) -> Position | None:
        found = [p for p in self.positions if as_of is None or p.date <= as_of]
        return max(found, key=lambda p: p.date) if found else None


@dataclass(frozen=True)
class Consultation:
    date: date
    stakeholders: tuple[str, ...]
    format: str
    points: str
    source: str
    objectives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Strategy:
    id: str
    mission: str
    name: str
    period_start: date
    period_end: date
    end_state: str
    source: str
    example: bool = False  # the project's own reading, shipped as an example
    mandate_tasks: tuple[str, ...] = ()
    renewals: tuple[date, ...] = ()  # mandate renewal dates, for "changes since the renewal"
    priorities: tuple[Priority, ...] = ()
    objectives: tuple[Objective, ...] = ()
    assumptions: tuple[Assumption, ...] = ()
    stakeholders: tuple[Stakeholder, ...] = ()
    consultations: tuple[Consultation, ...] = ()

    def objective(self, objective_id: str) -> Objective | None:
        return next((o for o in self.objectives if o.id == objective_id), None)

    def assumption(self, assumption_id: str) -> Assumption | None:
        return next((a for a in self.assumptions if a.id == assumption_id), None)

    def stakeholder(self, stakeholder_id: str) -> Stakeholder | None:
        return next((s for s in self.stakeholders if s.id == stakeholder_id), None)

    def objectives_of(self, priority_id: str) -> tuple[Objective, ...]:
        return tuple(o for o in self.objectives if o.priority_id == priority_id)

    def assumptions_of(self, objective_id: str) -> tuple[Assumption, ...]:
        return tuple(a for a in self.assumptions if objective_id in a.objectives)

    def last_renewal(self, as_of: date | None = None) -> date | None:
        found = [d for d in self.renewals if as_of is None or d <= as_of]
        return max(found) if found else None
