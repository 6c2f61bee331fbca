"""The heading of a resolution: symbol, number, year, adoption date and meeting number.

Handles the forms of the CR-UNSC corpus ("Resolution 743 (1992) / of 21 February 1992",
"1 (1946) Resolution of 25 January 1946", OCR slips like "Apri]" or "298Ist meeting") and of
modern documents ("S/RES/2531 (2020)", "Adopted by the Security Council at its 8743rd meeting,
on 29 June 2020").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

__all__ = [
    "COUNCIL_LINE",
    "OCR_DIGITS",
    "Header",
    "first_date",
    "lines_before_council",
    "parse_header",
]

OCR_DIGITS = str.maketrans("lIiL", "1111")
_MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTHS = "|".join(m.capitalize() for m in _MONTH_NAMES)
_DATE = re.compile(r"\b(\d{1,2})\s+(" + _MONTHS + r")\s*,?\s+((?:19|20)\d{2})\b")
_SYMBOL_FULL = re.compile(r"S/RES/(\d{1,4})\s*\((\d{4})\)")
_RESOLUTION_LINE = re.compile(r"^\s*Resolution\s+(\d{1,4})\s*\((\d{4})\)", re.IGNORECASE)
_OLD_TITLE_LINE = re.compile(r"^\s*(\d{1,4})\s*\((\d{4})\)\.?\s+Resolution\b")
_FILE_SYMBOL = re.compile(r"S_RES_0*(\d+)_(\d{4})")
_MEETING = re.compile(
    r"\bat\s+(?:its|the)\s+(\d[\dIl]{0,4})\s*(?:st|nd|rd|th)?\s+(?:plenary\s+)?meeting",
    re.IGNORECASE,
)
COUNCIL_LINE = re.compile(r"^\s*The\s+Security\s+Council\s*[,.:;]?\s*$")
# "1." opens a paragraph; OCR sometimes reads it as "1," (then a capital must follow).


@dataclass(frozen=True)
class Header:
    """What the heading and the adoption line say about a resolution."""

    symbol: str
    number: int | None
    year: int | None
    date: date | None = None
    meeting: str | None = None
    title: str = ""


def first_date(text: str) -> date | None:
    m = _DATE.search(text)
    if m is None:
        return None
    try:
        return date(int(m[3]), _MONTH_NAMES.index(m[2].lower()) + 1, int(m[1]))
    except ValueError:
        return None


def parse_header(text: str, source: str = "") -> Header:
    """Symbol, number, year, adoption date and meeting number from a resolution's text."""
    lines = text.splitlines()
    head = "\n".join(lines[:40])
    number = year = None
    for line in lines_before_council(lines):
        m = _RESOLUTION_LINE.match(line) or _OLD_TITLE_LINE.match(line)
        if m:
            number, year = int(m[1]), int(m[2])
            break
    if number is None:
        m = _SYMBOL_FULL.search(head) or _FILE_SYMBOL.search(Path(source).name)
        if m:
            number, year = int(m[1]), int(m[2])
    symbol = f"S/RES/{number} ({year})" if number is not None else (Path(source).stem or "")
    flat = re.sub(r"\s+", " ", re.sub(r"(?<=[a-z])-\s*\n\s*", "", text))
    adopted = re.search(r"Adopted by the Security Council at its .{0,80}", flat)
    when = first_date(adopted[0]) if adopted else None
    before_body = re.sub(r"\s+", " ", "\n".join(lines_before_council(lines)))
    before_body = before_body.replace("Apri]", "April")
    if when is None:
        # "Resolution 743 (1992) of 21 February 1992" or "1 (1946) Resolution of 25 January 1946"
        m = re.search(r"\bof\s+(\d{1,2}\s+(?:" + _MONTHS + r")\s+\d{4})", before_body)
        when = first_date(m[1]) if m else first_date(before_body)
    meeting_m = _MEETING.search(flat)
    title = ""
    for line in lines[:6]:
        s = line.strip()
        if s and s.isupper() and len(s) > 3 and "S/RES" not in s:
            title = title if title else s.title()
    return Header(
        symbol=symbol,
        number=number,
        year=year,
        date=when,
        meeting=meeting_m[1].translate(OCR_DIGITS) if meeting_m else None,
        title=title,
    )


def lines_before_council(lines: list[str]) -> list[str]:
    for i, line in enumerate(lines[:40]):
        if COUNCIL_LINE.match(line):
            return lines[:i]
    return lines[:6]
