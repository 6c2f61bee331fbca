"""series(), breakdown(), summary() on small hand-made event tables."""

from __future__ import annotations

from datetime import date

import pytest
from context_fixtures import event, publish_events

from peaceops.errors import InputError, NotFoundError
from peaceops.events.analysis import (
    area_totals,
    breakdown,
    series,
    summary,
)
from peaceops.period import PeriodKind, periods

ROWS = [
    event(date(2018, 1, 5), "Mopti", 10),
    event(date(2018, 2, 7), "Gao", 4),
    event(date(2018, 2, 9), "Mopti", 6, civilian=True, event_type="Violence against civilians"),
    # source admin1 spelling only (not placed): alias to Koulikoro, group south
    event(date(2018, 11, 1), "Koulikouro", 2, admin1_name=None),
    event(date(2020, 5, 3), None, 1),
    event(
        date(2020, 6, 3),
        "Segou",
        3,
        civilian=True,
        civilian_fatalities=2,
        event_type="Explosions/Remote violence",
        actor1_category="Political militias",
    ),
]


def test_yearly_totals_are_continuous(with_events):
    ws = with_events(ROWS)
    df = series(ws, by="year")
    assert df.columns == ["period", "events", "fatalities"]
    assert df.to_dicts() == [
        {"period": "2018", "events": 4, "fatalities": 22},
        {"period": "2019", "events": 0, "fatalities": 0},
        {"period": "2020", "events": 2, "fatalities": 4},
    ]


def test_quarter_and_month_labels(with_events):
    ws = with_events(ROWS)
    q = series(ws, by="quarter", start=date(2018, 1, 1), end=date(2018, 12, 31))
    assert q.get_column("period").to_list() == ["2018-Q1", "2018-Q2", "2018-Q3", "2018-Q4"]
    assert q.get_column("fatalities").to_list() == [20, 0, 0, 2]
    m = series(ws, by="month", start=date(2018, 1, 1), end=date(2018, 3, 31))
    assert m.to_dicts() == [
        {"period": "2018-01", "events": 1, "fatalities": 10},
        {"period": "2018-02", "events": 2, "fatalities": 10},
        {"period": "2018-03", "events": 0, "fatalities": 0},
    ]


def test_region_groups_with_share(with_events):
    ws = with_events(ROWS)
    df = series(ws, by="year", group="region", start=date(2018, 1, 1), end=date(2018, 12, 31))
    rows = {r["region"]: r for r in df.to_dicts()}
    # configured groups always appear, in configuration order
    assert df.get_column("region").to_list() == ["north", "centre", "south"]
    assert rows["centre"]["fatalities"] == 16 and rows["centre"]["events"] == 2
    assert rows["north"]["fatalities"] == 4
    assert rows["south"]["fatalities"] == 2  # "Koulikouro" from the source, via the alias
    assert rows["centre"]["share"] == pytest.approx(16 / 22)
    assert sum(r["share"] for r in rows.values()) == pytest.approx(1.0)


def test_unknown_region_and_zero_share(with_events):
    ws = with_events(ROWS)
    df = series(ws, by="year", group="region")
    y2019 = df.filter(df["period"] == "2019")
    assert y2019.get_column("share").to_list() == [0.0, 0.0, 0.0, 0.0]
    unknown = df.filter((df["period"] == "2020") & (df["region"] == "unknown")).to_dicts()
    assert unknown == [
        {"period": "2020", "region": "unknown", "events": 1, "fatalities": 1, "share": 0.25}
    ]


def test_civilian_uses_civilian_fatalities(with_events):
    ws = with_events(ROWS)
    df = series(ws, by="year", civilian=True)
    assert df.get_column("events").to_list() == [1, 0, 1]
    assert df.get_column("fatalities").to_list() == [6, 0, 2]


