"""Versions of the event store: history, undo, restore, pruning and the events as of a date."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from acled_files import ACLED, TOTAL, event_count, subset
from sqlalchemy import update
from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.errors import NotFoundError
from peaceops.events.importer import import_events
from peaceops.events.sync import parse_scope
from peaceops.events.versions import (
    events_as_of,
    history,
    restore,
    undo,
    versions_table,
)
from peaceops.workspace import Workspace

pytestmark = pytest.mark.realdata


def _halves(shared: Path, tmp: Path) -> tuple[Path, int, Path, int]:
    early, a = subset(shared, tmp / "early.csv", lambda r: r["event_date"] < "2016-01-01")
    late, b = subset(shared, tmp / "late.csv", lambda r: r["event_date"] >= "2016-01-01")
    assert len(a) + len(b) == TOTAL
    return early, len(a), late, len(b)


def test_history_records_every_import_newest_first(
    workspace: Workspace, shared_data: Path, tmp_path: Path
) -> None:
    early, n_early, late, n_late = _halves(shared_data, tmp_path)
    import_events(workspace, early)
    import_events(workspace, late)
    import_events(workspace, late)  # changes nothing, still recorded
    runner = CliRunner()
    out = runner.invoke(app, ["events", "history", "--format", "json", "-w", str(workspace.root)])
    assert out.exit_code == 0, out.output
    versions = json.loads(out.output)["versions"]
    assert [v["id"] for v in versions] == [3, 2, 1]
    assert [v["changed"] for v in versions] == [False, True, True]
    first = versions[-1]
    assert first["file_name"] == "early.csv" and first["source"] == "acled"
    assert len(first["sha256"]) == 64 and first["scope"] == {}
    assert first["counts"]["inserted"] == n_early and first["events"] == n_early
    assert versions[0]["counts"]["unchanged"] == n_late
    assert versions[0]["events"] == TOTAL
    table = runner.invoke(app, ["events", "history", "-w", str(workspace.root)])
    assert table.exit_code == 0 and "import" in table.output


def test_undo_reverts_the_newest_import_that_changed_events(
    workspace: Workspace, shared_data: Path, tmp_path: Path
) -> None:
    early, n_early, late, _ = _halves(shared_data, tmp_path)
    import_events(workspace, early)
    import_events(workspace, late)
    import_events(workspace, late)  # no change: undo skips it
    runner = CliRunner()
    out = runner.invoke(app, ["events", "undo", "-w", str(workspace.root)])
    assert out.exit_code == 0, out.output
    assert out.output.startswith(f"Undid version 2: {n_early:,} events stored")
    assert event_count(workspace.root) == n_early
    undo(workspace)  # then the first import
    assert event_count(workspace.root) == 0
    with pytest.raises(NotFoundError, match="no import to undo"):
        undo(workspace)
    # restore brings back any kept version
    out = runner.invoke(app, ["events", "restore", "2", "-w", str(workspace.root)])
    assert out.exit_code == 0, out.output
    assert event_count(workspace.root) == TOTAL
    info = runner.invoke(app, ["events", "info", "--format", "json", "-w", str(workspace.root)])
    assert json.loads(info.output)["events"] == TOTAL
    missing = runner.invoke(app, ["events", "restore", "99", "-w", str(workspace.root)])
    assert missing.exit_code == 1 and "no version 99" in missing.output


def test_undo_of_a_sync_brings_deleted_events_back(
    workspace: Workspace, shared_data: Path, tmp_path: Path
) -> None:
    import_events(workspace, shared_data / ACLED)
    mopti, rows = subset(shared_data, tmp_path / "m.csv", lambda r: r["admin1"] == "Mopti")
    import_events(
        workspace, mopti, sync=parse_scope(["country=MLI"], None, None, "acled"), yes=True
    )
    assert event_count(workspace.root) == len(rows)
    undone = undo(workspace)
    assert undone.action == "undo" and undone.target == 2
    assert event_count(workspace.root) == TOTAL
    assert history(workspace)[1].undone_by == undone.id


def test_pruning_keeps_the_last_n_changing_versions(
    workspace: Workspace, shared_data: Path, tmp_path: Path
) -> None:
    workspace.save_config(
        workspace.config.model_copy(
            update={"events": workspace.config.events.model_copy(update={"keep_versions": 2})}
        )
    )
    files = []
    for year in ("2012", "2013", "2014", "2015"):
        path, _ = subset(shared_data, tmp_path / f"{year}.csv", lambda r, y=year: r["year"] == y)
        files.append(path)
        import_events(workspace, path)
    versions = history(workspace)
    assert [v.id for v in versions] == [4, 3]
    stored = sorted(p.name for p in workspace.store_dir.glob("events-*.parquet"))
    assert stored == sorted(v.data_file for v in versions if v.data_file)
    with pytest.raises(NotFoundError, match=r"no version 1 \(kept versions: 3, 4\)"):
        restore(workspace, 1)
    # undo goes back to the oldest kept state (version 3's file), recorded as version 5;
    # version 3 is then pruned but its file stays, as version 5 holds it
    undo(workspace)
    assert [v.id for v in history(workspace)] == [5, 4]
    assert event_count(workspace.root) == history(workspace)[0].events
    assert (workspace.store_dir / str(history(workspace)[0].data_file)).is_file()
    with pytest.raises(NotFoundError, match="no import to undo"):
        undo(workspace)


def test_events_as_of_a_date_are_the_events_stored_then(
    workspace: Workspace, shared_data: Path, tmp_path: Path
) -> None:
    early, n_early, late, _ = _halves(shared_data, tmp_path)
    import_events(workspace, early)
    import_events(workspace, late)
    # date the two versions as if imported on two earlier days
    day1, day2 = date(2026, 3, 1), date(2026, 6, 1)
    with workspace.transaction() as conn:
        for vid, day in ((1, day1), (2, day2)):
            conn.execute(
                update(versions_table)
                .where(versions_table.c.id == vid)
                .values(created_at=_noon(day))
            )
    assert events_as_of(workspace, day1 - timedelta(days=1)).workspace.duckdb().execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'events'"
    ).fetchone() == (0,)
    for day, expected in ((day1, n_early), (day2 - timedelta(days=1), n_early), (day2, TOTAL)):
        view = events_as_of(workspace, day)
        con = view.workspace.duckdb()
        assert con.execute("SELECT count(*) FROM events").fetchone() == (expected,), day
        con.close()
        assert view.version is not None and f"version {view.version.id}" in view.note
    view_ws = events_as_of(workspace, day1).workspace
    with pytest.raises(Exception, match="read-only"), view_ws.writing():
        pass
    # the context commands take --as-of
    out = CliRunner().invoke(
        app,
        ["context", "series", "--by", "year", "--as-of", day1.isoformat(), "--format", "json",
         "-w", str(workspace.root)],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    assert sum(r["events"] for r in json.loads(out.stdout)) == n_early
    assert "Note: events as stored on 2026-03-01 (version 1" in out.stderr


def _noon(day: date):  # type: ignore[no-untyped-def]
    from datetime import datetime, time

    return datetime.combine(day, time(12))
