"""The mandate section from two renewals of an illustrative mission (texts written for the test)."""

from __future__ import annotations

from datetime import date

from peaceops.demo.mandate_texts import MODERN_RENEWALS, modern_resolution_text
from peaceops.mandates.model import Paragraph, Resolution, Tier
from peaceops.mandates.reader import read_text
from peaceops.mandates.store import save_resolution
from peaceops.reports.brief_mandate import gather_mandate, mandate_part
from peaceops.workspace import Workspace


def _renewal(number: int, adopted: date, civilians: bool) -> Resolution:
    paragraphs = [
        Paragraph(
            "20",
            "Decides that the strategic priority of UNTEST is to support the implementation "
            "of the peace agreement by the parties.",
            "Decides",
            Tier.STRATEGIC_PRIMARY,
        ),
        Paragraph(
            "21",
            "Decides that the mandate of UNTEST shall include the following priority tasks:",
            "Decides",
            Tier.PRIORITY,
        ),
        Paragraph(
            "21a",
            "To monitor the ceasefire and report violations to the Council;",
            "Decides",
            Tier.PRIORITY,
            parent="21",
        ),
        Paragraph(
            "22",
            "Requests UNTEST to support demining of roads in the north",
            "Requests",
            Tier.OTHER,
        ),
    ]
    if civilians:
        paragraphs.insert(
            3,
            Paragraph(
                "21b",
                "To protect civilians under threat of physical violence in the centre;",
                "Decides",
                Tier.PRIORITY,
                parent="21",
            ),
        )
    return Resolution(
        f"S/RES/{number} ({adopted.year})",
        number,
        adopted.year,
        date=adopted,
        missions=("UNTEST",),
        operative=tuple(paragraphs),
    )


OLD = _renewal(9001, date(2029, 6, 27), civilians=False)
NEW = _renewal(9050, date(2030, 6, 29), civilians=True)


def test_mandate_section_reports_structure_priorities_and_changes() -> None:
    part = mandate_part([NEW, OLD], "UNTEST")
    assert part.section is not None and part.missing == ()
    text = " ".join(part.section.paragraphs)
    assert text.startswith("Current mandate: S/RES/9050 (2030), adopted 2030-06-29")
    assert "Strategic priority (primary), paragraph 20: Decides that the strategic" in text
    assert "Since the last renewal (S/RES/9001 (2029)): 1 paragraph added, 0 removed" in text
    tables = {t.caption: t for t in part.section.tables}
    structure = tables["Structure of S/RES/9050 (2030)"]
    assert ("Priority tasks", "1", "2", "21") in structure.rows
    changes = tables["Changes in tasks, S/RES/9001 (2029) → S/RES/9050 (2030)"]
    assert dict(changes.rows) == {"Added": "Protection of civilians", "Dropped": "none"}
    priority = tables["Priority tasks in S/RES/9050 (2030)"]
    assert ("Protection of civilians", "Security", "21b") in priority.rows
    considerations = [c.text for c in part.considerations]
    assert considerations == [
        "1 task added since the last renewal (S/RES/9001 (2029) → S/RES/9050 (2030)): "
        "Protection of civilians."
    ]
    assert part.sources == ("PEMA",)


def test_as_of_uses_only_renewals_adopted_by_then() -> None:
    part = mandate_part([OLD, NEW], "UNTEST", as_of=date(2030, 1, 1))
    assert part.section is not None
    assert part.section.paragraphs[0].startswith("Current mandate: S/RES/9001 (2029)")
    assert part.considerations == ()
    none = mandate_part([OLD, NEW], "UNTEST", as_of=date(2029, 1, 1))
    assert none.section is None
    assert "adopted by 2029-01-01" in none.missing[0].message
    assert none.missing[0].remedy == "mandates.read"


def test_mandate_section_from_the_workspace_store(workspace: Workspace) -> None:
    for key in MODERN_RENEWALS:  # project-written texts, S/RES/9101-9103 (2018-2020)
        save_resolution(workspace, read_text(modern_resolution_text(key), source=f"{key}.txt"))
    part = gather_mandate(workspace, "MINUSMA", None)
    assert part.section is not None
    paragraphs = part.section.paragraphs
    assert paragraphs[0].startswith(
        "Current mandate: S/RES/9103 (2020) (illustrative, not an official text), "
        "adopted 2020-06-29"
    )
    assert paragraphs[1].startswith(
        "Note: S/RES/9101 (2018), S/RES/9102 (2019), S/RES/9103 (2020) "
        "(illustrative, not an official text)"
    )
    paragraphs = (paragraphs[0], *paragraphs[2:])
    assert paragraphs[1].startswith(
        "Strategic priority (primary), paragraph 2: Decides that the strategic priority of "
        "MINUSMA remains to support the implementation of the Agreement"
    )
    assert paragraphs[2].startswith("Strategic priority (second), paragraph 3:")
    assert (
        "Since the last renewal (S/RES/9102 (2019) (illustrative, not an official text))"
        in paragraphs[3]
    )
    tables = {t.caption: t for t in part.section.tables}
    structure = tables["Structure of S/RES/9103 (2020) (illustrative, not an official text)"]
    assert structure.rows[0] == ("Strategic priority (primary)", "1", "0", "2")
    assert ("Other operative paragraphs", "4", "0", "1, 6–8") in structure.rows
    history = tables["MINUSMA mandates in the workspace"]
    assert [r[0] for r in history.rows] == [
        "S/RES/9101 (2018) (illustrative, not an official text)",
        "S/RES/9102 (2019) (illustrative, not an official text)",
        "S/RES/9103 (2020) (illustrative, not an official text)",
    ]
    before = gather_mandate(workspace, "MINUSMA", date(2019, 12, 31))
    assert before.section is not None
    assert before.section.paragraphs[0].startswith(
        "Current mandate: S/RES/9102 (2019) (illustrative, not an official text)"
    )
    assert gather_mandate(workspace, "MONUSCO", None).section is None


def test_illustrative_renewals_are_labelled_as_not_official() -> None:
    renewals = [read_text(modern_resolution_text(key)) for key in MODERN_RENEWALS]
    part = mandate_part(renewals, "MINUSMA")
    assert part.section is not None
    notes = [p for p in part.section.paragraphs if p.startswith("Note:")]
    assert len(notes) == 1
    assert "not official United Nations documents" in notes[0]
    assert all(r.symbol in notes[0] for r in renewals)
    assert not any(
        p.startswith("Note:") for p in mandate_part([OLD, NEW], "UNTEST").section.paragraphs
    )  # type: ignore[union-attr]
