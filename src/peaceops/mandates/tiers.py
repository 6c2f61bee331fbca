"""Priority tiers of a modern mandate: strategic priorities, priority tasks, other tasks.

Since the mid-2010s the Council sorts a mission's mandate under headings ("Strategic
priorities", "Priority tasks", "Other tasks") and says so in the paragraphs themselves
("Decides that the strategic priority of MINUSMA is ...", "... its second strategic priority
is ...", "... shall include the following priority tasks:"). Both signals are used: a phrase in a
paragraph wins over the section heading it sits under; sub-paragraphs take their parent's tier.
"""

from __future__ import annotations

import re
from dataclasses import replace

from peaceops.mandates.model import Paragraph, Resolution, Tier

__all__ = ["assign_tiers", "tier_of_heading", "tier_of_text"]

_SECOND = re.compile(r"\bsecond(?:ary)?\s+strategic\s+priorit(?:y|ies)\b", re.IGNORECASE)
_PRIMARY = re.compile(
    r"\b(?:(?:primary|first|overarching|main)\s+)?strategic\s+priorit(?:y|ies)\s+(?:of\s+\S+\s+)?"
    r"(?:is|are|shall\s+be|remains)\b",
    re.IGNORECASE,
)
_PRIORITY_TASKS = re.compile(r"\bfollowing\s+priority\s+tasks\b", re.IGNORECASE)
_OTHER_TASKS = re.compile(r"\bfollowing\s+(?:other|secondary|additional)\s+tasks\b", re.IGNORECASE)


def tier_of_heading(heading: str) -> Tier | None:
    """The tier a section heading opens, NONE for any other heading, None for no heading."""
    h = heading.strip().lower()
    if not h:
        return None
    if "strategic priorit" in h:
        return Tier.STRATEGIC_PRIMARY
    if "priority tasks" in h or h == "priorities":
        return Tier.PRIORITY
    if re.search(r"\b(?:other|secondary|additional) tasks\b", h):
        return Tier.OTHER
    return Tier.NONE


def tier_of_text(text: str) -> Tier | None:
    """The tier a paragraph declares for itself, if it does."""
    if _SECOND.search(text) and not re.search(
        r"\b(?:its|the|primary|first)\s+strategic\s+priority\s+(?:of\s+\S+\s+)?is\b",
        text,
        re.IGNORECASE,
    ):
        return Tier.STRATEGIC_SECOND
    if _PRIMARY.search(text):
        return Tier.STRATEGIC_PRIMARY
    if _PRIORITY_TASKS.search(text):
        return Tier.PRIORITY
    if _OTHER_TASKS.search(text):
        return Tier.OTHER
    return None


def assign_tiers(res: Resolution) -> Resolution:
    """Return ``res`` with a tier on every operative paragraph (``Tier.NONE`` outside tiers)."""
    out: list[Paragraph] = []
    by_id: dict[str, Tier] = {}
    section = Tier.NONE
    last_heading = ""
    for p in res.operative:
        if p.heading != last_heading:
            last_heading = p.heading
            heading_tier = tier_of_heading(p.heading)
            section = heading_tier if heading_tier is not None else Tier.NONE
        if p.parent is not None:
            tier = by_id.get(p.parent, section)
        else:
            own = tier_of_text(p.text)
            tier = own if own is not None else section
        by_id[p.id] = tier
        out.append(replace(p, tier=tier))
    return replace(res, operative=tuple(out))
