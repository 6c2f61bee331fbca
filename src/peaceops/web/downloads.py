"""What a page offers for download: its charts (PNG, CSV, XLSX) and tables (CSV, XLSX), with
the grade of the data they come from and the sources they cite.

Each page's route module has a function ``downloads(ws, params) -> PageDownloads`` built from
the same data as the page; ``routes_download`` serves ``/download/{page}/{key}.{ext}`` from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from peaceops.grades import Grade, weakest
from peaceops.web.figures import Figure, Table
from peaceops.workspace import Workspace

__all__ = ["PageDownloads", "data_label", "events_grade"]


@dataclass(frozen=True)
class PageDownloads:
    figures: Sequence[Figure] = ()
    tables: Sequence[Table] = ()
    grades: Sequence[Grade] = ()  # of the page's inputs; the weakest labels every row
    sources: Sequence[str] = field(default_factory=tuple)

    def items(self) -> list[Figure | Table]:
        return [*self.figures, *self.tables]

    def find(self, key: str) -> Figure | Table | None:
        return next((x for x in self.items() if x.key == key), None)

    def keys(self) -> list[str]:
        return [x.key for x in self.items()]

    @property
    def label(self) -> str:
        return data_label(self.grades)


def data_label(grades: Sequence[Grade]) -> str:
    """The word written on every row of a download: "synthetic", "illustrative" or ""."""
    grade = weakest(grades)
    return "" if grade == "real" else grade


def events_grade(ws: Workspace) -> Grade:
    """``synthetic`` when the conflict events are generated."""
    from peaceops.reports.brief_grades import events_grade as graded

    return graded(ws)[0]
