"""The early-warning rule, its tail probabilities and the backtest."""

from __future__ import annotations

import math
from datetime import date

import pytest
from context_fixtures import event

from peaceops.errors import InputError
from peaceops.events.alerts import (
    Alert,
    AlertRule,
    alerts,
    alerts_in_region,
    negbin_tail,
    poisson_tail,
)
from peaceops.events.backtest import backtest


def test_poisson_tail_against_direct_sums():
    assert poisson_tail(1, 2.0) == pytest.approx(1 - math.exp(-2.0))
    direct = 1 - sum(math.exp(-8.1) * 8.1**i / math.factorial(i) for i in range(23))
    assert poisson_tail(23, 8.1) == pytest.approx(direct, rel=1e-6)
    assert poisson_tail(0, 3.0) == 1.0
    # far in the tail the upper sum keeps precision where 1 - lower sum would be 0
    assert 0 < poisson_tail(60, 2.0) < 1e-40


def test_negbin_tail_size_one_is_geometric():
    # size 1, mean m: P(X >= x) = (m / (1 + m)) ** x
    for x, m in [(1, 3.0), (5, 3.0), (30, 2.0)]:
        assert negbin_tail(x, m, 1.0) == pytest.approx((m / (1 + m)) ** x, rel=1e-9)
    # a very large size approaches the Poisson
    assert negbin_tail(12, 4.0, 1e7) == pytest.approx(poisson_tail(12, 4.0), rel=1e-3)


def _quiet_then_surge() -> list[dict]:
    rows = []
    # Mopti: 2 events a month through 2018, then 12 in January 2019 and a bloody quarter after
    for m in range(1, 13):
        rows += [event(date(2018, m, 3), "Mopti", 1), event(date(2018, m, 20), "Mopti", 0)]
    rows += [event(date(2019, 1, d), "Mopti", 1) for d in range(1, 13)]
    rows += [event(date(2019, m, 5), "Mopti", 30) for m in (2, 3, 4)]
    # Gao: steady 2 events a month with fatalities, never unusual
    for y in (2018, 2019):
        for m in range(1, 13):
            rows += [event(date(y, m, 2), "Gao", 2), event(date(y, m, 9), "Gao", 3)]
    return rows


def test_alert_fires_with_reason(with_events):
    ws = with_events(_quiet_then_surge())
    found = alerts(ws)
    jan = [a for a in found if a.month == "2019-01"]
    assert [(a.area_pcode, a.area_name, a.value) for a in jan] == [("ML05", "Mopti", 12)]
    a = jan[0]
    assert a.baseline == pytest.approx(2.0)
    assert a.p_value == pytest.approx(poisson_tail(12, 2.0))
    assert a.reason.startswith("Mopti: 12 events in 2019-01 against a 12-month mean of 2.0 (p<")
    assert "threshold 0.01, minimum 5" in a.reason
    assert not [x for x in found if x.area_name == "Gao"]
    # a start date limits the months reported, not the baseline
    assert alerts(ws, start=date(2019, 2, 1)) == [x for x in found if x.month >= "2019-02"]


def test_minimum_count_and_threshold(with_events):
    ws = with_events(_quiet_then_surge())
    assert not [a for a in alerts(ws, AlertRule(min_count=13)) if a.month == "2019-01"]
    fat = alerts(ws, AlertRule(metric="fatalities"))
    assert any(a.month == "2019-02" and a.area_name == "Mopti" for a in fat)
    with pytest.raises(InputError):
        AlertRule(metric="deaths")  # type: ignore[arg-type]


def test_backtest_counts(with_events):
    ws = with_events(_quiet_then_surge())
    result = backtest(ws)
    # 2 areas x (24 months - 12 baseline - 3 following) judged area-months
    assert result.area_months == 18
    # Mopti 2019-01 (and the following months inside the surge) precede a higher quarter
    assert result.alert_rule.hits >= 1
    assert result.alert_rule.precision is not None and result.alert_rule.precision > 0
    assert result.higher_quarters >= 1
    assert result.naive_rule.alerts >= result.alert_rule.hits
    assert "higher-violence quarter" in result.definition


def _alert(area: str, month: str = "2020-01") -> Alert:
    return Alert("", area, 1, month, "events", 9, 2.0, 0.001, 0.01, 5, "")


def test_alerts_in_a_region_are_its_own_and_its_groups(workspace):
    found = [_alert("Mopti"), _alert("Ségou"), _alert("Gao"), _alert("Bamako", "2020-02")]
    config = workspace.config
    # a region group: the areas the workspace puts in it (whatever the accents)
    assert [a.area_name for a in alerts_in_region(found, config, "centre")] == ["Mopti", "Ségou"]
    assert [a.area_name for a in alerts_in_region(found, config, "North")] == ["Gao"]
    # an admin1 name: that area only, accents and case folded
    assert [a.area_name for a in alerts_in_region(found, config, "SEGOU")] == ["Ségou"]
    assert alerts_in_region(found, config, "Kidal") == []
    assert alerts_in_region([], config, "centre") == []
