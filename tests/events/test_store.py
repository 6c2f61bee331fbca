"""Merging exports into the store: idempotency, revisions, deletions, atomicity."""

from __future__ import annotations

import csv
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from peaceops.demo.synthetic import write_acled_csv
from peaceops.events.importer import import_events
from peaceops.workspace import Workspace


def _snapshot(ws: Workspace) -> dict[str, object]:
    """Every file under store/ (staging excluded) with its hash, and every SQL table's rows."""
    files = {
        str(p.relative_to(ws.root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(ws.store_dir.rglob("*"))
        if p.is_file() and ".staging" not in p.parts
    }
    con = sqlite3.connect(ws.root / "peaceops.db")
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        rows = {t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    finally:
        con.close()
    return {"files": files, "tables": rows}


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


def test_same_file_twice_changes_nothing(tmp_path: Path, workspace: Workspace) -> None:
    f = write_acled_csv(tmp_path / "a.csv", 400, seed=2)
    first = import_events(workspace, f.path)
    assert first.inserted == 400
    before = _snapshot(workspace)
    again = import_events(workspace, f.path)
    assert (again.inserted, again.updated, again.deleted, again.unchanged) == (0, 0, 0, 400)
    assert _snapshot(workspace) == before


def test_newer_export_updates_and_deletes(tmp_path: Path, workspace: Workspace) -> None:
    f = write_acled_csv(tmp_path / "old.csv", 300, seed=4, first_year=2018, last_year=2020)
    import_events(workspace, f.path)
    con = workspace.duckdb()
    rows = con.execute("SELECT source_id, event_date FROM events ORDER BY event_date").fetchall()
    con.close()
    revised, withdrawn, earliest = rows[100][0], rows[150][0], rows[0][0]
    assert rows[0][1] < rows[1][1]  # removing the earliest event moves the covered range

    def edit(row: dict[str, str]) -> dict[str, str] | None:
        if row["event_id_cnty"] == revised:
            row["fatalities"] = str(int(row["fatalities"]) + 7)
            row["timestamp"] = "1800000000"
            return row
        if row["event_id_cnty"] in (withdrawn, earliest):
            return None  # withdrawn inside the covered range; the earliest one moves the range
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
    # the earliest event lies before the range the newer export covers: kept, not deleted
    assert (report.inserted, report.updated, report.deleted) == (1, 1, 1)
    assert report.unchanged == 300 - 3
    con = workspace.duckdb()
    stored = dict(con.execute("SELECT source_id, fatalities FROM events").fetchall())
    with f.path.open(encoding="utf-8") as fh:
        old_row = next(r for r in csv.DictReader(fh) if r["event_id_cnty"] == revised)
    old_fat = int(old_row["fatalities"])
    assert stored[revised] == old_fat + 7
    assert withdrawn not in stored and earliest in stored and "MLI999999" in stored
    assert len(stored) == 300 - 1 + 1
    versions = con.execute(
        "SELECT source_version, dataset_id FROM events WHERE source_id = ?", [revised]
    ).fetchone()
    assert versions is not None and versions[0] == "1800000000" and versions[1] == 2


def _run_import(ws_dir: Path, file: Path, pause: float | None) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    # With a pause, the child waits just before the new events file is published (staged,
    # not yet current), so the test can kill it there.
    code = (
        "import sys, time; from peaceops.workspace import Workspace;"
        "from peaceops.events.importer import import_events;\n"
        "pause = float(sys.argv[3]); publish = Workspace.publish\n"
        "def slow(self, slot, *a, **k):\n"
        "    if slot == 'events' and pause: time.sleep(pause)\n"
        "    return publish(self, slot, *a, **k)\n"
        "Workspace.publish = slow\n"
        "import_events(Workspace.open(sys.argv[1]), sys.argv[2]); print('done')"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, str(ws_dir), str(file), str(pause or 0)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _kill(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL


def test_kill_9_mid_import_leaves_workspace_unchanged(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws", country="MLI")
    base = write_acled_csv(tmp_path / "base.csv", 500, seed=6)
    import_events(ws, base.path)
    newer = write_acled_csv(tmp_path / "newer.csv", 3000, seed=7)
    before = _snapshot(ws)
    # killed at arbitrary moments (start-up, reading, mapping) ...
    # (the pause before publishing keeps the process alive until the kill, however fast)
    for delay in (0.5, 1.5, 3.0):
        proc = _run_import(ws.root, newer.path, 60.0)
        time.sleep(delay)
        _kill(proc)
        assert _snapshot(ws) == before
    # ... and inside the write transaction, with the new file staged, just before publishing
    proc = _run_import(ws.root, newer.path, 60.0)
    deadline = time.monotonic() + 60
    while not list(ws.staging_dir.glob("events-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(ws.staging_dir.glob("events-*")), "the import never reached publishing"
    _kill(proc)
    assert _snapshot(ws) == before
    con = Workspace.open(ws.root).duckdb()
    assert con.execute("SELECT count(*) FROM events").fetchone() == (500,)
    con.close()
    # and the workspace still imports normally afterwards
    done = _run_import(ws.root, newer.path, None)
    _out, err = done.communicate(timeout=120)
    assert done.returncode == 0, err
    assert _snapshot(ws) != before
