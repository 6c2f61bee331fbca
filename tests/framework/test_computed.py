"""Computed indicators over the event store: hand-made events and the real ACLED Mali export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
from fw_fixtures import event, publish_events, small_framework

from peaceops.events.importer import import_events
from peaceops.examples import example_path
from peaceops.framework import framework_status, read_framework, save_framework
from peaceops.framework.computed import computed_values
from peaceops.framework.io import framework_from_dict
from peaceops.period import Period


def test_period_end():
    assert Period.parse("2019").end == date(2019, 12, 31)
    assert Period.parse("2019-Q1").end == date(2019, 3, 31)
    assert Period.parse("2020-02").end == date(2020, 2, 29)


def _civilian_indicator(**spec):
    computed = {"metric": "civilian_fatalities", "region_group": "centre", **spec}
    data = small_framework(
        computed=computed,
        direction="down",
        baseline={"value": 10, "date": date(2019, 3, 31)},
        target={"value": 2, "date": date(2020, 3, 31)},
    )
    return framework_from_dict(data).indicators[0]


def test_civilian_fatalities_per_quarter_in_a_region_group(workspace):
    publish_events(
        workspace,
        [
            event(date(2019, 2, 1), "Mopti", 4, civilian=True),
            event(date(2019, 3, 1), "Segou", 3, civilian=True),
            event(date(2019, 3, 2), "Mopti", 50),  # not civilian targeting
            event(date(2019, 3, 3), "Gao", 9, civilian=True),  # not the centre
            event(date(2019, 8, 1), "Mopti", 1, civilian=True),
            event(date(2019, 11, 5), "Mopti", 0),  # the data runs into Q4, which is partial
        ],
    )
    values = computed_values(workspace, _civilian_indicator())
    assert [(v.period, v.value) for v in values] == [
        ("2019-Q1", 7.0),
        ("2019-Q2", 0.0),
        ("2019-Q3", 1.0),
    ]
    assert values[0].end == date(2019, 3, 31)
    # The as-of date cuts the series to the periods complete by then.
    cut = computed_values(workspace, _civilian_indicator(), as_of=date(2019, 7, 15))
    assert [v.period for v in cut] == ["2019-Q1", "2019-Q2"]


def test_no_events_means_no_data(workspace):
    assert computed_values(workspace, _civilian_indicator()) == []


def test_example_over_the_real_acled_export(workspace, shared_data: Path):
    csv = shared_data / "acled_mali_smose94" / "Processed_Acled_Mali.csv"
    import_events(workspace, csv)
    save_framework(workspace, read_framework(example_path("minusma_framework.yaml")), "t")
    st = framework_status(workspace)
    # The export ends on 2020-10-31: the last complete quarter is 2020-Q3.
    assert st.as_of == date(2020, 9, 30)
    civc = next(i for i in st.indicators if i.id == "I-CIVC")
    # Independent count from the raw file: fatalities of violence against civilians in
    # Mopti and Segou, per quarter.
    expected = duckdb.sql(
        f"""SELECT year(event_date) || '-Q' || quarter(event_date) AS q, sum(fatalities)
            FROM read_csv_auto('{csv}')
            WHERE admin1 IN ('Mopti', 'Segou') AND event_type = 'Violence against civilians'
              AND event_date BETWEEN DATE '2018-10-01' AND DATE '2020-09-30'
            GROUP BY 1 ORDER BY 1"""
    ).fetchall()
    assert [(p.period, p.value) for p in civc.points] == [(q, float(v)) for q, v in expected]
    assert civc.points[0].value == 154.0  # the example's stated 2018-Q4 baseline
    alert = next(i for i in st.indicators if i.id == "I-ALRT")
    assert alert.points and all(0 <= p.value <= 3 for p in alert.points)
    assert any(s.startswith("ACLED") for s in st.sources)
