"""The Geo-PKO FrontMap reader on the published table and on broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from peaceops.errors import InputError
from peaceops.planning.geopko import capacity_from_geopko, read_frontmap

HEADER = (
    "mission,year,country,location,latitude,longitude,Infantry,NoTroops,Reserve,hq,UNPOL,"
    "Med,Av,UNMO,ave.no.troops\n"
)


def test_real_minusma_table(shared_data: Path) -> None:
    table = read_frontmap(shared_data / "geopko_deployments" / "FrontMap_v.2.3.csv")
    assert table.rows_read > 8000
    assert table.years("MINUSMA")[0] == 2014
    deps = {d.location: d for d in table.for_mission("MINUSMA", 2019)}
    # several 2019 maps list Gao with 5,170-6,770 troops; the coded yearly average is 6,130
    assert deps["Gao"].troops == 6130
    assert deps["Gao"].maps >= 5
    assert {"Kidal", "Tessalit", "Mopti/Sevare", "Bamako"} <= set(deps)


def test_bad_rows_set_aside_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "front.csv"
    path.write_text(
        HEADER
        + "TESTMIS,2019,X,Alpha,16.0,-1.0,0,500,0,0,0,0,0,0,500\n"
        + "TESTMIS,2019,X,Beta,,-1.0,0,500,0,0,0,0,0,0,500\n"
        + "TESTMIS,2019,X,Gamma,15.0,-2.0,0,-3,0,0,0,0,0,0,\n"
        + "TESTMIS,20x9,X,Delta,15.0,-2.0,0,300,0,0,0,0,0,0,300\n"
        + "TESTMIS,2019,X,Alpha,16.0,-1.0,0,700,0,0,0,0,0,0,500\n",
        encoding="utf-8",
    )
    table = read_frontmap(path)
    assert [(r.line, r.reason.split()[0]) for r in table.rejected] == [
        (3, "coordinates"),
        (4, "negative"),
        (5, "year"),
    ]
    (alpha,) = table.for_mission("testmis", 2019)
    assert alpha.troops == 500 and alpha.maps == 2


def test_not_a_frontmap_file(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing columns: mission, year"):
        read_frontmap(path)


def test_capacity_from_geopko(tmp_path: Path) -> None:
    path = tmp_path / "front.csv"
    path.write_text(
        HEADER
        + "M,2019,X,A,16.0,-1.0,0,1000,0,0,0,0,0,0,1000\n"
        + "M,2019,X,B,15.0,-2.0,0,2005,0,0,0,0,0,0,2005\n"
        + "M,2020,X,A,16.0,-1.0,0,1500,0,0,0,0,0,0,1500\n",
        encoding="utf-8",
    )
    cap, note = capacity_from_geopko(
        {"mission": "M", "years": [2019, 2020], "fraction": 0.5}, 3, path
    )
    assert cap == (1500.0, 750.0, 750.0)  # 3,005 x 0.5 rounded down to tens; 2020 repeated
    assert "3,005" in note and "1,500" in note
    with pytest.raises(InputError, match="no M deployments in 2031"):
        capacity_from_geopko({"mission": "M", "year": 2031}, 3, path)
