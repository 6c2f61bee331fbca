"""Actors as a feature: the registry, actor analyses, the political timeline and actor pages."""

from peaceops.registry import Feature

__all__ = ["FEATURE"]

FEATURE = Feature(
    key="actors",
    title="Actors",
    cli=("peaceops.commands.actors:register",),
    routers=("peaceops.web.routes_actors:router",),
    nav=(("/actors", "Actors"),),
    remedies={"timeline.add": "political milestones"},
    brief=(
        "peaceops.reports.brief_actors:gather_actors",
        "peaceops.reports.brief_actors:gather_timeline",
    ),
)
