"""The record-keeping base: row checks, entry tables, documents, versions as of a date."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Date, DateTime, Integer, MetaData, String, Table

from peaceops.errors import InputError
from peaceops.records.documents import Workbook, read_by_suffix, read_yaml
from peaceops.records.history import History, read_entries
from peaceops.records.rows import Row, RowChecker, split_list
from peaceops.records.tables import SetAside, read_table
from peaceops.workspace import Workspace


def test_a_checker_lists_every_problem_with_its_place() -> None:
    c = RowChecker()
    good = Row("sheet 'items' row 2", {"id": "a", "day": "2020-03-01", "n": "4"})
    bad = Row("sheet 'items' row 3", {"id": "a", "day": "March", "n": "four"})
    seen: set[str] = set()
    assert c.ident(good, "id", seen, "item") == "a"
    assert c.day(good, "day") == date(2020, 3, 1)
    assert c.number(good, "n") == 4.0
    c.ident(bad, "id", seen, "item")
    c.day(bad, "day")
    c.number(bad, "n")
    c.text(bad, "name")
    assert c.errors == [
        "sheet 'items' row 3: duplicate item id 'a'",
        "sheet 'items' row 3: 'day': 'March' is not a date (YYYY-MM-DD)",
        "sheet 'items' row 3: 'n': 'four' is not a number",
        "sheet 'items' row 3: 'name' is missing",
    ]
    with pytest.raises(InputError) as exc:
        c.raise_problems("list", ", nothing stored")
    assert str(exc.value).startswith("the list has 4 problem(s), nothing stored: sheet 'items'")


def test_a_checker_shows_twenty_problems_and_counts_the_rest() -> None:
    c = RowChecker()
    for n in range(25):
        c.text(Row(f"row {n}", {}), "id")
    with pytest.raises(InputError) as exc:
        c.raise_problems("list")
    text = str(exc.value)
    assert "row 19: 'id' is missing" in text and "row 20:" not in text
    assert text.endswith("(and 5 more)")


def test_lists_split_on_the_separators_given() -> None:
    assert split_list("a, b; c") == ("a", "b", "c")
    assert split_list("Mali, Republic of; Algeria", ";") == ("Mali, Republic of", "Algeria")
    assert split_list([" x ", "", "y"]) == ("x", "y")
    assert split_list(None) == ()


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_table_skips_blank_lines_and_places_rows_by_line(tmp_path: Path) -> None:
    path = _csv(tmp_path / "obs.csv", "Item,Value\na,1\n,\nb,x\n")
    rows = list(read_table(path, ("item", "value"), ("item", "value", "note")))
    assert [(r.where, dict(r.values)) for r in rows] == [
        ("obs.csv row 2", {"item": "a", "value": "1"}),
        ("obs.csv row 4", {"item": "b", "value": "x"}),
    ]
    bad = SetAside()
    bad.add(rows[1], ["'value' 'x' is not a number"])
    with pytest.raises(InputError, match=r"^1 bad row\(s\), nothing recorded: obs.csv row 4: "):
        bad.refuse(1, path.name, "values")


def test_a_table_sheet_reads_dates_and_names_missing_columns(tmp_path: Path) -> None:
    from openpyxl import Workbook as XlsxWorkbook

    wb = XlsxWorkbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = "entries"
    sheet.append(["item", "date"])
    sheet.append(["a", datetime(2021, 5, 4, 0, 0)])
    wb.save(tmp_path / "ok.xlsx")
    (row,) = read_table(tmp_path / "ok.xlsx", ("item", "date"), ("item", "date"))
    assert row.values["date"] == date(2021, 5, 4) and row.where == "ok.xlsx row 2"
    with pytest.raises(InputError, match=r"sheet 'entries': missing column\(s\) source"):
        list(read_table(tmp_path / "ok.xlsx", ("item", "source"), ("item", "source")))


def test_a_table_refuses_other_files_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_table(tmp_path / "none.csv", ("a",), ("a",))
    with pytest.raises(InputError, match=r"use a \.csv file"):
        read_table(_csv(tmp_path / "x.txt", "a\n"), ("a",), ("a",), suffixes=(".csv",))
    (tmp_path / "latin.csv").write_bytes("a\nS\xe9gou\n".encode("latin-1"))
    with pytest.raises(InputError, match="is not UTF-8 text"):
        list(read_table(tmp_path / "latin.csv", ("a",), ("a",)))
    with pytest.raises(InputError, match="no values"):
        SetAside().refuse(0, "empty.csv", "values")


def test_a_document_round_trips_through_its_workbook(tmp_path: Path) -> None:
    layout = Workbook({"head": ("key", "value"), "items": ("id", "day", "note")}, {"note"})
    path = layout.write(
        tmp_path / "doc.xlsx",
        {"head": [["id", "D1"]], "items": [["a", date(2020, 1, 2), ""], ["b", None, "x"]]},
    )
    head, sheets = layout.read(path)
    assert head == Row("doc.xlsx sheet 'head'", {"id": "D1"})
    assert [dict(r.values) for r in sheets["items"]] == [
        {"id": "a", "day": date(2020, 1, 2), "note": None},
        {"id": "b", "day": None, "note": "x"},
    ]
    assert sheets["items"][1].where == "sheet 'items' row 3"


def test_a_bad_document_gets_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("a: [1,\n  b: 2\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_yaml(tmp_path / "bad.yaml")
    assert str(exc.value).startswith("bad.yaml is not valid YAML: ") and "\n" not in str(exc.value)

    def never(_path: Path) -> Any:
        raise AssertionError("not to be read")

    with pytest.raises(InputError, match=r"doc.txt: use a \.yaml or \.xlsx file"):
        read_by_suffix(_csv(tmp_path / "doc.txt", "x"), never, never)


def _history() -> tuple[MetaData, History, Table]:
    metadata = MetaData()
    history = History(metadata, "sample", sha=True)
    entries = Table(
        "sample_entries",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("item", String(20), nullable=False),
        Column("date", Date, nullable=False),
        Column("recorded_at", DateTime, nullable=False),
    )
    return metadata, history, entries


def test_versions_are_read_as_of_the_end_of_a_day(workspace: Workspace) -> None:
    _metadata, history, _entries = _history()
    workspace.ensure_tables(history.metadata)
    for day, name in ((datetime(2024, 1, 10, 9), "first"), (datetime(2024, 3, 1, 23), "second")):
        with workspace.transaction() as conn:
            history.add_version(
                conn, at=day, who="ana", owner_id="S1", definition=f'{{"name": "{name}"}}', sha=name
            )
            history.log(conn, day, "ana", "import", "S1", name)

    def name(as_of: date | None, start: date | None = None) -> str | None:
        return history.load(
            workspace, lambda d: str(d["name"]), as_of, (lambda _n: start) if start else None
        )

    assert name(None) == "second"
    assert name(date(2024, 3, 1)) == "second"  # recorded that evening: known by the day's end
    assert name(date(2024, 2, 29)) == "first"
    assert name(date(2024, 1, 9)) is None  # before any recording
    assert name(date(2024, 1, 9), start=date(2023, 6, 1)) == "first"  # it applied already
    assert name(date(2023, 5, 31), start=date(2023, 6, 1)) is None
    last = history.last(workspace)
    assert last is not None and last["sha"] == "second"
    assert [c.details for c in history.read_changes(workspace, date(2024, 2, 1))] == ["first"]


def test_entries_read_in_valid_time_or_as_known(workspace: Workspace) -> None:
    metadata, _, entries = _history()
    workspace.ensure_tables(metadata)
    with workspace.transaction() as conn:
        conn.execute(
            entries.insert(),
            [
                {"item": "a", "date": date(2024, 1, 5), "recorded_at": datetime(2024, 1, 6)},
                {"item": "b", "date": date(2024, 1, 5), "recorded_at": datetime(2024, 4, 1)},
                {"item": "c", "date": date(2024, 2, 1), "recorded_at": datetime(2024, 2, 1)},
            ],
        )

    def items(as_of: date | None, known: bool) -> list[str]:
        rows = read_entries(workspace, metadata, entries, as_of, known=known)
        return [r["item"] for r in rows]

    assert items(None, False) == ["a", "b", "c"]
    assert items(date(2024, 1, 31), False) == ["a", "b"]  # dated by then, whenever entered
    assert items(date(2024, 1, 31), True) == ["a"]  # b was entered only in April
