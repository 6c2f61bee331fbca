"""Validate flat rows (from YAML entries or workbook sheets) into a ``Strategy``.

Every problem is reported with the row it came from, all at once, in one ``InputError``;
nothing is built (and so nothing stored) unless the whole input is good. Links to other parts
of the workspace (framework outcomes and indicators, agreement provisions, registry actors) are
checked against ``Known`` ids when that part exists, and left alone when it does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from peaceops.errors import InputError
from peaceops.mandates.taxonomy import is_task, task_code_set
from peaceops.records.rows import Row, RowChecker, parse_iso_date, split_list
from peaceops.strategy.model import (
    ASSUMPTION_STATUSES,
    LEVELS,
    LEVERS,
    RULE_KINDS,
    STAKEHOLDER_KINDS,
    STANCES,
    Assumption,
    AssumptionEntry,
    AssumptionRule,
    Consultation,
    Objective,
    Position,
    Priority,
    Stakeholder,
    Strategy,
    normalise_status,
)

__all__ = [
    "EVENT_METRICS",
    "Known",
    "build_strategy",
    "check_entry",
]

EVENT_METRICS: tuple[str, ...] = ("events", "fatalities")


@dataclass(frozen=True)
class Known:
    """Ids the links may point to; None: that part of the workspace is empty (not checked)."""

    outcomes: frozenset[str] | None = None
    indicators: frozenset[str] | None = None
    provisions: frozenset[str] | None = None
    actors: frozenset[str] | None = None


def _categories() -> tuple[str, ...]:
    from peaceops.actors.analysis import AGREEMENT_CATEGORIES

    return tuple(AGREEMENT_CATEGORIES)


class _Checker(RowChecker):
    fold_spaces = True
    lower_choices = True


def check_entry(c: RowChecker, row: Row, known_assumptions: set[str]) -> AssumptionEntry:
    aid = c.text(row, "assumption")
    if aid and aid not in known_assumptions:
        c.fail(row, f"unknown assumption {aid!r}")
    raw_status = c.text(row, "status")
    status = normalise_status(raw_status) if raw_status else ""
    if raw_status and status is None:
        c.fail(row, f"status {raw_status!r} is not one of {', '.join(ASSUMPTION_STATUSES)}")
    return AssumptionEntry(
        assumption_id=aid,
        date=c.day(row, "date"),
        status=status or "",
        source=c.text(row, "source"),
        note=c.text(row, "note", required=False),
    )


def _rule(c: RowChecker, row: Row, known: Known) -> AssumptionRule | None:
    kind = c.text(row, "rule", required=False).lower()
    if not kind:
        return None
    if kind not in RULE_KINDS:
        c.fail(row, f"'rule' is {kind!r}; use one of {', '.join(RULE_KINDS)}")
        return None
    target = c.text(row, "target", required=kind != "events")
    level_raw = c.optional_number(row, "level")
    rule = AssumptionRule(
        kind=kind,
        target=target,
        level=None if level_raw is None else int(level_raw),
        metric=c.text(row, "metric", required=False).lower(),
        region_group=c.text(row, "region_group", required=False),
        admin1=c.text(row, "admin1", required=False),
        event_types=split_list(row.values.get("event_types")),
        category=c.text(row, "category", required=False),
        at_risk=c.optional_number(row, "at_risk"),
        fails=c.optional_number(row, "fails"),
    )
    if kind == "indicator" and target:
        c.links(row, [target], known.indicators, "indicator")
    if kind == "provision":
        if target:
            c.links(row, [target], known.provisions, "provision")
        if rule.level is None or not 0 <= rule.level <= 3:
            c.fail(row, "a provision rule needs the 'level' (0-3) the provision must reach")
    if kind == "events":
        if rule.category and rule.category not in _categories():
            c.fail(row, f"'category' is {rule.category!r}; use one of {', '.join(_categories())}")
        if rule.metric not in EVENT_METRICS:
            c.fail(row, f"an events rule needs 'metric' {' or '.join(EVENT_METRICS)}")
        if rule.at_risk is None or rule.fails is None:
            c.fail(row, "an events rule needs both thresholds 'at_risk' and 'fails'")
        elif rule.fails < rule.at_risk:
            c.fail(row, "'fails' must be at least 'at_risk'")
    return rule


def build_strategy(
    head: Row,
    priorities: Sequence[Row],
    objectives: Sequence[Row],
    assumptions: Sequence[Row],
    history: Sequence[Row],
    stakeholders: Sequence[Row],
    positions: Sequence[Row],
    consultations: Sequence[Row],
    known: Known | None = None,
) -> Strategy:
    """Validate flat rows into a Strategy; one InputError listing every problem otherwise."""
    known = known or Known()
    codes = task_code_set()
    c = _Checker()
    sid = c.text(head, "id")
    mission = c.text(head, "mission")
    name = c.text(head, "name")
    start = c.day(head, "period_start")
    end = c.day(head, "period_end")
    if date.min not in (start, end) and end <= start:
        c.fail(head, "'period_end' must be after 'period_start'")
    end_state = c.text(head, "end_state")
    source = c.text(head, "source")
    example = str(head.values.get("example") or "").strip().lower() in ("true", "yes", "1")
    mandate_tasks = split_list(head.values.get("mandate_tasks"))
    for task in mandate_tasks:
        if not is_task(task):
            c.fail(head, f"mandate task {task!r} is neither a PEMA task code nor a paragraph id")
    renewals: list[date] = []
    for raw in split_list(head.values.get("renewals")):
        try:
            renewals.append(parse_iso_date(raw, "renewal"))
        except InputError as exc:
            c.fail(head, str(exc))

    seen: set[str] = set()
    pris: list[Priority] = []
    for r in priorities:
        p = Priority(
            id=c.text(r, "id"),
            name=c.text(r, "name"),
            resolution=c.text(r, "resolution", required=False),
            paragraph=c.text(r, "paragraph", required=False),
            pema=split_list(r.values.get("pema")),
            source=c.text(r, "source", required=False),
        )
        c.unique(r, seen, p.id, "priority")
        if not (p.paragraph or p.pema):
            c.fail(r, "give the mandate 'paragraph' or the 'pema' task codes it comes from")
        for code in p.pema:
            if code not in codes:
                c.fail(r, f"{code!r} is not a PEMA task code")
        pris.append(p)
    pri_ids = {p.id for p in pris}

    seen = set()
    objs: list[Objective] = []
    for r in objectives:
        o = Objective(
            id=c.text(r, "id"),
            priority_id=c.text(r, "priority"),
            name=c.text(r, "name"),
            theory_of_change=c.text(r, "theory_of_change"),
            tasks=split_list(r.values.get("tasks")),
            outcomes=split_list(r.values.get("outcomes")),
            indicators=split_list(r.values.get("indicators")),
            provisions=split_list(r.values.get("provisions")),
        )
        c.unique(r, seen, o.id, "objective")
        if o.priority_id and o.priority_id not in pri_ids:
            c.fail(r, f"unknown priority {o.priority_id!r}")
        for task in o.tasks:
            if not is_task(task):
                c.fail(r, f"unknown task {task!r} (neither a PEMA task code nor a paragraph id)")
        c.links(r, o.outcomes, known.outcomes, "framework outcome")
        c.links(r, o.indicators, known.indicators, "framework indicator")
        c.links(r, o.provisions, known.provisions, "agreement provision")
        objs.append(o)
    obj_ids = {o.id for o in objs}

    seen = set()
    rows_of: dict[str, tuple[Row, str, tuple[str, ...], AssumptionRule | None]] = {}
    for r in assumptions:
        aid = c.text(r, "id")
        c.unique(r, seen, aid, "assumption")
        targets = split_list(r.values.get("objectives"))
        if not targets:
            c.fail(r, "'objectives' is missing (the objectives that rest on it)")
        for oid in targets:
            if oid not in obj_ids:
                c.fail(r, f"unknown objective {oid!r}")
        rows_of[aid] = (r, c.text(r, "text"), targets, _rule(c, r, known))
    entries: dict[str, list[AssumptionEntry]] = {aid: [] for aid in rows_of}
    for r in history:
        e = check_entry(c, r, set(rows_of))
        if e.assumption_id in entries:
            entries[e.assumption_id].append(e)
    asms = [
        Assumption(aid, text, targets, rule, tuple(sorted(entries[aid], key=lambda e: e.date)))
        for aid, (_r, text, targets, rule) in rows_of.items()
    ]

    seen = set()
    holders: dict[str, dict[str, Any]] = {}
    for r in stakeholders:
        sid_ = c.text(r, "id")
        c.unique(r, seen, sid_, "stakeholder")
        levers = tuple(v.lower() for v in split_list(r.values.get("levers")))
        for lever in levers:
            if lever not in LEVERS:
                c.fail(r, f"lever {lever!r} is not one of {', '.join(LEVERS)}")
        actor = c.text(r, "actor", required=False)
        if actor:
            c.links(r, [actor], known.actors, "registry actor")
        linked = split_list(r.values.get("objectives"))
        for oid in linked:
            if oid not in obj_ids:
                c.fail(r, f"unknown objective {oid!r}")
        holders[sid_] = {
            "id": sid_,
            "name": c.text(r, "name"),
            "kind": c.choice(r, "kind", STAKEHOLDER_KINDS),
            "actor": actor,
            "levers": levers,
            "objectives": linked,
            "positions": [],
        }
    for r in positions:
        who = c.text(r, "stakeholder")
        if who and who not in holders:
            c.fail(r, f"unknown stakeholder {who!r}")
        pos = Position(
            date=c.day(r, "date"),
            interest=c.choice(r, "interest", LEVELS),
            influence=c.choice(r, "influence", LEVELS),
            stance=c.choice(r, "stance", STANCES),
            source=c.text(r, "source"),
            note=c.text(r, "note", required=False),
        )
        if who in holders:
            holders[who]["positions"].append(pos)
    shs = [
        Stakeholder(
            **{k: v for k, v in h.items() if k != "positions"},
            positions=tuple(sorted(h["positions"], key=lambda p: p.date)),
        )
        for h in holders.values()
    ]

    cons: list[Consultation] = []
    for r in consultations:
        who_list = split_list(r.values.get("stakeholders"))
        if not who_list:
            c.fail(r, "'stakeholders' is missing (who was consulted)")
        for who in who_list:
            if who not in holders:
                c.fail(r, f"unknown stakeholder {who!r}")
        about = split_list(r.values.get("objectives"))
        for oid in about:
            if oid not in obj_ids:
                c.fail(r, f"unknown objective {oid!r}")
        cons.append(
            Consultation(
                date=c.day(r, "date"),
                stakeholders=who_list,
                format=c.text(r, "format"),
                points=c.text(r, "points"),
                source=c.text(r, "source"),
                objectives=about,
            )
        )

    c.raise_problems("strategy", ", nothing stored")
    return Strategy(
        id=sid,
        mission=mission,
        name=name,
        period_start=start,
        period_end=end,
        end_state=end_state,
        source=source,
        example=example,
        mandate_tasks=mandate_tasks,
        renewals=tuple(sorted(renewals)),
        priorities=tuple(pris),
        objectives=tuple(objs),
        assumptions=tuple(asms),
        stakeholders=tuple(shs),
        consultations=tuple(sorted(cons, key=lambda x: x.date)),
    )
