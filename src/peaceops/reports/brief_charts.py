"""Charts drawn for the brief, each rendered to SVG (HTML) and PNG (PDF, DOCX)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt

from peaceops.reports.brief_model import BriefFigure
from peaceops.reports.render import chart_png, chart_svg, with_sources

__all__ = ["figure_from_chart", "region_chart", "yearly_chart"]

_WIDTH = 460
_HEIGHT = 170


def figure_from_chart(
    key: str, title: str, chart: Any, sources: Sequence[str], alt_text: str
) -> BriefFigure:
    """Render an Altair chart (already citing its sources) into both formats."""
    return BriefFigure(
        key=key,
        title=title,
        svg=chart_svg(chart),
        png=chart_png(chart, scale=2.0),
        sources=tuple(sources),
        alt=alt_text,
    )


def yearly_chart(
    key: str, title: str, rows: Sequence[dict[str, Any]], measure: str, sources: Sequence[str]
) -> BriefFigure:
    """Bars of one yearly total (``fatalities`` column of a series)."""
    data: list[dict[str, Any]] = [
        {"year": str(r["period"]), "value": int(r["fatalities"])} for r in rows
    ]
    chart = (
        alt.Chart(alt.Data(values=data))  # type: ignore[no-untyped-call]
        .mark_bar(color="#1f5f8b")
        .encode(
            x=alt.X("year:O", title=None),
            y=alt.Y("value:Q", title=measure.capitalize()),
            tooltip=["year:O", "value:Q"],
        )
        .properties(width=_WIDTH, height=_HEIGHT)
    )
    peak = max(data, key=lambda d: d["value"]) if data else None
    alt_text = f"{title}: " + (
        f"{len(data)} years from {data[0]['year']} to {data[-1]['year']}, highest "
        f"{peak['value']:,} in {peak['year']}."
        if peak
        else "no data."
    )
    return figure_from_chart(key, title, with_sources(chart, sources, title), sources, alt_text)


def region_chart(
    key: str, title: str, rows: Sequence[dict[str, Any]], sources: Sequence[str]
) -> BriefFigure:
    """Stacked yearly fatalities by region group."""
    data: list[dict[str, Any]] = [
        {
            "year": str(r["period"]),
            "region": str(r.get("region") or "other"),
            "value": int(r["fatalities"]),
        }
        for r in rows
    ]
    chart = (
        alt.Chart(alt.Data(values=data))  # type: ignore[no-untyped-call]
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=None),
            y=alt.Y("value:Q", title="Fatalities", stack="zero"),
            color=alt.Color("region:N", title="Region group"),
            tooltip=["year:O", "region:N", "value:Q"],
        )
        .properties(width=_WIDTH - 60, height=_HEIGHT)
    )
    regions = sorted({d["region"] for d in data})
    alt_text = f"{title}: stacked bars for {', '.join(regions)}."
    return figure_from_chart(key, title, with_sources(chart, sources, title), sources, alt_text)
