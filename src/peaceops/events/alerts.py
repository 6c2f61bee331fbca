"""Early warning: months in which an admin area saw unusually much violence, and a backtest.

The rule (one per admin area and calendar month, every part of it stated in the alert):

1. Count the month's **value** in the area: events (default) or fatalities, optionally only
   civilian-targeting events (then fatalities are civilian fatalities).
2. The **baseline** is the area's mean monthly value over the ``baseline_months`` (12) months
   before it, months without events counting as zero. Months without a full baseline are not
   judged. A baseline below ``baseline_floor`` (0.5) is raised to it, so one quiet year does not
   make any single event look extraordinary.
3. The **tail probability** is P(X >= value) with X drawn from the baseline distribution:
   Poisson with the baseline mean for event counts; negative binomial for fatalities (which come
   in bursts), its dispersion estimated from the same 12 months by the method of moments
   (Poisson when they show no over-dispersion).
4. An **alert** fires when value >= ``min_count`` (5) and the tail probability < ``threshold``
   (0.01).

Backtest (``backtest``): for every area and month with a full baseline and three following
months of data, a **higher-violence quarter** follows month m when the area's fatalities in
months m+1..m+3 are at least ``surge_factor`` (1.5) times its average quarterly fatalities over
the 12 months before m, and at least ``min_count``. Precision is the share of alerts followed by
such a quarter; recall the share of such quarters whose preceding month carried an alert. The
naive baseline rule alerts whenever the month's value is above the area's median over the 12
months before and at least ``min_count``; the base rate is the share of all judged months
followed by a higher-violence quarter (the precision of alerting at random).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from peaceops.config import WorkspaceConfig
from peaceops.errors import InputError
from peaceops.events.analysis import events_connection
from peaceops.geo.names import fold_name
from peaceops.period import DateLike, as_day, periods
from peaceops.sqltext import sql_literal
from peaceops.workspace import Workspace

__all__ = [
    "Alert",
    "AlertRule",
    "AreaMonthly",
    "alerts",
    "alerts_in_region",
    "judge",
    "monthly_area_counts",
    "negbin_tail",
    "poisson_tail",
]

Metric = Literal["events", "fatalities"]
EventClass = Literal["all", "political violence", "demonstrations"]

# ACLED event types of each class an alert can be limited to (strategic developments are in
# neither).
EVENT_CLASSES: dict[str, tuple[str, ...]] = {
    "political violence": ("Battles", "Explosions/Remote violence", "Violence against civilians"),
    "demonstrations": ("Protests", "Riots"),
}
# How an alert's event-type mix names the types: protests and riots are counted together.
_MIX_LABELS = {
    "Protests": "protests and riots",
    "Riots": "protests and riots",
    "Battles": "battles",
    "Explosions/Remote violence": "explosions/remote violence",
    "Violence against civilians": "violence against civilians",
    "Strategic developments": "strategic developments",
}
_PERIOD_SUFFIX = re.compile(r"\s*\(\s*\d{4}\s*-\s*(\d{4})?\s*\)")


@dataclass(frozen=True)
class AlertRule:
    """Parameters of the early-warning rule (see the module docstring)."""

    metric: Metric = "events"
    civilian: bool = False
    level: int = 1
    baseline_months: int = 12
    baseline_floor: float = 0.5
    min_count: int = 5
    threshold: float = 0.01
    event_class: EventClass = "all"  # or only "political violence" or "demonstrations"

    def __post_init__(self) -> None:
        if self.metric not in ("events", "fatalities"):
            raise InputError(f"unknown alert metric {self.metric!r} (use events or fatalities)")
        if self.event_class != "all" and self.event_class not in EVENT_CLASSES:
            raise InputError(
                f"unknown event class {self.event_class!r} (use all, {', '.join(EVENT_CLASSES)})",
                field="event_class",
            )
        if self.level not in (1, 2):
            raise InputError(f"alert level must be 1 or 2, not {self.level}")
        if self.baseline_months < 2:
            raise InputError("the alert baseline needs at least 2 months")
        if not 0 < self.threshold < 1:
            raise InputError("the alert threshold must be between 0 and 1")

    @property
    def what(self) -> str:
        if self.metric == "events":
            base = "civilian-targeting events" if self.civilian else "events"
        else:
            base = "civilian fatalities" if self.civilian else "fatalities"
        return base if self.event_class == "all" else f"{base} ({self.event_class})"

    @property
    def distribution(self) -> str:
        return "poisson" if self.metric == "events" else "negative binomial"


@dataclass(frozen=True)
class Alert:
    """One area-month that crossed the rule, with the figures and the reason in words."""

    area_pcode: str
    area_name: str
    level: int
    month: str  # "2019-03"
    metric: str  # "events", "fatalities", "civilian-targeting events", ...
    value: int
    baseline: float  # mean monthly value over the baseline window
    p_value: float
    threshold: float
    min_count: int
    reason: str
    # what happened in the area-month: events per type (protests and riots together) and
    # the most frequent first actors, as the source names them (period suffixes dropped)
    event_mix: tuple[tuple[str, int], ...] = ()
    main_actors: tuple[tuple[str, int], ...] = ()
    events: int = 0  # all events of the rule's class in the area-month

    @property
    def summary(self) -> str:
        """``Bamako, 2020-07: 11 events, 7 protests and riots, ...; main actors: ...``."""
        text = f"{self.area_name}, {self.month}: {self.events} events"
        if self.event_mix:
            text += ", " + ", ".join(f"{n} {label}" for label, n in self.event_mix)
        if self.main_actors:
            text += "; main actors: " + ", ".join(f"{a} ({n})" for a, n in self.main_actors)
        return text

    def as_dict(self) -> dict[str, Any]:
        return {
            "area_pcode": self.area_pcode,
            "area_name": self.area_name,
            "level": self.level,
            "month": self.month,
            "metric": self.metric,
            "value": self.value,
            "baseline": round(self.baseline, 2),
            "p_value": self.p_value,
            "threshold": self.threshold,
            "min_count": self.min_count,
            "reason": self.reason,
            "events": self.events,
            "event_mix": [{"type": t, "events": n} for t, n in self.event_mix],
            "main_actors": [{"actor": a, "events": n} for a, n in self.main_actors],
            "summary": self.summary,
        }


# -- tail probabilities ---------------------------------------------------------------------


def _upper_tail(log_pmf_at: float, step: Any, x: int) -> float:
    """Sum pmf(x) + pmf(x+1) + ... from log pmf(x) and the ratio pmf(i+1)/pmf(i)."""
    term = math.exp(log_pmf_at)
    total = term
    i = x
    while term > total * 1e-15 and i < x + 100_000:
        term *= step(i)
        total += term
        i += 1
    return min(total, 1.0)


def poisson_tail(x: int, mean: float) -> float:
    """P(X >= x) for X ~ Poisson(mean)."""
    if x <= 0:
        return 1.0
    if mean <= 0:
        return 0.0
    if x <= mean:  # the lower sum is short and accurate here
        term = math.exp(-mean)
        lower = term
        for i in range(1, x):
            term *= mean / i
            lower += term
        return max(0.0, 1.0 - lower)
    log_pmf = x * math.log(mean) - mean - math.lgamma(x + 1)
    return _upper_tail(log_pmf, lambda i: mean / (i + 1), x)


def negbin_tail(x: int, mean: float, size: float) -> float:
    """P(X >= x) for a negative binomial with the given mean and size (dispersion) k.

    Variance is mean + mean**2 / size; a large size approaches the Poisson.
    """
    if x <= 0:
        return 1.0
    if mean <= 0:
        return 0.0
    p = size / (size + mean)
    q = 1.0 - p

    def log_pmf(i: int) -> float:
        return (
            math.lgamma(i + size)
            - math.lgamma(size)
            - math.lgamma(i + 1)
            + size * math.log(p)
            + i * math.log(q)
        )

    mode = max(0, math.floor((size - 1) * q / p)) if size > 1 else 0
    if x <= mode:
        lower = sum(math.exp(log_pmf(i)) for i in range(x))
        return max(0.0, 1.0 - lower)
    return _upper_tail(log_pmf(x), lambda i: (i + size) / (i + 1) * q, x)


def _tail(rule: AlertRule, value: int, window: Sequence[int]) -> tuple[float, float]:
    """(baseline mean, tail probability) of ``value`` against the window's distribution."""
    mean = sum(window) / len(window)
    lam = max(mean, rule.baseline_floor)
    if rule.metric == "events":
        return mean, poisson_tail(value, lam)
    var = sum((w - mean) ** 2 for w in window) / (len(window) - 1)
    if var <= lam:
        return mean, poisson_tail(value, lam)
    return mean, negbin_tail(value, lam, lam * lam / (var - lam))


