"""The published ACLED export for Mali and the OCHA boundaries, read from ../shared/data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.events.geography import import_boundaries
from peaceops.events.importer import import_events
from peaceops.workspace import Workspace

pytestmark = pytest.mark.realdata

ACLED = "acled_mali_smose94/Processed_Acled_Mali.csv"
CODAB = "mali_admin_ocha_codab"


def test_real_acled_imports_every_row(workspace: Workspace, shared_data: Path) -> None:
    report = import_events(workspace, shared_data / ACLED)
    assert report.source == "acled"
    assert (report.read, report.accepted, report.rejected) == (4318, 4318, 0)
    assert report.inserted == 4318
    # no boundaries yet: every event keeps the source's admin1, canonicalised
    assert report.placed_source == 4318
    con = workspace.duckdb()
    by_year = dict(con.execute("SELECT year, sum(fatalities) FROM events GROUP BY 1").fetchall())
    # the published facts: 2018 about twice 2013, a dip in 2014
    assert 1.6 < by_year[2018] / by_year[2013] < 2.4
    assert by_year[2014] < by_year[2013]
    civ = con.execute(
        "SELECT sum(civilian_fatalities) * 1.0 / sum(fatalities) FROM events WHERE year = 2019"
    ).fetchone()
    assert civ is not None and civ[0] > 0.3
    # the unnamed pandas index column is not part of the stored row
    raw = con.execute("SELECT raw FROM events LIMIT 1").fetchone()
    assert raw is not None and "_index" not in json.loads(raw[0])
    assert set(json.loads(raw[0])) >= {"event_date", "inter1", "timestamp", "fatalities"}
    (record,) = workspace.datasets("events")
    assert record.rows_read == 4318 and record.sha256 and record.source == "ACLED"


def test_real_boundaries_place_events_by_point(workspace: Workspace, shared_data: Path) -> None:
    import_events(workspace, shared_data / ACLED)
    out = import_boundaries(workspace, shared_data / CODAB / "mli_adm1_regions.geojson", 1)
    import_boundaries(workspace, shared_data / CODAB / "mli_adm2_cercles.geojson", 2)
    assert out["features"] == 9
    assert out["placement"]["point"] > 4300
    con = workspace.duckdb()
    names = {r[0] for r in con.execute("SELECT DISTINCT admin1_name FROM events").fetchall()}
    # the 2015 file spells Koulikouro and has no Menaka: canonical names, no Menaka
    assert "Koulikoro" in names and "Koulikouro" not in names and "Menaka" not in names
    menaka = con.execute(
        "SELECT DISTINCT admin1_pcode FROM events WHERE admin1 = 'Menaka' AND placement = 'point'"
    ).fetchall()
    assert menaka == [("ML07",)]  # Gao, before Menaka was split from it
    boundaries = con.execute("SELECT pcode, name, name_source FROM boundaries_1").fetchall()
    assert ("ML02", "Koulikoro", "Koulikouro") in boundaries
    # Mopti town
    import numpy as np

    from peaceops.geo.placement import Placer

    placed = Placer.for_workspace(workspace).place(
        np.array([14.4843]), np.array([-4.1827]), [None], [None], [None]
    )
    assert placed.admin1_pcode.to_list() == ["ML05"]
    assert placed.admin1_name.to_list() == ["Mopti"]
    assert placed.admin2_pcode.to_list() == ["ML0501"]
    assert placed.placement.to_list() == ["point"]


def test_cli_import_json_keys(tmp_path: Path, shared_data: Path) -> None:
    runner = CliRunner()
    ws = tmp_path / "ws"
    assert runner.invoke(app, ["init", str(ws), "--country", "MLI"]).exit_code == 0
    args = ["events", "import", str(shared_data / ACLED), "--format", "json", "-w", str(ws)]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    for key in (
        "read",
        "accepted",
        "rejected",
        "inserted",
        "updated",
        "deleted",
        "unchanged",
        "quarantine_file",
        "placed_point",
        "placed_name",
        "placed_source",
        "unplaced",
    ):
        assert key in data
    assert data["inserted"] == 4318
    again = json.loads(runner.invoke(app, args).stdout)
    assert again["unchanged"] == 4318 and again["inserted"] == again["updated"] == 0


def test_cli_errors_and_boundaries(tmp_path: Path, shared_data: Path) -> None:
    runner = CliRunner()
    ws = tmp_path / "ws"
    runner.invoke(app, ["init", str(ws), "--country", "MLI"])
    missing = runner.invoke(app, ["events", "import", str(tmp_path / "nope.csv"), "-w", str(ws)])
    assert missing.exit_code == 1
    assert missing.stderr.strip().startswith("Error:") and "no such file" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("event_id_cnty,event_date\nMLI1,2020-01-01\n")
    short = runner.invoke(app, ["events", "import", str(bad), "-w", str(ws)])
    assert short.exit_code == 1 and "missing required ACLED column" in short.stderr
    regions = shared_data / CODAB / "mli_adm1_regions.geojson"
    out = runner.invoke(app, ["boundaries", "import", str(regions), "--level", "1", "-w", str(ws)])
    assert out.exit_code == 0 and "Stored 9 admin1 areas" in out.stdout
    info = runner.invoke(app, ["events", "info", "--format", "json", "-w", str(ws)])
    assert info.exit_code == 0
    data = json.loads(info.stdout)
    assert data["events"] == 0 and data["boundaries"] == [1]
    assert data["datasets"][0]["kind"] == "boundaries"
