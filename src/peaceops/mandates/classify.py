"""Rule-based classification of mandate tasks (PEMA taxonomy) in operative paragraphs.

A task is present when one of its trigger phrases (``taxonomy.yaml``) occurs in an action
segment that gives the peace operation work (see ``classify_rules``): the Council decides,
authorizes, requests or approves that the mission or the Secretary-General's operation do it
(modality ``Monitor``, ``Security`` or ``Assist`` after the action verb), or encourages/invites
the mission to do it (``Encouraged``). Appeals to the parties or Member States, statements and
requests for reports give no task.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from peaceops.mandates.classify_rules import (
    Clause,
    clauses,
    lead_in,
    mask_references,
    mission_segments,
    vetoed,
)
from peaceops.mandates.model import Modality, Paragraph, Resolution, TaskMention
from peaceops.mandates.taxonomy import load_taxonomy

__all__ = ["classify", "keyword_pattern"]


def keyword_pattern(keyword: str) -> re.Pattern[str]:
    """A trigger phrase as a regex: ``re:`` prefix = raw regex, else a word-prefix match."""
    if keyword.startswith("re:"):
        return re.compile(keyword[3:])
    return re.compile(r"\b" + re.escape(keyword) + (r"\b" if len(keyword) <= 4 else ""))


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    return tuple((t.code, tuple(keyword_pattern(k) for k in t.keywords)) for t in load_taxonomy())


def _top(res: Resolution, paragraph: Paragraph) -> Paragraph | None:
    """The top-level paragraph a sub-paragraph belongs to."""
    current = paragraph
    seen = 0
    while current.parent is not None and seen < 4:
        parent = res.paragraph(current.parent)
        if parent is None:
            return None
        current, seen = parent, seen + 1
    return current if current is not paragraph else None


def _paragraph_clauses(res: Resolution, paragraph: Paragraph) -> list[tuple[Clause, bool]]:
    """Clauses to search, each with whether it inherits its task from a lead-in."""
    if paragraph.parent is None:
        return [(c, False) for c in clauses(paragraph.text)]
    top = _top(res, paragraph)
    intro = lead_in(top.text) if top is not None else None
    if intro is None or not intro.gives_task:
        return []
    own = Clause(intro.verb, paragraph.text, True, intro.encouraged)
    return [(own, True)]


def classify(res: Resolution) -> Resolution:
    """Return a copy of ``res`` with ``tasks`` set to the task mentions found in its paragraphs.

    A coded mandate (expert coding, no text) is returned as it is: its tasks are the coding.
    """
    if res.coded:
        return res
    found: dict[tuple[str, Modality], tuple[list[str], str]] = {}
    patterns = _patterns()
    for paragraph in res.operative:
        for clause, inherited in _paragraph_clauses(res, paragraph):
            for segment in mission_segments(clause, inherited):
                lowered = mask_references(segment.text).lower()
                for code, pats in patterns:
                    m = next((m for p in pats if (m := p.search(lowered))), None)
                    if m is None or vetoed(code, clause.text):
                        continue
                    key = (code, segment.modality)
                    lo, hi = max(0, m.start() - 60), min(len(lowered), m.end() + 60)
                    if key not in found:
                        found[key] = ([], segment.text[lo:hi].strip())
                    if paragraph.id not in found[key][0]:
                        found[key][0].append(paragraph.id)
    order = {t.code: i for i, t in enumerate(load_taxonomy())}
    mentions = sorted(
        (TaskMention(code, mod, tuple(pids), ev) for (code, mod), (pids, ev) in found.items()),
        key=lambda t: (order[t.task], list(Modality).index(t.modality)),
    )
    return replace(res, tasks=tuple(mentions))