# -- monthly counts -------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaMonthly:
    """One area's dense monthly series: the rule's value and all fatalities (the outcome)."""

    pcode: str
    name: str
    months: tuple[str, ...]
    values: tuple[int, ...]
    fatalities: tuple[int, ...]


def monthly_area_counts(ws: Workspace, rule: AlertRule) -> list[AreaMonthly]:
    """Dense monthly series per admin area: the rule's value and the fatalities (outcome).

    Areas are the placed P-codes; at level 1, events placed only by their source admin1 name
    are attributed to the configured P-code of that name.
    """
    lvl = rule.level
    cond = "civilian_targeting" if rule.civilian else "TRUE"
    if rule.event_class != "all":
        types = ", ".join(sql_literal(t) for t in EVENT_CLASSES[rule.event_class])
        cond = f"({cond}) AND event_type IN ({types})"
    fat_col = "civilian_fatalities" if rule.civilian else "fatalities"
    value = (
        f"count(*) FILTER (WHERE {cond})"
        if rule.metric == "events"
        else f"coalesce(sum({fat_col}) FILTER (WHERE {cond}), 0)"
    )
    area = f"admin{lvl}_pcode" if lvl == 2 else "coalesce(admin1_pcode, admin1)"
    sql = (
        f"SELECT {area} AS area, any_value(admin{lvl}_name) AS name, year, month(event_date), "
        f"{value}, coalesce(sum(fatalities), 0) FROM events "
        f"WHERE {area} IS NOT NULL GROUP BY 1, 3, 4"
    )
    con = events_connection(ws)
    try:
        rows = con.execute(sql).fetchall()
        span = con.execute("SELECT min(event_date), max(event_date) FROM events").fetchone()
    finally:
        con.close()
    if not rows or span is None or span[0] is None:
        return []
    first: date = span[0]
    last: date = span[1]
    months = [p.label for p in periods("month", first, last)]
    index = {m: i for i, m in enumerate(months)}
    pcode_of = {fold_name(n): p for p, n in ws.config.admin1.items()}
    areas: dict[str, tuple[str, list[int], list[int]]] = {}
    for key, name, year, month, val, fat in rows:
        pcode, label = str(key), str(name) if name else None
        if lvl == 1 and label is None:  # placed only by the source's own admin1 name
            canonical = ws.config.canonical_admin1(pcode) or pcode
            pcode, label = pcode_of.get(fold_name(canonical), canonical), canonical
        entry = areas.setdefault(pcode, (label or pcode, [0] * len(months), [0] * len(months)))
        i = index[f"{int(year):04d}-{int(month):02d}"]
        entry[1][i] += int(val)
        entry[2][i] += int(fat)
    return [
        AreaMonthly(p, n, tuple(months), tuple(v), tuple(f))
        for p, (n, v, f) in sorted(areas.items())
    ]


