"""Errors that carry data; the CLI and the web app turn them into words for the user.

Every error has a message (one line, naming no command) and, when it helps, structured fields:

- ``missing``: what the workspace lacks, in words ("conflict events");
- ``remedy``: a key naming the action that adds it ("events.import"); the CLI's table
  (``peaceops.commands.remedies``) turns it into a command hint, the web's
  (``peaceops.web.remedies``) into a command to show or a link;
- ``field``: the input the error is about (a form field or option name, "indicator_id"), so a form
  can show the message beside it.

Remedy keys are declared by the feature descriptors (``peaceops.registry``).
"""

from __future__ import annotations

__all__ = ["InputError", "NotFoundError", "OfflineError", "PeaceopsError", "WorkspaceError"]


class PeaceopsError(Exception):
    """Base class: its message is shown to the user as it is, on one line, without a traceback."""

    def __init__(
        self,
        message: str = "",
        *,
        missing: str | None = None,
        remedy: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.missing = missing
        self.remedy = remedy
        self.field = field

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict[str, str | None]:
        """The error as data: message, missing, remedy and field."""
        return {
            "message": self.message,
            "missing": self.missing,
            "remedy": self.remedy,
            "field": self.field,
        }


class WorkspaceError(PeaceopsError):
    """The workspace is missing, unreadable or not a peaceops workspace."""


class InputError(PeaceopsError):
    """A file or value given by the user cannot be used (wrong format, missing columns, ...)."""


class NotFoundError(PeaceopsError):
    """A named thing (resolution, indicator, task, scenario, ...) does not exist."""


class OfflineError(PeaceopsError):
    """A fetch command could not reach the network or the server."""
