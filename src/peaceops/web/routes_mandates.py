"""Mandates: the resolutions in the workspace, one resolution's structure, and renewal diffs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from peaceops.errors import InputError, NotFoundError
from peaceops.mandates.listing import ResolutionRow
from peaceops.mandates.model import Resolution
from peaceops.mandates.page import (
    MandatesPage,
    ResolutionDetail,
    mandates_view,
    resolution_detail,
)
from peaceops.web.common import api_json, get_ws, render, state_key
from peaceops.web.downloads import PageDownloads, data_label
from peaceops.web.figures import Figure, Table, figure
from peaceops.web.remedies import missing
from peaceops.workspace import Workspace

__all__ = ["downloads", "load", "mandate_detail", "mandates_list", "router"]

router = APIRouter()


def load(ws: Workspace, ref: str) -> Resolution:
    """A stored resolution by number ("2480") or symbol; NotFoundError when unknown."""
    from peaceops.mandates.store import load_resolution

    try:
        return load_resolution(ws, ref)
    except InputError as exc:
        raise NotFoundError(f"no resolution {ref!r} in this workspace ({exc})") from None


def _url(row: ResolutionRow) -> str:
    return f"/mandates/{row.number}"


def mandates_list(ws: Workspace) -> MandatesPage:
    """The list page's view; its ``to_dict(_url)`` is the page's and ``/api/mandates``'s."""
    return mandates_view(ws)


def _history_figures(ws: Workspace) -> list[Figure]:
    """One history chart per mission with two or more resolutions in the workspace."""
    from peaceops.mandates.history import mandate_history, split_illustrative
    from peaceops.mandates.store import list_resolutions
    from peaceops.mandates.taxonomy import PEMA_CITATION
    from peaceops.reports.mandate_charts import history_chart

    found = list_resolutions(ws)
    out = []
    for n, mission in enumerate(sorted({m for r in found for m in r.missions})):
        own, _ = split_illustrative([r for r in found if mission in r.missions])
        if len(own) < 2:
            continue
        rows = mandate_history(own)
        sources = ["resolutions in the workspace: " + ", ".join(r.label for r in own)]
        sources.append(PEMA_CITATION)

        def chart(mission: str = mission, rows: Any = rows, sources: Any = sources) -> Any:
            return history_chart(mission, rows, sources)

        out.append(
            figure(
                f"history-{n}",
                f"{mission}: mandate length and tasks per resolution",
                state_key(ws),
                chart,
                ("resolution", "words", "operative paragraphs", "tasks", "priority tasks"),
                [
                    (h.label, h.words, h.operative_paragraphs, h.tasks, h.priority_tasks)
                    for h in rows
                ],
                f"How {mission}'s mandate grew or shrank from one resolution to the next.",
            )
        )
    return out


def mandate_detail(res: Resolution) -> ResolutionDetail:
    """The structure of one resolution; its ``to_dict(_url)`` is the page's and the API's."""
    return resolution_detail(res)


def _label(r: Resolution) -> str:
    from peaceops.reports.brief_grades import resolutions_grade

    return data_label([resolutions_grade([r])[0]])


def _sources(found: list[Resolution]) -> list[str]:
    from peaceops.mandates.taxonomy import PEMA_CITATION

    out = ["resolutions in the workspace: " + ", ".join(r.label for r in found)]
    return out + ([PEMA_CITATION] if any(r.coded for r in found) else [])


def _list_tables(found: list[Resolution], d: dict[str, Any]) -> list[Table]:
    by_symbol = {r.symbol: r for r in found}
    tables = [
        Table.of(
            "resolutions",
            "Resolutions",
            ("symbol", "adopted", "missions", "operative paragraphs", "tasks", "words", "kind"),
            [
                (
                    r["label"],
                    r["date"],
                    ", ".join(r["missions"]),
                    r["operative_paragraphs"],
                    r["tasks"],
                    r["words"],
                    r["kind"],
                )
                for r in d["resolutions"]
            ],
            [_label(by_symbol[r["symbol"]]) for r in d["resolutions"]],
        )
    ]
    for mission, rows in d["history"].items():
        tables.append(
            Table.of(
                f"history-table-{mission}",
                f"{mission}: mandate history",
                (
                    "resolution",
                    "words",
                    "operative paragraphs",
                    "tasks",
                    "priority tasks",
                    "tasks added",
                    "tasks dropped",
                ),
                [
                    (
                        h["label"],
                        h["words"],
                        h["operative_paragraphs"],
                        h["tasks"],
                        h["priority_tasks"],
                        ", ".join(h["tasks_added"]),
                        ", ".join(h["tasks_dropped"]),
                    )
                    for h in rows
                ],
                [_label(by_symbol[h["symbol"]]) for h in rows],
            )
        )
    return tables


