"""The mandate-renewal brief as a feature: the ``brief`` command and the brief page."""

from peaceops.registry import Feature

__all__ = ["FEATURE"]

FEATURE = Feature(
    key="brief",
    title="Brief",
    cli=("peaceops.commands.brief:register",),
    routers=("peaceops.web.routes_brief:router",),
    nav=(("/brief", "Brief"),),
    # Sections that join several features' data live with the brief itself.
    brief="peaceops.reports.brief_deployment:gather_deployment",
)
