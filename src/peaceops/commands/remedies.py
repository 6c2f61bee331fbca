"""The CLI's one table from remedy keys (declared by the features) to the command that helps.

Library errors say what is wrong and carry a ``remedy`` key; only here does a key become words.
"""

from __future__ import annotations

from peaceops.errors import PeaceopsError

__all__ = ["COMMANDS", "OPTIONS", "describe", "hint", "with_hint"]

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

# Error fields that are options of a command: the option to correct.
OPTIONS: dict[str, str] = {
    "level": "--level",
    "layer": "--layer",
    "source": "--source",
    "out": "--out",
    "scope": "--scope",
    "from": "--from",
    "yes": "--yes",
}


def hint(remedy: str | None) -> str:
    """``run 'peaceops ...'`` for a remedy key, or "" when there is none."""
    command = COMMANDS.get(remedy or "")
    return f"run '{command}'" if command else ""


def with_hint(message: str, remedy: str | None) -> str:
    """``message`` followed by the command that helps (if the remedy has one)."""
    message = message.rstrip()
    extra = hint(remedy)
    return f"{message.rstrip('.;:')}; {extra}" if extra else message


def describe(exc: PeaceopsError) -> str:
    """The error's message followed by the command or option that helps, on one line."""
    message = with_hint(str(exc), exc.remedy)
    option = OPTIONS.get(exc.field or "")
    if option:
        message = f"{option}: {message}"
    return message
