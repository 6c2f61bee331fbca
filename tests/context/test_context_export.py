"""The context as files other tools open: one Excel workbook, GeoJSON, GeoPackage, GeoParquet,
on the published Mali events and OCHA boundaries (read from ../shared/data, never copied)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pyogrio
import pytest
import shapely
from openpyxl import load_workbook
from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.events.geography import import_boundaries
from peaceops.events.importer import import_events
from peaceops.workspace import Workspace

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def mali(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Workspace:
    ws = Workspace.create(tmp_path_factory.mktemp("export") / "ws", country="MLI")
    codab = shared_data / "mali_admin_ocha_codab"
    import_boundaries(ws, codab / "mli_adm1_regions.geojson", 1)
    import_events(ws, shared_data / "acled_mali_smose94" / "Processed_Acled_Mali.csv")
    return ws


def _run(ws: Workspace, *args: str) -> str:
    result = CliRunner().invoke(app, ["context", "export", *args, "-w", str(ws.root)])
    assert result.exit_code == 0, result.output
    return result.output


def test_workbook_has_every_table_real_dates_number_formats_and_sources(
    mali: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "context.xlsx"
    _run(mali, "--format", "xlsx", "--out", str(out))
    book = load_workbook(out)
    assert {"by_year", "by_year_region", "admin1_totals", "sources"} <= set(book.sheetnames)
    sheet = book["by_year"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["period", "start", "end"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    # Known from the data: 2018 fatalities are about twice those of 2013.
    fat = header.index("fatalities")
    assert 1.6 < rows["2018"][fat] / rows["2013"][fat] < 2.4
    assert rows["2018"][1] == datetime(2018, 1, 1) and rows["2018"][2] == datetime(2018, 12, 31)
    # The export ends on 2020-10-31: 2020 ends there and says it is partial; 2018 is whole.
    assert rows["2020"][2] == datetime(2020, 10, 31)
    partial = header.index("partial")
    assert rows["2020"][partial] == "2020-01-01 to 2020-10-31" and not rows["2018"][partial]
    assert sheet.cell(2, fat + 1).number_format == "#,##0"
    share_col = [c.value for c in book["by_year_region"][1]].index("share") + 1
    assert book["by_year_region"].cell(2, share_col).number_format == "0.0%"
    sources = book["sources"]
    cited = [r for r in sources.iter_rows(min_row=2, values_only=True)]
    kinds = {r[0] for r in cited}
    assert {"events", "boundaries"} <= kinds
    assert any("ACLED" in str(r[-1]) and "accessed" in str(r[-1]) for r in cited)
    assert "data_label" not in header  # published data: no label


def test_geopackage_holds_areas_with_totals_and_events_as_points(
    mali: Workspace, tmp_path: Path, shared_data: Path
) -> None:
    out = tmp_path / "context.gpkg"
    _run(mali, "--format", "gpkg", "--out", str(out), "--from", "2019", "--to", "2019")
    layers = {str(name) for name, _ in pyogrio.list_layers(out)}
    assert layers == {"admin1", "events"}  # no admin2 boundaries in this workspace
    info = pyogrio.read_info(out, layer="events")
    assert info["crs"] == "EPSG:4326"
    meta, _, geometry, fields = pyogrio.raw.read(out, layer="events")
    names = list(meta["fields"])
    dates = fields[names.index("event_date")]
    assert min(dates) >= "2019-01-01" and max(dates) <= "2019-12-31"
    points = shapely.from_wkb(geometry)
    # Mali lies between about 12.5 W and 4.5 E, 10 N and 25 N.
    xs, ys = shapely.get_x(points), shapely.get_y(points)
    assert xs.min() > -13 and xs.max() < 5 and ys.min() > 9.5 and ys.max() < 25.5
    meta, _, geometry, fields = pyogrio.raw.read(out, layer="admin1")
    names = list(meta["fields"])
    fat = dict(zip(fields[names.index("name")], fields[names.index("fatalities")], strict=True))
    assert fat["Mopti"] > fat["Kayes"]  # the centre, not the west, in 2019
    # Every 2019 event is placed in a region: the areas add up to the file's own 2019 total.
    raw = pl.read_csv(
        shared_data / "acled_mali_smose94" / "Processed_Acled_Mali.csv", infer_schema_length=0
    )
    total = raw.filter(pl.col("year") == "2019")["fatalities"].cast(pl.Int64).sum()
    assert sum(int(v) for v in fat.values()) == total


def test_geojson_and_geoparquet_are_readable_with_their_metadata(
    mali: Workspace, tmp_path: Path
) -> None:
    gj = tmp_path / "areas.geojson"
    _run(mali, "--format", "geojson", "--out", str(gj))
    data = json.loads(gj.read_text("utf-8"))
    assert len(data["features"]) == 9  # the nine admin1 regions of the 2015 boundaries
    assert all(f["properties"]["fatalities"] >= 0 for f in data["features"])
    gp = tmp_path / "events.parquet"
    _run(mali, "--format", "geoparquet", "--layer", "events", "--out", str(gp))
    table = pq.read_table(gp)
    geo = json.loads(table.schema.metadata[b"geo"])
    assert geo["primary_column"] == "geometry"
    assert geo["columns"]["geometry"]["encoding"] == "WKB"
    assert geo["columns"]["geometry"]["geometry_types"] == ["Point"]
    assert table.num_rows > 4000
    first = shapely.from_wkb(table.column("geometry")[0].as_py())
    assert first.geom_type == "Point"


def test_bad_format_and_missing_boundaries_are_one_line(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "empty", country="MLI")
    result = CliRunner().invoke(
        app, ["context", "export", "-f", "shp", "--out", str(tmp_path / "x"), "-w", str(ws.root)]
    )
    assert result.exit_code == 1 and "--format" in result.output
    result = CliRunner().invoke(
        app,
        [
            "context",
            "export",
            "-f",
            "geojson",
            "--out",
            str(tmp_path / "x.geojson"),
            "-w",
            str(ws.root),
        ],
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error:") and result.output.count("\n") <= 2
    assert not (tmp_path / "x.geojson").exists()
