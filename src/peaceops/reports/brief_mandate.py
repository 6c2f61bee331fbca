"""The mandate part of the brief: structure, priorities and changes since the last renewal.

Resolutions come from the workspace's resolution store; tasks from the PEMA-taxonomy
classifier; the comparison from ``peaceops.mandates.diff`` and the sequence from
``peaceops.mandates.history``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from peaceops.mandates.classify import classify
from peaceops.mandates.diff import diff_resolutions
from peaceops.mandates.history import mandate_history, split_illustrative
from peaceops.mandates.model import Resolution, Tier
from peaceops.mandates.reader import UNOFFICIAL_WARNING
from peaceops.mandates.store import list_resolutions
from peaceops.mandates.taxonomy import load_taxonomy
from peaceops.reports.brief_grades import combine, resolutions_grade
from peaceops.reports.brief_model import (
    BriefSection,
    BriefTable,
    Consideration,
    MissingSection,
    SectionPart,
)
from peaceops.workspace import Workspace

__all__ = ["gather_mandate", "mandate_part", "renewals_up_to", "task_names"]

_TIER_NAMES = {
    Tier.STRATEGIC_PRIMARY: "Strategic priority (primary)",
    Tier.STRATEGIC_SECOND: "Strategic priority (second)",
    Tier.PRIORITY: "Priority tasks",
    Tier.OTHER: "Other tasks",
    Tier.NONE: "Other operative paragraphs",
}
_PRIORITY_TIERS = (Tier.STRATEGIC_PRIMARY, Tier.STRATEGIC_SECOND, Tier.PRIORITY)
_EXCERPT = 320


def _missing(mission: str | None, as_of: date | None) -> SectionPart:
    cut = f" adopted by {as_of.isoformat()}" if as_of else ""
    return SectionPart(
        None,
        (
            MissingSection(
                "mandate",
                "Mandate",
                f"No resolutions for {mission or 'the mission'}{cut} in the workspace: "
                "read each renewal.",
                remedy="mandates.read",
            ),
        ),
    )


def _adopted_by(res: Resolution, as_of: date) -> bool:
    if res.date is not None:
        return res.date <= as_of
    return res.year is not None and res.year <= as_of.year


def task_names() -> dict[str, str]:
    """PEMA task code -> task name."""
    return {t.code: t.name for t in load_taxonomy()}


def _excerpt(text: str) -> str:
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 1].rsplit(" ", 1)[0] + " …"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _label(res: Resolution) -> str:
    when = f", adopted {res.date.isoformat()}" if res.date else ""
    return f"{res.label}{when}"


def renewals_up_to(resolutions: Sequence[Resolution], as_of: date | None) -> list[Resolution]:
    """The resolutions adopted by ``as_of``, oldest first, each with its tasks classified.

    Illustrative texts are left out when the mission has real mandates (read or coded).
    """
    chosen = [r for r in resolutions if as_of is None or _adopted_by(r, as_of)]
    chosen, _ = split_illustrative(chosen)
    chosen = [r if r.tasks else classify(r) for r in chosen]
    chosen.sort(key=lambda r: (r.date or date(r.year or 1, 1, 1), r.number or 0))
    return chosen


def mandate_part(
    resolutions: Sequence[Resolution], mission: str | None, as_of: date | None = None
) -> SectionPart:
    """The mandate section from a mission's resolutions (any order; classified if not yet)."""
    chosen = renewals_up_to(resolutions, as_of)
    if not chosen:
        return _missing(mission, as_of)
    current = chosen[-1]
    names = task_names()
    ntasks = len({t.task for t in current.tasks})
    if current.coded:
        cited = sorted({p for t in current.tasks for p in t.paragraphs})
        paragraphs = [
            f"Current mandate: {_label(current)}: {ntasks} tasks in the PEMA taxonomy, "
            f"coded by PEMA experts from {len(cited)} operative paragraph ids; the text is "
            "not in the workspace, so no paragraph is quoted."
        ]
    else:
        paragraphs = [
            f"Current mandate: {_label(current)}: "
            f"{sum(1 for p in current.operative if p.parent is None)} operative paragraphs, "
            f"{current.word_count():,} words, {ntasks} tasks in the "
            f"PEMA taxonomy (automatic classification)."
        ]
    left_out = [
        r.label
        for r in resolutions
        if r.illustrative and r not in chosen and (as_of is None or _adopted_by(r, as_of))
    ]
    if left_out:
        paragraphs.append(
            f"Left out of this section: {', '.join(left_out)}; the section rests on the "
            "mission's real mandates."
        )
    unofficial = [r.symbol for r in chosen if UNOFFICIAL_WARNING in r.warnings]
    if unofficial:
        paragraphs.append(
            f"Note: {', '.join(unofficial)} (illustrative, not an official text) are "
            "texts written for peaceops, not official United Nations documents; their "
            "symbols do not exist."
        )
    if current.incorporated_by_reference:
        docs = ", ".join(r.symbol or r.description for r in current.incorporated_by_reference)
        paragraphs.append(
            f"{current.label} sets part of the mandate by reference to {docs}: the task "
            "list is incomplete without that document."
        )
    for tier in (Tier.STRATEGIC_PRIMARY, Tier.STRATEGIC_SECOND):
        for p in current.operative:
            if p.tier == tier and p.parent is None:
                paragraphs.append(f"{_TIER_NAMES[tier]}, paragraph {p.id}: {_excerpt(p.text)}")
    tables = [_coded_tasks_table(current, names) if current.coded else _structure_table(current)]
    priority = _priority_tasks_table(current, names)
    if priority is not None:
        tables.append(priority)
    considerations: list[Consideration] = []
    if len(chosen) >= 2:
        previous = chosen[-2]
        diff = diff_resolutions(previous, current)
        added = [names.get(t, t) for t in diff.tasks_added]
        dropped = [names.get(t, t) for t in diff.tasks_dropped]
        counts = {k: len(diff.changes(k)) for k in ("added", "removed", "reworded")}
        if diff.paragraphs_note:
            paragraphs.append(
                f"Since the last renewal ({previous.label}): "
                f"{_n(len(diff.tasks_added), 'task')} added, {len(diff.tasks_dropped)} "
                f"dropped, {len(diff.task_modalities)} with another modality "
                f"({diff.paragraphs_note})."
            )
        else:
            paragraphs.append(
                f"Since the last renewal ({previous.label}): "
                f"{_n(counts['added'], 'paragraph')} added, {counts['removed']} removed, "
                f"{counts['reworded']} reworded, {len(diff.tier_changes)} moved to another "
                f"priority tier; {diff.length_old['words'] or 0:,} → "
                f"{diff.length_new['words'] or 0:,} words."
            )
        tables.append(
            BriefTable(
                caption=f"Changes in tasks, {previous.label} → {current.label}",
                columns=("Change", "Tasks"),
                rows=(
                    ("Added", ", ".join(added) or "none"),
                    ("Dropped", ", ".join(dropped) or "none"),
                ),
                note=_task_note(previous, current),
            )
        )
        diff_source = f"{previous.label} and {current.label}; PEMA taxonomy"
        if added:
            considerations.append(
                Consideration(
                    text=(
                        f"{_n(len(added), 'task')} added since the last renewal "
                        f"({previous.label} → {current.label}): {', '.join(added)}."
                    ),
                    figure=f"{len(added)} added",
                    source=diff_source,
                    section="mandate",
                )
            )
        if dropped:
            considerations.append(
                Consideration(
                    text=(
                        f"{_n(len(dropped), 'task')} no longer in the mandate "
                        f"since {previous.label}: {', '.join(dropped)}."
                    ),
                    figure=f"{len(dropped)} dropped",
                    source=diff_source,
                    section="mandate",
                )
            )
    history = mandate_history(chosen)
    if len(history) >= 2:
        tables.append(
            BriefTable(
                caption=f"{mission or 'Mission'} mandates in the workspace",
                columns=("Resolution", "Words", "Operative paragraphs", "Tasks", "Priority tasks"),
                rows=tuple(
                    (
                        h.label or h.symbol,
                        "n/a (coded)" if h.words is None else f"{h.words:,}",
                        "n/a (coded)"
                        if h.operative_paragraphs is None
                        else str(h.operative_paragraphs),
                        str(h.tasks),
                        str(h.priority_tasks),
                    )
                    for h in history
                ),
            )
        )
    section = BriefSection(
        key="mandate", title="Mandate", paragraphs=tuple(paragraphs), tables=tuple(tables)
    )
    return SectionPart(section, (), tuple(considerations), ("PEMA",))


