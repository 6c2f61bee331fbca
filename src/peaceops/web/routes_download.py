"""Downloads: every chart as PNG, CSV and XLSX, every table as CSV and XLSX, the brief as PDF
and Word, with the same filters as the page they come from.

``/download/{page}/{name}.{ext}``: ``page`` is one of ``PAGES``; ``name`` is a figure's key on
that page (``fatalities``, ``map``, ``ind-I2``, ``phases``...) or a table's (``series``,
``events``, ``tasks``, ``provisions``...). A file computed from generated data says "synthetic",
from an example shipped with peaceops "illustrative", in a ``data_label`` column on every row;
every file names its sources (a last row ``Source: ...``).
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
from peaceops.web.downloads import PageDownloads, events_grade
from peaceops.web.figures import Figure, Table
from peaceops.workspace import Workspace

__all__ = ["PAGES", "router", "table_bytes"]

# The pages with downloads (``mandate`` takes ``?ref=``, ``mandate-diff`` ``?old=&new=``,
# ``actor`` ``?name=``).
PAGES = ("context", "framework", "plan", "alignment", "mandates", "mandate", "mandate-diff",
         "actors", "actor", "agreement")  # fmt: skip

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
    label: str | Sequence[str],
    title: str,
) -> bytes:
    """A table as CSV or XLSX: with a ``label`` ("synthetic", "illustrative"; one for all rows
    or one per row), a first column ``data_label`` says it on every row, as the CLI's exports
    do; the last rows cite the sources and name the table."""
    labels = [label] * len(rows) if isinstance(label, str) else list(label)
    marked = any(labels)
    head = (["data_label"] if marked else []) + list(columns)
    body = [
        ([x] if marked else []) + ["" if v is None else v for v in r]
        for x, r in zip(labels, rows, strict=True)
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
    from openpyxl.styles import Font

    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = "data"
    sheet.append(head)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r in body:
        sheet.append([v if isinstance(v, int | float | str) else str(v) for v in r])
    if cite:
        sheet.append(cite)
    sheet.append([title])
    sheet.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _context(ws: Workspace, params: dict[str, str | None], name: str) -> PageDownloads:
    from peaceops.reports.context_charts import chart_sources
    from peaceops.web.context_view import context_view, document
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
    view, figures, _missing = context_view(ws, f, options_for(ws))
    d = document(view, f)
    tables = [_context_series(d)]
    if name == "events":  # up to DOWNLOAD_EVENTS, read only when asked for
        from peaceops.events.listing import event_list
        from peaceops.web.context_view import DOWNLOAD_EVENTS, narrowing

        events = event_list(ws, f.start, f.end, limit=DOWNLOAD_EVENTS, **narrowing(f))
        keys = ["date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "admin2",
                "location", "fatalities", "civilian_targeting", "source", "source_id"]  # fmt: skip
        rows = [[e.get(k) for k in keys] for e in events]
        tables.append(Table.of("events", "context events", keys, rows))
    return PageDownloads(figures, tables, (events_grade(ws),), chart_sources(ws))


def _context_series(d: dict[str, Any]) -> Table:
    cols = ["period", "events", "fatalities", "civilian events", "civilian fatalities", "partial"]
    rows = [
        [r["period"], r["events"], r["fatalities"], c["events"], c["fatalities"],
         d["partial_periods"].get(r["period"], "")]
        for r, c in zip(d["series"], d["civilian_series"], strict=True)
    ]  # fmt: skip
    return Table.of("series", "context series", cols, rows)


def _framework(ws: Workspace, params: dict[str, str | None]) -> PageDownloads:
    from peaceops.framework.status import framework_status
    from peaceops.reports.brief_grades import framework_grade
    from peaceops.web.routes_framework import framework_figures

    as_of = parse_day(params.get("as_of"), end=True)
    sources = list(framework_status(ws, as_of).sources)
    grade = framework_grade(ws, as_of)[0]
    return PageDownloads(framework_figures(ws, as_of), (), (grade,), sources)


def _page_downloads(
    ws: Workspace, page: str, params: dict[str, str | None], name: str
) -> PageDownloads:
    if page == "context":
        return _context(ws, params, name)
    if page == "framework":
        return _framework(ws, params)
    if page == "plan":
        from peaceops.web.routes_plan import downloads as plan

        return plan(ws, params)
    if page == "alignment":
        from peaceops.web.routes_alignment import downloads as alignment

        return alignment(ws, params)
    if page in ("mandates", "mandate", "mandate-diff"):
        from peaceops.web.routes_mandates import downloads as mandates

        return mandates(ws, page, params)
    if page in ("actors", "actor"):
        from peaceops.web.routes_actors import downloads as actors

        return actors(ws, page, params)
    if page == "agreement":
        from peaceops.web.routes_agreement import downloads as agreement

        return agreement(ws, params)
    raise NotFoundError(f"no downloads for the page {page!r} ({', '.join(PAGES)})")


@router.get("/download/{page}/{filename}", include_in_schema=False)
def download(
    request: Request,
    page: str,
    filename: str,
    ws: Workspace = Depends(get_ws),
) -> Response:
    from peaceops.reports.render import chart_png

    name, _, ext = filename.rpartition(".")
    if ext not in ("csv", "xlsx", "png") or not name:
        raise NotFoundError(f"no download {filename!r}: use NAME.csv, NAME.xlsx or NAME.png")
    params: dict[str, str | None] = dict(request.query_params.items())
    found = _page_downloads(ws, page, params, name)
    item = found.find(name)
    if item is None:
        known = ", ".join(found.keys())
        raise NotFoundError(f"no chart or table {name!r} on the {page} page (there are: {known})")
    if ext == "png":
        if not isinstance(item, Figure) or item.make_chart is None:
            raise NotFoundError(f"{name!r} is a table: download it as .csv or .xlsx")
        make = item.make_chart
        key = ("png", page, name, state_key(ws), tuple(sorted(params.items())))
        return _file(cached(key, lambda: chart_png(make())), f"{page}-{name}", ext)
    labels = item.row_labels if isinstance(item, Table) and item.row_labels else found.label
    body = table_bytes(item.columns, item.rows, ext, found.sources, labels, item.title)
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
