"""Workspaces covering several countries: one ACLED export of the Sahel imported whole, each
event's country kept, placed by its admin1 name against the merged P-code lists."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from peaceops.demo.synthetic_sahel import write_sahel_acled_csv
from peaceops.events.importer import import_events
from peaceops.events.schema import EVENTS_SLOT
from peaceops.sqltext import sql_literal
from peaceops.workspace import Workspace

ROWS = 300  # events per country


@pytest.fixture
def sahel_file(tmp_path: Path) -> tuple[Path, pl.DataFrame]:
    path = tmp_path / "sahel.csv"
    return path, write_sahel_acled_csv(path, ROWS, seed=3, outside=25)


def _stored(ws: Workspace, sql: str) -> list[tuple[object, ...]]:
    path = ws.current_file(EVENTS_SLOT)
    assert path is not None
    con = duckdb.connect()
    try:
        con.execute(f"CREATE VIEW events AS SELECT * FROM read_parquet({sql_literal(str(path))})")
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_a_one_country_workspace_sets_the_other_countries_aside(
    tmp_path: Path, sahel_file: tuple[Path, pl.DataFrame]
) -> None:
    path, frame = sahel_file
    ws = Workspace.create(tmp_path / "mali", country="MLI")
    report = import_events(ws, path)
    assert report.accepted == ROWS
    # points beyond Mali's box (plus its 1-degree margin) are "far outside"; the other rows
    # of Burkina Faso, Niger and Chad are "in another country"
    x0, y0, x1, y1 = ws.config.bbox or (0, 0, 0, 0)
    others = frame.filter(pl.col("country") != "Mali")
    far = others.filter(
        ~pl.col("longitude").is_between(x0 - 1, x1 + 1)
        | ~pl.col("latitude").is_between(y0 - 1, y1 + 1)
    ).height
    assert 0 < far < others.height
    assert report.rejected_reasons == {
        "coordinates far outside the country": far,
        "event in another country": 2 * ROWS + 25 - far,
    }


def test_a_sahel_workspace_imports_its_three_countries(
    tmp_path: Path, sahel_file: tuple[Path, pl.DataFrame]
) -> None:
    path, frame = sahel_file
    ws = Workspace.create(tmp_path / "sahel", country="MLI,BFA,NER")
    report = import_events(ws, path)
    assert report.accepted == 3 * ROWS
    assert report.rejected_reasons == {"event in another country": 25}  # Chad
    per_country = dict(_stored(ws, "SELECT iso3, count(*) FROM events GROUP BY 1"))
    assert per_country == {"MLI": ROWS, "BFA": ROWS, "NER": ROWS}
    # no boundaries: placed by the source's admin1 name against the P-code list, whatever
    # the spelling ("Tillabéri", "Plateau Central")
    placed = dict(
        _stored(
            ws,
            "SELECT admin1_pcode, count(*) FROM events WHERE iso3 <> 'MLI' GROUP BY 1",
        )
    )
    expected = (
        frame.filter(pl.col("country") != "Mali", pl.col("country") != "Chad")
        .group_by("admin1")
        .len()
    )
    codes = {
        "Sahel": "BF56", "Nord": "BF54", "Centre-Nord": "BF49", "Centre Nord": "BF49",
        "Est": "BF52", "Boucle du Mouhoun": "BF46", "Plateau-Central": "BF55",
        "Plateau Central": "BF55", "Centre": "BF13", "Tillaberi": "NE006", "Tillabéri": "NE006",
        "Tahoua": "NE005", "Diffa": "NE002", "Maradi": "NE004", "Niamey": "NE008",
    }  # fmt: skip
    want: dict[str, int] = {}
    for name, n in expected.iter_rows():
        want[codes[name]] = want.get(codes[name], 0) + n
    assert placed == want
    assert report.placed_source == 3 * ROWS
    names = dict(_stored(ws, "SELECT DISTINCT admin1, admin1_name FROM events WHERE iso3='NER'"))
    assert names["Tillabéri"] == "Tillaberi"


def test_a_point_far_from_its_own_country_is_set_aside(tmp_path: Path) -> None:
    header = (
        "event_id_cnty,event_date,event_type,actor1,country,admin1,latitude,longitude,fatalities"
    )
    rows = [
        "BFA1,2020-01-05,Battles,A,Burkina Faso,Sahel,14.0,-0.3,1",
        # in Niger's Diffa region, but said to be in Burkina Faso: outside Burkina's box
        "BFA2,2020-01-06,Battles,A,Burkina Faso,Sahel,13.3,12.6,1",
        "NER1,2020-01-07,Battles,A,Niger,Diffa,13.3,12.6,1",
    ]
    path = tmp_path / "few.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "sahel", country="BFA,NER")
    report = import_events(ws, path)
    assert report.accepted == 2
    assert report.rejected_reasons == {"coordinates far outside the country": 1}
    assert sorted(_stored(ws, "SELECT source_id, iso3 FROM events")) == [
        ("BFA1", "BFA"),
        ("NER1", "NER"),
    ]


# -- analyses by country ----------------------------------------------------------------------


@pytest.fixture
def sahel_ws(tmp_path: Path, sahel_file: tuple[Path, pl.DataFrame]) -> Workspace:
    ws = Workspace.create(tmp_path / "sahel", country="MLI,BFA,NER", synthetic=True)
    import_events(ws, sahel_file[0])
    return ws


def _totals(frame: pl.DataFrame) -> dict[str, tuple[int, int]]:
    """Events and fatalities per country of the generated file, computed from the file."""
    kept = frame.filter(pl.col("country") != "Chad")
    rows = kept.group_by("country").agg(pl.len(), pl.col("fatalities").sum()).iter_rows()
    return {c: (int(n), int(f)) for c, n, f in rows}


def test_series_and_summary_by_country(
    sahel_ws: Workspace, sahel_file: tuple[Path, pl.DataFrame]
) -> None:
    from peaceops.events.analysis import breakdown, series, summary

    want = _totals(sahel_file[1])
    per = series(sahel_ws, by="year", group="country")
    assert per.get_column("country").unique(maintain_order=True).to_list() == [
        "Mali",
        "Burkina Faso",
        "Niger",
    ]
    got = {
        c: (int(e), int(f))
        for c, e, f in per.group_by("country")
        .agg(pl.col("events").sum(), pl.col("fatalities").sum())
        .iter_rows()
    }
    assert got == want
    head = summary(sahel_ws)
    assert {c: (e, f) for c, e, f in head.countries} == want
    assert [c for c, _e, _f in head.countries] == sorted(want, key=lambda c: -want[c][1])
    # a country is a region filter, by name or code
    for value in ("Niger", "ner"):
        niger = series(sahel_ws, by="year", regions=[value])
        assert int(niger.get_column("events").sum()) == want["Niger"][0]
    # region groups keep their country: Niger's Liptako-Gourma from the file's rows
    frame = sahel_file[1]
    lg = frame.filter(
        pl.col("country") == "Niger",
        pl.col("admin1").is_in(["Tillaberi", "Tillabéri", "Tahoua"]),
    )
    regions = dict(breakdown(sahel_ws, "region").select("region", "fatalities").iter_rows())
    assert regions["NER liptako-gourma"] == int(lg.get_column("fatalities").sum())
    assert "BFA north" in regions and "MLI north" in regions


def test_cli_and_web_offer_the_countries(sahel_ws: Workspace) -> None:
    import csv
    import io
    import warnings

    from typer.testing import CliRunner

    from peaceops.cli import app
    from peaceops.web.app import create_app

    runner = CliRunner()
    args = ["context", "series", "--group", "country", "-f", "csv", "-w", str(sahel_ws.root)]
    out = runner.invoke(app, args)
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.output)))
    assert {r["country"] for r in rows} == {"Mali", "Burkina Faso", "Niger"}
    text = runner.invoke(app, ["context", "summary", "-w", str(sahel_ws.root)]).output
    assert "Burkina Faso" in text and "country" in text

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient
    with TestClient(create_app(sahel_ws.root)) as client:
        page = client.get("/context").text
        assert '<optgroup label="Countries">' in page and "<option>Niger</option>" in page
        assert 'id="by-country"' in page
        data = client.get("/api/context?region=Niger").json()
        assert data["summary"]["countries"] == [
            {
                "country": "Niger",
                "events": data["summary"]["events"],
                "fatalities": data["summary"]["fatalities"],
            }
        ]
        assert "<option selected>Niger</option>" in client.get("/context?region=Niger").text
        overview = client.get("/").text
        assert "Mali, Burkina Faso and Niger" in overview


def test_ucdp_ged_rows_of_the_workspace_countries_are_kept(tmp_path: Path) -> None:
    header = "id,type_of_violence,side_a,side_b,date_start,country,adm_1,latitude,longitude,best"
    rows = [
        "1,1,Government of Mali,JNIM,2021-03-01,Mali,Mopti region,14.5,-4.2,3",
        "2,3,IS Sahel,Civilians,2021-03-02,Burkina Faso,Sahel region,14.0,-0.3,5",
        "3,1,Government of Niger,IS Sahel,2021-03-03,Niger,Tillabéri region,14.2,1.5,2",
        "4,1,Government of Chad,Boko Haram,2021-03-04,Chad,Lac region,13.4,14.3,4",
    ]
    path = tmp_path / "ged.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "ws", country="NER,BFA,MLI")
    report = import_events(ws, path)
    assert report.accepted == 3
    assert report.rejected_reasons == {"event in another country": 1}
    got = sorted(_stored(ws, "SELECT source_id, iso3, admin1_pcode FROM events"))
    assert got == [("1", "MLI", "ML05"), ("2", "BFA", "BF56"), ("3", "NER", "NE006")]


def test_one_boundary_file_for_the_region_places_points_in_each_country(tmp_path: Path) -> None:
    import json

    from peaceops.events.geography import import_boundaries

    def square(x: float, y: float) -> list[list[list[float]]]:
        return [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]]

    areas = [("ML05", "Mopti", -4.5, 14.0), ("BF56", "Sahel", -0.5, 13.5),
             ("NE006", "Tillabéri", 1.0, 13.5)]  # fmt: skip
    layer = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"ADM1_PCODE": code, "ADM1_FR": name},
                "geometry": {"type": "Polygon", "coordinates": square(x, y)},
            }
            for code, name, x, y in areas
        ],
    }
    (tmp_path / "wca_adm1.geojson").write_text(json.dumps(layer), encoding="utf-8")
    header = (
        "event_id_cnty,event_date,event_type,actor1,country,admin1,latitude,longitude,fatalities"
    )
    rows = [
        "MLI1,2020-01-05,Battles,A,Mali,Mopti,14.5,-4.0,1",
        "BFA1,2020-01-06,Battles,A,Burkina Faso,Sahel,14.0,0.0,1",
        "NER1,2020-01-07,Battles,A,Niger,Tillaberi,14.0,1.5,1",
        "NER2,2020-01-08,Battles,A,Niger,Diffa,13.3,12.6,1",  # outside the three areas
    ]
    path = tmp_path / "few.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "sahel", country="MLI,BFA,NER")
    import_boundaries(ws, tmp_path / "wca_adm1.geojson", 1)
    report = import_events(ws, path)
    assert (report.placed_point, report.placed_source) == (3, 1)
    got = sorted(_stored(ws, "SELECT source_id, iso3, admin1_pcode, admin1_name FROM events"))
    assert got == [
        ("BFA1", "BFA", "BF56", "Sahel"),
        ("MLI1", "MLI", "ML05", "Mopti"),
        ("NER1", "NER", "NE006", "Tillaberi"),
        ("NER2", "NER", "NE002", "Diffa"),
    ]
