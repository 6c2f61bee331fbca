"""Ceilings and mandates set by reference, read from wording written for these tests."""

from __future__ import annotations

from peaceops.mandates.ceilings import read_ceiling
from peaceops.mandates.model import Paragraph
from peaceops.mandates.reader import read_text
from peaceops.mandates.references import find_references, task_list_warning


def _ops(*texts: str) -> tuple[Paragraph, ...]:
    return tuple(
        Paragraph(id=str(i), text=t, verb=t.split(" ", 1)[0]) for i, t in enumerate(texts, 1)
    )


def test_modern_ceiling_is_read() -> None:
    got = read_ceiling(
        "S/RES/5001 (2030)",
        _ops(
            "Decides to extend the mandate of UNTEST until 30 June 2031;",
            "Decides that UNTEST shall comprise up to 13,289 military personnel and 1,920 "
            "police personnel;",
        ),
    )
    assert got.ceiling is not None and got.warnings == ()
    c = got.ceiling
    assert (c.military, c.police, c.observers, c.paragraph) == (13289, 1920, None, "2")
    assert c.cite() == "S/RES/5001 (2030), paragraph 2"


def test_police_categories_are_summed_and_observers_kept_apart() -> None:
    got = read_ceiling(
        "S/RES/5002 (2030)",
        _ops(
            "Authorizes an authorized troop ceiling of 9,000 military personnel, 300 military "
            "observers, 200 police personnel and 1,000 personnel of formed police units;"
        ),
    )
    assert got.ceiling is not None
    assert (got.ceiling.military, got.ceiling.observers, got.ceiling.police) == (9000, 300, 1200)


def test_figures_in_words_are_read() -> None:
    got = read_ceiling(
        "S/RES/5003 (1990)",
        _ops("Decides that the Group shall consist of up to seventy-five military observers;"),
    )
    assert got.ceiling is not None and got.ceiling.observers == 75


def test_an_increase_is_not_a_ceiling() -> None:
    got = read_ceiling(
        "S/RES/5004 (2030)",
        _ops("Decides to raise the force levels of UNTEST by 1,500 troops;"),
    )
    assert got.ceiling is None
    assert "changes the strength by an amount" in got.warnings[0]


def test_an_unreadable_ceiling_is_reported_not_guessed() -> None:
    got = read_ceiling(
        "S/RES/5005 (2030)",
        _ops("Decides that UNTEST shall comprise up to several battalions of troops;"),
    )
    assert got.ceiling is None
    assert "no figure with its category could be read" in got.warnings[0]


def test_statements_about_strength_set_no_ceiling() -> None:
    got = read_ceiling(
        "S/RES/5006 (2030)",
        _ops("Notes that up to 12,000 troops have been deployed;"),
    )
    assert got.ceiling is None and got.warnings == ()


def test_references_to_a_report_are_found() -> None:
    refs = find_references(
        _ops(
            "Approves the report of the Secretary-General of 26 March 2030 (S/2030/189);",
            "Decides that UNTEST shall carry out its tasks in accordance with the concept of "
            "operations in chapter IV of the report;",
            "Requests the Secretary-General to report to the Council every three months;",
            "Decides that the mission shall support the parties as described in paragraphs 20 "
            "to 25 of his report;",
            "Decides to act in accordance with resolution 1234 (2029);",
        )
    )
    assert [r.operative for r in refs] == ["1", "2", "4"]
    assert refs[0].symbol == "S/2030/189" and refs[0].date == "26 March 2030"
    assert refs[1].paragraphs == ("chapter IV",)
    assert refs[2].paragraphs == ("20-25",)


def test_read_carries_the_reference_and_the_warning() -> None:
    text = (
        "Resolution 5007 (2030)\n\nAdopted by the Security Council at its 9999th meeting, on "
        "1 July 2030\n\nThe Security Council,\n\nRecalling its previous resolutions,\n\n"
        "1. Approves the report of the Secretary-General (S/2030/400);\n\n"
        "2. Decides that UNTEST shall comprise up to 4,000 military personnel;\n\n"
        "3. Requests UNTEST to monitor the ceasefire;\n"
    )
    res = read_text(text, source="5007.txt")
    assert [r.symbol for r in res.incorporated_by_reference] == ["S/2030/400"]
    warning = task_list_warning(res)
    assert warning is not None and "incomplete without S/2030/400" in warning
    assert res.ceiling is not None and res.ceiling.military == 4000
    assert res.to_dict()["incorporated_by_reference"][0]["operative_paragraph"] == "1"
