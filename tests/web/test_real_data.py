"""The dashboard on the published Mali data: ACLED events and OCHA boundaries."""

from __future__ import annotations

import csv
import io
import re
import warnings
from pathlib import Path

import pytest

from peaceops.events.geography import import_boundaries
from peaceops.events.importer import import_events
from peaceops.planning.deployments import import_deployments
from peaceops.web.app import create_app
from peaceops.workspace import Workspace

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.realdata


def test_real_mali_context_and_map(tmp_path: Path, shared_data: Path) -> None:
    ws = Workspace.create(tmp_path / "ws", country="MLI")
    admin = shared_data / "mali_admin_ocha_codab"
    import_boundaries(ws, admin / "mli_adm1_regions.geojson", 1)
    import_boundaries(ws, admin / "mli_adm2_cercles.geojson", 2)
    import_events(ws, shared_data / "acled_mali_smose94" / "Processed_Acled_Mali.csv")
    import_deployments(ws, shared_data / "geopko_deployments" / "FrontMap_v.2.3.csv")
    ws.close()
    with TestClient(create_app(tmp_path / "ws")) as client:
        data = client.get("/api/context").json()
        assert data["summary"]["events"] == 4318
        years = {r["period"]: r["fatalities"] for r in data["series"]}
        # The published record: 2018 roughly twice as deadly as 2013 (see the data README).
        assert 1.5 < years["2018"] / years["2013"] < 3
        areas = client.get("/api/context/areas?level=1").json()
        names = {a["name"] for a in areas}
        assert {"Mopti", "Gao", "Tombouctou", "Kidal"} <= names
        # The 2015 boundaries have no Ménaka or Taoudénit region (created in 2016, named in
        # ACLED's events): the filter offers the boundaries' nine areas only.
        page = client.get("/context")
        offered = page.text.split('label="Regions (admin1)">')[1].split("</optgroup>")[0]
        names = set(re.findall(r"<option[^>]*>([^<]+)</option>", offered))
        assert len(names) == 9 and {"Gao", "Mopti", "Bamako"} <= names
        assert not any(n.startswith(("M\u00e9naka", "Menaka", "Taoud")) for n in names)
        refused = client.get("/context?region=Taoudenit")
        assert refused.status_code == 400 and 'id="err-region"' in refused.text
        page = client.get("/context?level=2")
        assert page.status_code == 200
        assert "Cercles (admin2)" in page.text
        admin2 = client.get("/api/context/areas?level=2").json()
        map_svg = page.text.split('id="fig-map"')[1].split("</figure>")[0]
        assert map_svg.count("<path") >= len(admin2) > 40
        # The map cites both the events and the boundaries.
        assert "ACLED" in map_svg and "OCHA" in map_svg
        # Every chart's citation is whole, wrapped over lines, not cut with an ellipsis.
        for key in ("fig-fatalities", "fig-map"):
            svg = page.text.split(f'id="{key}"')[1].split("</figure>")[0]
            (subtitle,) = re.findall(r"aria-label=\"Subtitle text '([^\"]*)'\"", svg)
            assert "Data Project (ACLED); www.acleddata.com." in subtitle, key

        # An actor's events per year: 2020 (to 31 October) is marked partial on the chart.
        actor = client.get("/api/actors").json()["actors"][0]
        years = client.get(actor["url"]).text.split('id="fig-actor-years"')[1]
        years = years.split("</figure>")[0]
        assert "2020 (Jan\u2013Oct, partial): the data covers only part of the year" in years
        assert "2020 (Jan\u2013Oct, partial)" in years.split("<figcaption")[0]  # on the chart

        # Deployment against threat for the last year the events cover.
        al = client.get("/api/plan/alignment?mission=MINUSMA").json()
        assert al["year"] == 2020
        assert sum(r["troop_share"] for r in al["regions"]) == pytest.approx(1.0, abs=0.01)
        centre = next(r for r in al["regions"] if r["region"] == "centre")
        assert centre["fatality_share"] > centre["troop_share"]
        # The events end on 2020-10-31: the 2020 shares are a part-year's, and say so on the
        # table, on both charts and in their downloads; 2019 is a whole year.
        part = client.get("/plan/alignment?mission=MINUSMA&year=2020").text
        assert part.count("MINUSMA 2020 (Jan\u2013Oct, partial)") >= 3
        svg = part.split('id="fig-alignment"')[1].split("</figure>")[0]
        assert "2020 (Jan\u2013Oct, partial)" in svg
        page = client.get("/plan/alignment?mission=MINUSMA&year=2019")
        assert "partial" not in page.text
        assert page.status_code == 200 and page.text.count('<figure class="chart"') == 2
        # Its table and charts download for the year shown; real data: no label column.
        links = re.findall(r'href="(/download/alignment/[^"]+)"', page.text)
        assert len(links) == 2 + 2 * 3, links
        table = client.get("/download/alignment/regions.csv?mission=MINUSMA&year=2019")
        rows = list(csv.reader(io.StringIO(table.text)))
        shown = client.get("/api/plan/alignment?mission=MINUSMA&year=2019").json()["regions"]
        assert rows[0][0] == "region group"
        assert [(r[0], float(r[1])) for r in rows[1:-1]] == [
            (r["region"], r["troops"]) for r in shown
        ]
        assert rows[-1][0].startswith("Source: ") and "Geo-PKO" in rows[-1][0]
        png = next(h for h in links if ".png" in h).replace("&amp;", "&")
        assert client.get(png).content[:4] == b"\x89PNG"
        assert client.get("/download/alignment/regions.csv?year=1066").status_code == 400
        # Each region group has one colour on every page: the deployment map's circles and
        # the context page's bars by region group.
        on_map = _group_fills(page.text, "deployments", r"Region group: (\w+);")
        on_context = _group_fills(client.get("/context").text, "regions", r", (\w+): ")
        assert {"north", "centre"} <= set(on_map)
        assert all(on_map[g] == on_context[g] for g in on_map), (on_map, on_context)
        assert len(set(on_context.values())) == len(on_context)
        bad = client.get("/plan/alignment?mission=MINUSMA&year=1990")
        assert bad.status_code == 400 and 'id="err-year"' in bad.text


def _group_fills(page: str, figure: str, group: str) -> dict[str, str]:
    """Region group -> fill of the marks of a chart on a page (from each mark's tooltip)."""
    svg = page.split(f'id="fig-{figure}"')[1].split("</figure>")[0]
    fills: dict[str, set[str]] = {}
    for label, fill in re.findall(r'<path aria-label="([^"]*)"[^>]*?fill="([^"]+)"', svg):
        found = re.search(group, label)
        if found:
            fills.setdefault(found[1], set()).add(fill)
    assert all(len(f) == 1 for f in fills.values()), fills
    return {g: f.pop() for g, f in fills.items()}
