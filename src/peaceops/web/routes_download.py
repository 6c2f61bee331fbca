"""Downloads: every chart as PNG, CSV and XLSX, every table as CSV and XLSX, the brief as PDF
and Word, with the same filters as the page they come from.

``/download/{page}/{name}.{ext}``: ``page`` is ``context`` or ``framework``; ``name`` is a
figure's key on that page (``fatalities``, ``civilian``, ``regions``, ``map``, ``ind-I2``...) or
a table (``series`` and ``events`` on the context page). Files of a synthetic workspace say
"synthetic" on every data row; every file names its sources (a last row ``Source: ...``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from peaceops.errors import InputError, NotFoundError
from peaceops.period import parse_day
from peaceops.web.common import cached, get_ws, state_key
from peaceops.web.figures import Figure
from peaceops.workspace import Workspace

__all__ = ["router", "table_bytes"]

router = APIRouter()

_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _file(body: bytes, name: str, ext: str) -> Response:
    return Response(
        body,
        media_type=_TYPES[ext],
        headers={"Content-Disposition": f'attachment; filename="{name}.{ext}"'},
    )


def table_bytes(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    ext: str,
    sources: Sequence[str],
    synthetic: bool,
    title: str,
) -> bytes:
    """A table as CSV or XLSX: a ``data`` column says "synthetic" on every row of generated
    data; the last row cites the sources."""
    head = (["data"] if synthetic else []) + list(columns)
    body = [
        (["synthetic"] if synthetic else []) + ["" if v is None else v for v in r] for r in rows
    ]
    cite = ["Source: " + "; ".join(sources)] if sources else []
    if ext == "csv":
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(head)
        w.writerows(body)
        if cite:
            w.writerow(cite)
        return out.getvalue().encode("utf-8")
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = "data"
    sheet.append(head)
    for r in body:
        sheet.append([v if isinstance(v, int | float | str) else str(v) for v in r])
    if cite:
        sheet.append(cite)
    sheet.append([title])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _context(
    ws: Workspace, params: dict[str, str | None]
) -> tuple[list[Figure], dict[str, Any], Any]:
    from peaceops.web.context_view import context_view
    from peaceops.web.filters import check_filters, parse_filters
    from peaceops.web.routes_context import options_for

    f = parse_filters(
        params.get("from"),
        params.get("to"),
        params.get("by"),
        params.get("region"),
        params.get("event_type"),
        params.get("level"),
        params.get("actor"),
    )
    f = check_filters(f, options_for(ws))
    if f.errors:
        raise InputError("; ".join(f"{k}: {v}" for k, v in f.errors.items()))
    d, figures, _missing = context_view(ws, f, options_for(ws))
    return figures, d, f


def _context_table(d: dict[str, Any], name: str) -> tuple[list[str], list[list[Any]]] | None:
    if name == "series":
        cols = [
            "period",
            "events",
            "fatalities",
            "civilian events",
            "civilian fatalities",
            "partial",
        ]
        rows = [
            [r["period"], r["events"], r["fatalities"], c["events"], c["fatalities"],
             d["partial_periods"].get(r["period"], "")]
            for r, c in zip(d["series"], d["civilian_series"], strict=True)
        ]  # fmt: skip
        return cols, rows
    if name == "events":
        keys = ["date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "admin2",
                "location", "fatalities", "civilian_targeting", "source", "source_id"]  # fmt: skip
        return keys, [[e.get(k) for k in keys] for e in d["events"]]
    return None


def _framework(ws: Workspace, params: dict[str, str | None]) -> list[Figure]:
    from peaceops.web.routes_framework import framework_figures

    return framework_figures(ws, parse_day(params.get("as_of"), end=True))


@router.get("/download/{page}/{filename}", include_in_schema=False)
def download(
    request: Request,
    page: str,
    filename: str,
    ws: Workspace = Depends(get_ws),
) -> Response:
    from peaceops.reports.context_charts import chart_sources
    from peaceops.reports.render import chart_png

    name, _, ext = filename.rpartition(".")
    if ext not in ("csv", "xlsx", "png") or not name:
        raise NotFoundError(f"no download {filename!r}: use NAME.csv, NAME.xlsx or NAME.png")
    params: dict[str, str | None] = dict(request.query_params.items())
    sources = chart_sources(ws)
    synthetic = bool(ws.config.synthetic)
    if page == "context":
        figures, d, _f = _context(ws, params)
        if name == "events" and ext != "png":
            from peaceops.events.analysis import event_list
            from peaceops.web.context_view import DOWNLOAD_EVENTS, narrowing

            events = event_list(ws, _f.start, _f.end, limit=DOWNLOAD_EVENTS, **narrowing(_f))
            d = {**d, "events": events}
        table = _context_table(d, name) if ext != "png" else None
        if table is not None:
            body = table_bytes(*table, ext, sources, synthetic, f"context {name}")
            return _file(body, f"context-{name}", ext)
    elif page == "framework":
        figures = _framework(ws, params)
    else:
        raise NotFoundError(f"no downloads for the page {page!r} (context, framework)")
    fig = next((x for x in figures if x.key == name), None)
    if fig is None:
        known = ", ".join(x.key for x in figures)
        raise NotFoundError(f"no chart or table {name!r} on the {page} page (there are: {known})")
    if ext == "png":
        if fig.make_chart is None:
            raise NotFoundError(f"{name!r} has no chart to draw")
        make = fig.make_chart
        key = ("png", page, name, state_key(ws), tuple(sorted(params.items())))
        return _file(cached(key, lambda: chart_png(make())), f"{page}-{name}", ext)
    body = table_bytes(fig.columns, fig.rows, ext, sources, synthetic, fig.title)
    return _file(body, f"{page}-{name}", ext)


@router.get("/brief/document.{ext}", include_in_schema=False)
def brief_file(
    ext: str,
    ws: Workspace = Depends(get_ws),
    as_of: str | None = Query(None),
) -> Response:
    """The brief as PDF or Word (the same content as ``/brief/document``)."""
    import tempfile
    from pathlib import Path

    from peaceops.reports.brief import build_brief

    if ext not in ("pdf", "docx"):
        raise NotFoundError(f"the brief is offered as .pdf or .docx, not .{ext}")
    day = parse_day(as_of, end=True)

    def make() -> bytes:
        data = cached(("brief", state_key(ws), day), lambda: build_brief(ws, as_of=day))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"brief.{ext}"
            if ext == "pdf":
                from peaceops.reports.brief_pdf import write_pdf

                write_pdf(data, path)
            else:
                from peaceops.reports.brief_docx import write_docx

                write_docx(data, path)
            return path.read_bytes()

    body = cached(("brief-file", ext, state_key(ws), day), make)
    return _file(body, "brief", ext)
