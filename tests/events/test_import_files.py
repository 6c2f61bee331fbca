"""Reading files as users have them, validation and quarantine, on generated exports."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from peaceops.demo.synthetic import write_acled_csv
from peaceops.errors import InputError
from peaceops.events.importer import import_events
from peaceops.workspace import Workspace


def _stored(ws: Workspace) -> list[tuple[object, ...]]:
    con = ws.duckdb()
    try:
        return con.execute(
            "SELECT event_key, event_date, fatalities, civilian_targeting, admin1, location, "
            "latitude, notes FROM events ORDER BY event_key"
        ).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(
    "quirks",
    [
        {"encoding": "utf-8-sig"},
        {"encoding": "latin-1"},
        {"crlf": True},
        {"delimiter": ";"},
        {"encoding": "latin-1", "delimiter": ";", "crlf": True},
    ],
    ids=["bom", "latin1", "crlf", "semicolon", "all"],
)
def test_quirky_files_read_the_same(tmp_path: Path, quirks: dict[str, object]) -> None:
    plain = write_acled_csv(tmp_path / "plain.csv", 300, seed=5)
    odd = write_acled_csv(tmp_path / "odd.csv", 300, seed=5, **quirks)  # type: ignore[arg-type]
    assert plain.path.read_bytes() != odd.path.read_bytes()
    ws_plain = Workspace.create(tmp_path / "a", country="MLI")
    ws_odd = Workspace.create(tmp_path / "b", country="MLI")
    r1 = import_events(ws_plain, plain.path)
    r2 = import_events(ws_odd, odd.path)
    assert (r1.accepted, r1.rejected) == (r2.accepted, r2.rejected) == (300, 0)
    rows = _stored(ws_odd)
    assert rows == _stored(ws_plain)
    # accented place names survive the encoding round trip
    assert any(r[5] in ("Ségou", "Djenné", "Ménaka", "Sévaré", "Léré") for r in rows)
    assert not any("\r" in str(r[7]) for r in rows)


def test_latin1_detected_beyond_the_first_block(tmp_path: Path, workspace: Workspace) -> None:
    # the first accented byte comes after 64 KiB: the importer must still switch to Latin-1
    f = write_acled_csv(tmp_path / "late.csv", 2000, seed=8, encoding="latin-1")
    data = f.path.read_bytes()
    head = data[: 1 << 16]
    assert head.decode("ascii", errors="replace") and b"\xe9" in data[1 << 16 :]
    report = import_events(workspace, f.path)
    assert report.rejected == 0 and report.accepted == 2000
    con = workspace.duckdb()
    places = {r[0] for r in con.execute("SELECT DISTINCT location FROM events").fetchall()}
    assert places & {"Ségou", "Djenné", "Ménaka", "Sévaré", "Léré"}


def test_bad_rows_go_to_quarantine_with_line_numbers(tmp_path: Path, workspace: Workspace) -> None:
    f = write_acled_csv(tmp_path / "bad.csv", 40, seed=3, bad_rows=True, truncate_last=True)
    report = import_events(workspace, f.path)
    assert report.read == f.rows == 45
    assert report.rejected == len(f.bad_lines) == 6
    assert report.accepted == report.read - 6
    assert report.quarantine_file is not None
    with open(report.quarantine_file, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    got = {int(r["line"]): r["reason"] for r in rows}
    assert set(got) == set(f.bad_lines)
    for line, expected in f.bad_lines.items():
        assert expected in got[line], (line, got[line])
    # the physical line really holds the rejected row
    lines = f.path.read_text(encoding="utf-8").split("\n")
    first = min(got)
    assert lines[first - 1].startswith(
        next(r["source_id"] for r in rows if r["line"] == str(first))
    )
    assert workspace.datasets("events")[0].rows_rejected == 6


def test_non_numeric_and_bad_coordinates_are_rejected(tmp_path: Path, workspace: Workspace) -> None:
    header = (
        "event_id_cnty,event_date,event_type,actor1,country,admin1,latitude,longitude,fatalities"
    )
    lines = [
        header,
        "MLI1,2020-01-05,Battles,Military Forces of Mali,Mali,Mopti,14.5,-4.1,3",
        "MLI2,2020-01-06,Battles,Military Forces of Mali,Mali,Mopti,14.5,-200,3",
        "MLI3,2020-01-07,Battles,Military Forces of Mali,Mali,Mopti,north,-4.1,3",
        "MLI4,2020-01-08,Battles,Military Forces of Mali,Mali,Mopti,14.5,-4.1,-2",
        "MLI5,2020-01-09,Battles,Military Forces of Mali,Mali,Mopti,14.5,-4.1,2.5",
        "MLI1,2020-01-10,Battles,Military Forces of Mali,Mali,Mopti,14.5,-4.1,1",
        "MLI7,05 January 2020,Battles,Military Forces of Mali,Mali,Mopti,,,0",
        "MLI8,2020-01-11,Battles,Military Forces of Niger,Niger,Tillaberi,14.0,1.0,1",
    ]
    path = tmp_path / "small.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_events(workspace, path)
    assert (report.read, report.accepted, report.rejected) == (8, 2, 6)
    with open(str(report.quarantine_file), encoding="utf-8") as fh:
        got = {int(r["line"]): r["reason"] for r in csv.DictReader(fh)}
    assert got[3] == "longitude outside -180..180"
    assert got[4] == "latitude is not a number"
    assert got[5].startswith("fatalities") and got[6].startswith("fatalities")
    assert got[7].startswith("duplicate event id")
    assert got[9] == "event in another country"
    keys = [r[0] for r in _stored(workspace)]
    assert keys == ["acled:MLI1", "acled:MLI7"]  # the old date format is read too


def test_missing_columns_is_one_error_and_writes_nothing(
    tmp_path: Path, workspace: Workspace
) -> None:
    path = tmp_path / "short.csv"
    path.write_text("event_id_cnty,event_date,event_type\nMLI1,2020-01-01,Battles\n")
    with pytest.raises(InputError, match=r"missing required ACLED column.*fatalities"):
        import_events(workspace, path, "acled")
    assert workspace.current_file("events") is None
    assert workspace.datasets() == []
    assert list(workspace.quarantine_dir.iterdir()) == []


def test_unknown_file_is_a_clear_error(tmp_path: Path, workspace: Workspace) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match="cannot tell the source"):
        import_events(workspace, path)
    with pytest.raises(InputError, match="no such file"):
        import_events(workspace, tmp_path / "absent.csv")


def test_legacy_export_uses_the_documented_civilian_rule(
    tmp_path: Path, workspace: Workspace
) -> None:
    f = write_acled_csv(tmp_path / "legacy.csv", 500, seed=11, legacy=True)
    report = import_events(workspace, f.path)
    assert report.accepted == 500
    con = workspace.duckdb()
    wrong = con.execute(
        "SELECT count(*) FROM events WHERE civilian_targeting <> ("
        "event_type = 'Violence against civilians' OR (event_type = "
        "'Explosions/Remote violence' AND actor2_category = 'Civilians'))"
    ).fetchone()
    assert wrong == (0,)
    n_civ, civ_fat, all_fat = con.execute(
        "SELECT count(*) FILTER (WHERE civilian_targeting), sum(civilian_fatalities), "
        "sum(fatalities) FILTER (WHERE civilian_targeting) FROM events"
    ).fetchone()  # type: ignore[misc]
    assert n_civ > 0 and civ_fat == all_fat
