"""Sources and attribution: provenance records and the citations publishers require."""

from __future__ import annotations

from datetime import date

from peaceops.provenance import DatasetRecord
from peaceops.reports.brief_sources import ATTRIBUTIONS, attributions_for, source_entries
from peaceops.workspace import Workspace


def _record(source: str, kind: str, name: str, citation: str = "") -> DatasetRecord:
    return DatasetRecord(
        kind=kind,
        source=source,
        file_name=name,
        sha256=name.encode().hex().ljust(64, "0")[:64],
        accessed=date(2021, 3, 1),
        citation=citation,
    )


def test_each_file_version_listed_once_with_required_citations(workspace: Workspace) -> None:
    for record in (
        _record("ACLED", "events", "mali.csv"),
        _record("ACLED", "events", "mali.csv"),  # the same file imported twice
        _record("UCDP GED", "events", "ged.csv"),
        _record("Geo-PKO", "deployments", "FrontMap_v.2.3.csv", citation="Cil et al. (2020)."),
        _record("UN ODS", "resolution", "S_RES_2480.pdf", citation="S/RES/2480 (2019)."),
    ):
        workspace.record_dataset(record)
    entries = source_entries(workspace)
    assert [(e.kind, e.file_name) for e in entries] == [
        ("deployments", "FrontMap_v.2.3.csv"),
        ("events", "mali.csv"),
        ("events", "ged.csv"),
        ("resolution", "S_RES_2480.pdf"),
    ]
    cites = attributions_for([e.source for e in entries] + ["PEMA"], entries)
    assert cites == (
        ATTRIBUTIONS["acled"],
        ATTRIBUTIONS["ucdp"],
        ATTRIBUTIONS["geo-pko"],
        ATTRIBUTIONS["pema"],
        "S/RES/2480 (2019).",
    )
    assert attributions_for(["OCHA COD-AB"]) == (ATTRIBUTIONS["ocha"],)
    assert attributions_for(["a survey of my own"]) == ()
