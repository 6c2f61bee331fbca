"""Accounts and roles of a team workspace: users, API tokens, web sessions."""

from peaceops.auth.roles import ROLE_HELP, Role, parse_role
from peaceops.auth.sessions import Session, create_session, end_session, session_user
from peaceops.auth.store import (
    User,
    add_user,
    authenticate,
    disable_user,
    enable_user,
    get_user,
    list_users,
    set_password,
    set_role,
)
from peaceops.auth.tokens import (
    TOKEN_PREFIX,
    Token,
    create_token,
    list_tokens,
    revoke_tokens,
    user_for_token,
)

__all__ = [
    "ROLE_HELP",
    "TOKEN_PREFIX",
    "Role",
    "Session",
    "Token",
    "User",
    "add_user",
    "authenticate",
    "create_session",
    "create_token",
    "disable_user",
    "enable_user",
    "end_session",
    "get_user",
    "list_tokens",
    "list_users",
    "parse_role",
    "revoke_tokens",
    "session_user",
    "set_password",
    "set_role",
    "user_for_token",
]
