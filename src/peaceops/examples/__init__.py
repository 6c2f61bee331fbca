"""Example inputs shipped with peaceops (written by the project; illustrative where labelled)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["example_path"]


def example_path(name: str) -> Path:
    """The path of a shipped example file, e.g. ``minusma_framework.yaml``."""
    return Path(str(files(__package__).joinpath(name)))
