"""Reading and writing strategies: YAML and Excel both ways, and bad input named by row."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from st_fixtures import small, write_yaml

from peaceops.errors import InputError
from peaceops.examples import example_path
from peaceops.strategy import Known, read_strategy, write_strategy


def test_example_reads_and_is_labelled_example():
    st = read_strategy(example_path("minusma_strategy.yaml"))
    assert st.example is True
    assert [p.id for p in st.priorities] == ["SP1", "SP2"]
    assert [o.id for o in st.objectives_of("SP2")] == ["OB4", "OB5"]
    assert all(o.theory_of_change.startswith("If ") for o in st.objectives)
    # Statuses ship separately, each citing a report; the definition has none.
    assert all(not a.history for a in st.assumptions)
    assert {a.rule.kind for a in st.assumptions if a.rule} == {"indicator", "events", "provision"}


def test_yaml_to_workbook_to_yaml_gives_the_same_text(tmp_path: Path, small_yaml: Path):
    st = read_strategy(small_yaml)
    a = write_strategy(st, tmp_path / "a.yaml")
    wb = write_strategy(st, tmp_path / "s.xlsx")
    back = read_strategy(wb)
    assert back == st
    b = write_strategy(back, tmp_path / "b.yaml")
    assert a.read_text() == b.read_text()
    sheets = load_workbook(wb).sheetnames
    assert sheets[0] == "strategy" and "assumption_history" in sheets and "positions" in sheets


def test_example_round_trips_through_excel(tmp_path: Path):
    st = read_strategy(example_path("minusma_strategy.yaml"))
    assert read_strategy(write_strategy(st, tmp_path / "m.xlsx")) == st


def test_unknown_task_is_named_with_its_objective(tmp_path: Path):
    data = small()
    data["priorities"][0]["objectives"][1]["tasks"] = ["CivProtect", "MakePeaceNow"]
    with pytest.raises(InputError) as err:
        read_strategy(write_yaml(tmp_path, data))
    text = str(err.value)
    assert "priority 1 objective 2 (O2)" in text
    assert "unknown task 'MakePeaceNow'" in text
    assert "nothing stored" in text


def test_status_outside_the_list_is_named(tmp_path: Path):
    data = small()
    data["assumptions"][0]["history"][1]["status"] = "shaky"
    with pytest.raises(InputError, match=r"assumption 1 history 2: status 'shaky' is not one of"):
        read_strategy(write_yaml(tmp_path, data))


def test_consultation_without_a_date_is_named(tmp_path: Path):
    data = small()
    del data["consultations"][0]["date"]
    with pytest.raises(InputError, match=r"consultation 1: 'date' is missing"):
        read_strategy(write_yaml(tmp_path, data))


def test_every_problem_is_listed_at_once(tmp_path: Path):
    data = small()
    data["priorities"][0]["objectives"][0]["tasks"] = ["Nope"]
    data["stakeholders"][0]["positions"][0]["stance"] = "hostile"
    data["assumptions"][1]["objectives"] = ["O9"]
    with pytest.raises(InputError) as err:
        read_strategy(write_yaml(tmp_path, data))
    text = str(err.value)
    assert text.startswith("the strategy has 3 problem(s)")
    assert "'stance' is 'hostile'" in text and "unknown objective 'O9'" in text


def test_links_checked_only_against_parts_that_exist(tmp_path: Path, small_yaml: Path):
    # No framework: indicator I1 is not checked.
    read_strategy(small_yaml, Known())
    with pytest.raises(InputError, match=r"unknown framework indicator 'I1'"):
        read_strategy(small_yaml, Known(indicators=frozenset({"I2"})))


def test_priority_needs_its_mandate_source(tmp_path: Path):
    data = small()
    del data["priorities"][0]["paragraph"]
    with pytest.raises(InputError, match="give the mandate 'paragraph' or the 'pema'"):
        read_strategy(write_yaml(tmp_path, data))


def test_bad_workbook_row_is_named_by_sheet_and_row(tmp_path: Path, small_yaml: Path):
    path = write_strategy(read_strategy(small_yaml), tmp_path / "s.xlsx")
    wb = load_workbook(path)
    ws = wb["assumption_history"]
    ws.cell(row=3, column=3, value="maybe")
    wb.save(path)
    with pytest.raises(InputError, match=r"sheet 'assumption_history' row 3: status 'maybe'"):
        read_strategy(path)


def test_rule_needs_its_thresholds(tmp_path: Path):
    data = small()
    data["assumptions"][1]["rule"] = {"kind": "events", "metric": "fatalities", "at_risk": 5}
    with pytest.raises(InputError, match="needs both thresholds"):
        read_strategy(write_yaml(tmp_path, data))


def test_not_a_strategy_file(tmp_path: Path):
    bad = tmp_path / "x.yaml"
    bad.write_text("- just\n- a list\n")
    with pytest.raises(InputError, match="expected a mapping"):
        read_strategy(bad)
    with pytest.raises(InputError, match=r"use a \.yaml or \.xlsx"):
        read_strategy(example_path("minusma_assumptions.csv"))
