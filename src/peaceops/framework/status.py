"""Where the framework stands on a date: indicators, roll-ups, benchmarks and coverage.

``framework_status(ws, as_of)`` returns plain data (frozen dataclasses, ``as_dict()`` for
JSON) that the CLI, the report, the brief and the web dashboard all read. The rules are in
``peaceops.framework.rules``.

Without an as-of date the status is taken as of the latest value the framework has (the last
observation or the last complete period of event data), so a report on an older event export
is not all "no recent data". The indicators are then read as with that day given as the as-of
date: agreement status entries dated later do not count (a tracker not updated for years looks
as stale as it was on that day). Benchmarks show their latest assessment, whenever made.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from peaceops.framework.computed import computed_values
from peaceops.framework.model import BENCHMARK_STATUSES, Assessment, Framework, Indicator
from peaceops.framework.rules import (
    NO_DATA,
    ON_TRACK,
    Point,
    StatusRule,
    judge,
    roll_up,
    trend,
)
from peaceops.framework.status_view import (
    BenchmarkStatus,
    Coverage,
    FrameworkStatus,
    IndicatorStatus,
    RollUp,
)
from peaceops.framework.store import (
    assessments,
    observations,
    require_framework,
)
from peaceops.grades import Grade, weakest
from peaceops.period import DateLike, Period, as_day
from peaceops.workspace import Workspace

__all__ = [
    "BenchmarkStatus",
    "Coverage",
    "FrameworkStatus",
    "IndicatorStatus",
    "RollUp",
    "framework_status",
    "status_from",
]


def _points(ws: Workspace, fw: Framework, as_of: date | None) -> dict[str, list[Point]]:
    out: dict[str, list[Point]] = {i.id: [] for i in fw.indicators}
    for obs in observations(ws, as_of):
        ind = fw.indicator(obs.indicator_id)
        if ind is not None and ind.computed is None:
            out[ind.id].append(
                Point(obs.date, obs.value, Period.of(ind.frequency, obs.date).label, obs.source)
            )
    for ind in fw.indicators:
        if ind.computed is not None:
            out[ind.id] = _computed_points(ws, ind, as_of, as_of)
    return out


def _computed_points(
    ws: Workspace, ind: Indicator, as_of: date | None, until: date | None
) -> list[Point]:
    origin = "agreement tracker" if _from_agreement(ind) else "event data"
    return [
        Point(v.end, v.value, v.period, origin)
        for v in computed_values(ws, ind, as_of, until=until)
    ]


def _from_agreement(ind: Any) -> bool:
    return ind.computed is not None and ind.computed.metric == "agreement_level"


def _benchmark_statuses(
    ws: Workspace, fw: Framework, indicators: dict[str, IndicatorStatus], as_of: date | None
) -> tuple[BenchmarkStatus, ...]:
    latest: dict[str, Assessment] = {}
    for entry in assessments(ws, as_of):  # oldest first: the last one wins
        latest[entry.benchmark_id] = entry
    out: list[BenchmarkStatus] = []
    for b in fw.benchmarks:
        a = latest.get(b.id)
        if a is not None:
            out.append(
                BenchmarkStatus(
                    b.id,
                    b.name,
                    b.condition,
                    b.target_date,
                    BENCHMARK_STATUSES[a.status],
                    "assessment",
                    a.evidence,
                    a.assessed_by,
                    a.date,
                    b.indicator_ids,
                )
            )
            continue
        linked = [indicators[i] for i in b.indicator_ids if i in indicators]
        with_data = [i for i in linked if i.status != NO_DATA]
        if not with_data:
            out.append(
                BenchmarkStatus(
                    b.id,
                    b.name,
                    b.condition,
                    b.target_date,
                    "not assessed",
                    "",
                    "",
                    "",
                    None,
                    b.indicator_ids,
                )
            )
            continue
        met = [i for i in linked if i.target_met]
        if len(met) == len(linked):
            word = "met"
        elif met or all(i.status == ON_TRACK for i in with_data):
            word = "partly met"
        else:
            word = "not met"
        evidence = "; ".join(
            f"{i.id}: {i.latest:g} against target {i.target:g} ({i.status})"
            for i in with_data
            if i.latest is not None
        )
        out.append(
            BenchmarkStatus(
                b.id,
                b.name,
                b.condition,
                b.target_date,
                word,
                "indicators",
                evidence,
                "",
                None,
                b.indicator_ids,
            )
        )
    return tuple(out)


def _latest_date(fw: Framework, points: dict[str, list[Point]]) -> date | None:
    """The latest observation or event period. Agreement levels hold at any date (a level
    stands until a later entry), so they follow the other data and do not set the date."""
    dates = [p.date for i in fw.indicators if not _from_agreement(i) for p in points.get(i.id, [])]
    if not dates:
        dates = [p.date for ps in points.values() for p in ps]
    return max(dates) if dates else None


def status_from(
    fw: Framework,
    points: dict[str, list[Point]],
    as_of: date,
    rule: StatusRule = StatusRule(),
) -> tuple[IndicatorStatus, ...]:
    """Indicator statuses from their values (no workspace needed: used by tests and forms)."""
    area_of = {o.id: o.area_id for o in fw.outcomes}
    priority_of = {a.id: a.priority_id for a in fw.areas}
    out: list[IndicatorStatus] = []
    for ind in fw.indicators:
        pts = sorted((p for p in points.get(ind.id, []) if p.date <= as_of), key=lambda p: p.date)
        j = judge(
            baseline=ind.baseline_value,
            baseline_date=ind.baseline_date,
            target=ind.target_value,
            target_date=ind.target_date,
            up_is_good=ind.good_is_up,
            frequency=ind.frequency,
            points=pts,
            as_of=as_of,
            rule=rule,
        )
        t = trend(pts, ind.good_is_up, rule)
        last = pts[-1] if pts else None
        area = area_of.get(ind.outcome_id, "")
        out.append(
            IndicatorStatus(
                id=ind.id,
                name=ind.name,
                outcome_id=ind.outcome_id,
                area_id=area,
                priority_id=priority_of.get(area, ""),
                unit=ind.unit,
                direction=ind.direction,
                frequency=ind.frequency,
                baseline=ind.baseline_value,
                baseline_date=ind.baseline_date,
                target=ind.target_value,
                target_date=ind.target_date,
                latest=last.value if last else None,
                latest_date=last.date if last else None,
                latest_period=last.period if last else "",
                expected=j.expected,
                status=j.status,
                reason=j.reason,
                target_met=j.target_met,
                trend=t.word,
                slope=t.slope,
                trend_text=t.describe(ind.frequency),
                computed=ind.computed is not None,
                source=ind.source,
                points=tuple(pts),
            )
        )
    return tuple(out)


def _roll(
    level: str, ident: str, name: str, parent: str, owner: str, members: Sequence[IndicatorStatus]
) -> RollUp:
    status, counts = roll_up([m.status for m in members])
    return RollUp(level, ident, name, parent, owner, status, counts, tuple(m.id for m in members))


def _sources(ws: Workspace, fw: Framework, points: dict[str, list[Point]]) -> tuple[str, ...]:
    out: list[str] = []
    if any(i.computed is not None and not _from_agreement(i) for i in fw.indicators):
        records = ws.datasets("events")
        if records:
            out.append(records[-1].cite())
    if any(_from_agreement(i) for i in fw.indicators):
        from peaceops.agreement.store import load_agreement

        agreement = load_agreement(ws)
        if agreement is not None:
            label = " (illustrative)" if agreement.illustrative else ""
            out.append(
                f"peaceops agreement tracker{label}: {agreement.name}, status entries each "
                "citing its source"
            )
    observed = sorted(
        {p.source for i in fw.indicators if i.computed is None for p in points[i.id] if p.source}
    )
    if observed:
        out.append("Observations entered in peaceops, from: " + "; ".join(observed))
    out.append(f"Results framework '{fw.name}' ({fw.mission})")
    return tuple(out)


def framework_status(
    ws: Workspace, as_of: DateLike | None = None, rule: StatusRule = StatusRule()
) -> FrameworkStatus:
    """The framework's status on ``as_of`` (default: its latest data); NotFoundError if none."""
    as_of = as_day(as_of, end=True, field="as-of")
    fw = require_framework(ws, as_of)
    points = _points(ws, fw, as_of)
    day = as_of or _latest_date(fw, points) or date.today()
    if as_of is None:
        # The day is known only now: read the agreement tracker as it stood then.
        for ind in fw.indicators:
            if _from_agreement(ind):
                points[ind.id] = _computed_points(ws, ind, None, day)
    inds = status_from(fw, points, day, rule)
    graded, reasons = _graded(ws, fw, inds, as_of)
    inds = graded
    by_id = {i.id: i for i in inds}
    outcomes = tuple(
        _roll("outcome", o.id, o.name, o.area_id, "", [i for i in inds if i.outcome_id == o.id])
        for o in fw.outcomes
    )
    areas = tuple(
        _roll("area", a.id, a.name, a.priority_id, a.owner, [i for i in inds if i.area_id == a.id])
        for a in fw.areas
    )
    priorities = tuple(
        _roll("priority", p.id, p.name, "", "", [i for i in inds if i.priority_id == p.id])
        for p in fw.priorities
    )
    overall = _roll("framework", fw.id, fw.name, "", "", inds)
    linked = {t.task for t in fw.task_links}
    coverage = Coverage(
        tasks_without_outcome=tuple(t for t in fw.mandate_tasks if t not in linked),
        outcomes_without_indicator=tuple(
            o.id for o in fw.outcomes if not any(i.outcome_id == o.id for i in inds)
        ),
        indicators_without_data=tuple(i.id for i in inds if i.status == NO_DATA),
    )
    return FrameworkStatus(
        framework_id=fw.id,
        name=fw.name,
        mission=fw.mission,
        resolution=fw.resolution,
        as_of=day,
        indicators=graded,
        outcomes=outcomes,
        areas=areas,
        priorities=priorities,
        overall=overall,
        benchmarks=_benchmark_statuses(ws, fw, by_id, as_of),
        coverage=coverage,
        sources=_sources(ws, fw, points),
        rule=rule,
        grade=weakest(i.grade for i in graded) if graded else _fw_grade(fw),
        grade_reasons=reasons,
    )


