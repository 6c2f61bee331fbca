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