def _detail_tables(d: dict[str, Any]) -> list[Table]:
    tables = [
        Table.of(
            "tasks",
            f"{d['label']}: tasks",
            ("task", "code", "modalities", "paragraphs", "from other documents", "evidence"),
            [
                (
                    t["name"],
                    t["task"],
                    ", ".join(t["modalities"]),
                    ", ".join(t["paragraphs"]),
                    ", ".join(t["elsewhere"]),
                    " | ".join(f"{m['modality']}: {m['evidence']}" for m in t["mentions"]),
                )
                for t in d["tasks"]
            ],
        )
    ]
    if d["incorporated_by_reference"]:
        tables.append(
            Table.of(
                "references",
                f"{d['label']}: mandate set by reference",
                ("operative paragraph", "document", "symbol", "date", "paragraphs cited"),
                [
                    (
                        r["operative_paragraph"],
                        r["description"],
                        r["symbol"],
                        r["date"],
                        ", ".join(str(x) for x in r["paragraphs"]),
                    )
                    for r in d["incorporated_by_reference"]
                ],
            )
        )
    return tables


def _diff_tables(d: Any) -> list[Table]:
    length = Table.of(
        "length",
        f"{d.old_symbol} and {d.new_symbol}: length",
        ("measure", d.old_symbol, d.new_symbol),
        [(k.replace("_", " "), v, d.length_new.get(k)) for k, v in d.length_old.items()],
    )
    if d.paragraphs_note:
        return [length]
    changed = [p for p in d.paragraphs if p.kind != "unchanged" or p.moved or p.tier_changed]
    words = {"insert": "[+{}]", "delete": "[-{}]", "equal": "{}"}
    return [
        length,
        Table.of(
            "changes",
            f"{d.old_symbol} to {d.new_symbol}: changed paragraphs",
            ("change", "moved", "old paragraph", "new paragraph", "old tier", "new tier",
             "similarity", "text ([+inserted] [-deleted])"),
            [
                (p.kind, "moved" if p.moved else "", p.old_id, p.new_id,
                 p.old_tier.value if p.old_tier else None,
                 p.new_tier.value if p.new_tier else None, round(p.similarity, 3),
                 " ".join(words.get(w.op, "{}").format(w.text) for w in p.words))
                for p in changed
            ],
        ),
    ]  # fmt: skip


def downloads(ws: Workspace, page: str, params: dict[str, str | None]) -> PageDownloads:
    """The list page's charts and tables, (``page`` "mandate", ``?ref=``) one resolution's, or
    (``page`` "mandate-diff", ``?old=&new=``) a comparison's; each row of a table of
    resolutions carries its own label."""
    from peaceops.mandates.history import split_illustrative
    from peaceops.mandates.store import list_resolutions
    from peaceops.reports.brief_grades import resolutions_grade

    if page == "mandate-diff":
        old, new = (params.get("old") or "").strip(), (params.get("new") or "").strip()
        if not old or not new:
            raise InputError("name both resolutions with ?old=NUMBER&new=NUMBER", field="old")
        pair = [load(ws, old), load(ws, new)]
        grade = resolutions_grade(pair)[0]
        return PageDownloads((), _diff_tables(_diff(ws, old, new)), (grade,), _sources(pair))
    if page == "mandate":
        ref = (params.get("ref") or "").strip()
        if not ref:
            raise InputError("name the resolution with ?ref=NUMBER", field="ref")
        res = load(ws, ref)
        grade = resolutions_grade([res])[0]
        return PageDownloads(
            (), _detail_tables(mandate_detail(res).to_dict(_url)), (grade,), _sources([res])
        )
    d = mandates_list(ws).to_dict(_url)
    found = list_resolutions(ws)
    charted = [
        r
        for mission in sorted({m for r in found for m in r.missions})
        for r in split_illustrative([r for r in found if mission in r.missions])[0]
    ]
    grade = resolutions_grade(charted)[0]
    return PageDownloads(_history_figures(ws), _list_tables(found, d), (grade,), _sources(found))


