"""Boundaries in several formats, point and name placement, the gazetteer."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import shapely

from peaceops.errors import InputError
from peaceops.events.geography import import_boundaries, import_gazetteer
from peaceops.events.importer import import_events
from peaceops.geo.boundaries import read_boundary_file
from peaceops.geo.placement import Placer, locate_points
from peaceops.workspace import Workspace

CODAB = "mali_admin_ocha_codab"


def _boxes_geojson(path: Path) -> Path:
    """Two made-up regions with HDX-style column names."""
    feats = [
        {"type": "Feature", "properties": {"ADM1_PCODE": "XX01", "ADM1_EN": "Ségou"},
         "geometry": shapely.geometry.mapping(shapely.box(-7.0, 12.0, -4.0, 15.0))},
        {"type": "Feature", "properties": {"ADM1_PCODE": "XX02", "ADM1_EN": "Koulikouro"},
         "geometry": shapely.geometry.mapping(shapely.box(-10.0, 12.0, -7.0, 15.0))},
    ]  # fmt: skip
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}))
    return path


def test_hdx_columns_and_canonical_names(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws", country="MLI")
    table = read_boundary_file(
        _boxes_geojson(tmp_path / "b.geojson"), 1, canonical=ws.config.canonical_admin1
    )
    assert table.column("pcode").to_pylist() == ["XX01", "XX02"]
    assert table.column("name").to_pylist() == ["Segou", "Koulikoro"]
    assert table.column("name_source").to_pylist() == ["Ségou", "Koulikouro"]


def test_point_then_name_then_source_placement(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws", country="MLI")
    import_boundaries(ws, _boxes_geojson(tmp_path / "b.geojson"), 1)
    placer = Placer.for_workspace(ws)
    placed = placer.place(
        np.array([13.0, np.nan, 20.0, np.nan, np.nan]),
        np.array([-5.0, np.nan, 0.0, np.nan, np.nan]),
        [None, "KOULIKORO", "Ségou", "Gao", None],
        [None, None, None, None, None],
        [None, None, None, None, None],
    )
    assert placed.placement.to_list() == ["point", "name", "name", "source", "unplaced"]
    assert placed.admin1_pcode.to_list() == ["XX01", "XX02", "XX01", "ML07", None]
    assert placed.admin1_name.to_list() == ["Segou", "Koulikoro", "Segou", "Gao", None]
    assert placed.counts == {"point": 1, "name": 2, "source": 1, "unplaced": 1}


def test_locate_points_on_real_communes(shared_data: Path) -> None:
    table = read_boundary_file(shared_data / CODAB / "mli_adm3_communes.geojson", 3)
    geoms = shapely.from_wkb(table.column("geometry").to_numpy(zero_copy_only=False))
    assert len(geoms) == 701
    rng = np.random.default_rng(0)
    x = rng.uniform(-12.0, 4.0, 3000)
    y = rng.uniform(10.0, 25.0, 3000)
    got = locate_points(geoms, x, y)
    # the same answer as shapely's own (slower) containment test, point by point
    expected = np.full(3000, -1)
    for i, g in enumerate(geoms):
        inside = shapely.contains_xy(g, x, y) & (expected < 0)
        expected[inside] = i
    assert (got == expected).all()
    assert (got >= 0).sum() > 1000


def test_shapefile_and_geopackage_and_layer_errors(tmp_path: Path, shared_data: Path) -> None:
    shp = next((shared_data / CODAB / "shapefiles").glob("*adm2*/*.shp"))
    table = read_boundary_file(shp, 2)
    assert table.num_rows == 50
    assert set(table.column("admin1_pcode").to_pylist()) >= {"ML05", "ML07"}
    with pytest.raises(InputError, match="level"):
        read_boundary_file(shp, 4)
    gpkg = shared_data / CODAB / "mali.gpkg"
    with pytest.raises(InputError, match="no layer 'nope'"):
        read_boundary_file(gpkg, 1, layer="nope")
    with pytest.raises(InputError, match="must be polygons"):
        read_boundary_file(gpkg, 2, layer="settlements")


def test_gazetteer_places_events_without_coordinates(tmp_path: Path, shared_data: Path) -> None:
    ws = Workspace.create(tmp_path / "ws", country="MLI")
    import_boundaries(ws, shared_data / CODAB / "mli_adm1_regions.geojson", 1)
    import_boundaries(ws, shared_data / CODAB / "mli_adm2_cercles.geojson", 2)
    path = tmp_path / "nocoords.csv"
    header = (
        "event_id_cnty,event_date,event_type,actor1,country,admin1,admin2,location,"
        "latitude,longitude,fatalities"
    )
    path.write_text(
        "\n".join(
            [
                header,
                "MLI1,2020-01-05,Battles,A,Mali,Mopti,,Ogossagou,,,3",
                "MLI2,2020-01-06,Battles,A,Mali,Mopti,Bankass,,,,1",
                "MLI3,2020-01-07,Battles,A,Mali,Menaka,,Nowhere-at-all,,,1",
                "MLI4,2020-01-08,Battles,A,Mali,Mopti,,Boni,,,1",
            ]
        )
        + "\n"
    )
    before = import_events(ws, path)
    assert (before.placed_name, before.placed_source) == (3, 1)
    out = import_gazetteer(ws, shared_data / CODAB / "settlements.csv")
    assert out["places"] > 18000
    (record,) = ws.datasets("gazetteer")  # cited by its publisher, not by what it is
    assert record.source == "OCHA" and record.cite().startswith("OCHA, file settlements.csv")
    con = ws.duckdb()
    got = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT source_id, placement, admin1_pcode, admin1_name, admin2_name FROM events"
        ).fetchall()
    }
    # the 2015 gazetteer has two places called Ogossagou, both in Bandiagara cercle
    assert got["MLI1"] == ("name", "ML05", "Mopti", "Bandiagara")
    # two places called Boni in different cercles: ambiguous, only the region is known
    assert got["MLI4"] == ("name", "ML05", "Mopti", None)
    assert got["MLI2"] == ("name", "ML05", "Mopti", "Bankass")
    # Menaka is not in the 2015 boundaries: the source's own name, canonicalised
    assert got["MLI3"] == ("source", "ML10", "Menaka", None)
