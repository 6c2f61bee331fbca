"""The plain-data model of a mandate-renewal brief.

``build_brief`` gathers everything into one frozen ``BriefData``; the HTML, PDF and DOCX writers
only lay it out, so the three formats always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from peaceops.grades import Grade
from peaceops.provenance import cite

__all__ = [
    "BriefData",
    "BriefFigure",
    "BriefSection",
    "BriefTable",
    "Consideration",
    "MissingSection",
    "SectionPart",
    "SourceEntry",
    "sentence",
]


def sentence(text: str) -> str:
    """``text`` ending with exactly one full stop (sources often end with their own)."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


@dataclass(frozen=True)
class BriefFigure:
    """A chart in two renderings: SVG (inline in HTML) and PNG (PDF and DOCX)."""

    key: str
    title: str
    svg: str
    png: bytes
    sources: tuple[str, ...]
    alt: str  # what the chart shows, in words (for screen readers and DOCX)


@dataclass(frozen=True)
class BriefTable:
    """A table of text cells; the first row of ``rows`` is data, ``columns`` the header."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class Consideration:
    """One key consideration: a short statement, the figure it rests on and its source."""

    text: str
    figure: str
    source: str
    section: str  # key of the section that shows the detail
    # How far the consideration can be trusted, from its weakest input (peaceops.grades).
    grade: Grade = "real"
    sources: tuple[str, ...] = ()  # every citation behind it (default: ``source`` alone)

    def citations(self) -> tuple[str, ...]:
        return self.sources or (self.source,)


@dataclass(frozen=True)
class BriefSection:
    """One section of the brief with its content in reading order: text, figures, tables."""

    key: str
    title: str
    paragraphs: tuple[str, ...] = ()
    figures: tuple[BriefFigure, ...] = ()
    tables: tuple[BriefTable, ...] = ()


@dataclass(frozen=True)
class MissingSection:
    """A section left out because its data is missing: what is missing and the remedy key
    (see ``peaceops.errors``) of the action that adds it."""

    key: str
    title: str
    message: str
    remedy: str = ""


@dataclass(frozen=True)
class SourceEntry:
    """One dataset used by the brief, from the workspace's provenance records."""

    source: str
    kind: str
    file_name: str
    version: str
    accessed: date
    sha256: str
    citation: str

    def cite(self) -> str:
        return cite(
            self.source, self.version, self.file_name, self.sha256, self.accessed, self.citation
        )


@dataclass(frozen=True)
class BriefData:
    """Everything a brief says, gathered once from the workspace."""

    title: str
    mission: str | None
    country: str
    as_of: date | None  # the cut-off the user asked for (None: all data)
    generated: datetime
    synthetic: bool
    data_as_of: tuple[tuple[str, str], ...]  # (source, "latest data / accessed" line)
    considerations: tuple[Consideration, ...]
    sections: tuple[BriefSection, ...]
    missing: tuple[MissingSection, ...]
    sources: tuple[SourceEntry, ...]
    attributions: tuple[str, ...] = field(default=())  # required citations of sources used
    # Labels for inputs that are not real data ("illustrative: the example results framework").
    input_labels: tuple[str, ...] = field(default=())

    @property
    def grade(self) -> Grade:
        """The weakest grade of anything the brief shows."""
        from peaceops.grades import weakest

        grades: list[Grade] = [c.grade for c in self.considerations]
        if self.synthetic:
            grades.append("synthetic")
        if self.input_labels:
            grades.append("illustrative")
        return weakest(grades)

    def section(self, key: str) -> BriefSection | None:
        return next((s for s in self.sections if s.key == key), None)


@dataclass(frozen=True)
class SectionPart:
    """What one gatherer found: its section (or None), what is missing, key considerations
    drawn from it, and the names of the sources it relied on (for required citations)."""

    section: BriefSection | None
    missing: tuple[MissingSection, ...] = ()
    considerations: tuple[Consideration, ...] = ()
    sources: tuple[str, ...] = ()
    # The weakest grade of the part's inputs; its considerations are graded no better.
    grade: Grade = "real"
    # What makes the part less than real, in words, for the brief's labels.
    labels: tuple[str, ...] = ()
