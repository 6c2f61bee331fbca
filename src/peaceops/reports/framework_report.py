"""The quarterly progress report of a results framework, in Markdown and HTML.

In the spirit of a Secretary-General benchmark annex: each benchmark with its status and
evidence, then each priority, area, outcome and indicator with status, trend and a chart,
coverage gaps, the rule behind the statuses, and the sources.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2

from peaceops.framework.rules import STATUSES
from peaceops.framework.status import (
    BenchmarkStatus,
    FrameworkStatus,
    IndicatorStatus,
    RollUp,
    framework_status,
)
from peaceops.framework.store import load_framework
from peaceops.grades import grade_label
from peaceops.numbers import format_number
from peaceops.reports.brief_grades import framework_grade
from peaceops.reports.framework_charts import indicator_chart
from peaceops.reports.render import chart_svg
from peaceops.workspace import Workspace

__all__ = ["METHOD", "write_framework_report"]

METHOD = (
    "An indicator has met its target when each of its last {sustain} values reaches it (one "
    "good period is not enough). It is on track when its target is met, or when its latest "
    "value is no more "
    "than {tol:.0%} of the change asked for (baseline to target) behind a straight path from "
    "baseline to target; at risk up to {risk:.0%} behind; off track beyond that or when the "
    "target date has passed without the target met; no recent data when it has no value in "
    "the last {stale} periods of its frequency. The trend is the least-squares slope of the "
    "last {points} values (flat under {flat:.0%} of their mean a period). Outcomes, areas, "
    "priorities and the framework roll up the indicators beneath them that have recent data: "
    "off track when at least a third are off track, on track when at least two thirds are on "
    "track and none is off track, at risk otherwise. A benchmark takes the latest assessment "
    "by a person; without one, it is met when all its indicators have met their targets, "
    "partly met when some have (or all are on track), and not met otherwise."
)


def _num(value: float | None) -> str:
    return format_number(None if value is None else float(value), missing="–")


def _latest(i: IndicatorStatus) -> str:
    if i.latest is None:
        return "–"
    return f"{_num(i.latest)} ({i.latest_period or i.latest_date})"


def _counts(r: RollUp) -> str:
    parts = [f"{r.counts.get(s, 0)} {s}" for s in STATUSES if r.counts.get(s, 0)]
    return ", ".join(parts) if parts else "no indicators"


def _assessed(b: BenchmarkStatus) -> str:
    if b.basis == "assessment":
        return f"{b.assessed_on} by {b.assessed_by}"
    if b.basis == "indicators":
        return "from indicators " + ", ".join(b.indicator_ids)
    return "–"


def _md(text: str) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def _cls(status: str) -> str:
    return "s-" + status.replace(" ", "-")


def _summary(st: FrameworkStatus) -> str:
    counts = Counter(i.status for i in st.indicators)
    ind = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s]) or "none"
    bench = Counter(b.status for b in st.benchmarks)
    bens = ", ".join(f"{n} {s}" for s, n in sorted(bench.items())) or "none"
    return f"{len(st.indicators)} indicators: {ind}. {len(st.benchmarks)} benchmarks: {bens}."


def _env() -> jinja2.Environment:
    folder = Path(str(files("peaceops.reports").joinpath("templates", "framework")))
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=jinja2.select_autoescape(["html.j2"]),
        trim_blocks=False,
    )


def write_framework_report(ws: Workspace, out_dir: Path, as_of: date | None = None) -> list[Path]:
    """Write ``framework-report.md``, ``framework-report.html``, ``status.json`` and charts."""
    st = framework_status(ws, as_of)
    fw = load_framework(ws, as_of)
    definitions = {i.id: i.definition for i in fw.indicators} if fw else {}
    out_dir.mkdir(parents=True, exist_ok=True)
    chart_dir = out_dir / "charts"
    chart_dir.mkdir(exist_ok=True)
    written: list[Path] = []
    charts: dict[str, str] = {}
    svgs: dict[str, str] = {}
    events = ws.datasets("events")
    event_cite = events[-1].cite() if events else ""
    grade, why = framework_grade(ws, as_of)
    label = grade_label(grade)
    if label:
        label = f"{label}: " + "; ".join(why)
    for ind in st.indicators:
        tracker = any(p.source == "agreement tracker" for p in ind.points)
        extra = (
            ("" if tracker else event_cite) if ind.computed else "observations entered in peaceops"
        )
        sources = [s for s in (ind.source, extra) if s]
        svg = chart_svg(indicator_chart(ind, sources, label=grade.upper() if label else ""))
        path = chart_dir / f"{ind.id}.svg"
        path.write_text(svg, encoding="utf-8")
        written.append(path)
        charts[ind.id] = f"charts/{ind.id}.svg"
        svgs[ind.id] = svg[svg.find("<svg") :] if "<svg" in svg else svg
    context: dict[str, Any] = {
        "st": st,
        "summary": _summary(st),
        "definitions": definitions,
        "charts": charts,
        "svgs": svgs,
        "method": METHOD.format(
            tol=st.rule.tolerance,
            risk=st.rule.risk,
            stale=st.rule.stale_periods,
            points=st.rule.trend_points,
            flat=st.rule.flat_share,
            sustain=st.rule.sustain,
        ),
        "label": label,
        "areas_of": lambda p: [a for a in st.areas if a.parent_id == p.id],
        "outcomes_of": lambda a: [o for o in st.outcomes if o.parent_id == a.id],
        "indicators_of": lambda o: [i for i in st.indicators if i.outcome_id == o.id],
        "num": _num,
        "latest": _latest,
        "counts": _counts,
        "assessed": _assessed,
        "md": _md,
        "cls": _cls,
    }
    env = _env()
    md_path = out_dir / "framework-report.md"
    md_path.write_text(env.get_template("report.md.j2").render(**context), encoding="utf-8")
    html_path = out_dir / "framework-report.html"
    html_path.write_text(env.get_template("report.html.j2").render(**context), encoding="utf-8")
    json_path = out_dir / "framework-status.json"
    json_path.write_text(
        json.dumps(
            {"grade": grade, **st.as_dict(points=True)}, default=str, indent=2, ensure_ascii=False
        ),
        encoding="utf-8",
    )
    return [md_path, html_path, json_path, *written]
