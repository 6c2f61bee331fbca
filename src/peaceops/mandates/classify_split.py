"""A minimal operative-paragraph splitter used by the classifier and evaluation.

It only needs paragraph ids, verbs and text; the full reader lives elsewhere in the package.
"""

from __future__ import annotations

import re
from pathlib import Path

from peaceops.mandates.model import Paragraph, Resolution

__all__ = ["resolution_from_text", "split_operative"]

_TOP = re.compile(r"^\s*(\d{1,3})\s*\.\s+(\S.*)$")
_SUB = re.compile(r"^\s*\(([a-z]{1,2}|[ivx]{1,5})\)\s*(.*)$")
_ROMAN = re.compile(r"^[ivx]+$")
_VERB = re.compile(r"^([A-Z][a-z]+(?:\s+(?:upon|also|further|again|strongly|once more|on))?)")
_SYMBOL = re.compile(r"Resolution\s+(\d{2,4})\s*\((\d{4})\)", re.IGNORECASE)
_FILE_SYMBOL = re.compile(r"S_RES_0*(\d+)_(\d{4})")


def _repair(lines: list[str]) -> str:
    text = " ".join(s.strip() for s in lines if s.strip())
    text = re.sub(r"(\w)- (\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text).strip()


def split_operative(text: str) -> tuple[tuple[str, ...], tuple[Paragraph, ...]]:
    """Split a resolution text into preamble paragraphs and operative paragraphs/sub-paragraphs."""
    lines = text.splitlines()
    start = 0
    for i, line in enumerate(lines):
        first = _TOP.match(line)
        if first is not None and first[1] == "1":
            start = i
            break
    preamble_text = "\n".join(lines[:start])
    preamble = tuple(
        _repair(b.splitlines()) for b in re.split(r"\n\s*\n", preamble_text) if b.strip()
    )
    blocks: list[tuple[str, str | None, list[str]]] = []
    top = ""
    letter = ""
    expected = 1
    for line in lines[start:]:
        m = _TOP.match(line)
        if m and int(m[1]) == expected:
            top, letter, expected = m[1], "", expected + 1
            blocks.append((top, None, [m[2]]))
            continue
        s = _SUB.match(line)
        if s and top:
            label = s[1]
            is_roman = bool(_ROMAN.match(label)) and letter not in ("", "h") and label != "v"
            if is_roman and letter:
                blocks.append((f"{top}{letter}({label})", f"{top}{letter}", [s[2]]))
            else:
                letter = label
                blocks.append((f"{top}{label}", top, [s[2]]))
            continue
        if blocks:
            blocks[-1][2].append(line)
    paragraphs: list[Paragraph] = []
    verbs: dict[str, str] = {}
    for pid, parent, body in blocks:
        text_ = _repair(body)
        if parent is None:
            vm = _VERB.match(text_)
            verb = vm[1] if vm else ""
            verbs[pid] = verb
        else:
            verb = verbs.get(parent, "") or verbs.get(re.sub(r"\D.*", "", pid), "")
            verbs[pid] = verb
        paragraphs.append(Paragraph(id=pid, text=text_, verb=verb, parent=parent))
    return preamble, tuple(paragraphs)


def resolution_from_text(text: str, source: str = "") -> Resolution:
    """Build a Resolution (symbol, number, year, preamble, operative) from plain text."""
    m = _FILE_SYMBOL.search(Path(source).name) or _SYMBOL.search(text[:2000])
    number = int(m[1]) if m else None
    year = int(m[2]) if m else None
    symbol = f"S/RES/{number} ({year})" if m else Path(source).stem
    preamble, operative = split_operative(text)
    return Resolution(
        symbol=symbol,
        number=number,
        year=year,
        preamble=preamble,
        operative=operative,
        source=source,
    )
