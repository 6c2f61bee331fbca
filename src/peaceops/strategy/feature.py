"""The political strategy as a feature: commands, page, overview headline."""

from peaceops.registry import Feature

__all__ = ["FEATURE"]

FEATURE = Feature(
    key="strategy",
    title="Strategy",
    cli=("peaceops.commands.strategy:register",),
    routers=("peaceops.web.routes_strategy:router",),
    nav=(("/strategy", "Strategy"),),
    headline="peaceops.strategy.headline:strategy_headline",
    remedies={"strategy.import": "a political strategy"},
)
