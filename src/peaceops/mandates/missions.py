"""Which peace operations a resolution is about: acronyms and full names from a data table.

The table (``data/missions.csv``: acronym, full names separated by ``|``, country) is small and
editable; detection is case-sensitive for acronyms (``UNIFIL``) and case- and hyphen-insensitive
for full names ("United Nations Peace-keeping Force in Cyprus").
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["Mission", "detect_missions", "known_missions", "mission_by_acronym"]


@dataclass(frozen=True)
class Mission:
    """A peace operation as the Council names it."""

    acronym: str
    names: tuple[str, ...]
    country: str


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("-", "").replace("\u2011", "")).lower()


@cache
def known_missions() -> tuple[Mission, ...]:
    """Every mission in the shipped table."""
    raw = resources.files("peaceops.mandates").joinpath("data/missions.csv").read_text("utf-8")
    rows = csv.DictReader(raw.splitlines())
    return tuple(
        Mission(
            acronym=r["acronym"].strip(),
            names=tuple(n.strip() for n in r["names"].split("|") if n.strip()),
            country=r["country"].strip(),
        )
        for r in rows
    )


def mission_by_acronym(acronym: str) -> Mission | None:
    """The mission with this acronym (case-insensitive), if known."""
    return next((m for m in known_missions() if m.acronym.lower() == acronym.lower()), None)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    missions = known_missions()
    acronyms = sorted((m.acronym for m in missions), key=len, reverse=True)
    acro = re.compile(
        r"(?<![A-Za-z])(" + "|".join(re.escape(a) for a in acronyms) + r")(?![A-Za-z])"
    )
    by_name = {_fold(n): m.acronym for m in missions for n in m.names}
    names = sorted(by_name, key=len, reverse=True)
    name = re.compile("|".join(re.escape(n) for n in names))
    return acro, name, by_name


def detect_missions(text: str) -> tuple[str, ...]:
    """Acronyms of the missions named in ``text``, in order of first mention."""
    acro, name, by_name = _patterns()
    found: dict[str, int] = {}
    for m in acro.finditer(text):
        found.setdefault(m[1], m.start())
    folded = _fold(text)
    for m in name.finditer(folded):
        # Positions in the folded text are close enough for ordering by first mention.
        found.setdefault(by_name[m[0]], m.start())
    return tuple(sorted(found, key=lambda a: found[a]))
