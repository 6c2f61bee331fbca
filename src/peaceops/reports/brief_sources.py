"""Sources and attribution of a brief: provenance records plus the citations sources require."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from peaceops.events.facts import latest_event_by_source
from peaceops.reports.brief_model import SourceEntry
from peaceops.workspace import Workspace

__all__ = ["ATTRIBUTIONS", "attributions_for", "data_as_of", "source_entries"]

# Citations the data publishers ask users to give, keyed by a word found in the source name.
ATTRIBUTIONS: dict[str, str] = {
    "acled": (
        "ACLED: Raleigh, C., Linke, A., Hegre, H. & Karlsen, J. (2010). Introducing ACLED: "
        "An Armed Conflict Location and Event Dataset. Journal of Peace Research 47(5), "
        "651-660. Data from the Armed Conflict Location & Event Data Project (acleddata.com)."
    ),
    "ucdp": (
        "UCDP GED: Sundberg, R. & Melander, E. (2013). Introducing the UCDP Georeferenced "
        "Event Dataset. Journal of Peace Research 50(4), 523-532."
    ),
    "ocha": (
        "Administrative boundaries: OCHA Common Operational Datasets (COD-AB) with the "
        "national government, distributed through the Humanitarian Data Exchange."
    ),
    "geo-pko": (
        "Geo-PKO: Cil, D., Fjelde, H., Hultman, L. & Nilsson, D. (2020). Mapping blue helmets: "
        "Introducing the Geocoded Peacekeeping Operations (Geo-PKO) dataset. Journal of Peace "
        "Research 57(2), 360-370."
    ),
    "pema": (
        "PEMA: Di Salvatore, J., Lundgren, M., Oksamytna, K. & Smidt, H. M. (2022). "
        "Introducing the Peacekeeping Mandates (PEMA) Dataset. Journal of Conflict "
        "Resolution 66(4-5)."
    ),
}


def _key(source: str) -> str | None:
    folded = source.casefold().replace(" ", "-")
    for key in ATTRIBUTIONS:
        if key in folded or key.replace("-", "") in folded.replace("-", ""):
            return key
    return None


def source_entries(ws: Workspace) -> tuple[SourceEntry, ...]:
    """Every dataset recorded in the workspace, each file version once.

    A cut-off date limits the data used, not the citations: a dataset obtained after the
    cut-off can still hold the events before it, so it stays cited.
    """
    seen: dict[tuple[str, str, str], SourceEntry] = {}
    for r in ws.datasets():
        entry = SourceEntry(
            source=r.source,
            kind=r.kind,
            file_name=r.file_name,
            version=r.version,
            accessed=r.accessed,
            sha256=r.sha256,
            citation=r.citation,
        )
        seen[(r.source, r.file_name, r.sha256)] = entry
    return tuple(sorted(seen.values(), key=lambda e: (e.kind, e.source, e.file_name)))


def attributions_for(
    sources: Iterable[str], entries: Iterable[SourceEntry] = ()
) -> tuple[str, ...]:
    """The required citations for the named sources, each once, in a fixed order, then the
    citations recorded with datasets from other sources (e.g. a resolution's symbol)."""
    keys = {k for k in (_key(s) for s in sources) if k is not None}
    out = [ATTRIBUTIONS[k] for k in ATTRIBUTIONS if k in keys]
    for e in entries:
        if e.citation and _key(e.source) is None and e.citation not in out:
            out.append(e.citation)
    return tuple(out)


def data_as_of(
    ws: Workspace, entries: Iterable[SourceEntry], as_of: date | None
) -> tuple[tuple[str, str], ...]:
    """Per source: the latest event date it contributed (for event data) and its access date."""
    latest = {src.casefold(): last for src, last in latest_event_by_source(ws, as_of).items()}
    lines: dict[str, str] = {}
    for e in entries:
        accessed = f"accessed {e.accessed.isoformat()}"
        last = next((v for k, v in latest.items() if k and k in e.source.casefold()), None)
        text = (
            f"events to {last.isoformat()}, {accessed}" if last and e.kind == "events" else accessed
        )
        lines[e.source] = text
    return tuple(lines.items())
