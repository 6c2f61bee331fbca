"""The political-strategy report: map, objectives with assumptions, gaps, stakeholders.

Writes ``strategy-report.md``, ``strategy-report.html``, ``strategy.json`` (the same document
as ``peaceops strategy status --format json`` plus the matrix and consultations), the map and
the stakeholder matrix as SVG and PNG. Every output carries the "illustrative" label when the
strategy is the shipped example.
"""

from __future__ import annotations

import json
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2

from peaceops.reports.strategy_map import map_png, map_svg
from peaceops.reports.strategy_matrix import matrix_svg
from peaceops.strategy.document import strategy_document as document_view
from peaceops.strategy.model import EXAMPLE_LABEL
from peaceops.workspace import Workspace

__all__ = ["strategy_document", "write_strategy_report"]

LABEL = EXAMPLE_LABEL


def strategy_document(ws: Workspace, as_of: date | None = None) -> dict[str, Any]:
    """Status, stakeholder matrix and consultations in one JSON-ready document (the
    ``StrategyDocument`` view's ``to_dict()``)."""
    return document_view(ws, as_of).to_dict()


def _sources(doc: dict[str, Any]) -> list[str]:
    out = [doc["source"]]
    for a in doc["assumptions"]:
        if a["source"] and a["source"] not in out:
            out.append(a["source"])
    return out


def _env() -> jinja2.Environment:
    folder = Path(str(files("peaceops.reports").joinpath("templates", "strategy")))
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=jinja2.select_autoescape(["html.j2"]),
    )


def _iso(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _md(text: str) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def write_strategy_report(ws: Workspace, out_dir: Path, as_of: date | None = None) -> list[Path]:
    """Write the report files to ``out_dir``; returns their paths."""
    doc = strategy_document(ws, as_of)
    sources = _sources(doc)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    smap = map_svg(doc, sources)
    title = f"{doc['name']}: stakeholders as of {doc['as_of']}"
    held = [r["source"] for r in doc["stakeholders"]["rows"] if r["source"]]
    smat = matrix_svg(doc["stakeholders"], title, list(dict.fromkeys([doc["source"], *held])))
    for name, svg in (("strategy-map", smap), ("stakeholders", smat)):
        path = out_dir / f"{name}.svg"
        path.write_text(svg, encoding="utf-8")
        png = out_dir / f"{name}.png"
        png.write_bytes(map_png(svg))
        written += [path, png]
    data = doc
    json_path = out_dir / "strategy.json"
    json_path.write_text(
        json.dumps(data, indent=2, ensure_ascii=False, default=_iso), encoding="utf-8"
    )
    md_path = out_dir / "strategy-report.md"
    env = _env()
    md_text = env.get_template("report.md.j2").render(d=doc, label=LABEL, md=_md)
    md_path.write_text(md_text, encoding="utf-8")
    html_path = out_dir / "strategy-report.html"
    html = env.get_template("report.html.j2").render(
        d=doc, label=LABEL, map_svg=smap, matrix_svg=smat
    )
    html_path.write_text(html, encoding="utf-8")
    return [*written, json_path, md_path, html_path]
