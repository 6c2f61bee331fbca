"""The grade of each part of the brief, from the inputs it reads (see ``peaceops.grades``).

A part is ``synthetic`` when it reads generated events, ``illustrative`` when it reads an
example shipped with peaceops (a framework or plan marked ``illustrative``, observations
entered by the example loader, a project-written resolution text), and ``real`` otherwise.
Each function returns the grade and the labels that say, in words, which input lowers it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from peaceops.grades import Grade, weakest
from peaceops.mandates.model import Resolution
from peaceops.mandates.page import is_illustrative_text, resolution_grade
from peaceops.workspace import Workspace

__all__ = [
    "EXAMPLE_AUTHOR",
    "agreement_grade",
    "events_grade",
    "framework_grade",
    "plan_grade",
    "resolution_grade",
    "resolutions_grade",
    "saved_plan_grade",
    "strategy_grade",
]

# Records entered by the example loaders carry this author name.
EXAMPLE_AUTHOR = "example"


def events_grade(ws: Workspace) -> tuple[Grade, tuple[str, ...]]:
    """``synthetic`` when the workspace or any events dataset is generated."""
    generated = ws.config.synthetic or any(
        "synthetic" in (r.source + " " + r.file_name).lower() for r in ws.datasets("events")
    )
    if generated:
        return "synthetic", ("synthetic: the conflict events are generated",)
    return "real", ()


def resolutions_grade(resolutions: Iterable[Resolution]) -> tuple[Grade, tuple[str, ...]]:
    shown = [r.symbol for r in resolutions if is_illustrative_text(r)]
    if shown:
        return "illustrative", (
            "illustrative: project-written resolution texts, not official documents ("
            + ", ".join(shown)
            + ")",
        )
    return "real", ()


def framework_grade(ws: Workspace, as_of: date | None) -> tuple[Grade, tuple[str, ...]]:
    """The results framework's grade: its definition, its observations and its event data."""
    from peaceops.framework.store import assessments, load_framework, observations

    fw = load_framework(ws, as_of)
    if fw is None:
        return "real", ()
    grades: list[Grade] = []
    labels: list[str] = []
    if fw.illustrative:
        grades.append("illustrative")
        labels.append(f"illustrative: the example results framework '{fw.name}'")
    example_obs = [o for o in observations(ws, as_of) if o.entered_by == EXAMPLE_AUTHOR]
    example_ass = [a for a in assessments(ws, as_of) if a.assessed_by == EXAMPLE_AUTHOR]
    if example_obs or example_ass:
        grades.append("illustrative")
        labels.append(
            f"illustrative: {len(example_obs)} example observations and "
            f"{len(example_ass)} example assessments"
        )
    if any(
        i.computed is not None and i.computed.metric == "agreement_level" for i in fw.indicators
    ):
        from peaceops.agreement.store import load_agreement

        agreement = load_agreement(ws, as_of)
        if agreement is not None and agreement.illustrative:
            grades.append("illustrative")
            labels.append(f"illustrative: the example agreement tracker '{agreement.name}'")
    if any(
        i.computed is not None and i.computed.metric != "agreement_level" for i in fw.indicators
    ):
        g, more = events_grade(ws)
        grades.append(g)
        labels.extend(more)
    return weakest(grades), tuple(labels)


def agreement_grade(ws: Workspace, as_of: date | None = None) -> tuple[Grade, tuple[str, ...]]:
    """``illustrative`` when the agreement tracked is the example (or the project's reading)."""
    from peaceops.agreement.store import load_agreement

    agreement = load_agreement(ws, as_of)
    if agreement is not None and agreement.illustrative:
        return "illustrative", (f"illustrative: the example agreement tracker '{agreement.name}'",)
    return "real", ()


def strategy_grade(
    ws: Workspace, as_of: date | None = None, *, computed: bool = True
) -> tuple[Grade, tuple[str, ...]]:
    """The political strategy's grade: the strategy itself and, with ``computed``, what its
    assumptions and objectives are computed from (events, the agreement tracker, the results
    framework). Its records alone (stakeholders, its change log) take ``computed=False``."""
    from peaceops.strategy.store import load_strategy

    st = load_strategy(ws, as_of)
    if st is None:
        return "real", ()
    own: tuple[Grade, tuple[str, ...]] = (
        ("illustrative", (f"illustrative: the example political strategy '{st.name}'",))
        if st.example
        else ("real", ())
    )
    if not computed:
        return own
    return combine(own, events_grade(ws), agreement_grade(ws, as_of), framework_grade(ws, as_of))


def saved_plan_grade(ws: Workspace, name: str | None = None) -> tuple[Grade, tuple[str, ...]]:
    """The grade of the plan saved as ``name`` (the latest saved plan by default)."""
    from peaceops.planning.store import current_plan

    plan = current_plan(ws, name)
    return plan_grade(plan is not None and plan.illustrative, plan.name if plan else "")


def plan_grade(illustrative: bool, name: str) -> tuple[Grade, tuple[str, ...]]:
    if illustrative:
        return "illustrative", (f"illustrative: the example plan '{name}'",)
    return "real", ()


def combine(*parts: tuple[Grade, tuple[str, ...]]) -> tuple[Grade, tuple[str, ...]]:
    labels: list[str] = []
    for _, more in parts:
        labels.extend(x for x in more if x not in labels)
    return weakest(g for g, _ in parts), tuple(labels)
