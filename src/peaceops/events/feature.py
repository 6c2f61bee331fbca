"""Conflict events and context as a feature: commands, pages, overview headline, brief section."""

from peaceops.registry import Feature

__all__ = ["FEATURE"]

FEATURE = Feature(
    key="events",
    title="Context",
    cli=("peaceops.commands.events:register", "peaceops.commands.context:register"),
    routers=("peaceops.web.routes_context:router",),
    nav=(("/context", "Context"),),
    headline="peaceops.events.headline:context_headline",
    overview_key="context",
    brief="peaceops.reports.brief_considerations:context_part",
    remedies={
        "events.import": "conflict events",
        "boundaries.import.admin1": "admin1 boundaries",
        "boundaries.import.admin2": "admin2 boundaries",
        "boundaries.import.admin3": "admin3 boundaries",
    },
)
