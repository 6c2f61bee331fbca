"""The framework as its page shows it: status, change log and the choices its forms offer.

One typed view with one ``to_dict()``: the page's template reads that document and
``/api/framework`` answers it, so the page and its JSON cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from peaceops.framework.checks import framework_start
from peaceops.framework.model import Benchmark, Indicator
from peaceops.framework.status import FrameworkStatus, framework_status
from peaceops.framework.store import changes, load_framework
from peaceops.records.history import Change, newest_first
from peaceops.workspace import Workspace

__all__ = ["FrameworkPage", "framework_page"]


@dataclass(frozen=True)
class FrameworkPage:
    """The status as of a date, the change log up to it, the indicators a person observes
    (those not computed by rules) and the benchmarks to assess, and the framework's first
    day (no observation may be dated before it)."""

    status: FrameworkStatus
    history: tuple[Change, ...]
    observable: tuple[Indicator, ...]
    benchmarks: tuple[Benchmark, ...]
    start: date | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status.as_dict(),
            "history": newest_first(self.history),
            "observable": [{"id": i.id, "name": i.name, "unit": i.unit} for i in self.observable],
            "benchmarks": [{"id": b.id, "name": b.name} for b in self.benchmarks],
            "start": self.start,
        }


def framework_page(ws: Workspace, as_of: date | None = None) -> FrameworkPage:
    """The framework page's view as of ``as_of`` (or the latest data)."""
    status = framework_status(ws, as_of)  # raises NotFoundError when there is no framework
    fw = load_framework(ws, as_of)
    assert fw is not None
    return FrameworkPage(
        status=status,
        history=tuple(changes(ws, as_of)),
        observable=tuple(i for i in fw.indicators if i.computed is None),
        benchmarks=tuple(fw.benchmarks),
        start=framework_start(fw),
    )
