"""Mission facts shipped with peaceops: authorised ceilings per resolution, with citations.

For coded mandates (no text) and resolutions not available offline, ``data/mission_facts.yaml``
lists the ceilings the Council set, each with its resolution symbol and operative paragraph
(and whether that paragraph was checked). A ceiling read from a stored text takes precedence
over the file for the same resolution.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from peaceops.errors import InputError
from peaceops.mandates.model import Ceiling, Resolution

__all__ = ["CeilingInForce", "ceiling_in_force", "mission_ceilings"]

FACTS_SOURCE = "peaceops mission facts file (mission_facts.yaml)"


@dataclass(frozen=True)
class CeilingInForce:
    """The ceiling in force on a date, the resolution that set it, and how it is known."""

    ceiling: Ceiling
    adopted: date | None

    def describe(self) -> str:
        """``13,289 military, 1,920 police (S/RES/2480 (2019), paragraph unverified)``."""
        c = self.ceiling
        parts = [
            f"{v:,} {k}"
            for k, v in (("military", c.military), ("police", c.police), ("observers", c.observers))
            if v is not None
        ]
        return f"{', '.join(parts)} ({self.citation()})"

    def citation(self) -> str:
        c = self.ceiling
        if c.paragraph and "unverified" not in c.note:
            where = f", paragraph {c.paragraph}"
        elif c.paragraph:
            where = f", paragraph {c.paragraph} (unverified)"
        else:
            where = ", paragraph unverified"
        origin = "read from the text" if c.source == "text" else "mission facts file"
        return f"{c.symbol}{where}; {origin}"


@cache
def _facts() -> dict[str, Any]:
    raw = resources.files("peaceops.mandates").joinpath("data/mission_facts.yaml")
    data = yaml.safe_load(raw.read_text("utf-8")) or {}
    if not isinstance(data.get("missions"), dict):
        raise InputError("mission_facts.yaml: no 'missions' mapping")
    return data


def mission_ceilings(mission: str) -> list[tuple[Ceiling, date | None]]:
    """The ceilings in the facts file for ``mission``, oldest first."""
    entry = _facts()["missions"].get(mission.strip().upper()) or {}
    out: list[tuple[Ceiling, date | None]] = []
    for item in entry.get("ceilings") or ():
        adopted = item.get("adopted")
        verified = bool(item.get("verified"))
        note = str(item.get("note") or "")
        if not verified:
            note = (note + "; " if note else "") + "paragraph unverified"
        out.append(
            (
                Ceiling(
                    symbol=str(item["symbol"]),
                    military=item.get("military"),
                    police=item.get("police"),
                    observers=item.get("observers"),
                    paragraph=str(item["paragraph"]) if item.get("paragraph") else None,
                    wording=" ".join(str(item.get("wording") or "").split()),
                    source=FACTS_SOURCE,
                    note=note,
                ),
                adopted if isinstance(adopted, date) else None,
            )
        )
    return sorted(out, key=lambda c: c[1] or date.min)


def ceiling_in_force(
    mission: str, on: date | int, stored: Sequence[Resolution] = ()
) -> CeilingInForce | None:
    """The ceiling in force for ``mission`` on a date (a year means its last day).

    Ceilings read from ``stored`` texts replace the facts file's entry for the same symbol.
    """
    day = date(on, 12, 31) if isinstance(on, int) else on
    known: dict[str, tuple[Ceiling, date | None]] = {
        c.symbol: (c, adopted) for c, adopted in mission_ceilings(mission)
    }
    for res in stored:
        if res.ceiling is not None and mission.strip().upper() in res.missions:
            when = res.date or (date(res.year, 12, 31) if res.year else None)
            known[res.symbol] = (replace(res.ceiling, source="text"), when)
    candidates = [(c, d) for c, d in known.values() if d is not None and d <= day]
    if not candidates:
        return None
    ceiling, adopted = max(candidates, key=lambda cd: cd[1] or date.min)
    return CeilingInForce(ceiling, adopted)
