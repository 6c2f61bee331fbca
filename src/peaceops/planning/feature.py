"""Planning as a feature: commands, pages (plan, alignment), overview headline, brief section."""

from peaceops.registry import Feature

__all__ = ["FEATURE"]

FEATURE = Feature(
    key="plan",
    title="Plan",
    cli=("peaceops.commands.plan:register",),
    routers=("peaceops.web.routes_plan:router", "peaceops.web.routes_alignment:router"),
    nav=(("/plan", "Plan"),),
    headline="peaceops.web.plan_data:plan_headline",
    brief="peaceops.reports.brief_plan:gather_plan",
    remedies={
        "plan.save": "a plan",
        "plan.deployments": "deployments",
    },
)