# -- alerts ---------------------------------------------------------------------------------


def _format_p(p: float) -> str:
    return "p<0.0001" if p < 0.0001 else f"p={p:.4f}"


def judge(rule: AlertRule, s: AreaMonthly, i: int) -> Alert | None:
    value = s.values[i]
    if i < rule.baseline_months or value < rule.min_count:
        return None
    window = s.values[i - rule.baseline_months : i]
    mean, p = _tail(rule, value, window)
    if p >= rule.threshold:
        return None
    reason = (
        f"{s.name}: {value} {rule.what} in {s.months[i]} against a {rule.baseline_months}-month "
        f"mean of {mean:.1f} ({_format_p(p)}, {rule.distribution}, threshold {rule.threshold:g}, "
        f"minimum {rule.min_count})"
    )
    return Alert(
        area_pcode=s.pcode,
        area_name=s.name,
        level=rule.level,
        month=s.months[i],
        metric=rule.what,
        value=value,
        baseline=mean,
        p_value=p,
        threshold=rule.threshold,
        min_count=rule.min_count,
        reason=reason,
    )


def alerts(
    ws: Workspace,
    rule: AlertRule | None = None,
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> list[Alert]:
    """Alerts for the months from ``start`` to ``end`` (baselines use the history before them).

    Sorted by month, then by tail probability (strongest first).
    """
    start = as_day(start, field="start")
    end = as_day(end, end=True, field="end")
    rule = rule or AlertRule()
    lo = f"{start.year:04d}-{start.month:02d}" if start else ""
    hi = f"{end.year:04d}-{end.month:02d}" if end else "9999-99"
    out: list[Alert] = []
    for s in monthly_area_counts(ws, rule):
        for i, month in enumerate(s.months):
            if lo <= month <= hi:
                alert = judge(rule, s, i)
                if alert is not None:
                    out.append(alert)
    return sorted(_describe(ws, rule, out), key=lambda a: (a.month, a.p_value, a.area_name))


def alerts_in_region(found: Sequence[Alert], config: WorkspaceConfig, region: str) -> list[Alert]:
    """The alerts of ``found`` in ``region``: an admin1 area of that name or an area of that
    region group (accent- and case-insensitive; names as the workspace spells them)."""
    wanted = fold_name(region)
    return [
        a
        for a in found
        if fold_name(a.area_name) == wanted
        or fold_name(config.region_group_of(a.area_name) or "") == wanted
    ]


def _area_sql(level: int) -> str:
    return f"admin{level}_pcode" if level == 2 else "coalesce(admin1_pcode, admin1)"


def _describe(ws: Workspace, rule: AlertRule, found: list[Alert]) -> list[Alert]:
    """The alerts with their event-type mix and main actors (two queries for all of them)."""
    if not found:
        return found
    months = sorted({a.month for a in found})
    area = _area_sql(rule.level)
    cond = "civilian_targeting" if rule.civilian else "TRUE"
    if rule.event_class != "all":
        types = ", ".join(sql_literal(t) for t in EVENT_CLASSES[rule.event_class])
        cond = f"({cond}) AND event_type IN ({types})"
    marks = ", ".join(sql_literal(m) for m in months)
    base = (
        f"FROM events WHERE {cond} AND strftime(event_date, '%Y-%m') IN ({marks}) "
        f"AND {area} IS NOT NULL"
    )
    con = events_connection(ws)
    try:
        mix_rows = con.execute(
            f"SELECT {area}, strftime(event_date, '%Y-%m'), event_type, count(*) {base} "
            "GROUP BY ALL"
        ).fetchall()
        actor_rows = con.execute(
            f"SELECT {area}, strftime(event_date, '%Y-%m'), actor1, count(*) {base} "
            "AND actor1 IS NOT NULL GROUP BY ALL"
        ).fetchall()
    finally:
        con.close()
    pcode_of = {fold_name(n): p for p, n in ws.config.admin1.items()}

    def key(area_value: Any) -> str:
        text = str(area_value)
        if rule.level == 1 and text not in ws.config.admin1:
            canonical = ws.config.canonical_admin1(text) or text
            return pcode_of.get(fold_name(canonical), canonical)
        return text

    mixes: dict[tuple[str, str], dict[str, int]] = {}
    totals: dict[tuple[str, str], int] = {}
    for a, month, etype, n in mix_rows:
        k = (key(a), str(month))
        label = _MIX_LABELS.get(str(etype), str(etype).lower())
        mixes.setdefault(k, {})[label] = mixes.get(k, {}).get(label, 0) + int(n)
        totals[k] = totals.get(k, 0) + int(n)
    actors: dict[tuple[str, str], dict[str, int]] = {}
    for a, month, name, n in actor_rows:
        k = (key(a), str(month))
        clean = _PERIOD_SUFFIX.sub("", str(name)).strip()
        actors.setdefault(k, {})[clean] = actors.get(k, {}).get(clean, 0) + int(n)
    out = []
    for alert in found:
        k = (alert.area_pcode, alert.month)
        mix = sorted(mixes.get(k, {}).items(), key=lambda kv: (-kv[1], kv[0]))
        top = sorted(actors.get(k, {}).items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        out.append(
            replace(alert, event_mix=tuple(mix), main_actors=tuple(top), events=totals.get(k, 0))
        )
    return out