def test_other_groupings_and_filters(with_events):
    ws = with_events(ROWS)
    by_type = series(ws, by="year", group="event_type", start=date(2020, 1, 1))
    assert set(by_type.columns) == {"period", "event_type", "events", "fatalities", "share"}
    row = by_type.filter(by_type["event_type"] == "Explosions/Remote violence").to_dicts()[0]
    assert (row["events"], row["fatalities"]) == (1, 3)
    by_actor = series(ws, by="year", group="actor", start=date(2020, 1, 1))
    assert set(by_actor.get_column("actor").to_list()) == {"State forces", "Political militias"}
    centre = series(ws, by="year", regions=["Centre"])
    assert centre.get_column("fatalities").to_list() == [16, 0, 3]
    mopti = series(ws, by="year", group="admin1", regions=["mopti"])
    assert set(mopti.get_column("admin1").to_list()) == {"Mopti"}
    battles = series(ws, by="year", event_types=["battles"])
    assert battles.get_column("events").to_list() == [3, 0, 1]


def test_breakdown_summary_and_areas(with_events):
    ws = with_events(ROWS)
    b = breakdown(ws, "region")
    assert b.row(0, named=True)["region"] == "centre"
    assert b.row(0, named=True)["fatalities"] == 19
    s = summary(ws)
    assert (s.events, s.fatalities, s.civilian_events, s.civilian_fatalities) == (6, 26, 2, 8)
    assert s.first_date == date(2018, 1, 5) and s.last_date == date(2020, 6, 3)
    assert s.top_admin1[0] == ("Mopti", 16)
    areas = area_totals(ws, level=1, start=date(2018, 1, 1), end=date(2018, 12, 31))
    assert [(a.pcode, a.fatalities) for a in areas] == [("ML05", 16), ("ML07", 4)]


def test_errors(workspace, with_events):
    with pytest.raises(NotFoundError, match="no events") as exc:
        series(workspace)
    assert exc.value.remedy == "events.import"
    ws = with_events(ROWS)
    with pytest.raises(InputError, match="period"):
        series(ws, by="week")
    with pytest.raises(InputError, match="grouping"):
        series(ws, group="continent")
    with pytest.raises(InputError, match="after the end date"):
        series(ws, start=date(2020, 1, 1), end=date(2019, 1, 1))


def period_labels(kind: PeriodKind, first: date, last: date) -> list[str]:
    return [p.label for p in periods(kind, first, last)]


def test_period_labels_cross_year():
    assert period_labels("quarter", date(2019, 11, 5), date(2020, 2, 1)) == ["2019-Q4", "2020-Q1"]
    assert period_labels("month", date(2019, 11, 5), date(2020, 2, 1)) == [
        "2019-11",
        "2019-12",
        "2020-01",
        "2020-02",
    ]
    assert period_labels("year", date(2020, 1, 1), date(2019, 1, 1)) == []


def test_day_level_range_cuts_inside_a_month(with_events):
    ws = with_events(ROWS)
    df = series(ws, by="month", start=date(2018, 2, 8), end=date(2018, 2, 28))
    assert df.to_dicts() == [{"period": "2018-02", "events": 1, "fatalities": 6}]
    df = series(ws, by="year", group="region", start=date(2018, 1, 6), end=date(2018, 11, 1))
    rows = {r["region"]: r["fatalities"] for r in df.to_dicts()}
    assert rows == {"north": 4, "centre": 6, "south": 2}


def test_new_import_is_seen_and_monthly_totals_cached(with_events):
    ws = with_events(ROWS)
    assert series(ws, by="year").get_column("fatalities").to_list() == [22, 0, 4]
    cached = list(ws.cache_dir.glob("event_months-*.parquet"))
    assert len(cached) == 1
    publish_events(ws, [*ROWS, event(date(2019, 7, 1), "Gao", 50)])
    assert series(ws, by="year").get_column("fatalities").to_list() == [22, 50, 4]
    renewed = list(ws.cache_dir.glob("event_months-*.parquet"))
    assert len(renewed) == 1 and renewed != cached  # totals of the replaced file are dropped