def _fw_grade(fw: Framework) -> Grade:
    return "illustrative" if fw.illustrative else "real"


def _graded(
    ws: Workspace, fw: Framework, inds: Sequence[IndicatorStatus], as_of: date | None
) -> tuple[tuple[IndicatorStatus, ...], tuple[str, ...]]:
    """Each indicator with its origin and grade, and the reasons for the weakest grade.

    An example framework makes every indicator illustrative (its targets and benchmarks are
    the project's own); an example agreement tracker makes the indicators it feeds
    illustrative; generated events make event indicators synthetic.
    """
    from dataclasses import replace

    reasons: list[str] = []
    if fw.illustrative:
        reasons.append(f"the example results framework '{fw.name}' (targets and values)")
    tracker_example = False
    if any(_from_agreement(i) for i in fw.indicators):
        from peaceops.agreement.store import load_agreement

        agreement = load_agreement(ws, as_of)
        tracker_example = agreement is not None and agreement.illustrative
        if tracker_example and agreement is not None:
            reasons.append(f"the example agreement tracker '{agreement.name}'")
    generated = ws.config.synthetic or any(
        "synthetic" in (r.source + " " + r.file_name).lower() for r in ws.datasets("events")
    )
    by_id = {i.id: i for i in fw.indicators}
    out: list[IndicatorStatus] = []
    for st in inds:
        ind = by_id[st.id]
        grades: list[Grade] = [_fw_grade(fw)]
        if ind.computed is None:
            origin = "observations"
        elif _from_agreement(ind):
            origin = "agreement tracker"
            if tracker_example:
                origin = "agreement tracker example"
                grades.append("illustrative")
        else:
            origin = "event data"
            if generated:
                grades.append("synthetic")
        out.append(replace(st, origin=origin, grade=weakest(grades)))
    if generated and any(i.origin == "event data" for i in out):
        reasons.append("generated (synthetic) conflict events")
    return tuple(out), tuple(reasons)
