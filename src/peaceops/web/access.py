"""Which role a request needs: viewer to read, analyst to change, admin for imports and users.

Pure rules on the method and path (no I/O); the sign-in gate (``peaceops.web.gate``) applies
them before any route runs, so a refused request changes nothing.
"""

from __future__ import annotations

from peaceops.auth import Role

__all__ = ["SAFE_METHODS", "require", "required_role"]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# (prefix, role) rules for state-changing requests, most specific first; see ``require``.
_RULES: list[tuple[str, Role]] = [
    ("/admin", Role.admin),
    ("/api/admin", Role.admin),
    ("/api/users", Role.admin),
]

# Paths whose pages (not only their changes) are for one role: what they show is itself
# restricted (the account list).
_READ_RULES: list[tuple[str, Role]] = [
    ("/admin", Role.admin),
    ("/api/admin", Role.admin),
    ("/api/users", Role.admin),
]


def require(prefix: str, role: Role) -> None:
    """State-changing requests under ``prefix`` need ``role`` (a feature's admin route)."""
    _RULES.insert(0, (prefix, role))


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix.rstrip("/") + "/")


def required_role(method: str, path: str) -> Role:
    """The role a request needs: viewer to read (admin for the admin pages); analyst to
    change, admin for imports and user management (any path with an ``import`` segment, and
    the ``require`` rules)."""
    if method.upper() in SAFE_METHODS:
        for prefix, role in _READ_RULES:
            if _under(path, prefix):
                return role
        return Role.viewer
    for prefix, role in _RULES:
        if _under(path, prefix):
            return role
    if "import" in path.strip("/").split("/"):
        return Role.admin
    return Role.analyst
