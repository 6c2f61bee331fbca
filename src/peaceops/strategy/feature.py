"""The political strategy as a feature: commands, page, overview headline, brief section."""

from peaceops.registry import Feature

__all__ = ["FEATURE"]

FEATURE = Feature(
    key="strategy",
    title="Strategy",
    cli=("peaceops.commands.strategy:register",),
    routers=("peaceops.web.routes_strategy:router",),
    nav=(("/strategy", "Strategy"),),
    headline="peaceops.strategy.headline:strategy_headline",
    brief="peaceops.reports.brief_strategy:gather_strategy",
    remedies={"strategy.import": "a political strategy"},
)
