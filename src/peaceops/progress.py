"""Progress of long work (imports, fetches, the brief, the demo): the library reports it, an
interface shows it. The library never draws anything itself."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["OnProgress", "report"]

# on_progress(what is being done now, steps done, steps in all; 0 when not known yet)
OnProgress = Callable[[str, int, int], None]


def report(on_progress: OnProgress | None, what: str, done: int, total: int) -> None:
    """Tell ``on_progress`` (when there is one) what is being done and how far along."""
    if on_progress is not None:
        on_progress(what, done, total)
