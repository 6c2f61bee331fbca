"""Deployment against threat: troop shares by region group against civilian fatalities."""

from __future__ import annotations

from pathlib import Path

import pytest

from peaceops.errors import NotFoundError
from peaceops.planning.alignment import alignment
from peaceops.planning.deployments import import_deployments
from peaceops.workspace import Workspace

from .test_geopko import HEADER


def _fixture_csv(tmp_path: Path) -> Path:
    path = tmp_path / "front.csv"
    path.write_text(
        HEADER
        # Gao by name, Tessalit by the known-site list, a made-up site near Sikasso by the
        # nearest regional capital, Mopti/Sevare by the admin1 name it contains
        + "MINUSMA,2019,Mali,Gao,16.27,-0.04,0,600,0,0,0,0,0,0,600\n"
        + "MINUSMA,2019,Mali,Tessalit,20.2,1.01,0,200,0,0,0,0,0,0,200\n"
        + "MINUSMA,2019,Mali,Camp Zeta,11.4,-5.6,0,100,0,0,0,0,0,0,100\n"
        + "MINUSMA,2019,Mali,Mopti/Sevare,14.53,-4.09,0,100,0,0,0,0,0,0,100\n"
        + "MINUSMA,2018,Mali,Gao,16.27,-0.04,0,900,0,0,0,0,0,0,900\n",
        encoding="utf-8",
    )
    return path


def test_troop_shares_without_events(workspace: Workspace, tmp_path: Path) -> None:
    result = alignment(workspace, "MINUSMA", 2019, _fixture_csv(tmp_path))
    rows = {r.region: r for r in result.rows}
    # Geo-PKO's estimates (1,000 in all) are shares of the 2019 ceiling of 13,289 troops
    assert rows["north"].troop_share == pytest.approx(0.8, abs=1e-3)
    assert rows["north"].troops == pytest.approx(0.8 * 13289, abs=2)
    assert rows["centre"].troops == pytest.approx(0.1 * 13289, abs=1)
    assert result.strength == 13289 and "authorised ceiling" in result.strength_basis
    assert "S/RES/2480 (2019)" in result.strength_basis
    assert result.notes[0].startswith("Troops: Geo-PKO location estimates (summing to 1,000)")
    assert all(r.fatality_share is None for r in result.rows)
    assert any("No events" in n for n in result.notes)
    how = {loc.location: (loc.admin1, loc.placement) for loc in result.locations}
    assert how["Tessalit"] == ("Kidal", "known")
    assert how["Camp Zeta"] == ("Sikasso", "nearest")
    assert how["Mopti/Sevare"] == ("Mopti", "known")  # Sevare is on the known-site list
    assert how["Gao"] == ("Gao", "contains")
    assert "Cil, D., Fjelde" in result.sources[0]


def test_from_imported_deployments_and_unknown_year(workspace: Workspace, tmp_path: Path) -> None:
    summary = import_deployments(workspace, _fixture_csv(tmp_path))
    assert summary["location-years"] == 5
    assert workspace.datasets("deployments")[-1].citation.startswith("Geo-PKO v2.3")
    # 2018: the ceiling set in S/RES/2295 (2016) is in force
    assert alignment(workspace, "MINUSMA", 2018).rows[0].troops == 13289
    with pytest.raises(NotFoundError, match="no MINUSMA deployments in 2012"):
        alignment(workspace, "MINUSMA", 2012)


def test_real_2019_centre_underserved(workspace: Workspace, shared_data: Path) -> None:
    from peaceops.events.geography import import_boundaries
    from peaceops.events.importer import import_events

    import_events(workspace, shared_data / "acled_mali_smose94" / "Processed_Acled_Mali.csv")
    import_boundaries(
        workspace, shared_data / "mali_admin_ocha_codab" / "mli_adm1_regions.geojson", 1
    )
    result = alignment(
        workspace, "MINUSMA", 2019, shared_data / "geopko_deployments" / "FrontMap_v.2.3.csv"
    )
    rows = {r.region: r for r in result.rows}
    # most troops sit in the north while most civilian deaths occur in the centre
    assert rows["north"].troop_share > 0.6
    assert rows["centre"].fatality_share is not None and rows["centre"].fatality_share > 0.6
    assert rows["centre"].difference is not None and rows["centre"].difference < -0.3
    assert all(loc.placement == "point" for loc in result.locations)
    assert sum(r.troop_share for r in result.rows) == pytest.approx(1.0)


def test_a_stated_strength_with_its_source(workspace: Workspace, tmp_path: Path) -> None:
    from peaceops.errors import InputError

    csv = _fixture_csv(tmp_path)
    result = alignment(
        workspace, "MINUSMA", 2019, csv, strength=12000, strength_source="a note for this test"
    )
    rows = {r.region: r for r in result.rows}
    assert rows["north"].troops == pytest.approx(9600)
    assert result.strength_basis == "deployed figure from a note for this test"
    assert not any(n.startswith("Warning") for n in result.notes)
    over = alignment(workspace, "MINUSMA", 2019, csv, strength=15000, strength_source="a test")
    assert any(
        n.startswith("Warning: the stated strength of 15,000 troops is above the authorised")
        for n in over.notes
    )
    with pytest.raises(InputError, match="needs its source"):
        alignment(workspace, "MINUSMA", 2019, csv, strength=12000)


def test_no_ceiling_known_keeps_estimates_and_says_so(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "front.csv"
    path.write_text(HEADER + "UNTEST,2019,Mali,Gao,16.27,-0.04,0,600,0,0,0,0,0,0,600\n")
    result = alignment(workspace, "UNTEST", 2019, path)
    assert result.strength is None and result.rows[0].troops == 600
    assert "estimates, not a count" in result.notes[0]
