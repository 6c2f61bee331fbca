"""Imports never delete; a sync deletes only inside its explicit scope (real ACLED exports)."""

from __future__ import annotations

from pathlib import Path

import pytest
from acled_files import ACLED, TOTAL, event_count, read_rows, snapshot, subset, write_rows
from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.errors import InputError
from peaceops.events.importer import import_events
from peaceops.events.sync import SyncScope, parse_scope
from peaceops.workspace import Workspace

pytestmark = pytest.mark.realdata


@pytest.fixture
def mali(workspace: Workspace, shared_data: Path) -> Workspace:
    """A workspace holding the whole published Mali export."""
    report = import_events(workspace, shared_data / ACLED)
    assert report.inserted == TOTAL
    return workspace


def _by_region(ws: Workspace) -> dict[str, int]:
    con = ws.duckdb()
    try:
        return dict(con.execute("SELECT admin1, count(*) FROM events GROUP BY 1").fetchall())
    finally:
        con.close()


def test_one_region_export_deletes_nothing(
    mali: Workspace, shared_data: Path, tmp_path: Path
) -> None:
    before = _by_region(mali)
    mopti, rows = subset(shared_data, tmp_path / "mopti.csv", lambda r: r["admin1"] == "Mopti")
    assert 1000 < len(rows) < TOTAL
    report = import_events(mali, mopti)
    assert (report.inserted, report.updated, report.deleted) == (0, 0, 0)
    assert report.unchanged == len(rows)
    assert _by_region(mali) == before
    assert event_count(mali.root) == TOTAL


def test_far_future_row_is_quarantined_and_deletes_nothing(
    mali: Workspace, shared_data: Path, tmp_path: Path
) -> None:
    fields, rows = read_rows(shared_data)
    typo = dict(rows[10], event_date="2200-03-14", year="2200")
    path = write_rows(tmp_path / "two.csv", fields, [rows[0], typo])
    report = import_events(mali, path)
    assert (report.accepted, report.rejected, report.deleted) == (1, 1, 0)
    assert report.rejected_reasons == {"date more than 1 day after the import date": 1}
    assert event_count(mali.root) == TOTAL
    con = mali.duckdb()
    stored = con.execute(
        "SELECT event_date FROM events WHERE source_id = ?", [rows[10]["event_id_cnty"]]
    ).fetchone()
    con.close()
    assert stored is not None and str(stored[0]) == rows[10]["event_date"]
    assert report.quarantine_file is not None
    quarantined = Path(report.quarantine_file).read_text(encoding="utf-8")
    assert "2200-03-14" in quarantined and quarantined.splitlines()[1].startswith("3,")


def test_quarantined_row_never_changes_the_stored_event(
    mali: Workspace, shared_data: Path, tmp_path: Path
) -> None:
    fields, rows = read_rows(shared_data)
    target = rows[42]["event_id_cnty"]
    con = mali.duckdb()
    stored = con.execute("SELECT * FROM events WHERE source_id = ?", [target]).fetchall()
    con.close()
    bad = dict(rows[42], fatalities="250000")  # a revision that fails validation
    path = write_rows(tmp_path / "revised.csv", fields, [bad, *rows[:5]])
    report = import_events(mali, path)
    assert report.rejected_reasons == {"fatalities above 100,000": 1}
    assert (report.updated, report.deleted) == (0, 0)
    con = mali.duckdb()
    assert con.execute("SELECT * FROM events WHERE source_id = ?", [target]).fetchall() == stored
    con.close()
    # and a sync whose scope holds that event does not delete it either
    synced = import_events(mali, path, sync=SyncScope({"admin1": (rows[42]["admin1"],)}), yes=True)
    con = mali.duckdb()
    assert con.execute("SELECT * FROM events WHERE source_id = ?", [target]).fetchall() == stored
    con.close()
    assert synced.deleted > 0


def test_sync_deletes_only_inside_its_scope(
    mali: Workspace, shared_data: Path, tmp_path: Path
) -> None:
    before = _by_region(mali)
    _, mopti_rows = subset(
        shared_data, tmp_path / "all_mopti.csv", lambda r: r["admin1"] == "Mopti"
    )
    withdrawn = {r["event_id_cnty"] for r in mopti_rows[5:8]}
    path, _ = subset(
        shared_data,
        tmp_path / "mopti.csv",
        lambda r: r["admin1"] == "Mopti" and r["event_id_cnty"] not in withdrawn,
    )
    scope = parse_scope(["admin1=mopti", "country=MLI"], None, None, "acled")
    report = import_events(mali, path, sync=scope)
    assert (report.inserted, report.updated, report.deleted) == (0, 0, 3)
    after = _by_region(mali)
    assert after["Mopti"] == before["Mopti"] - 3
    assert {k: v for k, v in after.items() if k != "Mopti"} == {
        k: v for k, v in before.items() if k != "Mopti"
    }
    con = mali.duckdb()
    left = con.execute(
        "SELECT count(*) FROM events WHERE source_id IN (SELECT unnest(?::VARCHAR[]))",
        [sorted(withdrawn)],
    ).fetchone()
    con.close()
    assert left == (0,)


