"""Small charts for the results framework: one sparkline an indicator, with its target.

The line shows the indicator's values (observations or computed periods), the dashed grey
line the straight path from baseline to target that the status rule reads, and the red rule
the target value. Every chart cites its sources.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt

from peaceops.framework.status import IndicatorStatus
from peaceops.reports.render import with_sources

__all__ = ["indicator_chart"]


def _data(rows: list[dict[str, Any]]) -> Any:
    return alt.Data(values=rows)  # type: ignore[no-untyped-call]


def indicator_chart(
    ind: IndicatorStatus,
    sources: Sequence[str],
    width: int = 280,
    height: int = 90,
    label: str = "",
) -> Any:
    """A sparkline of the indicator's values with the target line and the planned path."""
    values = [
        {"date": p.date.isoformat(), "value": p.value, "period": p.period or p.date.isoformat()}
        for p in ind.points
    ]
    path = [
        {"date": ind.baseline_date.isoformat(), "value": ind.baseline},
        {"date": ind.target_date.isoformat(), "value": ind.target},
    ]
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount=4, labelFontSize=8))
    y = alt.Y("value:Q", title=None, axis=alt.Axis(labelFontSize=8, tickCount=3))
    planned = (
        alt.Chart(_data(path))
        .mark_line(strokeDash=[4, 3], color="#999", strokeWidth=1)
        .encode(x=x, y=y)
    )
    target = (
        alt.Chart(_data([{"value": ind.target}]))
        .mark_rule(color="#c0392b", strokeWidth=1)
        .encode(y="value:Q")
    )
    layers: list[Any] = [planned, target]
    if values:
        line = (
            alt.Chart(_data(values))
            .mark_line(point=alt.OverlayMarkDef(size=18), color="#1f4e79", strokeWidth=1.5)
            .encode(
                x=x,
                y=y,
                tooltip=[alt.Tooltip("period:N"), alt.Tooltip("value:Q")],
            )
        )
        layers.append(line)
    chart = alt.layer(*layers).properties(width=width, height=height)
    title = f"{ind.id}: {ind.status} (target {ind.target:g} by {ind.target_date})"
    if label:  # ILLUSTRATIVE or SYNTHETIC, on the chart itself
        title = f"{label}: {title}"
    return with_sources(chart, list(sources), title)
