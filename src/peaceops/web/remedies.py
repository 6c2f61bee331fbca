"""The web's one table from remedy keys (declared by the features) to what the page offers.

The dashboard reads; the data comes in through the CLI, so a remedy becomes the command to run.
A remedy that the dashboard itself can carry out maps to a link instead (``LINKS``).
"""

from __future__ import annotations

from dataclasses import dataclass

from peaceops.errors import PeaceopsError
from peaceops.registry import remedy_keys

__all__ = ["COMMANDS", "LINKS", "Missing", "missing"]

COMMANDS: dict[str, str] = {
    "workspace.init": "peaceops init DIR",
    "countries.create": "peaceops countries create ISO3 --pcodes FILE",
    "events.import": "peaceops events import FILE",
    "boundaries.import.admin1": "peaceops boundaries import FILE --level 1",
    "boundaries.import.admin2": "peaceops boundaries import FILE --level 2",
    "boundaries.import.admin3": "peaceops boundaries import FILE --level 3",
    "mandates.read": "peaceops mandates read FILE --save",
    "mandates.fetch": "peaceops mandates fetch SYMBOL",
    "agreement.import": "peaceops agreement import FILE.yaml",
    "framework.import": "peaceops framework import FILE.yaml",
    "agreement.observe": "peaceops agreement observe FILE.csv",
    "framework.observe": "peaceops framework observe FILE.csv",
    "strategy.import": "peaceops strategy import FILE.yaml",
    "plan.save": "peaceops plan save FILE",
    "plan.deployments": "peaceops plan import-deployments FILE",
    "users.list": "peaceops users list",
    "timeline.add": "peaceops timeline add DATE TITLE --kind KIND --source SOURCE",
}

# Remedies the dashboard can carry out itself: key -> (path, label).
LINKS: dict[str, tuple[str, str]] = {
    "agreement.observe": ("/agreement#observe", "Record a status entry"),
    "framework.observe": ("/framework#observe", "Record an observation"),
}


@dataclass(frozen=True)
class Missing:
    """Data a page needs but the workspace does not have yet, and how to add it."""

    what: str
    message: str
    command: str
    link: str = ""
    link_label: str = ""

    def as_dict(self) -> dict[str, str]:
        return {
            "what": self.what,
            "message": self.message,
            "command": self.command,
            "link": self.link,
            "link_label": self.link_label,
        }


def missing(exc: PeaceopsError, what: str = "data") -> Missing:
    """A ``Missing`` from a feature's error, using its ``missing`` and ``remedy`` fields."""
    key = exc.remedy or ""
    link, label = LINKS.get(key, ("", ""))
    return Missing(
        what=exc.missing or remedy_keys().get(key) or what,
        message=str(exc),
        command=COMMANDS.get(key, ""),
        link=link,
        link_label=label,
    )
