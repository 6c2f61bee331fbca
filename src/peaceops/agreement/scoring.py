"""Implementation scores from status entries: pure functions, no workspace, no I/O.

The rules (also printed in every report):

- A provision's level on a date is its latest entry dated on or before that date (Peace Accords
  Matrix scale: 0 not started, 1 minimal, 2 intermediate, 3 complete). A provision with no
  entry is *unassessed*: it is shown as such, never guessed.
- The implementation score of a part (and of the whole agreement) is the sum of the levels
  divided by 3 x the number of its provisions. Unassessed provisions count 0 in the sum, so the
  score is a lower bound; ``score_assessed`` gives the same ratio over assessed provisions only.
- A provision is overdue when its deadline (its own, or the end of its phase) has passed and
  its recorded level is below 3. An unassessed provision past its deadline is listed apart:
  nothing recorded says whether it was carried out.
- The change since the last renewal compares the levels on the renewal date with those on the
  as-of date, both read from the entries known on the as-of date.
- Implementation is flagged as stalled when status entries were recorded for dates in the
  window since the last renewal (at least six months long: an earlier renewal is used when the
  last one is more recent) and not one provision rose a level in that window while the
  agreement is not complete (a provision's first entry is not a rise: it may have stood there
  before). Without entries in the window, the flag is "unknown".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from peaceops.agreement.model import LEVELS, MAX_LEVEL, Agreement, StatusEntry
from peaceops.period import periods

__all__ = [
    "METHOD",
    "MIN_WINDOW_DAYS",
    "LevelChange",
    "PartScore",
    "ProvisionState",
    "RenewalChange",
    "Stall",
    "change_since",
    "latest_entries",
    "overdue",
    "part_scores",
    "provision_states",
    "quarter_ends",
    "score_series",
    "stall",
]

MIN_WINDOW_DAYS = 182
METHOD = (
    "Levels follow the Peace Accords Matrix scale (0 not started, 1 minimal, 2 intermediate, "
    "3 complete); a provision's level on a date is its latest status entry dated on or before "
    "it, and a provision without one is unassessed. The implementation score of a part is the "
    "sum of its provisions' levels divided by 3 x the number of provisions (unassessed ones "
    "count 0, so the score is a lower bound; the score over assessed provisions is shown "
    "beside it). A provision is overdue when its deadline (its own or the end of its phase) "
    "has passed and its recorded level is below complete; unassessed provisions past their "
    "deadline are listed apart. The change since the last renewal compares levels on "
    "the renewal date with levels on the as-of date. Implementation is flagged as stalled when "
    "entries were recorded for the window since the last renewal (at least six months) and no "
    "provision rose a level in it; without entries in the window the flag is unknown."
)


@dataclass(frozen=True)
class ProvisionState:
    """Where one provision stands on a date."""

    id: str
    part_id: str
    chapter_id: str
    article: str
    summary: str
    level: int | None  # None: unassessed
    word: str  # "complete", ..., or "unassessed"
    date: dt.date | None  # of the entry the level comes from
    source: str
    note: str
    deadline: dt.date | None
    overdue: bool  # deadline passed and a recorded level below complete
    past_due_unassessed: bool  # deadline passed, no recorded level: cannot say


@dataclass(frozen=True)
class PartScore:
    """Implementation of a part (or of the whole agreement: id ``overall``)."""

    id: str
    number: str
    name: str
    provisions: int
    assessed: int
    level_sum: int
    score: float | None  # level_sum / (3 x provisions); None without provisions
    score_assessed: float | None  # level_sum / (3 x assessed); None when none assessed
    counts: Mapping[str, int] = field(default_factory=dict)  # level word -> provisions


@dataclass(frozen=True)
class LevelChange:
    provision_id: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class RenewalChange:
    """Scores on the last renewal's date and on the as-of date, and which provisions moved."""

    since: date | None
    resolution: str
    overall_before: float | None
    overall_after: float | None
    parts: tuple[tuple[str, float | None, float | None], ...]  # (part id, before, after)
    moved: tuple[LevelChange, ...]


@dataclass(frozen=True)
class Stall:
    stalled: bool | None  # None: not enough recorded evidence to say
    window_start: date | None
    entries_in_window: int
    rose: int
    reason: str


def latest_entries(
    entries: Iterable[StatusEntry], on: date | None = None
) -> dict[str, StatusEntry]:
    """Each provision's latest entry dated on or before ``on`` (later recorded wins a tie)."""
    out: dict[str, StatusEntry] = {}
    for e in sorted(entries, key=lambda x: x.date):  # stable: recording order kept on a tie
        if on is None or e.date <= on:
            out[e.provision_id] = e
    return out


def provision_states(
    agreement: Agreement, entries: Iterable[StatusEntry], on: date
) -> tuple[ProvisionState, ...]:
    latest = latest_entries(entries, on)
    out: list[ProvisionState] = []
    for p in agreement.provisions:
        e = latest.get(p.id)
        due = agreement.due(p)
        level = e.level if e is not None else None
        out.append(
            ProvisionState(
                id=p.id,
                part_id=p.part_id,
                chapter_id=p.chapter_id,
                article=p.article,
                summary=p.summary,
                level=level,
                word=LEVELS[level] if level is not None else "unassessed",
                date=e.date if e is not None else None,
                source=e.source if e is not None else "",
                note=e.note if e is not None else "",
                deadline=due,
                overdue=due is not None and due < on and level is not None and level < MAX_LEVEL,
                past_due_unassessed=due is not None and due < on and level is None,
            )
        )
    return tuple(out)


