"""Validation of counts and dates, Windows-1252 files, and a row hash that ignores column
order, added columns and long headers (real ACLED rows, rewritten at test time)."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from acled_files import ACLED, TOTAL, read_rows, write_rows

from peaceops.csvfile import sniff
from peaceops.events.importer import import_events
from peaceops.workspace import Workspace

pytestmark = pytest.mark.realdata


def _stored(ws: Workspace, ids: list[str]) -> dict[str, int]:
    con = ws.duckdb()
    try:
        rows = con.execute(
            "SELECT source_id, fatalities FROM events WHERE source_id IN "
            "(SELECT unnest(?::VARCHAR[]))",
            [ids],
        ).fetchall()
    finally:
        con.close()
    return {str(k): int(v) for k, v in rows}


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("100001", "fatalities above 100,000"),
        ("99999999999999999999", "fatalities above 100,000"),
        ("-3", "fatalities is not a whole number >= 0"),
        ("2.5", "fatalities is not a whole number >= 0"),
        ("many", "fatalities is not a whole number >= 0"),
        ("", "fatalities is empty"),
        ("   ", "fatalities is empty"),
    ],
)
def test_absurd_fatalities_are_quarantined_never_stored(
    workspace: Workspace, shared_data: Path, tmp_path: Path, value: str, reason: str
) -> None:
    fields, rows = read_rows(shared_data)
    bad = dict(rows[3], fatalities=value)
    path = write_rows(tmp_path / "f.csv", fields, [rows[0], bad, rows[5]])
    report = import_events(workspace, path)
    assert report.rejected_reasons == {reason: 1}
    assert report.accepted == 2
    assert rows[3]["event_id_cnty"] not in _stored(workspace, [rows[3]["event_id_cnty"]])
    assert report.quarantine_file is not None
    with Path(report.quarantine_file).open(encoding="utf-8") as fh:
        lines = list(csv.reader(fh))
    assert lines[1][:3] == ["3", reason, rows[3]["event_id_cnty"]]


def test_counts_at_the_bounds_are_accepted(
    workspace: Workspace, shared_data: Path, tmp_path: Path
) -> None:
    fields, rows = read_rows(shared_data)
    edited = [dict(rows[0], fatalities="0"), dict(rows[1], fatalities="100000"),
              dict(rows[2], fatalities="12.0")]  # fmt: skip
    report = import_events(workspace, write_rows(tmp_path / "ok.csv", fields, edited))
    assert (report.accepted, report.rejected) == (3, 0)
    ids = [r["event_id_cnty"] for r in edited]
    assert _stored(workspace, ids) == dict(zip(ids, (0, 100000, 12), strict=True))


def test_dates_outside_the_plausible_range_are_quarantined(
    workspace: Workspace, shared_data: Path, tmp_path: Path
) -> None:
    fields, rows = read_rows(shared_data)
    today = date.today()
    edited = [
        dict(rows[0], event_date="1988-12-31"),
        dict(rows[1], event_date="1989-01-01"),
        dict(rows[2], event_date=(today + timedelta(days=1)).isoformat()),
        dict(rows[3], event_date=(today + timedelta(days=2)).isoformat()),
        dict(rows[4], event_date="9999-12-31"),
    ]
    report = import_events(workspace, write_rows(tmp_path / "d.csv", fields, edited))
    assert report.accepted == 2
    assert report.rejected_reasons == {
        "date before 1989-01-01": 1,
        "date more than 1 day after the import date": 2,
    }


def test_windows_1252_export_is_read_correctly(
    workspace: Workspace, shared_data: Path, tmp_path: Path
) -> None:
    fields, rows = read_rows(shared_data)
    text = "Militants\u2019 attack \u2013 \u201cconfirmed\u201d near S\u00e9var\u00e9"
    # the first 300 rows in plain ASCII, so that only bytes after 64 KiB tell the encoding
    edited = [
        {k: _ascii(v) for k, v in r.items()} if i < 300 else dict(r, notes=text)
        for i, r in enumerate(rows[:400])
    ]
    path = write_rows(tmp_path / "excel.csv", fields, edited, encoding="cp1252")
    raw = path.read_bytes()
    assert b"\x92" in raw and b"\x96" in raw and b"\x93" in raw  # Windows-1252 bytes
    assert sniff(path).encoding == "utf-8"  # the first 64 KiB are plain ASCII
    report = import_events(workspace, path)
    assert (report.accepted, report.rejected) == (400, 0)
    con = workspace.duckdb()
    notes = {r[0] for r in con.execute("SELECT notes FROM events").fetchall()}
    con.close()
    assert text in notes
    # detected from the first block too, and nothing transcoded is left behind
    head = write_rows(tmp_path / "head.csv", fields, list(reversed(edited)), encoding="cp1252")
    assert sniff(head).encoding == "cp1252"
    again = import_events(workspace, head)
    assert (again.unchanged, again.rejected) == (400, 0)
    assert not list(workspace.staging_dir.iterdir())


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def test_shuffled_and_added_columns_leave_every_event_unchanged(
    workspace: Workspace, shared_data: Path, tmp_path: Path
) -> None:
    import_events(workspace, shared_data / ACLED)
    fields, rows = read_rows(shared_data)
    shuffled = fields[:]
    random.Random(3).shuffle(shuffled)
    path = write_rows(tmp_path / "shuffled.csv", shuffled, rows)
    report = import_events(workspace, path)
    assert (report.unchanged, report.inserted, report.updated) == (TOTAL, 0, 0)
    # extra columns whose header alone is over 64 KiB
    extra = [f"analyst_note_{i:05d}_{'x' * 60}" for i in range(1200)]
    wide_fields = [*shuffled, *extra]
    wide = [dict(r, **{extra[0]: "checked", extra[-1]: "yes"}) for r in rows]
    path = write_rows(tmp_path / "wide.csv", wide_fields, wide)
    assert len(path.read_bytes().split(b"\n", 1)[0]) > 64 * 1024
    assert sniff(path).columns[-1] == extra[-1]
    report = import_events(workspace, path)
    assert (report.unchanged, report.inserted, report.updated, report.rejected) == (TOTAL, 0, 0, 0)
    # a revised value in a known column is still seen
    revised = [dict(r, notes=r["notes"] + " (revised)") if i < 7 else r for i, r in enumerate(rows)]
    report = import_events(workspace, write_rows(tmp_path / "rev.csv", shuffled, revised))
    assert (report.updated, report.unchanged) == (7, TOTAL - 7)


def test_added_columns_are_kept_in_raw(
    workspace: Workspace, shared_data: Path, tmp_path: Path
) -> None:
    fields, rows = read_rows(shared_data)
    path = write_rows(
        tmp_path / "x.csv", [*fields, "my_tag"], [dict(r, my_tag="t1") for r in rows[:3]]
    )
    import_events(workspace, path)
    con = workspace.duckdb()
    raws = [r[0] for r in con.execute("SELECT raw FROM events").fetchall()]
    con.close()
    assert all('"my_tag":"t1"' in r.replace(" ", "") for r in raws)
