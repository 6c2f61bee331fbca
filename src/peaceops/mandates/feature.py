"""Security Council mandates as a feature: commands, pages, overview headline, brief section."""

from peaceops.registry import Feature

__all__ = ["FEATURE"]

FEATURE = Feature(
    key="mandates",
    title="Mandates",
    cli=("peaceops.commands.mandates:register",),
    routers=("peaceops.web.routes_mandates:router",),
    nav=(("/mandates", "Mandates"),),
    headline="peaceops.mandates.headline:mandates_headline",
    brief="peaceops.reports.brief_mandate:gather_mandate",
    remedies={
        "mandates.read": "Security Council resolutions",
        "mandates.fetch": "the official text of a resolution",
    },
)
