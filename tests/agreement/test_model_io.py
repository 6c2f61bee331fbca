"""Reading, validating and writing agreements (YAML and Excel, both ways)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from peaceops.agreement import read_agreement, write_agreement
from peaceops.errors import InputError
from peaceops.examples import example_path


def test_small_agreement_reads_with_structure_and_deadlines(small_yaml: Path):
    a = read_agreement(small_yaml)
    assert [p.id for p in a.parts] == ["P1", "P2"]
    assert [p.id for p in a.provisions_of("P2")] == ["s-ddr", "s-patrols"]
    assembly = a.provision("p-assembly")
    assert assembly is not None and assembly.part_id == "P1" and assembly.chapter_id == "C1"
    # A provision with a phase is due at the phase's end; an explicit deadline wins.
    assert a.due(assembly) == date(2017, 1, 10)
    assert a.due(a.provision("p-senate")) == date(2016, 12, 31)  # type: ignore[arg-type]
    assert a.due(a.provision("s-ddr")) is None  # type: ignore[arg-type]
    assert a.last_renewal(date(2017, 1, 1)).resolution == "S/RES/1 (2016)"  # type: ignore[union-attr]
    assert not a.illustrative


def test_round_trip_yaml_xlsx_yaml_is_stable(small_yaml: Path, tmp_path: Path):
    a = read_agreement(small_yaml)
    first = write_agreement(a, tmp_path / "one.yaml").read_text()
    book = write_agreement(a, tmp_path / "book.xlsx")
    b = read_agreement(book)
    assert b == a
    second = write_agreement(b, tmp_path / "two.yaml").read_text()
    assert second == first
    wb = load_workbook(book)
    assert wb.sheetnames == [
        "agreement",
        "signatures",
        "phases",
        "renewals",
        "parts",
        "chapters",
        "provisions",
    ]


def test_shipped_example_round_trips_and_is_large_enough(tmp_path: Path):
    a = read_agreement(example_path("mali_agreement_2015.yaml"))
    assert a.illustrative
    assert len(a.provisions) >= 30
    assert [p.number for p in a.parts] == [
        "Title II",
        "Title III",
        "Title IV",
        "Title V",
        "Title VI",
    ]
    assert {s.date for s in a.signatures} == {date(2015, 5, 15), date(2015, 6, 20)}
    xlsx = write_agreement(a, tmp_path / "a.xlsx")
    assert read_agreement(xlsx) == a
    text = write_agreement(a, tmp_path / "a.yaml").read_text()
    assert read_agreement(tmp_path / "a.yaml") == a
    assert yaml.safe_load(text)["agreement"]["id"] == "mali-apr-2015"


def _broken(small_yaml: Path, old: str, new: str) -> Path:
    small_yaml.write_text(small_yaml.read_text().replace(old, new, 1))
    return small_yaml


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("tasks: [DisarmDemob]", "tasks: [Disarmament]", "'Disarmament' is not a PEMA task code"),
        ("phase: interim", "phase: transition", "unknown phase 'transition'"),
        ("id: s-patrols", "id: s-ddr", "duplicate provision id 's-ddr'"),
        ("deadline: 2016-03-10", "deadline: soon", "'deadline': 'soon' is not a date"),
        ("summary: Create a senate.", "summary: ''", "'summary' is missing"),
    ],
)
def test_bad_definitions_are_refused_with_the_place(small_yaml, old, new, message):
    with pytest.raises(InputError) as err:
        read_agreement(_broken(small_yaml, old, new))
    assert message in str(err.value)
    assert "provision" in str(err.value)


def test_every_problem_is_reported_at_once(small_yaml):
    text = small_yaml.read_text().replace("tasks: [DisarmDemob]", "tasks: [Nope]")
    text = text.replace("phase: interim", "phase: nope")
    small_yaml.write_text(text)
    with pytest.raises(InputError, match="2 problem"):
        read_agreement(small_yaml)


def test_not_yaml_or_wrong_suffix_is_one_clear_error(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("agreement: [unclosed\n")
    with pytest.raises(InputError, match="not valid YAML"):
        read_agreement(bad)
    other = tmp_path / "a.txt"
    other.write_text("x")
    with pytest.raises(InputError, match=r"use a \.yaml or \.xlsx"):
        read_agreement(other)
    with pytest.raises(InputError, match="does not exist"):
        read_agreement(tmp_path / "missing.yaml")