def _task_note(*resolutions: Resolution) -> str:
    coded = [r.symbol for r in resolutions if r.coded]
    if len(coded) == len(resolutions):
        return "Tasks as coded by PEMA experts (Di Salvatore et al. 2022)."
    if coded:
        return (
            f"Tasks of {', '.join(coded)} as coded by PEMA; of the others as found by the "
            "automatic PEMA-taxonomy classifier."
        )
    return "Tasks as found by the automatic PEMA-taxonomy classifier."


def _coded_tasks_table(res: Resolution, names: dict[str, str]) -> BriefTable:
    """A coded mandate's tasks with the paragraph ids the experts cite (no text to quote)."""
    rows = []
    for t in res.tasks:
        where = ", ".join(t.paragraphs) or "-"
        if t.elsewhere:
            where += "; from " + ", ".join(t.elsewhere)
        rows.append((names.get(t.task, t.task), t.modality.value, where))
    return BriefTable(
        caption=f"Tasks in {res.label}",
        columns=("Task", "Modality", "Operative paragraphs"),
        rows=tuple(rows),
        note="Coded by PEMA (Di Salvatore et al. 2022): paragraph ids as the experts cite them.",
    )


def _structure_table(res: Resolution) -> BriefTable:
    rows = []
    for tier in Tier:
        ids = [p.id for p in res.operative if p.tier == tier and p.parent is None]
        subs = sum(1 for p in res.operative if p.tier == tier and p.parent is not None)
        if ids:
            rows.append((_TIER_NAMES[tier], str(len(ids)), str(subs), _id_ranges(ids)))
    return BriefTable(
        caption=f"Structure of {res.label}",
        columns=("Part", "Paragraphs", "Sub-paragraphs", "Paragraph numbers"),
        rows=tuple(rows),
    )


