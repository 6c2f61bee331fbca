"""Country profiles as a feature: the ``countries`` commands, the remedy for a missing one."""

from __future__ import annotations

from peaceops.registry import Feature

__all__ = ["FEATURE"]

FEATURE = Feature(
    key="countries",
    title="Countries",
    cli=("peaceops.commands.countries:register",),
    remedies={"countries.create": "a country profile"},
)