def _score(ident: str, number: str, name: str, states: Sequence[ProvisionState]) -> PartScore:
    assessed = [s for s in states if s.level is not None]
    total = sum(s.level or 0 for s in assessed)
    counts = {"unassessed": len(states) - len(assessed)}
    for level, word in LEVELS.items():
        counts[word] = sum(1 for s in assessed if s.level == level)
    return PartScore(
        id=ident,
        number=number,
        name=name,
        provisions=len(states),
        assessed=len(assessed),
        level_sum=total,
        score=total / (MAX_LEVEL * len(states)) if states else None,
        score_assessed=total / (MAX_LEVEL * len(assessed)) if assessed else None,
        counts=counts,
    )


def part_scores(
    agreement: Agreement, states: Sequence[ProvisionState]
) -> tuple[tuple[PartScore, ...], PartScore]:
    """Scores of every part and of the whole agreement."""
    parts = tuple(
        _score(p.id, p.number, p.name, [s for s in states if s.part_id == p.id])
        for p in agreement.parts
    )
    return parts, _score("overall", "", agreement.short_name or agreement.name, states)


def overdue(states: Sequence[ProvisionState]) -> tuple[ProvisionState, ...]:
    """Overdue provisions, the longest overdue first."""
    late = [s for s in states if s.overdue]
    return tuple(sorted(late, key=lambda s: (s.deadline or date.max, s.id)))


def quarter_ends(first: date, last: date) -> list[date]:
    """The last day of every quarter from the one holding ``first`` up to ``last``, then
    ``last`` itself when it is not a quarter end."""
    out = [q.end for q in periods("quarter", first, last) if q.end <= last]
    if not out or out[-1] != last:
        out.append(last)
    return out


def score_series(
    agreement: Agreement, entries: Sequence[StatusEntry], dates: Sequence[date]
) -> list[tuple[date, str, float | None, int]]:
    """(date, part id or 'overall', score, assessed provisions) on each date."""
    out: list[tuple[date, str, float | None, int]] = []
    for day in dates:
        parts, overall = part_scores(agreement, provision_states(agreement, entries, day))
        for ps in (*parts, overall):
            out.append((day, ps.id, ps.score, ps.assessed))
    return out


def change_since(
    agreement: Agreement, entries: Sequence[StatusEntry], on: date, since: date | None = None
) -> RenewalChange:
    """Scores on ``since`` (default: the last renewal before ``on``) and on ``on``."""
    resolution = ""
    if since is None:
        renewal = agreement.last_renewal(on)
        if renewal is not None:
            since, resolution = renewal.date, renewal.resolution
    if since is None:
        return RenewalChange(None, "", None, None, (), ())
    before_states = provision_states(agreement, entries, since)
    after_states = provision_states(agreement, entries, on)
    before_parts, before_all = part_scores(agreement, before_states)
    after_parts, after_all = part_scores(agreement, after_states)
    moved = tuple(
        LevelChange(b.id, b.level, a.level)
        for b, a in zip(before_states, after_states, strict=True)
        if b.level != a.level
    )
    return RenewalChange(
        since=since,
        resolution=resolution,
        overall_before=before_all.score,
        overall_after=after_all.score,
        parts=tuple(
            (b.id, b.score, a.score) for b, a in zip(before_parts, after_parts, strict=True)
        ),
        moved=moved,
    )


def _window_start(agreement: Agreement, on: date) -> date:
    for renewal in sorted(agreement.renewals, key=lambda r: r.date, reverse=True):
        if renewal.date < on and (on - renewal.date).days >= MIN_WINDOW_DAYS:
            return renewal.date
    return on - timedelta(days=365)


def stall(agreement: Agreement, entries: Sequence[StatusEntry], on: date) -> Stall:
    """Whether implementation stalled in the window since the last renewal (see METHOD)."""
    start = _window_start(agreement, on)
    in_window = [e for e in entries if start < e.date <= on]
    before = latest_entries(entries, start)
    after = latest_entries(entries, on)
    rose = sum(
        1
        for pid, e in after.items()
        if pid in before and e.level > before[pid].level  # a first entry is no rise
    )
    complete = all(
        pid in after and after[pid].level == MAX_LEVEL
        for pid in (p.id for p in agreement.provisions)
    )
    if not in_window:
        return Stall(
            None,
            start,
            0,
            0,
            f"no status entry recorded for {start.isoformat()} to {on.isoformat()}",
        )
    if complete:
        return Stall(False, start, len(in_window), rose, "every provision is complete")
    if rose == 0:
        return Stall(
            True,
            start,
            len(in_window),
            0,
            f"{len(in_window)} status entr{'y' if len(in_window) == 1 else 'ies'} recorded since "
            f"{start.isoformat()}, none shows a provision rising a level",
        )
    return Stall(
        False,
        start,
        len(in_window),
        rose,
        f"{rose} provision(s) rose a level since {start.isoformat()}",
    )
