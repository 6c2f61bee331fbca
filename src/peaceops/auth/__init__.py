"""Accounts and roles of a team workspace: users, API tokens, web sessions."""

from peaceops.auth.roles import ROLE_HELP, Role, parse_role
from peaceops.auth.store import (
    Session,
    User,
    add_user,
    authenticate,
    create_session,
    create_token,
    disable_user,
    enable_user,
    end_session,
    get_user,
    list_users,
    revoke_tokens,
    session_user,
    set_password,
    set_role,
    user_for_token,
)

__all__ = [
    "ROLE_HELP",
    "Role",
    "Session",
    "User",
    "add_user",
    "authenticate",
    "create_session",
    "create_token",
    "disable_user",
    "enable_user",
    "end_session",
    "get_user",
    "list_users",
    "parse_role",
    "revoke_tokens",
    "session_user",
    "set_password",
    "set_role",
    "user_for_token",
]
