"""The accounts as the users page shows them: every user with their active tokens (never a
secret) and what each role may do. One typed view; its ``to_dict()`` is the page's data and
``/api/admin/users``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peaceops.auth.roles import ROLE_HELP, Role
from peaceops.auth.store import User, list_users
from peaceops.auth.tokens import Token, list_tokens
from peaceops.workspace import Workspace

__all__ = ["Accounts", "accounts"]


@dataclass(frozen=True)
class Accounts:
    users: tuple[User, ...]  # by name
    tokens: tuple[Token, ...]  # active ones, by user name then age

    def to_dict(self) -> dict[str, Any]:
        return {
            "users": [
                {**u.as_dict(), "tokens": [t.as_dict() for t in self.tokens if t.user == u.name]}
                for u in self.users
            ],
            "roles": {r.value: ROLE_HELP[r] for r in Role},
        }


def accounts(ws: Workspace) -> Accounts:
    """Every account and its active tokens."""
    return Accounts(users=tuple(list_users(ws)), tokens=tuple(list_tokens(ws)))
