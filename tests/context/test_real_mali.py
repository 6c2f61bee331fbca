"""Known facts about Mali in the real ACLED export (see the shared data README).

These check the analysis is right; they are not targets the analysis was tuned to.
"""

from __future__ import annotations

from datetime import date

import pytest
from context_fixtures import load_real_mali

from peaceops.events.alerts import AlertRule, alerts
from peaceops.events.analysis import area_totals, series
from peaceops.events.backtest import backtest

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def mali(tmp_path_factory, shared_data):
    return load_real_mali(tmp_path_factory.mktemp("mali") / "ws", shared_data)


def _by_period(df, value="fatalities"):
    return dict(zip(df.get_column("period").to_list(), df.get_column(value).to_list(), strict=True))


def test_fatalities_2018_about_twice_2013_and_low_2014_2016(mali):
    fat = _by_period(series(mali, by="year"))
    assert 1.6 <= fat["2018"] / fat["2013"] <= 2.4
    assert fat["2014"] < fat["2013"]
    assert max(fat["2014"], fat["2015"], fat["2016"]) < 0.6 * fat["2013"]


def test_civilian_targeting_large_share_2018_2019(mali):
    fat = _by_period(series(mali, by="year"))
    civ = _by_period(series(mali, by="year", civilian=True))
    for year in ("2018", "2019"):
        assert civ[year] / fat[year] > 0.3
    assert civ["2014"] / fat["2014"] < civ["2018"] / fat["2018"]


def test_centre_overtakes_north_from_2018(mali):
    df = series(mali, by="year", group="region")
    rows = {(r["period"], r["region"]): r["fatalities"] for r in df.to_dicts()}
    for year in ("2013", "2014", "2015"):
        assert rows[(year, "north")] > rows[(year, "centre")]
    for year in ("2018", "2019", "2020"):
        assert rows[(year, "centre")] > rows[(year, "north")]


def test_backtest_runs_on_the_history(mali):
    result = backtest(mali)
    assert result.area_months > 1000
    assert result.alert_rule.alerts > 0 and result.naive_rule.alerts > 0
    assert result.base_rate is not None and 0 < result.base_rate < 0.5


def test_ogossagou_month_alerts_in_mopti(mali):
    # The Ogossagou massacre (Mopti region, 23 March 2019) must stand out against the
    # preceding year's civilian fatalities in Mopti.
    rule = AlertRule(metric="fatalities", civilian=True)
    found = alerts(mali, rule, start=date(2019, 3, 1), end=date(2019, 3, 31))
    mopti = [a for a in found if a.area_pcode == "ML05"]
    assert len(mopti) == 1
    assert mopti[0].value > 3 * mopti[0].baseline
    assert mopti[0].reason.startswith("Mopti: ")


def test_admin2_totals_add_up_to_admin1(mali):
    start, end = date(2019, 1, 1), date(2019, 12, 31)
    level1 = area_totals(mali, 1, start=start, end=end)
    level2 = area_totals(mali, 2, start=start, end=end)
    assert sum(a.fatalities for a in level2) == sum(a.fatalities for a in level1)
    assert level1[0].name == "Mopti"
    assert level2[0].pcode.startswith("ML05")  # the deadliest cercle lies in Mopti region


@pytest.mark.parametrize(
    ("by", "group", "civilian"),
    [("year", "region", False), ("quarter", "admin2", True), ("month", "event_type", False)],
)
def test_whole_month_and_day_level_paths_agree(mali, by, group, civilian):
    # Whole-month ranges aggregate monthly totals; a range starting on 31 December takes the
    # per-event path. From 2012 on both must give the same rows.
    whole = series(mali, by=by, group=group, civilian=civilian, start=date(2012, 1, 1))
    daily = series(mali, by=by, group=group, civilian=civilian, start=date(2011, 12, 31))
    assert daily.filter(daily["period"] >= "2012").equals(whole)