def _diff(ws: Workspace, old: str, new: str) -> Any:
    from peaceops.mandates.diff import diff_resolutions

    return diff_resolutions(load(ws, old), load(ws, new))


@router.get("/mandates", response_class=HTMLResponse, include_in_schema=False)
def mandates_page(request: Request, ws: Workspace = Depends(get_ws)) -> HTMLResponse:
    try:
        d = mandates_list(ws)
    except NotFoundError as exc:
        return render(
            request,
            "mandates.html",
            title="Mandates",
            api_url="/api/mandates",
            d=None,
            missing=[missing(exc, "Security Council resolutions")],
        )
    return render(
        request,
        "mandates.html",
        title="Mandates",
        api_url="/api/mandates",
        d=d.to_dict(_url),
        figures=_history_figures(ws),
    )


@router.get("/mandates/diff", response_class=HTMLResponse, include_in_schema=False)
def diff_page(
    request: Request,
    ws: Workspace = Depends(get_ws),
    old: str | None = None,
    new: str | None = None,
) -> HTMLResponse:
    try:
        listing = mandates_list(ws)
    except NotFoundError as exc:
        return render(
            request,
            "mandates.html",
            title="Mandates",
            d=None,
            missing=[missing(exc, "Security Council resolutions")],
        )
    chosen = {"old": (old or "").strip(), "new": (new or "").strip()}
    errors = {k: "Choose a resolution." for k, v in chosen.items() if not v}
    if not errors and chosen["old"] == chosen["new"]:
        errors["new"] = "Choose a different resolution from the old one."
    d = None if errors else _diff(ws, chosen["old"], chosen["new"])
    api_url = f"/api/mandates/diff?old={chosen['old']}&new={chosen['new']}" if d else None
    return render(
        request,
        "mandate_diff.html",
        title="Compare two resolutions",
        api_url=api_url,
        listing=listing.to_dict(_url),
        chosen=chosen,
        errors=errors,
        d=d,
        status_code=400 if errors and (old is not None or new is not None) else 200,
    )


@router.get("/mandates/{ref:path}", response_class=HTMLResponse, include_in_schema=False)
def mandate_page(request: Request, ref: str, ws: Workspace = Depends(get_ws)) -> HTMLResponse:
    res = load(ws, ref)
    return render(
        request,
        "mandate.html",
        title=res.heading,
        api_url=f"/api/mandates/{res.number}",
        d=mandate_detail(res).to_dict(_url),
    )


@router.get("/api/mandates", tags=["mandates"], summary="Resolutions and per-mission history")
def mandates_api(ws: Workspace = Depends(get_ws)) -> JSONResponse:
    return api_json(mandates_list(ws).to_dict(_url))


@router.get("/api/mandates/list", tags=["mandates"], summary="Stored resolutions, oldest first")
def mandates_list_api(
    ws: Workspace = Depends(get_ws),
    mission: str | None = Query(None, description="only this mission (acronym)"),
) -> JSONResponse:
    """The same rows as ``peaceops mandates list --format json``."""
    from peaceops.grades import graded_rows
    from peaceops.mandates.listing import resolution_rows
    from peaceops.mandates.page import resolution_grade
    from peaceops.mandates.store import list_resolutions

    rows = [r.to_dict() for r in resolution_rows(ws, mission)]
    return api_json(graded_rows(rows, [resolution_grade(r) for r in list_resolutions(ws, mission)]))


@router.get("/api/mandates/diff", tags=["mandates"], summary="Differences between two renewals")
def diff_api(
    ws: Workspace = Depends(get_ws),
    old: str = Query(..., description="older resolution: number or symbol"),
    new: str = Query(..., description="newer resolution: number or symbol"),
) -> JSONResponse:
    return api_json(_diff(ws, old, new).to_dict())


@router.get("/api/mandates/{ref:path}", tags=["mandates"], summary="One resolution's structure")
def mandate_api(ref: str, ws: Workspace = Depends(get_ws)) -> JSONResponse:
    res = load(ws, ref)
    return api_json({**res.to_dict(), "structure": mandate_detail(res).to_dict(_url)})
