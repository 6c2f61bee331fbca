"""Charts of an agreement's implementation: score over time by part, provision-by-status matrix.

Both cite their sources under the chart and carry the agreement's label ("illustrative" for
the shipped example) in the title, so a chart copied out of a report still says what it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import altair as alt

from peaceops.agreement.status import AgreementStatus
from peaceops.reports.render import with_sources

__all__ = ["STATUS_ORDER", "implementation_chart", "status_matrix_chart"]

STATUS_ORDER = ("unassessed", "not started", "minimal", "intermediate", "complete")
_COLOURS = ("#d9d9d9", "#c0392b", "#e6a23c", "#7fb3d5", "#1e7b34")


def _data(rows: list[dict[str, Any]]) -> Any:
    return alt.Data(values=rows)  # type: ignore[no-untyped-call]


def _labelled(title: str, label: str) -> str:
    return f"{title} ({label})" if label else title


def implementation_chart(
    st: AgreementStatus,
    points: Sequence[tuple[date, str, float | None, int]],
    sources: Sequence[str],
    width: int = 520,
    height: int = 220,
) -> Any:
    """Implementation score (lower bound) of each part and overall at every date given."""
    names = {p.id: f"{p.number}: {p.name}" for p in st.parts}
    names["overall"] = "Whole agreement"
    rows = [
        {"date": d.isoformat(), "part": names.get(pid, pid), "score": s, "assessed": n}
        for d, pid, s, n in points
        if s is not None
    ]
    order = [names[p.id] for p in st.parts] + ["Whole agreement"]
    chart = (
        alt.Chart(_data(rows))
        .mark_line(interpolate="step-after", strokeWidth=1.6)
        .encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y")),
            y=alt.Y(
                "score:Q",
                title="implementation (share of the maximum)",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=alt.Color(
                "part:N",
                sort=order,
                title=None,
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=320),
            ),
            strokeDash=alt.condition(
                alt.datum.part == "Whole agreement", alt.value([1, 0]), alt.value([4, 2])
            ),
            tooltip=["date:T", "part:N", alt.Tooltip("score:Q", format=".0%"), "assessed:Q"],
        )
        .properties(width=width, height=height)
    )
    title = _labelled(f"{st.short_name or st.name}: implementation over time, by part", st.label)
    return with_sources(chart, sources, title)


def status_matrix_chart(st: AgreementStatus, sources: Sequence[str], width: int = 360) -> Any:
    """One row a provision, one column a status; the provision's cell is filled (as of)."""
    parts = {p.id: p.number for p in st.parts}
    rows = [
        {
            "provision": f"{s.id} ({s.article})",
            "part": parts.get(s.part_id, s.part_id),
            "status": s.word,
            "overdue": "overdue" if s.overdue else "",
            "source": s.source or "no sourced status",
        }
        for s in st.provisions
    ]
    chart = (
        alt.Chart(_data(rows))
        .mark_rect(stroke="#fff")
        .encode(
            x=alt.X(
                "status:N",
                sort=list(STATUS_ORDER),
                title=None,
                scale=alt.Scale(domain=list(STATUS_ORDER)),
                axis=alt.Axis(orient="top", labelAngle=0),
            ),
            y=alt.Y("provision:N", sort=None, title=None, axis=alt.Axis(labelLimit=320)),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=list(STATUS_ORDER), range=list(_COLOURS)),
                legend=None,
            ),
            tooltip=["provision:N", "part:N", "status:N", "overdue:N", "source:N"],
        )
        .properties(width=width, height=alt.Step(13))
    )
    title = _labelled(f"Provisions by status on {st.as_of}", st.label)
    return with_sources(chart, sources, title)
