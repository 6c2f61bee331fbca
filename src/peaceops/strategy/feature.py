"""The political strategy as a feature: commands, page, overview headline, brief data."""

from peaceops.registry import Feature

__all__ = ["FEATURE"]

FEATURE = Feature(
    key="strategy",
    title="Strategy",
    cli=("peaceops.commands.strategy:register",),
    remedies={"strategy.import": "a political strategy"},
)
