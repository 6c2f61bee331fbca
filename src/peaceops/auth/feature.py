"""Accounts and roles as a feature: the ``users`` commands (see ``peaceops.registry``)."""

from peaceops.registry import Feature

__all__ = ["FEATURE"]

FEATURE = Feature(
    key="users",
    title="Users",
    cli=("peaceops.commands.users:register",),
    remedies={"users.list": "an account of that name"},
)
