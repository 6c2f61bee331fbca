"""Charts of a mission's mandate history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt

from peaceops.mandates.history import HistoryRow
from peaceops.reports.render import with_sources

__all__ = ["history_chart"]


def history_chart(mission: str, rows: Sequence[HistoryRow], sources: Sequence[str]) -> Any:
    """Tasks and priority tasks per resolution (bars) for one mission, citing its sources."""
    data = [
        {"resolution": r.symbol, "order": i, "measure": measure, "count": value}
        for i, r in enumerate(rows)
        for measure, value in (("tasks", r.tasks), ("priority tasks", r.priority_tasks))
    ]
    chart = (
        alt.Chart(alt.Data(values=data))  # type: ignore[no-untyped-call]
        .mark_bar()
        .encode(
            x=alt.X("resolution:N", sort=alt.SortField("order"), title="Resolution"),
            xOffset="measure:N",
            y=alt.Y("count:Q", title="Tasks (PEMA taxonomy)"),
            color=alt.Color("measure:N", title=None),
        )
        .properties(width=max(240, 60 * len(rows)), height=220)
    )
    return with_sources(chart, sources, title=f"{mission}: mandate tasks per resolution")
