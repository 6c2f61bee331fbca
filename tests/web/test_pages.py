"""Every page and JSON route of the dashboard, against a small synthetic workspace."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_htmlcheck import parse

from peaceops.events.analysis import series, summary
from peaceops.workspace import Workspace

PAGES = [
    "/",
    "/context",
    "/context?from=2018&to=2019&region=centre&event_type=Battles&by=quarter",
    "/mandates",
    "/mandates/9102",
    "/mandates/diff?old=9101&new=9102",
    "/framework",
    "/strategy",
    "/plan",
    "/plan/alignment",
    "/brief",
]


def _html(client, url: str, status: int = 200) -> str:  # type: ignore[no-untyped-def]
    r = client.get(url)
    assert r.status_code == status, (url, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


@pytest.mark.parametrize("url", PAGES)
def test_page_is_accessible_and_self_contained(client, url: str) -> None:  # type: ignore[no-untyped-def]
    page = _html(client, url)
    facts = parse(page)
    assert facts.all("html")[0]["lang"] == "en"
    assert any(a.get("href") == "#main" for a in facts.all("a")), "skip link"
    assert any(a.get("id") == "main" for a in facts.all("main"))
    assert len(facts.all("h1")) == 1
    assert facts.unlabelled_controls() == []
    # Nothing is fetched from elsewhere: scripts, styles and images are all local.
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
        for a in facts.all(tag):
            assert not a.get(attr, "").startswith(("http:", "https:", "//")), (tag, a)
    assert "Traceback" not in page
    assert "Synthetic data." in page  # the fixture workspace is marked synthetic
    # Each page links to its JSON, which answers.
    alternates = [a["href"] for a in facts.all("link") if a.get("type") == "application/json"]
    assert alternates, url
    answer = client.get(alternates[0].replace("&amp;", "&"))
    if answer.status_code == 404:
        # A page without its data: the page and the JSON say so, the JSON with the command.
        assert 'class="missing"' in page and "peaceops" in answer.json()["command"]
    else:
        assert answer.status_code == 200


def test_overview_shows_the_workspace_figures(client, small_ws: Path) -> None:  # type: ignore[no-untyped-def]
    with Workspace.open(small_ws) as ws:
        expected = summary(ws)
    data = client.get("/api/overview").json()
    assert data["context"]["events"] == expected.events
    assert data["context"]["fatalities"] == expected.fatalities
    assert data["mandates"]["resolutions"] == 3
    # The fixture's three texts are project-written: the card does not count them as official.
    assert (data["mandates"]["official"], data["mandates"]["illustrative"]) == (0, 3)
    assert data["framework"]["name"].startswith("Illustrative results framework")
    assert {d["kind"] for d in data["datasets"]} >= {"events", "boundaries", "resolution"}
    recent = data["context"]["recent_alerts"]
    assert recent["to"] == data["context"]["last_date"]
    assert all(recent["from"][:7] <= a["month"] <= recent["to"][:7] for a in recent["alerts"])
    page = _html(client, "/")
    assert f"{expected.events:,}" in page
    assert "3 illustrative text(s) written for peaceops, not official documents." in page
    assert "official resolution(s)" not in page
    for href in ("/context", "/mandates", "/framework"):
        assert f'href="{href}"' in page


def test_context_page_has_charts_map_tables_and_alerts(client) -> None:  # type: ignore[no-untyped-def]
    page = _html(client, "/context")
    facts = parse(page)
    figure_ids = {a["id"] for a in facts.all("figure")}
    assert figure_ids == {"fig-fatalities", "fig-civilian", "fig-regions", "fig-map"}
    assert page.count("<svg") >= 4
    # The map draws one shape per admin1 area of the fixture's boundaries.
    map_svg = page.split('id="fig-map"')[1].split("</figure>")[0]
    assert map_svg.count("<path") >= 10
    # Every chart has a table alternative with a caption.
    assert page.count("Table of the figures in this chart") == 4
    assert "Early-warning alerts" in page
    assert 'aria-label="Fatalities per year.' in page


def test_context_filters_give_the_analysis_figures(client, small_ws: Path) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    with Workspace.open(small_ws) as ws:
        expected = series(
            ws,
            by="quarter",
            start=date(2018, 1, 1),
            end=date(2019, 12, 31),
            regions=["centre"],
            event_types=["Battles"],
        ).to_dicts()
        everything = series(ws, by="quarter", start=date(2018, 1, 1), end=date(2019, 12, 31))
    data = client.get(
        "/api/context?from=2018&to=2019&region=centre&event_type=Battles&by=quarter"
    ).json()
    got = [(r["period"], r["events"], r["fatalities"]) for r in data["series"]]
    assert got == [(r["period"], r["events"], r["fatalities"]) for r in expected]
    assert len(got) == 8
    # The filter really filters: fewer events than the unfiltered quarters.
    assert sum(r[1] for r in got) < int(everything.get_column("events").sum())
    page = _html(client, "/context?from=2018&to=2019&region=centre&event_type=Battles&by=quarter")
    # Every chart follows the filters: no chart of everything beside the filtered one.
    assert "Fatalities per quarter: centre, Battles" in page
    assert "Civilian fatalities from direct targeting per quarter: centre, Battles" in page
    assert "<option selected>centre</option>" in page
    assert "2019-Q4" in page


def test_context_bad_filter_is_explained_next_to_the_field_and_kept(client) -> None:  # type: ignore[no-untyped-def]
    page = _html(client, "/context?from=next+spring&to=2017", status=400)
    assert 'value="next spring"' in page
    assert 'aria-invalid="true" aria-describedby="err-from"' in page
    assert "&#39;next spring&#39; is not a date" in page
    r = client.get("/api/context?from=2019&to=2017")
    assert r.status_code == 400
    assert "before its start" in r.json()["errors"]["to"]


def test_context_json_routes(client) -> None:  # type: ignore[no-untyped-def]
    rows = client.get("/api/context/series?by=year&group=region").json()
    assert {r["region"] for r in rows} >= {"north", "centre", "south"}
    assert {r["period"] for r in rows} == {"2016", "2017", "2018", "2019"}
    for year in ("2016", "2019"):
        shares = [r["share"] for r in rows if r["period"] == year]
        assert sum(shares) == pytest.approx(1.0)
    civ = client.get("/api/context/series?by=year&civilian=true").json()
    total = client.get("/api/context/series?by=year").json()
    assert all(c["fatalities"] <= t["fatalities"] for c, t in zip(civ, total, strict=True))
    alerts = client.get("/api/alerts?from=2016-01-01").json()
    assert isinstance(alerts, list)
    for a in alerts:
        assert a["value"] >= a["min_count"] and a["p_value"] <= a["threshold"]
    areas = client.get("/api/context/areas?level=1").json()
    assert {a["pcode"] for a in areas} <= {f"ML{i:02d}" for i in range(1, 12)}
    bad = client.get("/api/context/series?by=decade")
    assert bad.status_code == 400 and "year, quarter, month" in bad.json()["errors"]["by"]


def test_mandates_list_detail_and_diff(client) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/api/mandates").json()
    symbols = [r["symbol"] for r in data["resolutions"]]
    assert len(symbols) == 3 and all(s.startswith("S/RES/910") for s in symbols)
    assert len(next(iter(data["history"].values()))) == 3
    page = _html(client, "/mandates")
    assert '<a href="/mandates/9102">' in page
    history = page.split('id="fig-history-0"')[1].split("</figure>")[0]
    assert "<svg" in history and "9103" in history
    detail = client.get("/api/mandates/9102").json()
    assert detail["symbol"].startswith("S/RES/9102")
    ids = [p["id"] for s in detail["structure"]["sections"] for p in s["paragraphs"]]
    assert ids == [p["id"] for p in detail["operative"]]
    page = _html(client, "/mandates/9102")
    assert page.count('class="para') == len(ids)
    # A project-written text says so in its heading, and no meeting number is shown for it.
    h1 = page.split("<h1>")[1].split("</h1>")[0]
    assert h1 == "S/RES/9102 (2019) (ILLUSTRATIVE - not an official United Nations document)"
    assert "at meeting" not in page and detail["meeting"] is None
    by_symbol = client.get("/api/mandates/" + detail["symbol"].replace(" ", "%20"))
    assert by_symbol.status_code == 200 and by_symbol.json()["symbol"] == detail["symbol"]
    diff = client.get("/api/mandates/diff?old=9101&new=9102").json()
    assert diff["old"].startswith("S/RES/9101") and diff["new"].startswith("S/RES/9102")
    kinds = {p["kind"] for p in diff["paragraphs"]}
    assert kinds & {"added", "removed", "reworded"}
    page = _html(client, "/mandates/diff?old=9101&new=9102")
    assert "<ins>" in page or "<del>" in page


def test_mandate_diff_form_errors_keep_the_choice(client) -> None:  # type: ignore[no-untyped-def]
    page = _html(client, "/mandates/diff?old=9101&new=", status=400)
    assert '<option value="9101" selected>' in page
    assert 'id="err-new"' in page and "Choose a resolution." in page
    page = _html(client, "/mandates/diff?old=9101&new=9101", status=400)
    assert "different resolution" in page


def test_unknown_ids_give_404_pages_and_json(client) -> None:  # type: ignore[no-untyped-def]
    for url in ("/mandates/4242", "/mandates/not-a-symbol", "/no-such-page"):
        page = _html(client, url, status=404)
        assert "Error 404" in page and "Traceback" not in page
    wrong_method = client.put("/framework/observe")
    assert wrong_method.status_code == 405 and "Traceback" not in wrong_method.text
    assert wrong_method.headers["allow"] == "GET, HEAD, POST"
    for url in ("/api/mandates/4242", "/api/mandates/diff?old=9101&new=4242", "/api/nothing"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert r.headers["content-type"] == "application/json"
        assert r.json()["detail"]
    assert "4242" in client.get("/api/mandates/4242").json()["detail"]


def test_framework_page_and_json(client) -> None:  # type: ignore[no-untyped-def]
    status = client.get("/api/framework/status").json()
    assert [i["id"] for i in status["indicators"]] == ["I1", "I2"]
    i2 = status["indicators"][1]
    assert i2["latest"] is not None and i2["status"]
    page = _html(client, "/framework")
    assert page.count('id="fig-ind-') == 2
    assert '<option value="I2"' in page and '<option value="I1"' not in page  # I1 is computed
    assert '<option value="B1"' in page
    # The fixture's events are generated: the label is at the top and on the indicator's line,
    # which says what its figures are computed from.
    assert status["grade"] == "synthetic" and status["indicators"][0]["grade"] == "synthetic"
    top = page.split('<h2 id="h-ind">')[0]
    assert "SYNTHETIC (computed from generated data)" in top
    i1_row = page.split("<strong>I1</strong>")[1].split("</tr>")[0]
    assert "(synthetic: computed from event data)" in i1_row
    i2_row = page.split("<strong>I2</strong>")[1].split("</tr>")[0]
    assert "(observations entered with a source)" in i2_row
    history = client.get("/api/framework/history").json()
    assert history[-1]["action"] == "import"
    # the page's own document: the status, this change log and the forms' choices
    doc = client.get("/api/framework").json()
    assert doc["status"]["name"] == status["name"] and doc["history"] == history
    assert [i["id"] for i in doc["observable"]] == ["I2"]  # I1 is computed from events
    assert [b["id"] for b in doc["benchmarks"]] == ["B1"] and doc["start"] == "2017-12-31"
    today = history[0]["at"][:10]
    assert client.get(f"/api/framework/status?as_of={today}").json()["as_of"] == today
    # The framework is in force from its start (its first baseline, 2017-12-31): not before.
    assert client.get("/api/framework/status?as_of=2018-07-01").status_code == 200
    before = client.get("/api/framework/status?as_of=2017-06-01")
    assert before.status_code == 404 and "2017-06-01" in before.json()["detail"]


def test_plan_page_phases_explanations_scenarios(client) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/api/plan").json()
    assert data["status"] in ("optimal", "feasible")
    tasks = data["tasks"]
    assert len(tasks) >= 10
    for t in tasks:
        if t["start_phase"] is None:
            assert t["reasons"], t["id"]  # every left-out task says why
        else:
            assert 1 <= t["start_phase"] <= t["end_phase"] <= data["phases"]
    assert data["headline"]["scheduled"] == sum(t["start_phase"] is not None for t in tasks)
    assert data["scenarios"]["scenarios"], "the example plan has scenarios"
    page = _html(client, "/plan")
    assert 'id="fig-phases"' in page
    chart = page.split('id="fig-phases"')[1].split("</figure>")[0]
    assert "<svg" in chart and "<path" in chart
    for t in tasks[:5]:
        assert t["id"] in page
    for s in data["scenarios"]["scenarios"]:
        assert s["name"] in page
    # The fixture's plan is the shipped example: labelled at the top and on each task's line.
    assert data["grade"] == data["headline"]["grade"] == "illustrative"
    top = page.split('<h2 id="h-phases">')[0]
    assert "ILLUSTRATIVE (computed from an example shipped with peaceops)" in top
    assert top.split('<p class="lead">')[1].startswith("<strong>ILLUSTRATIVE</strong> · ")
    rows = page.split('<h2 id="h-why">')[1].split("</tbody>")[0].split("<tr>")[2:]
    assert len(rows) == len(tasks)
    assert all('<span class="tier">illustrative</span>' in r for r in rows)


def test_brief_page_and_document(client) -> None:  # type: ignore[no-untyped-def]
    data = client.get("/api/brief").json()
    assert data["synthetic"] is True
    assert {s["key"] for s in data["sections"]} >= {"context", "mandate", "framework"}
    assert not [m for m in data["missing"] if m["key"] in ("context", "mandate", "framework")]
    page = _html(client, "/brief")
    assert 'href="/brief/document"' in page
    for c in data["considerations"][:3]:
        assert c["text"].split()[0] in page
    # Every consideration shows its grade on its own line; a synthetic workspace has no real one.
    grades = [c["grade"] for c in data["considerations"]]
    assert grades and "real" not in grades and data["grade"] == "synthetic"
    assert page.count('class="grade grade-') == len(grades)
    doc = client.get("/brief/document")
    assert doc.status_code == 200 and "<svg" in doc.text
    assert client.get("/api/brief?as_of=someday").status_code == 400


def test_openapi_describes_every_json_route(client) -> None:  # type: ignore[no-untyped-def]
    paths = client.get("/openapi.json").json()["paths"]
    for p in (
        "/api/overview",
        "/api/context",
        "/api/context/series",
        "/api/alerts",
        "/api/context/areas",
        "/api/mandates",
        "/api/mandates/{ref}",
        "/api/mandates/diff",
        "/api/framework",
        "/api/framework/status",
        "/api/framework/history",
        "/api/framework/observations",
        "/api/framework/assessments",
        "/api/plan",
        "/api/plan/alignment",
        "/api/brief",
    ):
        assert p in paths, p
    assert not [p for p in paths if not p.startswith("/api/")]


def test_static_assets_are_small(client) -> None:  # type: ignore[no-untyped-def]
    css = client.get("/static/peaceops.css")
    js = client.get("/static/peaceops.js")
    assert css.status_code == js.status_code == 200
    assert len(css.content) < 12_000 and len(js.content) < 4_000
    assert "@media" in css.text and ":focus-visible" in css.text


def test_empty_workspace_pages_say_what_to_run(empty_client) -> None:  # type: ignore[no-untyped-def]
    expected = {
        "/context": "peaceops events import FILE",
        "/mandates": "peaceops mandates read FILE --save",
        "/framework": "peaceops framework import FILE.yaml",
        "/plan": "peaceops plan save FILE",
        "/plan/alignment": "peaceops plan import-deployments FILE",
    }
    for url, command in expected.items():
        page = _html(empty_client, url)
        assert 'class="missing"' in page and command in page, url
    overview = empty_client.get("/api/overview").json()
    assert {m["what"] for m in overview["missing"]} >= {"conflict events", "a results framework"}
    for url in ("/api/context", "/api/framework/status", "/api/plan"):
        r = empty_client.get(url)
        assert r.status_code == 404 and "peaceops" in r.json()["command"], url
    brief = _html(empty_client, "/brief")
    assert "left out." in brief


def test_context_map_level_needs_its_boundaries(client) -> None:  # type: ignore[no-untyped-def]
    page = _html(client, "/context?level=2")
    assert "peaceops boundaries import FILE --level 2" in page
    assert 'id="fig-fatalities"' in page  # the rest of the page is still there
    page = _html(client, "/context?level=7", status=400)
    assert "Some filters could not be used" in page
    assert "Choose 1 (regions) or 2 (cercles)." in page.split('id="err-level"')[1]


def test_context_page_reads_each_piece_of_data_once(client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Fatalities, civilian and region-group series, and the admin1 breakdown of the summary:
    one query each (the summary's regions are the region series' totals)."""
    from peaceops.events import analysis

    calls: list[tuple[object, object, object]] = []
    real = analysis.series

    def counted(
        ws: object, by: str = "year", group: object = None, civilian: bool = False, **kw: object
    ) -> object:
        calls.append((by, group, civilian))
        return real(ws, by, group, civilian, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(analysis, "series", counted)
    r = client.get("/context?by=quarter&from=2019-02&to=2020-03")  # a selection no test caches
    assert r.status_code == 200
    assert sorted(calls, key=str) == sorted(
        [("quarter", "region", False), ("quarter", None, False), ("quarter", None, True),
         ("year", "admin1", False)],
        key=str,
    )  # fmt: skip
