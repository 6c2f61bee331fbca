"""The results framework as a feature: commands, pages, overview headline, brief section."""

from peaceops.registry import Feature

__all__ = ["FEATURE"]

FEATURE = Feature(
    key="framework",
    title="Framework",
    cli=("peaceops.commands.framework:register",),
    routers=("peaceops.web.routes_framework:router",),
    nav=(("/framework", "Framework"),),
    headline="peaceops.framework.headline:framework_headline",
    brief="peaceops.reports.brief_framework:gather_framework",
    remedies={
        "framework.import": "a results framework",
        "framework.observe": "observations of the framework's indicators",
    },
)
