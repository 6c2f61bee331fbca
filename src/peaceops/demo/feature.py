"""The demo as a feature: the ``demo`` command (a workspace built from shipped examples)."""

from peaceops.registry import Feature

__all__ = ["FEATURE"]

FEATURE = Feature(key="demo", title="Demo", cli=("peaceops.commands.demo:register",))
