"""The strategy in the workspace: versions, as-of, judgements and consultations appended."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from st_fixtures import small, write_yaml

from peaceops.errors import InputError, NotFoundError
from peaceops.strategy import (
    add_assumption_entries,
    add_consultations,
    changes,
    load_strategy,
    read_assumption_entries,
    read_consultations,
    read_strategy,
    save_strategy,
)
from peaceops.strategy.store import versions_table


def _versions(ws) -> int:
    with ws.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(versions_table)).scalar_one())


def _at(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 12, tzinfo=UTC)


def test_reimport_changes_nothing(workspace, small_yaml: Path):
    st = read_strategy(small_yaml)
    assert save_strategy(workspace, st, "a").version == 1
    assert save_strategy(workspace, st, "a").version is None
    assert _versions(workspace) == 1
    assert load_strategy(workspace) == st


def test_as_of_gives_the_version_recorded_then(workspace, tmp_path: Path, small_yaml: Path):
    first = read_strategy(small_yaml)
    save_strategy(workspace, first, "a", at=_at(2019, 7, 1))
    data = small()
    data["strategy"]["end_state"] = "Changed after the renewal."
    second = read_strategy(write_yaml(tmp_path, data, "b.yaml"))
    save_strategy(workspace, second, "b", at=_at(2020, 7, 1))
    assert load_strategy(workspace, date(2020, 1, 1)) == first
    assert load_strategy(workspace).end_state == "Changed after the renewal."
    assert load_strategy(workspace, date(2019, 1, 1)) is None
    log = changes(workspace)
    assert [(c.who, c.action) for c in log] == [("a", "import"), ("b", "import")]


def test_assume_appends_and_skips_repeats(workspace, tmp_path: Path, small_yaml: Path):
    save_strategy(workspace, read_strategy(small_yaml), "a")
    csv = tmp_path / "a.csv"
    csv.write_text(
        "assumption,date,status,source,note\n"
        "A2,2020-05-01,fails,donor conference report p. 4,pledges short\n"
        'A1,2020-03-01,at risk,"report Y, s. 2",\n'
    )
    st = load_strategy(workspace)
    assert st is not None
    entries = read_assumption_entries(csv, st)
    saved = add_assumption_entries(workspace, entries, "b")
    # A1's entry is already in the imported definition.
    assert (saved.version, saved.added) == (2, 1)
    assert add_assumption_entries(workspace, entries, "b").version is None
    a2 = load_strategy(workspace).assumption("A2")
    assert [(e.status, e.note) for e in a2.history] == [("fails", "pledges short")]


def test_bad_assumption_rows_store_nothing(workspace, tmp_path: Path, small_yaml: Path):
    save_strategy(workspace, read_strategy(small_yaml), "a")
    csv = tmp_path / "bad.csv"
    csv.write_text(
        "assumption,date,status,source,note\n"
        "A1,2020-05-01,holds,report,\n"
        "A2,2020-05-01,wobbly,report,\n"
        "A9,2020-13-01,fails,,\n"
    )
    with pytest.raises(InputError) as err:
        read_assumption_entries(csv, load_strategy(workspace))
    text = str(err.value)
    assert text.startswith("2 bad row(s), nothing recorded")
    assert "bad.csv row 3: status 'wobbly' is not one of holds, at risk, fails, unknown" in text
    assert "bad.csv row 4: unknown assumption 'A9'" in text and "'source' is missing" in text
    assert _versions(workspace) == 1


def test_consultation_without_date_stores_nothing(workspace, tmp_path: Path, small_yaml: Path):
    save_strategy(workspace, read_strategy(small_yaml), "a")
    csv = tmp_path / "c.csv"
    csv.write_text(
        "date,stakeholders,objectives,format,points,source\n"
        '2020-01-05,"GOV, CSO",O1,workshop,Two points.,notes\n'
        ",CSO,,call,Nothing dated.,notes\n"
    )
    with pytest.raises(InputError, match=r"c.csv row 3: 'date' is missing"):
        read_consultations(csv, load_strategy(workspace))
    assert _versions(workspace) == 1


def test_consultations_append(workspace, tmp_path: Path, small_yaml: Path):
    save_strategy(workspace, read_strategy(small_yaml), "a")
    csv = tmp_path / "c.csv"
    csv.write_text(
        "date,stakeholders,objectives,format,points,source\n"
        "2020-01-05,GOV;CSO,O1,workshop,Two points.,notes\n"
    )
    talks = read_consultations(csv, load_strategy(workspace))
    assert talks[0].stakeholders == ("GOV", "CSO")
    assert add_consultations(workspace, talks, "c").added == 1
    assert add_consultations(workspace, talks, "c").version is None
    assert len(load_strategy(workspace).consultations) == 2


def test_no_strategy_says_how_to_add_one(workspace, tmp_path: Path):
    with pytest.raises(NotFoundError, match="no political strategy"):
        add_consultations(workspace, [], "x")
