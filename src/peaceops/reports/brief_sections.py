"""The mandate, results-framework and plan parts of the brief.

Each gatherer returns a ``SectionPart``: the section (or None), what is missing with the command
that adds it, key considerations drawn from it, and the sources it relied on.
"""

from __future__ import annotations

from datetime import date

from peaceops.reports.brief_framework import missing_framework
from peaceops.reports.brief_mandate import gather_mandate
from peaceops.reports.brief_model import SectionPart
from peaceops.reports.brief_plan import missing_plan
from peaceops.workspace import Workspace

__all__ = ["SectionPart", "gather_framework", "gather_mandate", "gather_plan"]


def gather_framework(ws: Workspace, mission: str | None, as_of: date | None) -> SectionPart:
    """Benchmarks and indicators with their status."""
    return missing_framework()


def gather_plan(ws: Workspace, mission: str | None, as_of: date | None) -> SectionPart:
    """Sequence, deferred tasks with reasons, and the capacity mismatch."""
    return missing_plan()
