"""The implementation report of a peace agreement, in Markdown and HTML, with charts and JSON.

Like a Peace Accords Matrix country page or an independent observer's annex: the score of each
part and of the whole agreement, the change since the last mandate renewal, the stall flag,
overdue provisions, every provision with its level and the source it rests on (unassessed
ones shown as such), the rule behind the scores, and the sources.
"""

from __future__ import annotations

import json
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2

from peaceops.agreement.scoring import PartScore
from peaceops.agreement.status import AgreementStatus, agreement_status, series
from peaceops.reports.agreement_charts import implementation_chart, status_matrix_chart
from peaceops.reports.render import chart_svg
from peaceops.workspace import Workspace

__all__ = ["chart_sources", "write_agreement_report"]


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _md(text: str) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def _counts(p: PartScore) -> str:
    shown = [f"{n} {w}" for w, n in p.counts.items() if n]
    return ", ".join(shown) or "no provisions"


def chart_sources(st: AgreementStatus) -> list[str]:
    """What a chart of this status cites: the tracker and the reports its levels rest on."""
    label = f" ({st.label})" if st.label else ""
    head = f"peaceops agreement tracker: {st.short_name or st.name}{label}"
    # One entry a report: the section each level rests on is in the tables beside the chart.
    reports = dict.fromkeys(s.split(", section")[0] for s in st.sources)
    return [head, *reports]


def _env() -> jinja2.Environment:
    folder = Path(str(files("peaceops.reports").joinpath("templates", "agreement")))
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=jinja2.select_autoescape(["html.j2"]),
    )


def _svg(svg: str) -> str:
    return svg[svg.find("<svg") :] if "<svg" in svg else svg


def write_agreement_report(ws: Workspace, out_dir: Path, as_of: date | None = None) -> list[Path]:
    """Write ``agreement-report.md``, ``.html``, ``agreement-status.json`` and two SVG charts."""
    st = agreement_status(ws, as_of)
    points = series(ws, st.as_of)
    sources = chart_sources(st)
    out_dir.mkdir(parents=True, exist_ok=True)
    chart_dir = out_dir / "charts"
    chart_dir.mkdir(exist_ok=True)
    svgs = {
        "implementation": chart_svg(implementation_chart(st, points, sources)),
        "matrix": chart_svg(status_matrix_chart(st, sources)),
    }
    written: list[Path] = []
    for name, svg in svgs.items():
        path = chart_dir / f"agreement-{name}.svg"
        path.write_text(svg, encoding="utf-8")
        written.append(path)
    parts = {p.id: p for p in st.parts}
    context: dict[str, Any] = {
        "st": st,
        "label": f" ({st.label})" if st.label else "",
        "pct": _pct,
        "md": _md,
        "counts": _counts,
        "parts": parts,
        "provisions_of": lambda pid: [s for s in st.provisions if s.part_id == pid],
        "svgs": {k: _svg(v) for k, v in svgs.items()},
        "charts": {k: f"charts/agreement-{k}.svg" for k in svgs},
        "stall_word": {True: "stalled", False: "not stalled", None: "unknown"}[st.stall.stalled],
    }
    env = _env()
    md_path = out_dir / "agreement-report.md"
    md_path.write_text(env.get_template("report.md.j2").render(**context), encoding="utf-8")
    html_path = out_dir / "agreement-report.html"
    html_path.write_text(env.get_template("report.html.j2").render(**context), encoding="utf-8")
    json_path = out_dir / "agreement-status.json"
    json_path.write_text(
        json.dumps(st.to_dict(), default=str, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    return [md_path, html_path, json_path, *written]
