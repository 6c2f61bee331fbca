"""Rule-based classification of mandate tasks (PEMA taxonomy) in operative paragraphs.

A task is present when one of its trigger phrases (``taxonomy.yaml``) occurs in an operative
paragraph. The modality follows the operative verb and the verb phrase around the trigger: appeals
to the parties or to Member States (encourages, urges, calls upon, demands...) are ``Encouraged``;
requests to the mission are ``Monitor`` (monitor, observe, verify, report), ``Security`` (protect,
secure, ensure security, all necessary means) or ``Assist`` (everything else: assist, support,
facilitate, help...).
"""

from __future__ import annotations

import re
from dataclasses import replace

from peaceops.mandates.model import Modality, Paragraph, Resolution, TaskMention
from peaceops.mandates.taxonomy import load_taxonomy

__all__ = ["classify", "modality_of"]

_ENCOURAGING_VERBS = (
    "encourages",
    "urges",
    "calls",
    "demands",
    "invites",
    "appeals",
    "expresses",
    "welcomes",
    "stresses",
    "emphasizes",
    "underlines",
    "reaffirms",
    "reiterates",
    "condemns",
    "notes",
)
_MONITOR = re.compile(r"\b(monitor\w*|observ\w*|verif\w*|supervis\w*|investigat\w*|report on)\b")
_SECURITY = re.compile(
    r"\b(protect\w*|secur(e|ing)|ensure the security|escort\w*|deter\w*|all necessary"
    r" (means|measures)|enforce\w*)\b"
)
_WINDOW = 160


def modality_of(paragraph: Paragraph, start: int) -> Modality:
    """The modality of a trigger found at ``start`` in ``paragraph.text``."""
    verb = paragraph.verb.lower().split(" ")[0] if paragraph.verb else ""
    if verb in _ENCOURAGING_VERBS:
        return Modality.ENCOURAGED
    window = paragraph.text[max(0, start - _WINDOW) : start + 40].lower()
    if _MONITOR.search(window):
        return Modality.MONITOR
    if _SECURITY.search(window):
        return Modality.SECURITY
    return Modality.ASSIST


_MANDATING_VERBS = ("decides", "authorizes", "requests", "approves", "expands", "extends")
_MISSION = re.compile(
    r"\b(force|mission|operation|observers?|un[a-z]{2,6}|minus[a-z]*|mon[a-z]*)\b"
)


def _is_mandating(paragraph: Paragraph) -> bool:
    """Whether a paragraph gives the mission work (PEMA codes mandated tasks only)."""
    verb = paragraph.verb.lower().split(" ")[0] if paragraph.verb else ""
    if verb not in _MANDATING_VERBS:
        return False
    return paragraph.parent is not None or bool(_MISSION.search(paragraph.text.lower()))


def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    return re.compile(r"\b" + re.escape(keyword) + (r"\b" if len(keyword) <= 4 else ""))


def classify(res: Resolution) -> Resolution:
    """Return a copy of ``res`` with ``tasks`` set to the task mentions found in its paragraphs."""
    found: dict[tuple[str, Modality], tuple[list[str], str]] = {}
    patterns = [(t.code, [_keyword_pattern(k) for k in t.keywords]) for t in load_taxonomy()]
    for paragraph in res.operative:
        if not _is_mandating(paragraph):
            continue
        lowered = paragraph.text.lower()
        for code, pats in patterns:
            for pat in pats:
                m = pat.search(lowered)
                if m is None:
                    continue
                modality = modality_of(paragraph, m.start())
                key = (code, modality)
                lo, hi = max(0, m.start() - 60), min(len(lowered), m.end() + 60)
                evidence = paragraph.text[lo:hi].strip()
                if key not in found:
                    found[key] = ([], evidence)
                if paragraph.id not in found[key][0]:
                    found[key][0].append(paragraph.id)
                break
    order = {t.code: i for i, t in enumerate(load_taxonomy())}
    mentions = sorted(
        (TaskMention(code, mod, tuple(pids), ev) for (code, mod), (pids, ev) in found.items()),
        key=lambda t: (order[t.task], list(Modality).index(t.modality)),
    )
    return replace(res, tasks=tuple(mentions))