def test_sync_with_dates_keeps_events_outside_the_period(
    mali: Workspace, shared_data: Path, tmp_path: Path
) -> None:
    in_period = lambda r: "2019-01-01" <= r["event_date"] <= "2020-12-31"  # noqa: E731
    _, period_rows = subset(shared_data, tmp_path / "p.csv", in_period)
    gone = period_rows[-1]["event_id_cnty"]
    path, _ = subset(
        shared_data, tmp_path / "period.csv", lambda r: in_period(r) and r["event_id_cnty"] != gone
    )
    scope = parse_scope(["country=MLI"], date_(2019, 1, 1), date_(2020, 12, 31), "acled")
    report = import_events(mali, path, sync=scope)
    assert report.deleted == 1
    assert event_count(mali.root) == TOTAL - 1


def date_(y: int, m: int, d: int):  # type: ignore[no-untyped-def]
    from datetime import date

    return date(y, m, d)


def test_sync_guard_refuses_a_large_deletion_unless_yes(
    mali: Workspace, shared_data: Path, tmp_path: Path
) -> None:
    mopti, rows = subset(shared_data, tmp_path / "mopti.csv", lambda r: r["admin1"] == "Mopti")
    before = snapshot(mali)
    runner = CliRunner()
    args = [
        "events",
        "import",
        str(mopti),
        "--sync",
        "--scope",
        "country=MLI",
        "-w",
        str(mali.root),
    ]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 1
    others = TOTAL - len(rows)
    assert f"would delete {others:,} of the {TOTAL:,} stored acled events" in refused.output
    assert "scope country=MLI" in refused.output
    assert refused.output.startswith("Error: --yes: this sync would delete")
    assert len(refused.output.strip().splitlines()) == 1
    assert snapshot(mali) == before
    done = runner.invoke(app, [*args, "--yes", "--format", "json"])
    assert done.exit_code == 0, done.output
    assert event_count(mali.root) == len(rows)


def test_guard_share_is_a_setting(mali: Workspace, shared_data: Path, tmp_path: Path) -> None:
    mali.save_config(
        mali.config.model_copy(
            update={"events": mali.config.events.model_copy(update={"sync_max_delete_percent": 90})}
        )
    )
    mopti, rows = subset(shared_data, tmp_path / "mopti.csv", lambda r: r["admin1"] == "Mopti")
    report = import_events(mali, mopti, sync=parse_scope(["country=mli"], None, None, "acled"))
    assert report.deleted == TOTAL - len(rows)


def test_sync_needs_a_scope(mali: Workspace, shared_data: Path) -> None:
    before = snapshot(mali)
    result = CliRunner().invoke(
        app, ["events", "import", str(shared_data / ACLED), "--sync", "-w", str(mali.root)]
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: --scope: a sync needs a scope KEY=VALUE")
    assert len(result.output.strip().splitlines()) == 1
    assert snapshot(mali) == before
    with pytest.raises(InputError, match="unknown key 'region'"):
        parse_scope(["region=Mopti"], None, None, "acled")
    with pytest.raises(InputError, match="file's own source"):
        parse_scope(["source=ucdp"], None, None, "acled")


def test_dry_run_writes_nothing_and_reports_what_would_change(
    mali: Workspace, shared_data: Path, tmp_path: Path
) -> None:
    _, rows = read_rows(shared_data)
    path, _ = subset(
        shared_data,
        tmp_path / "mopti.csv",
        lambda r: r["admin1"] == "Mopti" and r["event_id_cnty"] != rows[0]["event_id_cnty"],
        edit=lambda r: dict(r, fatalities="7") if r["event_id_cnty"].endswith("1") else r,
    )
    before = snapshot(mali)
    scope = parse_scope(["admin1=Mopti"], None, None, "acled")
    dry = import_events(mali, path, sync=scope, dry_run=True, yes=True)
    assert dry.dry_run and dry.version_id is None
    assert snapshot(mali) == before
    assert not list(mali.quarantine_dir.iterdir())
    real = import_events(mali, path, sync=scope, yes=True)
    counts = ("read", "accepted", "rejected", "inserted", "updated", "deleted", "unchanged")
    assert [getattr(dry, k) for k in counts] == [getattr(real, k) for k in counts]
    assert real.updated > 0
