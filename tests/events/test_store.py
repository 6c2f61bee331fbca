"""Merging exports into the store: idempotency, revisions, and imports that never delete."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from acled_files import snapshot

from peaceops.demo.synthetic import write_acled_csv
from peaceops.events.importer import import_events
from peaceops.events.versions import history
from peaceops.workspace import Workspace


def _rewrite(src: Path, dst: Path, edit, extra=()) -> None:  # type: ignore[no-untyped-def]
    with src.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    fields = list(rows[0])
    out = [r for r in (edit(dict(r)) for r in rows) if r is not None]
    for row in extra:
        out.append({k: row.get(k, "") for k in fields})
    with dst.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(out)


def test_same_file_twice_changes_no_event(tmp_path: Path, workspace: Workspace) -> None:
    f = write_acled_csv(tmp_path / "a.csv", 400, seed=2, last_year=2020)
    first = import_events(workspace, f.path)
    assert first.inserted == 400
    before = snapshot(workspace)
    again = import_events(workspace, f.path)
    assert (again.inserted, again.updated, again.deleted, again.unchanged) == (0, 0, 0, 400)
    after = snapshot(workspace)
    # the same event file stays current; only the history gains a row saying so
    assert after["files"] == before["files"]
    tables_before, tables_after = before["tables"], after["tables"]
    assert isinstance(tables_before, dict) and isinstance(tables_after, dict)
    for name in tables_before:
        if name != "event_versions":
            assert tables_after[name] == tables_before[name], name
    newest = history(workspace)[0]
    assert (newest.action, newest.changed, newest.counts["unchanged"]) == ("import", False, 400)


def test_newer_export_updates_and_inserts_but_never_deletes(
    tmp_path: Path, workspace: Workspace
) -> None:
    f = write_acled_csv(tmp_path / "old.csv", 300, seed=4, first_year=2018, last_year=2020)
    import_events(workspace, f.path)
    con = workspace.duckdb()
    rows = con.execute("SELECT source_id FROM events ORDER BY event_date").fetchall()
    con.close()
    revised, withdrawn = rows[100][0], rows[150][0]

    def edit(row: dict[str, str]) -> dict[str, str] | None:
        if row["event_id_cnty"] == revised:
            row["fatalities"] = str(int(row["fatalities"]) + 7)
            row["timestamp"] = "1800000000"
            return row
        if row["event_id_cnty"] == withdrawn:
            return None  # the source withdrew it: a plain import keeps it anyway
        return row

    newer = tmp_path / "new.csv"
    added = {
        "event_id_cnty": "MLI999999", "event_date": "2020-12-30", "year": "2020",
        "event_type": "Battles", "actor1": "Military Forces of Mali", "inter1": "1",
        "country": "Mali", "admin1": "Mopti", "location": "Mopti", "latitude": "14.49",
        "longitude": "-4.19", "fatalities": "2", "timestamp": "1800000000",
    }  # fmt: skip
    _rewrite(f.path, newer, edit, [added])
    report = import_events(workspace, newer)
    assert report.rejected == 0, report.rejected_reasons
    assert (report.inserted, report.updated, report.deleted) == (1, 1, 0)
    assert report.unchanged == 300 - 2
    con = workspace.duckdb()
    stored = dict(con.execute("SELECT source_id, fatalities FROM events").fetchall())
    with f.path.open(encoding="utf-8") as fh:
        old_row = next(r for r in csv.DictReader(fh) if r["event_id_cnty"] == revised)
    assert stored[revised] == int(old_row["fatalities"]) + 7
    assert withdrawn in stored and "MLI999999" in stored
    assert len(stored) == 301
    versions = con.execute(
        "SELECT source_version, dataset_id FROM events WHERE source_id = ?", [revised]
    ).fetchone()
    assert versions is not None and versions[0] == "1800000000" and versions[1] == 2
    # ``raw`` is the source row of each event: the revised one's as revised, the new one's
    raws = dict(con.execute("SELECT source_id, raw FROM events").fetchall())
    con.close()
    assert json.loads(raws[revised])["timestamp"] == "1800000000"
    assert json.loads(raws[revised])["fatalities"] == str(stored[revised])
    assert json.loads(raws["MLI999999"])["event_date"] == "2020-12-30"
    with f.path.open(encoding="utf-8") as fh:
        kept = {r["event_id_cnty"]: r for r in csv.DictReader(fh)}
    assert all(
        json.loads(raws[sid])["timestamp"] == row["timestamp"]
        for sid, row in kept.items()
        if sid != revised
    )
