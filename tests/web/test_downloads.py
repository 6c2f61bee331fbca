"""Downloads of charts, tables and the brief, following the page's filters."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook


def test_chart_downloads_follow_the_filters(client) -> None:  # type: ignore[no-untyped-def]
    qs = "from=2018&to=2019&region=centre&by=quarter"
    api = client.get(f"/api/context?{qs}").json()
    r = client.get(f"/download/context/fatalities.csv?{qs}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="context-fatalities.csv"' in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.text)))
    # The synthetic workspace's label on every row, in the column the CLI's exports use.
    assert rows[0] == ["data_label", "period", "events", "fatalities", "partial"]
    data = [row for row in rows[1:] if row[0] == "synthetic"]
    assert [(x[1], int(x[2]), int(x[3])) for x in data] == [
        (s["period"], s["events"], s["fatalities"]) for s in api["series"]
    ]
    assert rows[-1][0].startswith("Source: ")
    x = client.get(f"/download/context/regions.xlsx?{qs}")
    sheet = load_workbook(io.BytesIO(x.content)).active
    assert sheet is not None and sheet.cell(1, 2).value == "period"
    png = client.get(f"/download/context/map.png?{qs}")
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    table = client.get(f"/download/context/series.csv?{qs}")
    assert table.status_code == 200 and "civilian fatalities" in table.text.splitlines()[0]
    events = client.get(f"/download/context/events.xlsx?{qs}")
    assert events.status_code == 200


def test_framework_chart_downloads_and_bad_names(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/download/framework/ind-I2.csv")
    assert r.status_code == 200 and "2018-06-30" in r.text
    assert client.get("/download/framework/ind-I2.png").content[:4] == b"\x89PNG"
    assert client.get("/download/framework/nothing.csv").status_code == 404
    assert client.get("/download/context/fatalities.exe").status_code == 404
    assert client.get("/download/context/fatalities.csv?region=Atlantis").status_code == 400


def test_brief_as_pdf_and_word(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/brief").text
    assert "/brief/document.pdf" in page and "/brief/document.docx" in page
    pdf = client.get("/brief/document.pdf")
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    docx = client.get("/brief/document.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert client.get("/brief/document.txt").status_code == 404


# Every page with charts and tables, and the label its downloads must carry on every row.
PAGES = {
    "/plan": "illustrative",  # the example plan
    "/mandates": "illustrative",  # project-written resolution texts
    "/mandates/9102": "illustrative",
    "/mandates/diff?old=9102&new=9103": "illustrative",
    "/actors": "synthetic",
    "/agreement": "illustrative",  # the example agreement tracker
    "/agreement?as_of=2020-06-30": "illustrative",
}
# Tables downloadable beside those drawn as <table>: the changed paragraphs of a comparison.
SHOWN_AS_TEXT = {"/mandates/diff?old=9102&new=9103": 1}
# Tables whose inputs differ from the rest of their page's.
OWN_LABEL = {"/plan": {"state-forces": "synthetic"}}  # the example plan and generated events
_LINK = re.compile(r'href="(/download/[^"]+)"')


def _links(client, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    page = client.get(url)
    assert page.status_code == 200, url
    return [unquote(h.replace("&amp;", "&")) for h in _LINK.findall(page.text)]


@pytest.mark.parametrize("url", list(PAGES))
def test_every_table_and_chart_of_a_page_downloads_labelled(client, url: str) -> None:  # type: ignore[no-untyped-def]
    links = _links(client, url)
    tables = [h for h in links if h.split("?")[0].endswith(".xlsx")]
    charts = [h for h in links if h.split("?")[0].endswith(".png")]
    assert (tables and charts) or url.startswith("/mandates/"), (url, links)
    page = client.get(url).text
    # One CSV and one XLSX per table shown, one PNG per chart.
    assert len(tables) == page.count("<table") + SHOWN_AS_TEXT.get(url, 0)
    assert len(charts) == page.count('<div class="svg"')
    for href in links:
        r = client.get(href)
        assert r.status_code == 200, (href, r.text[:200])
        if ".png" in href:
            assert r.content[:8] == b"\x89PNG\r\n\x1a\n"
            continue
        if ".xlsx" in href:
            sheet = load_workbook(io.BytesIO(r.content)).active
            assert sheet is not None and sheet.cell(1, 1).value == "data_label"
            continue
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0][0] == "data_label", href
        data = [row for row in rows[1:] if not row[0].startswith("Source: ")]
        # The page's label, on the same row as every figure.
        key = href.split("/")[3].split(".")[0]
        label = OWN_LABEL.get(url, {}).get(key, PAGES[url])
        assert data and all(row[0] == label for row in data), (href, data[:2])
        assert rows[-1][0].startswith("Source: "), href


def test_downloaded_tables_hold_the_page_numbers(client) -> None:  # type: ignore[no-untyped-def]
    plan = client.get("/api/plan").json()
    rows = list(csv.reader(io.StringIO(client.get("/download/plan/tasks.csv").text)))
    assert [r[2] for r in rows[1:-1]] == [t["id"] for t in plan["tasks"]]
    agreement = client.get("/api/agreement/status").json()
    rows = list(csv.reader(io.StringIO(client.get("/download/agreement/provisions.csv").text)))
    assert [r[1] for r in rows[1:-1]] == [p["id"] for p in agreement["provisions"]]
    actors = client.get("/api/actors").json()
    rows = list(csv.reader(io.StringIO(client.get("/download/actors/actors.csv").text)))
    assert [int(r[6]) for r in rows[1:-1]] == [a["events_as_actor"] for a in actors["actors"]]
    # Unknown names, a table asked for as a chart, bad filters: a message, never a 500.
    assert client.get("/download/plan/nothing.csv").status_code == 404
    assert client.get("/download/plan/tasks.png").status_code == 404
    assert client.get("/download/alignment/regions.csv").status_code == 404  # no deployments
    assert client.get("/download/mandate/tasks.csv").status_code == 400
    assert client.get("/download/mandate/tasks.csv?ref=1").status_code == 404
    assert client.get("/download/actor/names.csv?name=Nobody").status_code == 404
    assert client.get("/download/nowhere/x.csv").status_code == 404
