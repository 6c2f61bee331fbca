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
    # no ceiling is known for the made-up mission M: a deployed figure with its source
    with pytest.raises(InputError, match="no authorised ceiling known for M in 2019"):
        capacity_from_geopko({"mission": "M", "years": [2019, 2020]}, 3, path)
    with pytest.raises(InputError, match="needs 'strength_source'"):
        capacity_from_geopko({"mission": "M", "year": 2019, "strength": 2000}, 3, path)
    cap, note = capacity_from_geopko(
        {
            "mission": "M",
            "years": [2019, 2020],
            "fraction": 0.5,
            "strength": 2000,
            "strength_source": "a fact sheet written for this test",
        },
        3,
        path,
    )
    # 2,000 x 0.5 each year; Geo-PKO's sums (3,005 and 1,500) are named but not used as counts
    assert cap == (1000.0, 1000.0, 1000.0)
    assert "2,000 (deployed figure from a fact sheet written for this test)" in note
    assert "3,005" in note and "1,500" in note and "Warning" not in note
    with pytest.raises(InputError, match="no M deployments in 2031"):
        capacity_from_geopko({"mission": "M", "year": 2031}, 3, path)


def test_strength_above_the_ceiling_warns(tmp_path: Path) -> None:
    path = tmp_path / "front.csv"
    path.write_text(HEADER + "MINUSMA,2019,X,Gao,16.0,-0.04,0,5000,0,0,0,0,0,0,5000\n")
    spec = {"mission": "MINUSMA", "year": 2019, "strength": 15000, "strength_source": "a test"}
    cap, note = capacity_from_geopko(spec, 1, path)
    assert cap == (15000.0,)
    assert "Warning: the stated strength of 15,000 troops is above the authorised ceiling" in note
    assert "13,289" in note
    cap, note = capacity_from_geopko({"mission": "MINUSMA", "year": 2019}, 1, path)
    assert cap == (13280.0,) and "authorised ceiling" in note and "Warning" not in note
