"""Authorised ceilings of uniformed personnel, read from a resolution's operative paragraphs.

The Council sets a ceiling in a paragraph that decides or authorizes ("Decides that MINUSMA
shall comprise up to 13,289 military personnel and 1,920 police personnel"; "an authorized
troop ceiling of 19,815 military personnel, 760 military observers, 391 police personnel and
1,050 personnel of formed police units"). Each figure is read with the category after it:
military (troops, military personnel), observers (military observers) or police (police
personnel, formed police units, individual police officers; summed).

A paragraph that speaks of a ceiling but whose figures cannot be read, or that only changes
the strength by an amount ("increase by 1,200 troops"), gives no ceiling: it gives a warning
that says why, so the reader sees it and no figure is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from peaceops.mandates.model import Ceiling, Paragraph

__all__ = ["CeilingReading", "read_ceiling"]

_SETTING_VERBS = ("decides", "authorizes", "authorises", "approves", "endorses", "agrees")
_TRIGGER = re.compile(
    r"\b(?:shall|will|to|should) (?:comprise|consist|be composed)|\bcomposed of\b|\bceiling\b|"
    r"\bforce levels?\b|\bauthori[sz]ed (?:strength|level)|\bmaximum (?:strength )?of\b|"
    r"\b(?:strength|deployment) of up to\b|\bup to\b",
    re.IGNORECASE,
)
_UNIT_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TEN_WORDS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety"
_UNITS = {w: i for i, w in enumerate(_UNIT_WORDS.split(" "))}
_TENS = {w: 10 * i for i, w in enumerate(_TEN_WORDS.split(" ")) if w != "_"}
_WORD = "|".join([*_UNITS, *_TENS, "hundred", "thousand"])
_WORDS = rf"(?:{_WORD})(?:(?:\s+and\s+|[\s~-]+)(?:{_WORD}))*"
_NUMBER = rf"(\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORDS})"
# A figure followed by its category, allowing a few words between ("1,440 police personnel",
# "2,000 additional troops", "760 military observers").
_FIGURE = re.compile(
    r"\b" + _NUMBER + r"\s+(?:(additional|more|uniformed|international|armed)\s+)?"
    r"(?:United Nations\s+)?"
    r"(military observers?|observers?|military personnel|military staff|troops|soldiers|"
    r"infantry|personnel of formed police units|formed police units?|police officers|"
    r"individual police(?: officers)?|police personnel|police monitors|civilian police|police)",
    re.IGNORECASE,
)
_PERSONNEL = re.compile(
    r"\b(?:military personnel|troops|police|observers|formed police units?)\b", re.IGNORECASE
)
_WORD_NUMBER = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|fifty|"
    r"hundred|thousand)\b\s+(?:\w+\s+)?(?:troops|military|police|observers|battalions?)",
    re.IGNORECASE,
)
_INCREMENT = re.compile(r"\b(?:by|additional|an additional|further|of an additional)\s*$", re.I)


def _value(text: str) -> int | None:
    """``"13,289"`` -> 13289; ``"one hundred and twenty"`` -> 120; None if not a number."""
    if text[0].isdigit():
        return int(text.replace(",", ""))
    total, current = 0, 0
    for word in re.findall(r"[a-z]+", text.lower()):
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def _category(noun: str) -> str:
    n = noun.lower()
    if "observer" in n:
        return "observers"
    if "police" in n:
        return "police"
    return "military"


@dataclass(frozen=True)
class CeilingReading:
    """The ceiling a resolution sets (if any) and what could not be read."""

    ceiling: Ceiling | None
    warnings: tuple[str, ...]


def _sets(paragraph: Paragraph) -> bool:
    verb = paragraph.verb.lower()
    return any(verb.startswith(v) or f" {v}" in verb for v in _SETTING_VERBS)


def _short(text: str, limit: int = 140) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 3] + "..."


def read_ceiling(symbol: str, operative: tuple[Paragraph, ...]) -> CeilingReading:
    """The authorised ceiling set in ``operative`` (the first paragraph that sets one)."""
    warnings: list[str] = []
    for p in operative:
        if not _sets(p) or not _PERSONNEL.search(p.text):
            continue
        trigger = _TRIGGER.search(p.text)
        if trigger is None:
            continue
        values: dict[str, int] = {}
        increments: list[str] = []
        for m in _FIGURE.finditer(p.text, max(0, trigger.start() - 40)):
            before = p.text[max(0, m.start() - 25) : m.start()]
            if _INCREMENT.search(before) or (m[2] or "").lower() in ("additional", "more"):
                increments.append(m.group(0))
                continue
            value = _value(m[1])
            if value is None or value == 0:
                continue
            cat = _category(m[3])
            values[cat] = values.get(cat, 0) + value
        if values:
            return CeilingReading(
                Ceiling(
                    symbol=symbol,
                    military=values.get("military"),
                    police=values.get("police"),
                    observers=values.get("observers"),
                    paragraph=p.id,
                    wording=_short(p.text[trigger.start() :], 220),
                    source="text",
                ),
                tuple(warnings),
            )
        if increments:
            warnings.append(
                f"paragraph {p.id} changes the strength by an amount "
                f"({', '.join(increments)}) but sets no ceiling; no ceiling read from it"
            )
        elif _WORD_NUMBER.search(p.text) or re.search(r"\bup to\b|\bceiling\b", p.text, re.I):
            warnings.append(
                f"paragraph {p.id} seems to set a ceiling ({_short(p.text[trigger.start() :])!r}) "
                "but no figure with its category could be read; no ceiling stored"
            )
    return CeilingReading(None, tuple(warnings))
