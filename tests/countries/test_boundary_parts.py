"""Boundary layers made of country parts: importing one country's admin1 file replaces that
country's part of the level and keeps the other countries' polygons. Fixtures are squares the
tests draw (1 degree each), placed inside each country's real bounding box."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.errors import InputError
from peaceops.events.geography import import_boundaries
from peaceops.events.importer import import_events
from peaceops.events.schema import EVENTS_SLOT
from peaceops.geo.boundaries import boundary_records, boundary_slot
from peaceops.reports.context_charts import boundary_sources
from peaceops.sqltext import sql_literal
from peaceops.workspace import Workspace

# (P-code, name, lon, lat of the square's south-west corner)
MALI = [("ML05", "Mopti", -4.5, 14.0), ("ML06", "Tombouctou", -3.0, 16.0)]
BURKINA = [("BF56", "Sahel", -0.5, 13.5), ("BF54", "Nord", -2.5, 13.0)]
NIGER = [("NE006", "Tillabéri", 1.0, 13.5)]

EVENTS = [
    ("M1", "Mali", "Mopti", 14.5, -4.0),
    ("M2", "Mali", "Tombouctou", 16.5, -2.5),
    ("B1", "Burkina Faso", "Sahel", 14.0, 0.0),
    ("B2", "Burkina Faso", "Nord", 13.5, -2.0),
    ("N1", "Niger", "Tillaberi", 14.0, 1.5),
]


def _square(x: float, y: float) -> list[list[list[float]]]:
    return [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]]


def _layer(path: Path, areas: list[tuple[str, str, float, float]], adm0: str | None) -> Path:
    features = []
    for code, name, x, y in areas:
        props: dict[str, Any] = {"ADM1_PCODE": code, "ADM1_FR": name}
        if adm0 is not None:
            props["ADM0_PCODE"] = adm0
        geometry = {"type": "Polygon", "coordinates": _square(x, y)}
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    collection = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def _events(path: Path) -> Path:
    header = "event_id_cnty,event_date,event_type,actor1,country,admin1,latitude,longitude,"
    rows = [f"{i},2020-01-05,Battles,A,{c},{a},{lat},{lon},1" for i, c, a, lat, lon in EVENTS]
    path.write_text("\n".join([header + "fatalities", *rows]) + "\n", encoding="utf-8")
    return path


def _query(ws: Workspace, slot: str, sql: str) -> list[tuple[Any, ...]]:
    path = ws.current_file(slot)
    assert path is not None
    con = duckdb.connect()
    try:
        con.execute(f"CREATE VIEW t AS SELECT * FROM read_parquet({sql_literal(str(path))})")
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _placement(ws: Workspace) -> dict[str, tuple[str, str]]:
    rows = _query(ws, EVENTS_SLOT, "SELECT source_id, admin1_pcode, placement FROM t")
    return {str(i): (str(p), str(how)) for i, p, how in rows}


@pytest.fixture
def sahel(tmp_path: Path) -> Workspace:
    ws = Workspace.create(tmp_path / "ws", country="MLI,BFA,NER")
    import_events(ws, _events(tmp_path / "events.csv"))
    return ws


def test_each_country_file_adds_its_part_and_keeps_the_others(
    tmp_path: Path, sahel: Workspace
) -> None:
    mali = _layer(tmp_path / "mli_adm1.geojson", MALI, None)  # country from the P-codes
    burkina = _layer(tmp_path / "bfa_adm1.geojson", BURKINA, "BF")  # from ADM0_PCODE
    first = import_boundaries(sahel, mali, 1)
    assert (first["countries"], first["features"], first["layer_features"]) == (["MLI"], 2, 2)
    second = import_boundaries(sahel, burkina, 1)
    assert (second["countries"], second["layer_features"], second["unchanged"]) == (
        ["BFA"],
        4,
        False,
    )
    layer = _query(sahel, boundary_slot(1), "SELECT iso3, pcode FROM t")
    assert layer == [("MLI", "ML05"), ("MLI", "ML06"), ("BFA", "BF56"), ("BFA", "BF54")]
    # Mali's events stay placed in Mali's squares, Burkina's now in theirs; Niger has no
    # polygon, so its event is placed by the source's admin1 name
    assert _placement(sahel) == {
        "M1": ("ML05", "point"),
        "M2": ("ML06", "point"),
        "B1": ("BF56", "point"),
        "B2": ("BF54", "point"),
        "N1": ("NE006", "source"),
    }
    # one citation a country part, each naming its own file
    cites = boundary_sources(sahel, 1)
    assert len(cites) == 2
    assert "mli_adm1.geojson" in cites[0] and "MLI" in cites[0]
    assert "bfa_adm1.geojson" in cites[1] and "BFA" in cites[1]


def test_importing_the_same_file_twice_changes_nothing(tmp_path: Path, sahel: Workspace) -> None:
    mali = _layer(tmp_path / "mli_adm1.geojson", MALI, "MLI")
    burkina = _layer(tmp_path / "bfa_adm1.geojson", BURKINA, None)
    import_boundaries(sahel, mali, 1)
    import_boundaries(sahel, burkina, 1)
    layer_file = sahel.current_file(boundary_slot(1))
    events_file = sahel.current_file(EVENTS_SLOT)
    records = len(sahel.datasets("boundaries"))
    for path in (mali, burkina):
        again = import_boundaries(sahel, path, 1)
        assert (again["unchanged"], again["placement"]) == (True, {})
    assert sahel.current_file(boundary_slot(1)) == layer_file
    assert sahel.current_file(EVENTS_SLOT) == events_file
    assert len(sahel.datasets("boundaries")) == records


def test_a_revised_country_file_replaces_only_that_part(tmp_path: Path, sahel: Workspace) -> None:
    import_boundaries(sahel, _layer(tmp_path / "mli.geojson", MALI, None), 1)
    import_boundaries(sahel, _layer(tmp_path / "bfa.geojson", BURKINA, None), 1)
    # the revised Burkina file drops Nord: B2 falls back to its admin1 name
    report = import_boundaries(sahel, _layer(tmp_path / "bfa2.geojson", BURKINA[:1], None), 1)
    assert report["layer_features"] == 3
    layer = _query(sahel, boundary_slot(1), "SELECT iso3, pcode FROM t")
    assert layer == [("MLI", "ML05"), ("MLI", "ML06"), ("BFA", "BF56")]
    placed = _placement(sahel)
    assert placed["B2"] == ("BF54", "source")
    assert placed["M2"] == ("ML06", "point")
    assert [r.file_name for r in boundary_records(sahel, 1)] == ["mli.geojson", "bfa2.geojson"]


def test_a_regional_file_replaces_every_part_it_covers(tmp_path: Path, sahel: Workspace) -> None:
    import_boundaries(sahel, _layer(tmp_path / "bfa.geojson", BURKINA, None), 1)
    regional = _layer(tmp_path / "wca.geojson", [*NIGER, *MALI[:1], *BURKINA[:1]], None)
    report = import_boundaries(sahel, regional, 1)
    # workspace order, file order within a country
    assert report["countries"] == ["MLI", "BFA", "NER"]
    layer = _query(sahel, boundary_slot(1), "SELECT iso3, pcode FROM t")
    assert layer == [("MLI", "ML05"), ("BFA", "BF56"), ("NER", "NE006")]
    assert [r.file_name for r in boundary_records(sahel, 1)] == ["wca.geojson"]
    assert _placement(sahel)["N1"] == ("NE006", "point")


def test_the_country_given_or_refused(tmp_path: Path, sahel: Workspace) -> None:
    odd = [("X01", "Somewhere", 1.0, 13.5)]  # a P-code of no workspace country
    path = _layer(tmp_path / "odd.geojson", odd, None)
    with pytest.raises(InputError, match="cannot tell which country feature X01"):
        import_boundaries(sahel, path, 1)
    with pytest.raises(InputError, match="is not a country of this workspace"):
        import_boundaries(sahel, path, 1, country="TCD")
    mali = _layer(tmp_path / "mli.geojson", MALI, None)
    with pytest.raises(InputError, match="feature ML05 is in MLI, not NER \\(the country given\\)"):
        import_boundaries(sahel, mali, 1, country="NER")
    assert sahel.current_file(boundary_slot(1)) is None  # nothing stored by a refusal
    report = import_boundaries(sahel, path, 1, country="ner")
    assert report["countries"] == ["NER"]


def test_one_country_workspace_and_a_layer_stored_before_parts(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "mali", country="MLI")
    odd = _layer(tmp_path / "odd.geojson", [("X01", "Mopti", -4.5, 14.0)], None)
    assert import_boundaries(ws, odd, 1)["countries"] == ["MLI"]  # the only country
    # a layer written before layers had an iso3 column: its features get their country
    # from their P-codes, so adding a country keeps them
    ws2 = Workspace.create(tmp_path / "sahel", country="MLI,BFA")
    import_boundaries(ws2, _layer(tmp_path / "mli.geojson", MALI, None), 1)
    current = ws2.current_file(boundary_slot(1))
    assert current is not None
    staged = ws2.staging_file(boundary_slot(1))
    pq.write_table(pq.read_table(current).drop_columns(["iso3"]), staged)
    ws2.publish(boundary_slot(1), staged)
    report = import_boundaries(ws2, _layer(tmp_path / "bfa.geojson", BURKINA, None), 1)
    assert report["layer_features"] == 4
    layer = _query(ws2, boundary_slot(1), "SELECT iso3, pcode FROM t ORDER BY pcode")
    assert layer == [("BFA", "BF54"), ("BFA", "BF56"), ("MLI", "ML05"), ("MLI", "ML06")]


def test_cli_country_option_and_outputs(tmp_path: Path, sahel: Workspace) -> None:
    path = _layer(tmp_path / "ner_adm1.geojson", [("Z1", "Tillabéri", 1.0, 13.5)], None)
    args = ["boundaries", "import", str(path), "--level", "1", "--country", "NER"]
    runner = CliRunner()
    result = runner.invoke(app, [*args, "-w", str(sahel.root), "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["countries"], report["features"], report["unchanged"]) == (["NER"], 1, False)
    assert report["placement"]["point"] == 1
    again = runner.invoke(app, [*args, "-w", str(sahel.root)])
    assert again.exit_code == 0, again.output
    assert "Unchanged: admin1 of NER already holds ner_adm1.geojson" in again.output
    bad = runner.invoke(app, [*args[:-1], "TCD", "-w", str(sahel.root)])
    assert bad.exit_code != 0
    assert "TCD is not a country of this workspace" in bad.output
    assert "Traceback" not in bad.output
