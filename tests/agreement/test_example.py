"""The shipped example: the 2015 Mali agreement with sourced status entries only."""

from __future__ import annotations

import csv
from datetime import date

from peaceops.agreement.status import agreement_status, implementation_summary
from peaceops.demo.agreement import EXAMPLE_STATUS, load_example
from peaceops.examples import example_path

REPORTS = (
    "Applying the HIPPO Recommendations to Mali",
    "Prioritization and Sequencing of Security Council Mandates: The Case of MINUSMA",
    "The Political Strategy of the UN Peacekeeping Mission in Mali",
)


def test_every_status_entry_cites_a_report_with_date_and_section():
    with example_path(EXAMPLE_STATUS).open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows
    for row in rows:
        assert any(title in row["source"] for title in REPORTS), row["source"]
        assert "section" in row["source"]
        assert row["note"].startswith("Illustrative reading")


def test_example_loads_with_unassessed_provisions_shown(workspace):
    summary = load_example(workspace)
    assert summary.provisions >= 30 and summary.status_entries == 14
    again = load_example(workspace)  # loading twice changes nothing
    assert again == summary
    st = agreement_status(workspace, date(2021, 12, 31))
    assert st.label == "illustrative"
    assert st.overall.assessed == 13
    assert st.overall.counts["unassessed"] == summary.provisions - 13
    levels = {s.id: s.level for s in st.provisions}
    assert levels["AX1-interim-authorities"] == 2
    assert levels["T4-33-development-zone"] is None


def test_example_as_of_2017_sees_only_the_2017_report(workspace):
    load_example(workspace)
    st = agreement_status(workspace, date(2017, 7, 31))
    assert st.overall.assessed == 5  # the IPI 2017 note, recorded in June 2017
    moc = next(s for s in st.provisions if s.id == "AX2-moc")
    assert moc.overdue and moc.deadline == date(2015, 8, 19)
    summary = implementation_summary(workspace, date(2017, 7, 31))
    assert summary.label == "illustrative"
    assert [p[0] for p in summary.parts] == ["T2", "T3", "T4", "T5", "T6"]
    assert "AX2-moc" in [o[0] for o in summary.overdue]
