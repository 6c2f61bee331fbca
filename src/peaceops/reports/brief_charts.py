"""Render a chart for the brief: SVG for the HTML, PNG for the PDF and DOCX."""

from __future__ import annotations

from typing import Any

import vl_convert as vlc

from peaceops.reports.brief_model import BriefFigure
from peaceops.reports.render import chart_svg

__all__ = ["figure_from_chart"]


def figure_from_chart(key: str, title: str, chart: Any, alt_text: str) -> BriefFigure:
    """Render an Altair chart (which already cites its sources) into both formats.

    The sources are read back from the chart's subtitle ("Source: ..."), which
    ``reports.render.with_sources`` puts there, so caption and chart always agree.
    """
    svg = chart_svg(chart)
    # Rasterising the SVG already rendered is about three times faster than rendering the
    # chart again, and the two renderings cannot differ.
    png: bytes = vlc.svg_to_png(svg, scale=2.0)
    return BriefFigure(
        key=key,
        title=title,
        svg=svg,
        png=png,
        sources=tuple(_sources_of(chart)),
        alt=alt_text,
    )


def _sources_of(chart: Any) -> list[str]:
    spec = chart.to_dict()
    title = spec.get("title") or {}
    subtitle = title.get("subtitle", []) if isinstance(title, dict) else []
    lines = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    text = " ".join(str(line) for line in lines).strip()
    text = text.removeprefix("Source:").strip()
    return [s.strip() for s in text.split("; ") if s.strip()]
