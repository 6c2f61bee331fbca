"""CLI commands: users (accounts and roles of a team workspace, API tokens)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from peaceops.commands.common import (
    TableFormat,
    WorkspaceOption,
    console,
    emit_records,
    open_workspace,
)
from peaceops.errors import InputError

__all__ = [
    "add_command",
    "disable_command",
    "enable_command",
    "list_command",
    "register",
    "revoke_token_command",
    "set_password_command",
    "set_role_command",
    "token_command",
]

RoleArg = Annotated[str, typer.Option("--role", help="viewer, analyst or admin.")]
NameArg = Annotated[str, typer.Argument(help="User name.")]


def _password_from_stdin() -> str:
    if sys.stdin is None or sys.stdin.isatty():
        raise InputError(
            "--password-stdin: pipe the password in, e.g. 'pass show x | peaceops ...'"
        )
    text = sys.stdin.readline().rstrip("\r\n")
    if not text:
        raise InputError("--password-stdin: no password was given on standard input")
    return text


def add_command(
    name: NameArg,
    role: RoleArg,
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from standard input (one line)."),
    ] = False,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Create an account (without --password-stdin it can use API tokens only)."""
    from peaceops.auth import add_user

    password = _password_from_stdin() if password_stdin else None
    user = add_user(open_workspace(workspace), name, role, password)
    how = "password and tokens" if password is not None else "API tokens only"
    console.print(f"Added {user.name} ({user.role.value}; signs in with {how}).")


# The columns of ``UserRecord.as_dict``, so an empty list still prints its CSV header.
USER_COLUMNS = ("name", "role", "disabled", "created_at", "active_tokens")


def list_command(
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = (
        TableFormat.table
    ),
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """List accounts: name, role, disabled, created, active tokens."""
    from peaceops.auth import list_users

    rows = [u.as_dict() for u in list_users(open_workspace(workspace))]
    emit_records(rows, fmt, title="Users", columns=USER_COLUMNS)


def set_role_command(
    name: NameArg,
    role: RoleArg,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Change an account's role."""
    from peaceops.auth import set_role

    user = set_role(open_workspace(workspace), name, role)
    console.print(f"{user.name} is now {user.role.value}.")


def set_password_command(
    name: NameArg,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the new password from stdin.")
    ] = False,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Replace an account's password (its web sessions end)."""
    from peaceops.auth import set_password

    if not password_stdin:
        raise InputError("give the new password with --password-stdin")
    user = set_password(open_workspace(workspace), name, _password_from_stdin())
    console.print(f"Password of {user.name} replaced; their sessions have ended.")


def disable_command(
    name: NameArg,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Disable an account: no sign-in, sessions end, tokens refused."""
    from peaceops.auth import disable_user

    user = disable_user(open_workspace(workspace), name)
    console.print(f"{user.name} is disabled; their sessions have ended.")


def enable_command(
    name: NameArg,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Enable a disabled account again."""
    from peaceops.auth import enable_user

    user = enable_user(open_workspace(workspace), name)
    console.print(f"{user.name} is enabled ({user.role.value}).")


def token_command(
    name: NameArg,
    label: Annotated[str, typer.Option("--label", help="What the token is for.")] = "",
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Make an API token (printed once on stdout; only its hash is stored)."""
    from peaceops.auth import create_token

    token_id, secret = create_token(open_workspace(workspace), name, label)
    typer.echo(secret)
    typer.echo(
        f"token {token_id} for {name}: send it as 'Authorization: Bearer TOKEN'; "
        "it cannot be shown again",
        err=True,
    )


def revoke_token_command(
    name: NameArg,
    token_id: Annotated[
        int | None, typer.Option("--id", help="Revoke only this token (default: all).")
    ] = None,
    workspace: WorkspaceOption = None,  # type: ignore[assignment]
) -> None:
    """Revoke a user's API tokens (all, or one with --id)."""
    from peaceops.auth import revoke_tokens

    n = revoke_tokens(open_workspace(workspace), name, token_id)
    console.print(f"Revoked {n} token(s) of {name}.")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    group = typer.Typer(
        no_args_is_help=True,
        help="Accounts of a team workspace: roles viewer, analyst, admin; API tokens.",
    )
    app.add_typer(group, name="users")

    group.command("add")(add_command)
    group.command("list")(list_command)
    group.command("set-role")(set_role_command)
    group.command("set-password")(set_password_command)
    group.command("disable")(disable_command)
    group.command("enable")(enable_command)
    group.command("token")(token_command)
    group.command("revoke-token")(revoke_token_command)
