"""Roles of a team workspace and what each may do (pure rules, no I/O)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ROLE_HELP", "Role", "parse_role"]


class Role(StrEnum):
    """Ordered roles: each may do everything the ones before it may."""

    viewer = "viewer"
    analyst = "analyst"
    admin = "admin"

    @property
    def rank(self) -> int:
        return _ORDER.index(self)

    def allows(self, needed: Role) -> bool:
        """True when this role includes ``needed``."""
        return self.rank >= needed.rank


_ORDER = (Role.viewer, Role.analyst, Role.admin)

ROLE_HELP = {
    Role.viewer: "reads every page and API answer",
    Role.analyst: "also records observations, assessments, agreement status and timeline entries",
    Role.admin: "also imports frameworks, plans, agreements and events, and manages users",
}


def parse_role(text: str) -> Role:
    """A role from its name; raises ValueError naming the known roles."""
    try:
        return Role((text or "").strip().lower())
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise ValueError(f"unknown role {text!r} (use {known})") from None
