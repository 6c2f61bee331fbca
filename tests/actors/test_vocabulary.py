"""ACLED vintages: numeric inter codes and text actor types land in one vocabulary."""

from __future__ import annotations

from pathlib import Path

from peaceops.events.analysis import series
from peaceops.events.importer import import_events
from peaceops.events.schema import ACTOR_CATEGORIES, ACTOR_CATEGORY_TEXTS
from peaceops.workspace import Workspace

HEADER = (
    "event_id_cnty,event_date,event_type,actor1,inter1,actor2,inter2,country,admin1,"
    "latitude,longitude,fatalities"
)


def test_every_text_maps_into_the_code_vocabulary():
    assert set(ACTOR_CATEGORY_TEXTS.values()) <= set(ACTOR_CATEGORIES.values())


def test_codes_and_texts_of_two_vintages_are_one_category(tmp_path: Path, workspace: Workspace):
    rows = [
        "MLI1,2016-01-05,Battles,MNLA,2,Military Forces of Mali,1,Mali,Gao,16.3,-0.04,3",
        "MLI2,2021-01-05,Battles,CJA,Rebel group,Military Forces of Mali,State forces,Mali,Gao,"
        "16.3,-0.04,2",
        "MLI3,2021-02-05,Battles,CJA,Rebel groups,Military Forces of Mali,1,Mali,Gao,16.3,-0.04,1",
        "MLI4,2021-03-05,Explosions/Remote violence,JNIM,Political militia,Civilians (Mali),"
        "Civilians,Mali,Mopti,14.5,-4.1,4",
        "MLI5,2021-03-06,Battles,Dozo Militia,Communal militia,JNIM,3,Mali,Mopti,14.5,-4.1,1",
    ]
    path = tmp_path / "vintages.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    assert import_events(workspace, path).accepted == 5
    con = workspace.duckdb()
    got = dict(
        con.execute("SELECT source_id, actor1_category FROM events ORDER BY source_id").fetchall()
    )
    assert got == {
        "MLI1": "Rebel groups",
        "MLI2": "Rebel groups",
        "MLI3": "Rebel groups",
        "MLI4": "Political militias",
        "MLI5": "Identity militias",
    }
    # text "Civilians" as the target of remote violence is civilian targeting, like code 7
    civ = con.execute("SELECT source_id FROM events WHERE civilian_targeting").fetchall()
    assert civ == [("MLI4",)]
    actors = series(workspace, by="year", group="actor")
    assert set(actors.filter(actors["events"] > 0)["actor"]) == {
        "Rebel groups",
        "Political militias",
        "Identity militias",
    }
