"""Context charts and the context report: files written, sources cited, map drawn."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from context_fixtures import event
from PIL import Image

from peaceops.errors import NotFoundError
from peaceops.events.geography import import_boundaries
from peaceops.reports.context_charts import (
    boundary_features,
    context_chart,
    write_context_report,
)
from peaceops.reports.render import chart_png, chart_svg

ROWS = [
    event(date(2018, 1, 5), "Mopti", 10),
    event(date(2019, 2, 7), "Gao", 4),
    event(date(2019, 3, 9), "Mopti", 6, civilian=True),
]


def test_charts_cite_sources_and_render(with_events):
    ws = with_events(ROWS)
    for kind in ("fatalities", "civilian", "regions"):
        chart = context_chart(ws, kind)
        svg = chart_svg(chart)
        assert "Source: ACLED" in svg
        assert "fixture.csv" in svg
    png = Image.open(io.BytesIO(chart_png(context_chart(ws, "regions"))))
    assert png.width > 600 and png.height > 300
    spec = context_chart(ws, "civilian").to_dict()
    assert "Civilian fatalities from direct targeting per year" in json.dumps(spec)
    (values,) = spec["datasets"].values()
    assert [v["fatalities"] for v in values] == [0, 6]


def test_map_needs_boundaries(with_events):
    ws = with_events(ROWS)
    with pytest.raises(NotFoundError, match="no admin1 boundaries") as exc:
        context_chart(ws, "map")
    assert exc.value.remedy == "boundaries.import.admin1"


@pytest.mark.realdata
def test_map_on_real_boundaries(with_events, shared_data):
    ws = with_events(ROWS)
    boundaries = shared_data / "mali_admin_ocha_codab" / "mli_adm1_regions.geojson"
    import_boundaries(ws, boundaries, 1)
    features = boundary_features(ws, 1)
    assert len(features) == 9
    # exterior rings wound clockwise, as Vega's spherical geometry expects
    from shapely.geometry import shape

    mopti = next(f for f in features if f["properties"]["pcode"] == "ML05")
    ring = shape(mopti["geometry"])
    ring = ring.geoms[0] if hasattr(ring, "geoms") else ring
    assert not ring.exterior.is_ccw
    svg = chart_svg(context_chart(ws, "map"))
    assert "OCHA COD-AB" in svg and "Mopti 16" in svg
    assert len(svg) < 150_000  # simplified geometry keeps the SVG small


@pytest.mark.realdata
@pytest.mark.parametrize("level", [1, 2])
def test_map_frame_holds_the_whole_country_with_a_margin(with_events, shared_data, level):
    # Mali's borders along 25° N and 4.24° E are straight: fitted edge to edge they read as
    # if the map were cut. The projection fits a box wider than the country on every side.
    from shapely.geometry import shape

    ws = with_events(ROWS)
    codab = shared_data / "mali_admin_ocha_codab"
    import_boundaries(ws, codab / "mli_adm1_regions.geojson", 1)
    import_boundaries(ws, codab / "mli_adm2_cercles.geojson", 2)
    spec = context_chart(ws, "map", level=level).to_dict()
    x0, y0, x1, y1 = shape(spec["projection"]["fit"]["geometry"]).bounds
    assert x0 < -12.24 - 0.5 and x1 > 4.24 + 0.5 and y0 < 10.14 - 0.5 and y1 > 25.0 + 0.5
    shapes = spec["layer"][0] if "layer" in spec else spec  # admin1 adds a layer of labels
    legend = json.dumps(shapes["encoding"]["color"])
    assert "symmetric log scale" in legend and '"symlog"' in legend


def test_report_writes_tables_and_charts(with_events, tmp_path):
    ws = with_events(ROWS)
    paths = write_context_report(ws, tmp_path / "out")
    names = {p.name for p in paths}
    assert {"fatalities.svg", "fatalities.png", "regions.png", "civilian.svg"} <= names
    assert "map.svg" not in names  # no boundaries loaded
    assert {"regions_per_year.csv", "regions_per_year.xlsx", "alerts.csv"} <= names
    assert all(p.stat().st_size > 0 for p in paths)
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["fatalities"] == 20
    # The events end on 2019-03-09: the yearly table says 2019 is partial.
    table = (tmp_path / "out" / "fatalities_per_year.csv").read_text().splitlines()
    assert table[0] == "period,events,fatalities,partial"
    assert "2019,2,10,2019-01-01 to 2019-03-09" in table


def test_synthetic_workspace_charts_say_so(tmp_path):
    from context_fixtures import publish_events

    from peaceops.workspace import Workspace

    ws = Workspace.create(tmp_path / "syn", country="MLI", synthetic=True)
    publish_events(ws, ROWS)
    spec = json.dumps(context_chart(ws, "fatalities").to_dict())
    assert "SYNTHETIC DATA: Fatalities per year" in spec


def test_a_long_citation_is_wrapped_whole_and_typed_text_stays_bounded():
    import altair as alt

    from peaceops.reports.render import with_sources

    chart = alt.Chart({"values": [{"x": 1}]}).mark_point().encode(x="x:Q")
    citation = "ACLED, file a.csv (sha256 0123456789ab), accessed 2020-11-02. " + "word " * 40
    lines = with_sources(chart, [citation]).to_dict()["title"]["subtitle"]
    assert len(lines) > 2 and all(len(line) <= 100 for line in lines)
    assert " ".join(lines) == "Source: " + " ".join(citation.split())
    typed = with_sources(chart, ["x" * 5000]).to_dict()["title"]["subtitle"]
    assert sum(len(line) for line in typed) < 700
