"""Errors that the CLI and the web app turn into one clear line for the user."""

__all__ = ["InputError", "NotFoundError", "OfflineError", "PeaceopsError", "WorkspaceError"]


class PeaceopsError(Exception):
    """Base class: its message is shown to the user as it is, on one line, without a traceback."""


class WorkspaceError(PeaceopsError):
    """The workspace is missing, unreadable or not a peaceops workspace."""


class InputError(PeaceopsError):
    """A file or value given by the user cannot be used (wrong format, missing columns, ...)."""


class NotFoundError(PeaceopsError):
    """A named thing (resolution, indicator, task, scenario, ...) does not exist."""


class OfflineError(PeaceopsError):
    """A fetch command could not reach the network or the server."""
