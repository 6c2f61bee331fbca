"""Charts as inline SVG figures with a table alternative, rendered once per data state."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from peaceops.reports.render import chart_svg
from peaceops.web.common import cached, prefix_svg_ids

__all__ = ["Figure", "figure", "filtered_chart"]


@dataclass(frozen=True)
class Figure:
    """An inline SVG chart, its accessible description and the table it was drawn from."""

    key: str  # id on the page
    title: str
    svg: Markup
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    description: str = ""


def figure(
    key: str,
    title: str,
    cache_key: Any,
    make_chart: Callable[[], Any],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    description: str = "",
) -> Figure:
    """Render ``make_chart()`` to SVG (cached on ``cache_key``) as a page figure."""

    def draw() -> str:
        svg = chart_svg(make_chart())
        # Drop the XML prolog so the SVG can sit inside HTML.
        start = svg.find("<svg")
        return svg[start:] if start > 0 else svg

    raw = cached(("svg", key, cache_key), draw)
    digest = hashlib.sha1(repr(cache_key).encode()).hexdigest()[:6]
    svg = prefix_svg_ids(raw, f"{key}-{digest}")
    return Figure(
        key=key,
        title=title,
        svg=Markup(svg),  # produced by Vega from our own data, not user HTML
        columns=tuple(columns),
        rows=tuple(tuple(r) for r in rows),
        description=description,
    )


def filtered_chart(records: Sequence[dict[str, Any]], title: str, sources: Sequence[str]) -> Any:
    """Bars of fatalities per period for a filtered series (the page's region/type filters)."""
    import altair as alt

    from peaceops.reports.render import with_sources

    chart = (
        alt.Chart({"values": list(records)})
        .mark_bar(color="#4c6a92")
        .encode(
            x=alt.X("period:O", title=None, sort=None),
            y=alt.Y("fatalities:Q", title="fatalities"),
            tooltip=["period:N", "events:Q", "fatalities:Q"],
        )
        .properties(width=560, height=220)
    )
    return with_sources(chart, sources, title)
