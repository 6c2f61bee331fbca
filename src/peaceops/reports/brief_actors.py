"""The conflict-structure part of the brief: who kills civilians, whether the violence is
between the parties to the peace agreement or by groups outside it, attacks on the mission,
and the political milestones recorded in the workspace.

Figures come from ``peaceops.actors.analysis`` (the actor registry maps ACLED's and UCDP's actor
names to canonical actors and types) over the same 12-month windows as the context section.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import polars as pl

from peaceops.errors import InputError, NotFoundError
from peaceops.events.schema import EVENTS_SLOT
from peaceops.reports.brief_context import events_source_label, month_windows, window_label
from peaceops.reports.brief_grades import events_grade
from peaceops.reports.brief_model import (
    BriefSection,
    BriefTable,
    Consideration,
    MissingSection,
    SectionPart,
    sentence,
)
from peaceops.reports.partial import partial_year_label
from peaceops.workspace import Workspace

__all__ = ["SHIFT_POINTS", "gather_actors", "gather_timeline"]

_TITLE = "Conflict structure and perpetrators"
# A change of this many percentage points in an actor type's share of a region group's
# civilian-targeting fatalities is worth a key consideration.
SHIFT_POINTS = 10.0
# Years of the agreement-violence and attacks-on-the-mission tables.
YEARS = 4


def _shares(df: pl.DataFrame) -> dict[tuple[str, str], tuple[int, int, float]]:
    return {
        (str(r["group"]), str(r["actor_type"])): (
            int(r["events"]),
            int(r["fatalities"]),
            float(r["share"]),
        )
        for r in df.iter_rows(named=True)
    }


def gather_actors(
    ws: Workspace, mission: str | None, as_of: date | None, *, charts: bool = True
) -> SectionPart:
    """The section (see the module doc); graded by the events it reads."""
    part = _actors_part(ws, mission, as_of)
    grade, labels = events_grade(ws)
    return replace(part, grade=grade, labels=labels if part.section is not None else ())


def _actors_part(ws: Workspace, mission: str | None, as_of: date | None) -> SectionPart:
    from peaceops.actors.analysis import agreement_violence, peacekeeper_attacks, perpetrators
    from peaceops.events.analysis import event_range

    if ws.current_file(EVENTS_SLOT) is None:
        return SectionPart(
            None,
            (MissingSection("actors", _TITLE, "No conflict events.", remedy="events.import"),),
        )
    span = event_range(ws)
    if span is None:
        return SectionPart(None)
    first, last = span
    if as_of is not None:
        last = min(last, as_of)
    if last < first:
        return SectionPart(None)
    recent, previous = month_windows(last)
    try:
        now = perpetrators(ws, start=recent[0], end=recent[1], group="region")
        before = perpetrators(ws, start=previous[0], end=previous[1], group="region")
        years_start = date(last.year - YEARS + 1, 1, 1)
        split = agreement_violence(ws, by="year", group=None, start=years_start, end=last)
        attacks = peacekeeper_attacks(ws, by="year", start=years_start, end=last)
    except (NotFoundError, InputError) as exc:
        return SectionPart(
            None, (MissingSection("actors", _TITLE, f"Actor analysis not available: {exc}"),)
        )
    source = events_source_label(ws)
    note = sentence(
        f"Source: {source}; actor names mapped to actors and types by the workspace's actor "
        "registry (peaceops.actors)"
    )
    now_s, before_s = _shares(now), _shares(before)
    rows = []
    for (group, kind), (events, fatalities, share) in now_s.items():
        old = before_s.get((group, kind))
        rows.append(
            (
                group,
                kind,
                f"{events:,}",
                f"{fatalities:,}",
                f"{100 * share:.0f}%",
                "–" if old is None else f"{100 * old[2]:.0f}%",
            )
        )
    tables = [
        BriefTable(
            caption=(
                f"Perpetrators of civilian-targeting fatalities by region group, "
                f"{window_label(recent)} (share also for {window_label(previous)})"
            ),
            columns=(
                "Region group",
                "Perpetrator type",
                "Events",
                "Civilian fatalities",
                "Share",
                "Share before",
            ),
            rows=tuple(rows),
            note=note,
        )
    ]

    def year(period: object) -> str:
        text = str(period)
        return partial_year_label(int(text), first, last) if text.isdigit() else text

    if not split.is_empty():
        cats = list(dict.fromkeys(split.get_column("category").to_list()))
        periods = sorted(set(split.get_column("period").cast(pl.Utf8).to_list()))
        by_key = {
            (str(r["period"]), str(r["category"])): int(r["fatalities"])
            for r in split.iter_rows(named=True)
        }
        tables.append(
            BriefTable(
                caption="Fatalities in political violence by relation to the peace agreement",
                columns=("Year", *cats),
                rows=tuple(
                    (year(p), *(f"{by_key.get((p, c), 0):,}" for c in cats)) for p in periods
                ),
                note=sentence(
                    "Between parties: both sides party to the agreement on the event's date, one "
                    "a signatory armed group (ceasefire violations); outside: a side is a "
                    "jihadist group or another armed group that did not sign; community: a side "
                    f"is a community militia. {note}"
                ),
            )
        )
    tables.append(
        BriefTable(
            caption="Attacks on the UN mission per year",
            columns=("Year", "Events", "Fatalities"),
            rows=tuple(
                (
                    year(r["period"]),
                    f"{int(r['events']):,}",
                    f"{int(r['fatalities']):,}",
                )
                for r in attacks.iter_rows(named=True)
            ),
            note=sentence(
                "Events whose target is the UN peacekeeping mission as the actor registry "
                f"defines it (other UN bodies are not counted). {note}"
            ),
        )
    )
    milestones = _milestones(ws, last)
    if milestones is not None:
        tables.append(milestones)
    considerations = _considerations(now_s, before_s, recent, previous, source)
    paragraphs = (
        f"Who the violence comes from, {window_label(recent)} against "
        f"{window_label(previous)}: the perpetrators of civilian-targeting fatalities by "
        "region group, violence between the "
        "parties to the agreement against violence by groups outside it, and attacks on the UN "
        "mission.",
    )
    section = BriefSection("actors", _TITLE, paragraphs, (), tuple(tables))
    return SectionPart(section, (), tuple(considerations), ("ACLED",))


def _considerations(
    now: dict[tuple[str, str], tuple[int, int, float]],
    before: dict[tuple[str, str], tuple[int, int, float]],
    recent: tuple[date, date],
    previous: tuple[date, date],
    source: str,
) -> list[Consideration]:
    """The largest shift in a perpetrator type's share, in the group with most deaths."""
    totals: dict[str, int] = {}
    for (group, _), (_, fatalities, _) in now.items():
        totals[group] = totals.get(group, 0) + fatalities
    if not totals:
        return []
    group = max(totals, key=lambda g: totals[g])
    kinds = {k for g, k in [*now, *before] if g == group and k != "unmapped"}
    shifts = {
        k: (now.get((group, k), (0, 0, 0.0))[2], before.get((group, k), (0, 0, 0.0))[2])
        for k in kinds
    }
    if not shifts:
        return []
    kind = max(shifts, key=lambda k: abs(shifts[k][0] - shifts[k][1]))
    share_now, share_before = shifts[kind]
    if abs(share_now - share_before) * 100 < SHIFT_POINTS:
        top = max(shifts, key=lambda k: shifts[k][0])
        text = (
            f"In the {group}, where most civilians were killed in {window_label(recent)} "
            f"({totals[group]:,} civilian fatalities), {top} were the named perpetrators of "
            f"{100 * shifts[top][0]:.0f}% of them; no perpetrator type's share moved by "
            f"{SHIFT_POINTS:.0f} points or more since {window_label(previous)}."
        )
        figure = f"{100 * shifts[top][0]:.0f}%"
    else:
        text = (
            f"In the {group}, {kind} were the named perpetrators of {100 * share_now:.0f}% of "
            f"civilian-targeting fatalities in {window_label(recent)}, against "
            f"{100 * share_before:.0f}% in {window_label(previous)} ({totals[group]:,} civilian "
            "fatalities in the recent window)."
        )
        figure = f"{100 * share_before:.0f}% → {100 * share_now:.0f}%"
    return [Consideration(text=text, figure=figure, source=source, section="actors")]


