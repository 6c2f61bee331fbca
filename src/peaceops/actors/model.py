"""Domain types of the actor registry: canonical actors, their names in the data, their periods.

Small, frozen and free of I/O. ``registry.py`` reads and validates them from YAML; ``mapping.py``
resolves the names a data source writes (ACLED ``actor1``, ``assoc_actor_2``...) to them.

Name matching rules (see ``fold_actor_name``): case, accents and punctuation are ignored, and
ACLED's period suffixes such as ``(2013-2020)`` or ``(2020-)`` are dropped wherever they stand,
so ``Military Forces of Mali (2013-2020) Gendarmerie`` is matched as
``military forces of mali gendarmerie``. An alias written with its suffix matches only that
exact name; a pattern is a regular expression matched against the whole folded name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

__all__ = [
    "ACTOR_TYPES",
    "STATE_FORCES",
    "UNIDENTIFIED",
    "Actor",
    "Alias",
    "Membership",
    "Registry",
    "Signatory",
    "fold_actor_name",
    "strip_period_suffix",
]

STATE_FORCES = "state forces"
UNIDENTIFIED = "unidentified"

# The one vocabulary of actor types. Analyses group by it; a registry entry with another type
# is refused.
ACTOR_TYPES: tuple[str, ...] = (
    STATE_FORCES,  # the country's own military, police, gendarmerie
    "signatory armed group",  # party to the peace agreement (through its coalition)
    "other armed group",  # armed group outside the agreement and not jihadist
    "jihadist group",
    "community militia",  # ethnic, communal or self-defence militias
    "international force",  # UN mission, regional and European forces, foreign operations
    "foreign state forces",  # neighbouring countries' national forces
    "international organisation",  # UN agencies other than the mission, ICRC, NGOs
    "political actor",  # government, parties, unions, associations
    "civilians",
    "protesters/rioters",
    UNIDENTIFIED,
)

_PERIOD_SUFFIX = re.compile(r"\(\s*\d{4}\s*-\s*(\d{4})?\s*\)")


def strip_period_suffix(name: str) -> str:
    """Drop period suffixes wherever they stand.

    ``Police Forces of Mali (2013-2020) Gendarmerie`` -> ``Police Forces of Mali Gendarmerie``.
    """
    return " ".join(_PERIOD_SUFFIX.sub(" ", name).split())


def fold_actor_name(name: str, keep_period: bool = False) -> str:
    """Case-, accent- and punctuation-insensitive key of an actor name.

    Period suffixes are dropped unless ``keep_period`` (used for aliases written with one).
    Parentheses around other words (``(Mali)``, ``(Platform)``) are kept as plain words.
    """
    text = name if keep_period else strip_period_suffix(name)
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join("".join(ch if ch.isalnum() else " " for ch in plain.casefold()).split())


def has_period_suffix(name: str) -> bool:
    return _PERIOD_SUFFIX.search(name) is not None


def _overlaps(a: tuple[date | None, date | None], b: tuple[date | None, date | None]) -> bool:
    a_start, a_end = a[0] or date.min, a[1] or date.max
    b_start, b_end = b[0] or date.min, b[1] or date.max
    return a_start <= b_end and b_start <= a_end


@dataclass(frozen=True)
class Alias:
    """One way a data source names an actor: an exact name or a pattern, within a period."""

    text: str
    pattern: bool = False
    start: date | None = None
    end: date | None = None
    source: str = ""  # only for events of this source ("acled", "ucdp"); empty: any source

    @property
    def key(self) -> str:
        """The folded form exact names are matched on (with the period suffix when written)."""
        if self.pattern:
            return self.text
        return fold_actor_name(self.text, keep_period=has_period_suffix(self.text))

    @property
    def exact_with_period(self) -> bool:
        return not self.pattern and has_period_suffix(self.text)

    @property
    def window(self) -> tuple[date | None, date | None]:
        return self.start, self.end

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"pattern" if self.pattern else "name": self.text}
        if self.start:
            out["from"] = self.start.isoformat()
        if self.end:
            out["to"] = self.end.isoformat()
        if self.source:
            out["source"] = self.source
        return out


@dataclass(frozen=True)
class Membership:
    """Membership of a coalition or umbrella (CMA, Platform, JNIM...) over a period."""

    name: str
    start: date | None = None
    end: date | None = None
    source: str = ""

    def active(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "source": self.source,
        }


@dataclass(frozen=True)
class Signatory:
    """Signature of the peace agreement: through which coalition, from which date."""

    coalition: str
    since: date
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"coalition": self.coalition, "since": self.since.isoformat(), "source": self.source}


@dataclass(frozen=True)
class Actor:
    """A canonical actor: what analyses count, whatever name a data source gave it."""

    name: str
    type: str
    source: str
    short: str = ""
    aliases: tuple[Alias, ...] = ()
    start: date | None = None  # the actor exists from (formation, renaming, merger)
    end: date | None = None  # ... until (dissolution, merger into another)
    memberships: tuple[Membership, ...] = ()
    signatory: Signatory | None = None
    un_mission: bool = False  # the UN peace operation itself (not other UN bodies)
    country: str = ""  # ISO3 of a state actor's country
    note: str = ""
    # words in a plan task's name that mean the task supports this (state) force
    support_terms: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.short or self.name

    def umbrella(self, day: date) -> str | None:
        """The coalition or umbrella the actor belonged to on ``day``, if any."""
        for m in self.memberships:
            if m.active(day):
                return m.name
        return None

    def is_signatory(self, day: date) -> bool:
        return self.signatory is not None and self.signatory.since <= day

    def window_of(self, alias: Alias) -> tuple[date | None, date | None]:
        """The period in which ``alias`` names this actor (alias period within the actor's)."""
        starts = [d for d in (self.start, alias.start) if d is not None]
        ends = [d for d in (self.end, alias.end) if d is not None]
        return (max(starts) if starts else None, min(ends) if ends else None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "short": self.short,
            "type": self.type,
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "memberships": [m.to_dict() for m in self.memberships],
            "signatory": self.signatory.to_dict() if self.signatory else None,
            "un_mission": self.un_mission,
            "country": self.country,
            "aliases": [a.to_dict() for a in self.aliases],
            "source": self.source,
            "note": self.note,
            "support_terms": list(self.support_terms),
        }


@dataclass(frozen=True)
class Registry:
    """The validated set of canonical actors of one country profile (plus user additions)."""

    country: str
    actors: tuple[Actor, ...]
    sources: tuple[tuple[str, str], ...] = ()  # (key, citation) the entries' notes refer to
    origin: tuple[str, ...] = ()  # files it was read from, in order
    _by_key: dict[str, Actor] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for actor in self.actors:
            for key in {fold_actor_name(actor.name), fold_actor_name(actor.short or actor.name)}:
                self._by_key.setdefault(key, actor)

    def get(self, name: str) -> Actor | None:
        """The actor with this canonical name or short name (folded), if any."""
        return self._by_key.get(fold_actor_name(name))

    def of_type(self, actor_type: str) -> tuple[Actor, ...]:
        return tuple(a for a in self.actors if a.type == actor_type)

    @property
    def mission(self) -> tuple[Actor, ...]:
        return tuple(a for a in self.actors if a.un_mission)

    def citation(self, key: str) -> str:
        return dict(self.sources).get(key, key)


def overlaps(a: tuple[date | None, date | None], b: tuple[date | None, date | None]) -> bool:
    """True when two (start, end) periods share a day; None is an open end."""
    return _overlaps(a, b)
