"""The status rules: one indicator's status and trend, and the roll-up of many statuses.

Indicator status, for the latest value on or before the as-of date:

1. **no recent data** when there is no value, or the latest is older than ``stale_periods``
   periods of the indicator's frequency before the as-of date.
2. **on track** with the target **met** when the target is reached (at or above it when up is
   good, at or below when down is good) by each of the last ``sustain`` values (2: the last
   two periods), whatever the dates. One period at the target is not enough to call it met:
   a single good quarter is often noise, so the value is then judged by the path below.
3. **off track** when the target date has passed and the target is not met (**at risk** when
   only the latest value reaches it).
4. Otherwise the value is compared with a straight path from the baseline (value, date) to the
   target (value, date), read at the latest value's date. The shortfall is how far the value
   is behind that path in the good direction, measured as a share of the whole change asked
   for (``|target - baseline|``; when baseline equals target, of ``|target|``, or 1 when zero):
   **on track** up to ``tolerance`` (10 %), **at risk** up to ``risk`` (25 %), **off track**
   beyond.

Trend: a least-squares slope over the last ``trend_points`` values (at least 3), per period;
**flat** when the fitted change a period is under ``flat_share`` (5 %) of the mean absolute
value of those points, else **improving** or **worsening** depending on the good direction.

Roll-up (outcome, area, priority, whole framework) over all indicators beneath the node that
have recent data: **off track** when at least a third of them are off track; **on track**
when at least two thirds are on track and none is off track; **at risk** otherwise; **no
recent data** when none has recent data; **no indicators** when there are none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from peaceops.numbers import format_number

__all__ = [
    "AT_RISK",
    "NO_DATA",
    "NO_INDICATORS",
    "OFF_TRACK",
    "ON_TRACK",
    "STATUSES",
    "Judgement",
    "Point",
    "StatusRule",
    "Trend",
    "judge",
    "roll_up",
    "trend",
]

ON_TRACK = "on track"
AT_RISK = "at risk"
OFF_TRACK = "off track"
NO_DATA = "no recent data"
NO_INDICATORS = "no indicators"
STATUSES = (ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA)
_PERIOD_DAYS = {"month": 31, "quarter": 92, "year": 366}


@dataclass(frozen=True)
class StatusRule:
    tolerance: float = 0.10
    risk: float = 0.25
    stale_periods: int = 2
    sustain: int = 2  # consecutive values at the target before it counts as met
    trend_points: int = 4
    flat_share: float = 0.05


@dataclass(frozen=True)
class Point:
    """One value of an indicator: an observation, or a computed period ending on ``date``."""

    date: date
    value: float
    period: str = ""
    source: str = ""


@dataclass(frozen=True)
class Judgement:
    status: str
    reason: str
    expected: float | None = None  # the straight-path value at the latest date
    target_met: bool = False


@dataclass(frozen=True)
class Trend:
    word: str  # improving | worsening | flat | not enough data
    slope: float | None  # change a period, in the indicator's unit

    def describe(self, frequency: str) -> str:
        if self.slope is None:
            return self.word
        return f"{self.word} ({self.slope:+.3g} a {frequency})"


def _fmt(value: float) -> str:
    return format_number(float(value))


def judge(
    *,
    baseline: float,
    baseline_date: date,
    target: float,
    target_date: date,
    up_is_good: bool,
    frequency: str,
    points: Sequence[Point],
    as_of: date,
    rule: StatusRule = StatusRule(),
) -> Judgement:
    """The status of one indicator from its values known on ``as_of`` (see the module doc)."""
    known = sorted((p for p in points if p.date <= as_of), key=lambda p: p.date)
    if not known:
        return Judgement(NO_DATA, "no value recorded")
    latest = known[-1]
    max_age = rule.stale_periods * _PERIOD_DAYS.get(frequency, 92)
    if (as_of - latest.date).days > max_age:
        return Judgement(
            NO_DATA,
            f"latest value is from {latest.date.isoformat()}, more than "
            f"{rule.stale_periods} {frequency}s before {as_of.isoformat()}",
        )

    def reached(value: float) -> bool:
        return (value - target if up_is_good else target - value) >= 0

    recent = known[-max(1, rule.sustain) :]
    if len(recent) >= max(1, rule.sustain) and all(reached(p.value) for p in recent):
        values = ", ".join(_fmt(p.value) for p in recent)
        return Judgement(
            ON_TRACK,
            f"target met in the last {len(recent)} values ({values} against {_fmt(target)})",
            target,
            True,
        )
    once = reached(latest.value)
    if as_of > target_date and once:
        return Judgement(
            AT_RISK,
            f"target date {target_date.isoformat()} passed; {_fmt(latest.value)} reaches the "
            f"target of {_fmt(target)} in the latest value only (met needs {rule.sustain} "
            "values in a row)",
            target,
        )
    if as_of > target_date:
        return Judgement(
            OFF_TRACK,
            f"target date {target_date.isoformat()} passed with {_fmt(latest.value)} "
            f"against a target of {_fmt(target)}",
            target,
        )
    span = (target_date - baseline_date).days
    frac = 0.0 if span <= 0 else min(1.0, max(0.0, (latest.date - baseline_date).days / span))
    expected = baseline + (target - baseline) * frac
    shortfall = expected - latest.value if up_is_good else latest.value - expected
    scale = abs(target - baseline) or abs(target) or 1.0
    share = shortfall / scale
    if share <= rule.tolerance:
        status = ON_TRACK
    elif share <= rule.risk:
        status = AT_RISK
    else:
        status = OFF_TRACK
    if once:
        why = (
            f"{_fmt(latest.value)} reaches the target of {_fmt(target)} in the latest value "
            f"only; it counts as met after {rule.sustain} values in a row"
        )
    elif shortfall <= 0:
        why = f"{_fmt(latest.value)} is ahead of the path to the target ({_fmt(expected)} due)"
    else:
        why = (
            f"{_fmt(latest.value)} against {_fmt(expected)} due on the path to the target: "
            f"{share:.0%} of the change asked for behind"
        )
    return Judgement(status, why, expected)


def trend(points: Sequence[Point], up_is_good: bool, rule: StatusRule = StatusRule()) -> Trend:
    """The direction of the last values (see the module doc)."""
    last = sorted(points, key=lambda p: p.date)[-rule.trend_points :]
    if len(last) < 3:
        return Trend("not enough data", None)
    ys = [p.value for p in last]
    n = len(ys)
    mean_x = (n - 1) / 2
    mean_y = sum(ys) / n
    sxx = sum((i - mean_x) ** 2 for i in range(n))
    slope = sum((i - mean_x) * (y - mean_y) for i, y in enumerate(ys)) / sxx
    level = sum(abs(y) for y in ys) / n or 1.0
    if abs(slope) < rule.flat_share * level:
        return Trend("flat", slope)
    better = slope > 0 if up_is_good else slope < 0
    return Trend("improving" if better else "worsening", slope)


def roll_up(statuses: Sequence[str]) -> tuple[str, dict[str, int]]:
    """The status of a node from its indicators' statuses, with the counts by status."""
    counts = Counter(statuses)
    full = {s: counts.get(s, 0) for s in STATUSES}
    if not statuses:
        return NO_INDICATORS, full
    assessed = sum(full[s] for s in (ON_TRACK, AT_RISK, OFF_TRACK))
    if assessed == 0:
        return NO_DATA, full
    if full[OFF_TRACK] * 3 >= assessed:
        return OFF_TRACK, full
    if full[ON_TRACK] * 3 >= assessed * 2 and full[OFF_TRACK] == 0:
        return ON_TRACK, full
    return AT_RISK, full