def _milestones(ws: Workspace, last: date) -> BriefTable | None:
    """Political milestones recorded in the workspace in the two years up to ``last``."""
    from peaceops.actors.timeline import milestones

    try:
        found = [m for m in milestones(ws) if date(last.year - 2, last.month, 1) <= m.date <= last]
    except (NotFoundError, InputError):
        return None
    if not found:
        return None
    return BriefTable(
        caption="Political milestones recorded in the workspace, last two years",
        columns=("Date", "Kind", "Milestone", "Source"),
        rows=tuple((m.date.isoformat(), m.kind, m.title, m.source) for m in found),
    )


_TIMELINE = "Political timeline"
# The timeline covers this many months up to the brief's cut-off.
TIMELINE_MONTHS = 24
# At most this many entries are listed (milestones first, then ACLED's strategic developments).
TIMELINE_ROWS = 25


def gather_timeline(
    ws: Workspace, mission: str | None, as_of: date | None, *, charts: bool = True
) -> SectionPart:
    """Milestones users recorded (coups, agreements, elections, renewals) and ACLED's
    "Strategic developments", over the two years up to the cut-off; graded by the events."""
    from peaceops.actors.timeline import timeline
    from peaceops.events.analysis import event_range

    span = event_range(ws) if ws.current_file(EVENTS_SLOT) is not None else None
    end = as_of or (span[1] if span else date.today())
    start = date(end.year - TIMELINE_MONTHS // 12, end.month, 1)
    try:
        frame = timeline(ws, start=start, end=end)
    except (NotFoundError, InputError):
        frame = pl.DataFrame()
    if frame.is_empty():
        return SectionPart(
            None,
            (
                MissingSection(
                    "timeline",
                    _TIMELINE,
                    f"No political milestones recorded and no strategic developments in the "
                    f"events between {start.isoformat()} and {end.isoformat()}.",
                    remedy="timeline.add",
                ),
            ),
        )
    recorded = frame.filter(pl.col("origin") == "milestone")
    acled = frame.filter(pl.col("origin") != "milestone")
    shown = pl.concat([recorded, acled.sort("date", descending=True)]).head(TIMELINE_ROWS)
    shown = shown.sort("date")
    rows = tuple(
        (str(r["date"]), str(r["origin"]), str(r["kind"]), str(r["title"]), str(r["source"]))
        for r in shown.iter_rows(named=True)
    )
    paragraphs = [
        f"{recorded.height} milestone{'s' if recorded.height != 1 else ''} recorded in the "
        f"workspace and {acled.height} strategic development{'s' if acled.height != 1 else ''} "
        f"in the event data between {start.isoformat()} and {end.isoformat()}"
        + (
            f"; the {TIMELINE_ROWS} listed are the milestones and the latest developments."
            if frame.height > TIMELINE_ROWS
            else "."
        )
    ]
    if not recorded.height:
        paragraphs.append(
            "No milestone is recorded in the workspace for these two years: the list holds only "
            "what the event data calls strategic developments."
        )
    table = BriefTable(
        caption=f"Political timeline, {start.isoformat()} to {end.isoformat()}",
        columns=("Date", "From", "Kind", "What", "Source"),
        rows=rows,
        note=sentence(
            "Milestones: entered by users with their source; strategic developments: "
            + events_source_label(ws)
        ),
    )
    part = SectionPart(
        BriefSection("timeline", _TIMELINE, tuple(paragraphs), (), (table,)), (), (), ()
    )
    grade, labels = events_grade(ws)
    return replace(part, grade=grade, labels=labels)
