"""The mandates pages as typed views: the list of stored resolutions with each mission's
history, and one resolution's structure. Each has one ``to_dict()`` that both the page and
its JSON use; the web passes only how a resolution's url is written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from peaceops.errors import NotFoundError
from peaceops.grades import Grade, graded_rows
from peaceops.mandates.history import HistoryRow, mandate_history, split_illustrative
from peaceops.mandates.listing import ResolutionRow, resolution_row
from peaceops.mandates.model import Paragraph, Resolution, TaskMention
from peaceops.mandates.reader import UNOFFICIAL_WARNING
from peaceops.mandates.references import task_list_warning
from peaceops.mandates.store import list_resolutions
from peaceops.mandates.taxonomy import load_taxonomy
from peaceops.workspace import Workspace

__all__ = [
    "MandatesPage",
    "ResolutionDetail",
    "TaskEntry",
    "UrlOf",
    "is_illustrative_text",
    "mandates_view",
    "resolution_detail",
    "resolution_grade",
]

UrlOf = Callable[[ResolutionRow], str]


def is_illustrative_text(res: Resolution) -> bool:
    """A resolution text the project wrote (it declares itself not official)."""
    return bool(getattr(res, "illustrative", False)) or UNOFFICIAL_WARNING in res.warnings


def resolution_grade(res: Resolution) -> Grade:
    """``illustrative`` for a project-written text, ``real`` for a published or coded one."""
    return "illustrative" if is_illustrative_text(res) else "real"


def _row_dict(row: ResolutionRow, url_of: UrlOf | None) -> dict[str, Any]:
    return {**row.to_dict(), "url": url_of(row)} if url_of else row.to_dict()


@dataclass(frozen=True)
class MandatesPage:
    """The stored resolutions (oldest first, each with its grade) and, per mission, the
    history of its real resolutions with the illustrative ones it leaves out."""

    resolutions: tuple[ResolutionRow, ...]
    grades: tuple[Grade, ...]
    history: tuple[tuple[str, tuple[HistoryRow, ...]], ...]  # (mission, rows), by mission
    history_left_out: tuple[tuple[str, tuple[str, ...]], ...]  # (mission, labels left out)

    def to_dict(self, url_of: UrlOf | None = None) -> dict[str, Any]:
        return {
            "resolutions": graded_rows(
                [_row_dict(r, url_of) for r in self.resolutions], self.grades
            ),
            "history": {m: [h.to_dict() for h in rows] for m, rows in self.history},
            "history_left_out": {m: list(labels) for m, labels in self.history_left_out},
        }


def mandates_view(ws: Workspace) -> MandatesPage:
    """The list page's view; NotFoundError when the workspace holds no resolution."""
    found = list_resolutions(ws)
    if not found:
        raise NotFoundError(
            "no resolutions in this workspace yet",
            missing="Security Council resolutions",
            remedy="mandates.read",
        )
    history: list[tuple[str, tuple[HistoryRow, ...]]] = []
    left_out: list[tuple[str, tuple[str, ...]]] = []
    for mission in sorted({m for r in found for m in r.missions}):
        own, fake = split_illustrative([r for r in found if mission in r.missions])
        history.append((mission, mandate_history(own)))
        if fake:
            left_out.append((mission, tuple(r.label for r in fake)))
    return MandatesPage(
        resolutions=tuple(resolution_row(r) for r in found),
        grades=tuple(resolution_grade(r) for r in found),
        history=tuple(history),
        history_left_out=tuple(left_out),
    )


@dataclass(frozen=True)
class TaskEntry:
    """One task of a resolution (as the list, the history and the diff count them), with
    each modality it is mandated in, the paragraphs of all of them and their evidence."""

    task: str
    name: str
    mentions: tuple[TaskMention, ...]

    def to_dict(self) -> dict[str, Any]:
        modalities: list[str] = []
        found: dict[str, list[str]] = {"paragraphs": [], "elsewhere": []}
        mentions = [m.to_dict() for m in self.mentions]
        for mention in mentions:
            if mention["modality"] not in modalities:
                modalities.append(mention["modality"])
            for key, seen in found.items():
                seen.extend(x for x in mention.get(key, []) if x not in seen)
        return {
            "task": self.task,
            "name": self.name,
            "modalities": modalities,
            "paragraphs": found["paragraphs"],
            "elsewhere": found["elsewhere"],
            "mentions": mentions,
        }


@dataclass(frozen=True)
class ResolutionDetail:
    """The structure of one resolution: sections, paragraphs with tier and verb, tasks."""

    row: ResolutionRow
    resolution: Resolution
    tasks: tuple[TaskEntry, ...]
    task_list_warning: str | None

    def sections(self) -> list[tuple[str, list[Paragraph]]]:
        out: list[tuple[str, list[Paragraph]]] = []
        for p in self.resolution.operative:
            if not out or out[-1][0] != p.heading:
                out.append((p.heading, []))
            out[-1][1].append(p)
        return out

    def to_dict(self, url_of: UrlOf | None = None) -> dict[str, Any]:
        res = self.resolution
        tiers: dict[str, int] = {}
        for p in res.operative:
            tiers[p.tier.value] = tiers.get(p.tier.value, 0) + 1
        return {
            **_row_dict(self.row, url_of),
            "meeting": res.shown_meeting,
            "heading": res.heading,
            "preamble": list(res.preamble),
            "sections": [
                {
                    "heading": heading,
                    "paragraphs": [
                        {
                            "id": p.id,
                            "parent": p.parent,
                            "verb": p.verb,
                            "tier": p.tier.value,
                            "text": p.text,
                        }
                        for p in paragraphs
                    ],
                }
                for heading, paragraphs in self.sections()
            ],
            "tiers": tiers,
            "tasks": [t.to_dict() for t in self.tasks],
            "warnings": list(res.warnings),
            "coding": res.coding.to_dict() if res.coding else None,
            "incorporated_by_reference": [r.to_dict() for r in res.incorporated_by_reference],
            "task_list_warning": self.task_list_warning,
        }


def resolution_detail(res: Resolution) -> ResolutionDetail:
    names = {t.code: t.name for t in load_taxonomy()}
    by_task: dict[str, list[TaskMention]] = {}
    for t in res.tasks:
        by_task.setdefault(t.task, []).append(t)
    return ResolutionDetail(
        row=resolution_row(res),
        resolution=res,
        tasks=tuple(
            TaskEntry(task, names.get(task, task), tuple(mentions))
            for task, mentions in by_task.items()
        ),
        task_list_warning=task_list_warning(res),
    )
