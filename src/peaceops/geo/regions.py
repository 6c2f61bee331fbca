"""Canonical first-level (admin1) names and region groups, from a country's lists.

``admin1`` maps P-codes to canonical names, ``aliases`` other spellings to canonical names,
``groups`` a region group to its admin1 members. The workspace configuration holds the lists
(``WorkspaceConfig``) and answers through these functions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from peaceops.geo.names import fold_name

__all__ = ["canonical_admin1", "region_group_map", "region_group_of"]


def canonical_admin1(
    name: str | None, admin1: Mapping[str, str], aliases: Mapping[str, str]
) -> str | None:
    """A source's spelling of a first-level region as the canonical name (else as given)."""
    if not name:
        return None
    key = fold_name(name)
    for alias, canonical in aliases.items():
        if fold_name(alias) == key:
            return canonical
    for pcode, canonical in admin1.items():
        if fold_name(canonical) == key or pcode.casefold() == key:
            return canonical
    return name.strip()


def region_group_of(canonical: str | None, groups: Mapping[str, Sequence[str]]) -> str | None:
    """The region group a canonical admin1 name belongs to, or None if it is in none."""
    if canonical is None:
        return None
    key = fold_name(canonical)
    for group, members in groups.items():
        if any(fold_name(m) == key for m in members):
            return group
    return None


def region_group_map(
    admin1: Mapping[str, str], aliases: Mapping[str, str], groups: Mapping[str, Sequence[str]]
) -> dict[str, str]:
    """Folded admin1 name (and alias, and lower-case P-code) -> region group."""
    out: dict[str, str] = {}
    for group, members in groups.items():
        for m in members:
            out[fold_name(m)] = group
    for alias, canonical in aliases.items():
        alias_group = out.get(fold_name(canonical))
        if alias_group:
            out[fold_name(alias)] = alias_group
    for pcode, canonical in admin1.items():
        pcode_group = out.get(fold_name(canonical))
        if pcode_group:
            out[pcode.casefold()] = pcode_group
    return out
