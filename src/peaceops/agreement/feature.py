"""The peace-agreement tracker as a feature: its commands (pages and brief section to come)."""

from peaceops.registry import Feature

__all__ = ["FEATURE"]

FEATURE = Feature(
    key="agreement",
    title="Agreement",
    cli=("peaceops.commands.agreement:register",),
    remedies={"agreement.import": "a peace agreement"},
)
