"""How well the early-warning rule would have done: precision and recall against the
higher-violence quarters that followed, beside a naive rule (see ``peaceops.events.alerts``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median
from typing import Any

from peaceops.events.alerts import AlertRule, judge, monthly_area_counts
from peaceops.workspace import Workspace

__all__ = ["BacktestResult", "RuleScore", "backtest"]


# -- backtest -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleScore:
    """How one alerting rule did against the higher-violence quarters."""

    name: str
    alerts: int
    hits: int  # alerts followed by a higher-violence quarter
    precision: float | None
    recall: float | None


@dataclass(frozen=True)
class BacktestResult:
    """Backtest of the alert rule and the naive rule over the workspace's history."""

    rule: AlertRule
    area_months: int  # judged area-months (full baseline and three following months)
    higher_quarters: int  # of which followed by a higher-violence quarter
    base_rate: float | None
    alert_rule: RuleScore
    naive_rule: RuleScore
    surge_factor: float = 1.5
    definition: str = field(default="")

    def as_dict(self) -> dict[str, Any]:
        def score(s: RuleScore) -> dict[str, Any]:
            return {
                "name": s.name,
                "alerts": s.alerts,
                "hits": s.hits,
                "precision": s.precision,
                "recall": s.recall,
            }

        return {
            "area_months": self.area_months,
            "higher_violence_quarters": self.higher_quarters,
            "base_rate": self.base_rate,
            "alert_rule": score(self.alert_rule),
            "naive_rule": score(self.naive_rule),
            "definition": self.definition,
        }


def _score(name: str, flags: list[bool], outcomes: list[bool]) -> RuleScore:
    n_alerts = sum(flags)
    hits = sum(1 for f, o in zip(flags, outcomes, strict=True) if f and o)
    positives = sum(outcomes)
    return RuleScore(
        name=name,
        alerts=n_alerts,
        hits=hits,
        precision=hits / n_alerts if n_alerts else None,
        recall=hits / positives if positives else None,
    )


def backtest(
    ws: Workspace, rule: AlertRule | None = None, surge_factor: float = 1.5
) -> BacktestResult:
    """Precision and recall of the alert rule and of the naive rule (see the module docstring)."""
    rule = rule or AlertRule()
    n = rule.baseline_months
    flags: list[bool] = []
    naive: list[bool] = []
    outcomes: list[bool] = []
    for s in monthly_area_counts(ws, rule):
        for i in range(n, len(s.months) - 3):
            past_fat = s.fatalities[i - n : i]
            expected_quarter = sum(past_fat) / n * 3
            next_quarter = sum(s.fatalities[i + 1 : i + 4])
            outcomes.append(
                next_quarter >= rule.min_count and next_quarter >= surge_factor * expected_quarter
            )
            flags.append(judge(rule, s, i) is not None)
            value = s.values[i]
            naive.append(value >= rule.min_count and value > median(s.values[i - n : i]))
    positives = sum(outcomes)
    definition = (
        f"higher-violence quarter: the area's fatalities in the 3 months after the month are at "
        f"least {surge_factor:g} x its average quarter over the {n} months before, and at least "
        f"{rule.min_count}; naive rule: the month's {rule.what} above the {n}-month median and at "
        f"least {rule.min_count}"
    )
    return BacktestResult(
        rule=rule,
        area_months=len(outcomes),
        higher_quarters=positives,
        base_rate=positives / len(outcomes) if outcomes else None,
        alert_rule=_score("alert rule", flags, outcomes),
        naive_rule=_score(f"naive: above the {n}-month median", naive, outcomes),
        surge_factor=surge_factor,
        definition=definition,
    )
