"""The peace-agreement tracker as a feature: commands, page, overview headline, brief section."""

from peaceops.registry import Feature

__all__ = ["FEATURE"]

FEATURE = Feature(
    key="agreement",
    title="Agreement",
    cli=("peaceops.commands.agreement:register",),
    routers=("peaceops.web.routes_agreement:router",),
    nav=(("/agreement", "Agreement"),),
    headline="peaceops.agreement.headline:agreement_headline",
    brief="peaceops.reports.brief_agreement:gather_agreement",
    remedies={
        "agreement.import": "a peace agreement",
        "agreement.observe": "status entries of the agreement's provisions",
    },
)
