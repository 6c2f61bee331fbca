"""The shipped example as the demo loads it: dated history, as-of reporting."""

from __future__ import annotations

from datetime import date

import pytest

from peaceops.demo.framework import load_example
from peaceops.errors import NotFoundError
from peaceops.framework import changes, framework_status


def test_load_example_history_and_as_of(workspace):
    summary = load_example(workspace)
    assert (summary.indicators, summary.computed, summary.observations) == (7, 5, 14)
    log = changes(workspace)
    assert log[0].action == "import"
    assert [c.at for c in log] == sorted(c.at for c in log)
    assert {c.who for c in log} == {"example"}
    # Adopted in July 2019 but in force from its baselines: valid time, not typing time.
    assert framework_status(workspace, date(2019, 6, 30)).framework_id == "minusma-2019"
    with pytest.raises(NotFoundError):
        framework_status(workspace, date(2017, 12, 31))
    july = framework_status(workspace, date(2019, 7, 31))
    ddr = next(i for i in july.indicators if i.id == "I-DDR")
    # The 2019-06-30 value is the latest valid on 2019-07-31; the 2019-09-30 one is not yet.
    assert (ddr.latest, ddr.latest_date) == (900.0, date(2019, 6, 30))
    # Without an agreement in the workspace the tracker-computed indicators have no data.
    agr = next(i for i in july.indicators if i.id == "I-AGR")
    assert agr.computed and agr.latest is None
    b2 = next(b for b in july.benchmarks if b.id == "B2")
    assert b2.status == "not assessed"  # assessed only in July 2020
    b2_later = next(b for b in framework_status(workspace).benchmarks if b.id == "B2")
    assert b2_later.status == "partly met"


def test_agreement_indicators_come_from_the_tracker(workspace):
    from peaceops.demo.agreement import load_example as load_agreement

    load_agreement(workspace)
    load_example(workspace)
    st = framework_status(workspace)
    by_id = {i.id: i for i in st.indicators}
    # Title II at the end of 2019-Q3: interim authorities 2 and national conference 2 of 12
    # provisions -> 4 / 36; Title III: MOC 1, DDR commission 3, DDR 1 of 13 -> 5 / 39.
    # The status is on the latest event period (2020-09-30); the tracker's entries after the
    # 2017 ones are dated 2020-12-31, so on that day its latest value is the baseline period's
    # and stale, exactly as with that day given as the as-of date.
    assert st.as_of == date(2020, 9, 30)
    assert by_id["I-AGR"].latest == 11.1 and by_id["I-AGR"].latest_period == "2018-Q4"
    assert by_id["I-AGR"].status == "no recent data"
    assert framework_status(workspace, st.as_of).to_dict() == st.to_dict()
    assert by_id["I-AGR-DS"].latest == 12.8
    assert by_id["I-AGR-DS"].points[0].source == "agreement tracker"
    assert any("agreement tracker (illustrative)" in s for s in st.sources)
    # The agreement's later entries (dated 2020-12-31, recorded in 2021) raise Title III.
    later = framework_status(workspace, date(2021, 3, 31))
    ds = next(i for i in later.indicators if i.id == "I-AGR-DS")
    assert (ds.latest_period, ds.latest) == ("2020-Q4", round(100 * 9 / 39, 1))
    # The framework reads valid time: on 2021-01-31 the entries dated 2020-12-31 count,
    # although they were recorded only in March 2021.
    early = framework_status(workspace, date(2021, 1, 31))
    ds = next(i for i in early.indicators if i.id == "I-AGR-DS")
    assert (ds.latest_period, ds.latest) == ("2020-Q4", round(100 * 9 / 39, 1))


def test_example_framework_figures_carry_their_grade_and_origin(workspace):
    from peaceops.demo.agreement import load_example as load_agreement

    load_agreement(workspace)
    load_example(workspace)
    st = framework_status(workspace)
    by_id = {i.id: i for i in st.indicators}
    # The tracker-fed indicators say they come from the (example) agreement tracker, not
    # from events; the whole example framework is illustrative, on every line.
    assert by_id["I-AGR"].origin == "agreement tracker example"
    assert by_id["I-AGR"].origin_text == (
        "illustrative: computed from the agreement tracker example"
    )
    assert by_id["I-DDR"].origin == "observations"
    assert {i.grade for i in st.indicators} == {"illustrative"}
    assert st.grade == "illustrative" and st.label.startswith("ILLUSTRATIVE")
    assert any("example agreement tracker" in r for r in st.grade_reasons)
    doc = st.to_dict()
    assert doc["grade"] == "illustrative" and doc["resolution"] == st.resolution
    assert {i["grade"] for i in doc["indicators"]} == {"illustrative"}
    page = st.as_dict()
    assert page["label"] == st.label
