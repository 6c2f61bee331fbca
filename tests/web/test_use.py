"""What an analyst sees when a choice leaves a chart without data: a message, not an empty
frame, on every page that draws charts."""

from __future__ import annotations

import pytest


def _figure(page: str, key: str) -> str:
    return page.split(f'id="fig-{key}"')[1].split("</figure>")[0]


def test_a_chart_without_data_says_so(client) -> None:  # type: ignore[no-untyped-def]
    status = client.get("/api/framework/status?as_of=2018-01-15").json()
    latest = {i["id"]: i["latest"] for i in status["indicators"]}
    assert latest["I2"] is None and latest["I1"] is not None  # I2 is first observed later
    page = client.get("/framework?as_of=2018-01-15").text
    empty, drawn = _figure(page, "ind-I2"), _figure(page, "ind-I1")
    assert "No data for this selection" in empty and "<svg" not in empty
    assert "/download/framework/ind-I2" not in empty  # nothing to download either
    assert "<svg" in drawn and "No data for this selection" not in drawn
    # The same indicator on a later date is drawn.
    later = _figure(client.get("/framework?as_of=2019-09-30").text, "ind-I2")
    assert "<svg" in later


def test_an_actor_without_events_says_so(client) -> None:  # type: ignore[no-untyped-def]
    actors = client.get("/api/actors").json()["actors"]
    quiet = [a for a in actors if a["events_as_actor"] + a["events_as_target"] == 0]
    busy = [a for a in actors if a["events_as_actor"] > 0]
    assert quiet and busy
    page = client.get(quiet[0]["url"]).text
    assert "No data for this selection" in _figure(page, "actor-years")
    assert "<svg" in _figure(client.get(busy[0]["url"]).text, "actor-years")


@pytest.mark.parametrize(
    "url",
    ["/context", "/framework", "/plan", "/mandates", "/actors", "/actors/JNIM", "/agreement"],
)
def test_every_drawn_chart_has_tooltips(client, url: str) -> None:  # type: ignore[no-untyped-def]
    import re

    page = client.get(url).text
    figures = re.findall(r'<figure class="chart" id="fig-([^"]+)"(.*?)</figure>', page, re.S)
    drawn = [(key, body) for key, body in figures if "<svg" in body]
    assert drawn, url
    for key, body in drawn:
        # A native tooltip (an SVG <title>) on the marks, which works without script.
        tips = re.findall(r"<title>([^<]+)</title>", body)
        assert len(tips) >= 1 and all(t.strip() for t in tips), (url, key)
