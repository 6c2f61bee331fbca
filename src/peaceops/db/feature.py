"""The records database as a feature: the ``db`` commands (see ``peaceops.registry``)."""

from peaceops.registry import Feature

__all__ = ["FEATURE"]

FEATURE = Feature(key="db", title="Database", cli=("peaceops.commands.db:register",))
