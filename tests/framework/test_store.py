"""Observations, assessments, the change log and reporting as of a past date."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fw_fixtures import small_framework

from peaceops.errors import InputError, NotFoundError
from peaceops.framework import (
    assess_benchmark,
    changes,
    framework_status,
    load_framework,
    read_observations,
    record_observation,
    record_observations,
    save_framework,
)
from peaceops.framework.io import framework_from_dict


def at(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 12, tzinfo=UTC)


@pytest.fixture
def ws(workspace):
    save_framework(workspace, framework_from_dict(small_framework()), "planner", at=at(2019, 1, 5))
    return workspace


def test_nothing_before_import(workspace):
    with pytest.raises(NotFoundError, match="no results framework") as exc:
        framework_status(workspace)
    assert exc.value.remedy == "framework.import"
    with pytest.raises(NotFoundError):
        record_observation(workspace, "I1", 5, date(2019, 3, 31), "x")


def test_record_observation_validates(ws):
    with pytest.raises(InputError, match="unknown indicator 'I9'"):
        record_observation(ws, "I9", 5, date(2019, 3, 31), "cluster")
    with pytest.raises(InputError, match="not a number"):
        record_observation(ws, "I1", "lots", date(2019, 3, 31), "cluster")
    with pytest.raises(InputError, match="needs a source"):
        record_observation(ws, "I1", 5, date(2019, 3, 31), " ")
    obs = record_observation(ws, "I1", 20, date(2019, 3, 31), "cluster", "first", "amina")
    assert obs.entered_by == "amina"
    assert [c.action for c in changes(ws)] == ["import", "observe"]
    assert changes(ws)[-1].who == "amina"


def test_assess_benchmark_validates_and_is_logged(ws):
    with pytest.raises(InputError, match="unknown benchmark 'B9'"):
        assess_benchmark(ws, "B9", "met", "x", "amina", date(2019, 6, 1))
    with pytest.raises(InputError, match="use met, partly or not"):
        assess_benchmark(ws, "B1", "great", "x", "amina", date(2019, 6, 1))
    with pytest.raises(InputError, match="needs evidence"):
        assess_benchmark(ws, "B1", "met", "", "amina", date(2019, 6, 1))
    assess_benchmark(ws, "B1", "not met", "Only 12 open.", "amina", date(2019, 6, 1))
    # As-of is valid time: the assessment dated 2019-06-01 holds on 2019-06-30, though it was
    # typed in today; it does not hold the day before its date.
    assert framework_status(ws, date(2019, 6, 30)).benchmarks[0].status == "not met"
    assert framework_status(ws, date(2019, 5, 31)).benchmarks[0].status == "not assessed"
    st = framework_status(ws)
    b = st.benchmarks[0]
    assert (b.status, b.basis, b.assessed_by, b.evidence) == (
        "not met",
        "assessment",
        "amina",
        "Only 12 open.",
    )
    log = changes(ws)[-1]
    assert (log.action, log.target, log.who) == ("assess", "B1", "amina")


def test_as_of_excludes_later_records_and_uses_the_old_definition(ws):
    record_observation(ws, "I1", 20, date(2019, 3, 31), "c", user="a", at=at(2019, 4, 10))
    record_observation(ws, "I1", 30, date(2019, 6, 30), "c", user="a", at=at(2019, 7, 10))
    # Value dated in June but only entered in August.
    record_observation(ws, "I1", 33, date(2019, 6, 30), "c", user="b", at=at(2019, 8, 20))
    # The target is raised in September 2019.
    raised = small_framework(target={"value": 80, "date": date(2020, 12, 31)})
    save_framework(ws, framework_from_dict(raised), "chief", at=at(2019, 9, 1))

    # Valid time: the June value entered in August counts for July (it is the later entry
    # for 30 June, so it is the latest value); the definition is the one in force in July.
    july = framework_status(ws, date(2019, 7, 31))
    ind = july.indicators[0]
    assert (ind.latest, ind.target) == (33.0, 50.0)
    assert [p.value for p in ind.points] == [20.0, 30.0, 33.0]

    later = framework_status(ws, date(2019, 9, 30))
    ind = later.indicators[0]
    assert (ind.latest, ind.target) == (33.0, 80.0)

    # Before the framework's start (its earliest baseline) there is no framework.
    start = min(i.baseline_date for i in load_framework(ws).indicators)  # type: ignore[union-attr]
    before = date(start.year - 1, 12, 31)
    assert load_framework(ws, before) is None
    with pytest.raises(NotFoundError, match=f"on {before.isoformat()}"):
        framework_status(ws, before)
    assert [c.who for c in changes(ws)] == ["planner", "a", "a", "b", "chief"]
    assert [c.who for c in changes(ws, date(2019, 7, 31))] == ["planner", "a", "a"]
    assert changes(ws)[0].details.endswith("first version")
    assert changes(ws)[-1].details.endswith("changed indicator I1 (target_value 50.0 -> 80.0)")


def test_status_roll_up_benchmark_and_coverage(ws):
    for day, value in ((date(2019, 9, 30), 12), (date(2019, 12, 31), 14)):
        record_observation(ws, "I1", value, day, "cluster", user="a", at=at(2020, 1, 5))
    st = framework_status(ws, date(2020, 1, 15))
    ind = st.indicators[0]
    assert ind.status == "off track"  # 14 against ~30 due
    assert st.outcomes[0].status == st.areas[0].status == st.overall.status == "off track"
    assert st.benchmarks[0].status == "not met"
    assert st.benchmarks[0].basis == "indicators"
    assert st.coverage.tasks_without_outcome == ()
    assert st.coverage.outcomes_without_indicator == ()
    # Nothing new for a year: the indicator has no recent data, and coverage says so.
    late = framework_status(ws, date(2020, 12, 1))
    assert late.indicators[0].status == "no recent data"
    assert late.coverage.indicators_without_data == ("I1",)
    assert late.benchmarks[0].status == "not assessed"


def test_observation_file_with_bad_rows_records_nothing(ws, tmp_path: Path):
    path = tmp_path / "obs.csv"
    path.write_text(
        "indicator,date,value,source,note\n"
        "I1,2019-03-31,20,cluster,ok\n"
        "I2,2019-03-31,20,cluster,unknown indicator\n"
        "I1,31/03/2019,20,cluster,bad date\n"
        "I1,2019-06-30,many,,bad value and no source\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        read_observations(path, load_framework(ws))
    msg = str(err.value)
    assert "3 bad row(s), nothing recorded" in msg
    assert "obs.csv row 3: unknown indicator 'I2'" in msg
    assert "obs.csv row 4: 'date': '31/03/2019' is not a date" in msg
    assert "obs.csv row 5: 'value' 'many' is not a number; 'source' is missing" in msg
    assert [c.action for c in changes(ws)] == ["import"]


def test_observations_from_excel(ws, tmp_path: Path):
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    sheet.append(["indicator", "date", "value", "source", "note", "entered_by"])
    sheet.append(["I1", datetime(2019, 3, 31), 21, "cluster", "", "fatou"])
    sheet.append(["I1", "2019-06-30", 29.5, "cluster", "rounded", None])
    wb.save(tmp_path / "obs.xlsx")
    rows = read_observations(tmp_path / "obs.xlsx", load_framework(ws))
    assert [(r.date, r.value, r.entered_by) for r in rows] == [
        (date(2019, 3, 31), 21.0, "fatou"),
        (date(2019, 6, 30), 29.5, ""),
    ]
    assert record_observations(ws, rows, "importer") == 2
    st = framework_status(ws)  # as of the latest value
    assert (st.as_of, st.indicators[0].latest) == (date(2019, 6, 30), 29.5)