def _id_ranges(ids: Sequence[str]) -> str:
    """'1, 6–8' from paragraph ids 1, 6, 7, 8 (runs of consecutive numbers as ranges)."""
    numbers = sorted({int(i) for i in ids if i.isdigit()})
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs]
    parts += [i for i in ids if not i.isdigit()]
    return ", ".join(parts)


def _priority_tasks_table(res: Resolution, names: dict[str, str]) -> BriefTable | None:
    tiers = {p.id: p.tier for p in res.operative}
    rows = []
    for t in res.tasks:
        in_priority = [pid for pid in t.paragraphs if tiers.get(pid) in _PRIORITY_TIERS]
        if in_priority:
            rows.append((names.get(t.task, t.task), t.modality.value, ", ".join(in_priority)))
    if not rows:
        return None
    return BriefTable(
        caption=f"Priority tasks in {res.label}",
        columns=("Task", "Modality", "Paragraphs"),
        rows=tuple(rows),
        note="Tasks and modalities as found by the automatic PEMA-taxonomy classifier.",
    )


def gather_mandate(
    ws: Workspace, mission: str | None, as_of: date | None, *, charts: bool = True
) -> SectionPart:
    """The mandate section from the resolutions stored in the workspace for ``mission``.

    (The section has no chart; ``charts`` is accepted like every section's gatherer.)
    """
    found = list_resolutions(ws, mission)
    part = mandate_part(found, mission, as_of)
    adopted = [r for r in found if as_of is None or (r.date or date(r.year or 1, 1, 1)) <= as_of]
    # Graded by the resolutions the section uses: the illustrative texts are left out when
    # the mission has real mandates (read or coded).
    used, _ = split_illustrative(adopted)
    grade, labels = combine((part.grade, part.labels), resolutions_grade(used))
    return replace(part, grade=grade, labels=labels)
