"""Downloads of charts, tables and the brief, following the page's filters."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook


def test_chart_downloads_follow_the_filters(client) -> None:  # type: ignore[no-untyped-def]
    qs = "from=2018&to=2019&region=centre&by=quarter"
    api = client.get(f"/api/context?{qs}").json()
    r = client.get(f"/download/context/fatalities.csv?{qs}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="context-fatalities.csv"' in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["data", "period", "events", "fatalities", "partial"]  # synthetic workspace
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
