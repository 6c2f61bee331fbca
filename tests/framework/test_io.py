"""Framework files: YAML and workbook round trips, validation with locations, atomic imports."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from fw_fixtures import small_framework
from openpyxl import load_workbook

from peaceops.errors import InputError
from peaceops.examples import example_path
from peaceops.framework import load_framework, read_framework, save_framework, write_framework
from peaceops.framework.io import framework_from_dict
from peaceops.framework.store import changes


def test_example_round_trip_yaml_xlsx_yaml(workspace, tmp_path: Path):
    fw = read_framework(example_path("minusma_framework.yaml"))
    save_framework(workspace, fw, "tester")
    first_yaml = write_framework(load_framework(workspace), tmp_path / "a.yaml")
    xlsx = write_framework(load_framework(workspace), tmp_path / "a.xlsx")
    again = read_framework(xlsx)
    save_framework(workspace, again, "tester")
    second_yaml = write_framework(load_framework(workspace), tmp_path / "b.yaml")
    assert first_yaml.read_text() == second_yaml.read_text()
    assert again == fw
    # Every level has its own sheet, and the computed spec survives in the indicator columns.
    wb = load_workbook(xlsx)
    assert wb.sheetnames[1:] == [
        "priorities", "areas", "outcomes", "indicators", "benchmarks", "task_links",
    ]  # fmt: skip
    header = [c.value for c in wb["indicators"][1]]
    row = next(r for r in wb["indicators"].iter_rows(min_row=2, values_only=True)
               if r[0] == "I-CIVC")  # fmt: skip
    assert row[header.index("metric")] == "civilian_fatalities"
    assert row[header.index("event_types")] == "Violence against civilians"


def test_example_content():
    fw = read_framework(example_path("minusma_framework.yaml"))
    assert [p.id for p in fw.priorities] == ["P1", "P2"]
    assert all(a.owner for a in fw.areas)
    computed = {i.id: i.computed for i in fw.indicators if i.computed}
    assert computed["I-CIVC"].region_group == "centre"
    assert computed["I-ALRT"].metric == "alert_months"
    assert {i.direction for i in fw.indicators} == {"up", "down"}


def _bad_workbook(tmp_path: Path) -> Path:
    fw = framework_from_dict(small_framework())
    path = write_framework(fw, tmp_path / "fw.xlsx")
    wb = load_workbook(path)
    sheet = wb["indicators"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("direction") + 1, value="sideways")
    sheet.cell(row=2, column=header.index("target_value") + 1, value="many")
    wb["task_links"].cell(row=2, column=3, value="O9")
    wb.save(path)
    return path


def test_bad_rows_reported_with_sheet_and_row(tmp_path: Path):
    with pytest.raises(InputError) as err:
        read_framework(_bad_workbook(tmp_path))
    msg = str(err.value)
    assert "sheet 'indicators' row 2: 'direction' is 'sideways'" in msg
    assert "'target_value': 'many' is not a number" in msg
    assert "sheet 'task_links' row 2: unknown outcome 'O9'" in msg
    assert "3 problem(s)" in msg


def test_bad_import_changes_nothing(workspace, tmp_path: Path):
    save_framework(workspace, framework_from_dict(small_framework()), "tester")
    before = changes(workspace)
    with pytest.raises(InputError):
        read_framework(_bad_workbook(tmp_path))
    assert changes(workspace) == before
    assert load_framework(workspace).indicators[0].direction == "up"


def test_yaml_problems_are_located(tmp_path: Path):
    data = small_framework(frequency="fortnight")
    data["priorities"][0]["areas"][0]["outcomes"][0]["indicators"][0]["baseline"]["date"] = "soon"
    data["benchmarks"][0]["indicators"] = ["I1", "I7"]
    path = tmp_path / "fw.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(InputError) as err:
        read_framework(path)
    msg = str(err.value)
    assert "fw.yaml priority 1 area 1 outcome 1 indicator 1 (I1)" in msg
    assert "'frequency' is 'fortnight'" in msg
    assert "'baseline_date': 'soon' is not a date" in msg
    assert "fw.yaml benchmark 1: unknown indicator 'I7'" in msg


def test_duplicate_ids_and_dates_out_of_order():
    data = small_framework(target={"value": 5, "date": "2018-01-01"})
    data["priorities"].append({"id": "P1", "name": "again"})
    data["task_links"] += [
        {"task": "Peacemaking", "outcome": "O1"},
        {"task": "16c(i)", "outcome": "O1"},
    ]
    with pytest.raises(InputError) as err:
        framework_from_dict(data)
    assert "task link 2: task 'Peacemaking' is neither a PEMA task code nor a paragraph id" in str(
        err.value
    )
    assert "task link 3" not in str(err.value)
    assert "duplicate priority id 'P1'" in str(err.value)
    assert "'target_date' must be after 'baseline_date'" in str(err.value)


def test_not_yaml_or_workbook(tmp_path: Path):
    path = tmp_path / "fw.txt"
    path.write_text("x")
    with pytest.raises(InputError, match=r"use a \.yaml or \.xlsx"):
        read_framework(path)
    broken = tmp_path / "fw.xlsx"
    broken.write_text("not a zip")
    with pytest.raises(InputError, match="not a readable Excel workbook"):
        read_framework(broken)
