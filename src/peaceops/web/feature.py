"""The dashboard as a feature: the ``serve`` command and the overview page."""

from peaceops.registry import Feature

__all__ = ["FEATURE"]

FEATURE = Feature(
    key="dashboard",
    title="Overview",
    cli=("peaceops.commands.serve:register",),
    routers=("peaceops.web.routes_overview:router", "peaceops.web.routes_download:router"),
    nav=(("/", "Overview"),),
    remedies={"workspace.init": "a workspace"},
)
