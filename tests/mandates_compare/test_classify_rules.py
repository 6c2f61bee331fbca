"""Who is asked to act: the clause rules of the task classifier, on hand-written paragraphs."""

from __future__ import annotations

import re
from importlib import resources

import yaml

from peaceops.demo.mandate_texts import MODERN_RENEWALS, modern_resolution_text
from peaceops.mandates.classify import classify
from peaceops.mandates.classify_rules import clauses, mask_references, segment_modality
from peaceops.mandates.model import Modality, Paragraph, Resolution
from peaceops.mandates.reader import parse_text


def _tasks(*paragraphs: Paragraph) -> set[tuple[str, str, tuple[str, ...]]]:
    res = classify(Resolution("S/RES/9100 (2030)", 9100, 2030, operative=paragraphs))
    return {(t.task, t.modality.value, t.paragraphs) for t in res.tasks}


def test_appeals_and_statements_give_no_task() -> None:
    assert not _tasks(
        Paragraph("1", "Urges all parties to respect the cease-fire and human rights;"),
        Paragraph("2", "Calls upon Member States to provide humanitarian assistance;"),
        Paragraph("3", "Reaffirms the importance of the protection of civilians;"),
        Paragraph("4", "Demands that the parties withdraw their forces from the buffer zone;"),
    )


def test_reports_and_good_offices_are_not_tasks() -> None:
    assert not _tasks(
        Paragraph(
            "1",
            "Requests the Secretary-General to submit a report on the peace process and, in the"
            " meantime, to keep the Council informed of the humanitarian situation;",
        ),
        Paragraph(
            "2",
            "Requests the Secretary-General to continue to use his good offices in order to"
            " achieve a political settlement and a cease-fire;",
        ),
    )


def test_requests_to_the_mission_with_modalities() -> None:
    found = _tasks(
        Paragraph(
            "1",
            "Requests the United Nations Protection Force to monitor compliance with the ban on"
            " military flights;",
        ),
        Paragraph(
            "2",
            "Decides to extend the mandate of UNTEST in order to enable it to deter attacks"
            " against the safe areas, to monitor the cease-fire and to participate in the"
            " delivery of humanitarian relief;",
        ),
    )
    # "Protection Force" names the mission: it does not make the task a Security one
    assert ("Demil", "Monitor", ("1",)) in found
    assert ("CivProtect", "Security", ("2",)) in found
    assert ("Ceasefire", "Monitor", ("2",)) in found
    assert ("HumanRelief", "Assist", ("2",)) in found


def test_encouraging_the_mission_is_encouraged_but_not_other_actors() -> None:
    found = _tasks(
        Paragraph(
            "1",
            "Calls upon all Member States to increase humanitarian relief, and encourages the"
            " Special Representative of the Secretary-General to continue to coordinate the"
            " provision of humanitarian assistance;",
        )
    )
    assert found == {("HumanRelief", "Encouraged", ("1",))}


def test_sub_paragraphs_follow_their_lead_in() -> None:
    found = _tasks(
        Paragraph("2", "Approves a revised mandate for UNTEST II for the following:"),
        Paragraph("2a", "Helping with the repatriation of refugees;", parent="2"),
        Paragraph(
            "3",
            "Decides to establish a Committee of the Security Council to undertake the"
            " following tasks:",
        ),
        Paragraph("3a", "To monitor the arms embargo;", parent="3"),
    )
    assert found == {("RefugeeIDPs", "Assist", ("2a",))}


def test_clause_split_and_helpers() -> None:
    parts = clauses(
        "Requests the Secretary-General to deploy observers, and in this connection, also"
        " demands that all parties cooperate"
    )
    assert [(c.verb, c.gives_task) for c in parts] == [("requests", True), ("demands", False)]
    assert segment_modality("to escort convoys of relief supplies") is Modality.SECURITY
    assert segment_modality("to verify the withdrawal of forces") is Modality.MONITOR
    assert segment_modality("to help the parties") is Modality.ASSIST
    # the mission helps others protect: Assist; a coordinated monitoring verb: Monitor
    assert segment_modality("To assist the authorities in protecting sites") is Modality.ASSIST
    assert segment_modality("To support, monitor and report on the ceasefire") is Modality.MONITOR
    masked = mask_references("entrusts a mandate in line with the Peace Accords, and assists")
    assert "Peace Accords" not in masked and "assists" in masked


def test_trigger_regexes_survive_lower_casing() -> None:
    # the taxonomy loader lower-cases keywords: "\S" would silently become "\s"
    raw = yaml.safe_load(
        resources.files("peaceops.mandates").joinpath("taxonomy.yaml").read_text("utf-8")
    )
    for task in raw["tasks"]:
        for keyword in task["keywords"]:
            assert keyword == keyword.lower(), keyword
            if keyword.startswith("re:"):
                re.compile(keyword[3:])


def test_mission_names_and_report_titles_trigger_nothing() -> None:
    found = _tasks(
        Paragraph(
            "1",
            "Approves the report of the Secretary-General on the peace process and decides to"
            " extend the mandate of the United Nations Transitional Authority in Testland;",
        ),
        Paragraph(
            "2",
            "Decides that UNTEST shall supervise the withdrawal of UNTEST troops and the"
            " withdrawal of foreign forces;",
        ),
    )
    assert found == {("Demil", "Monitor", ("2",))}


def test_force_for_own_security_is_self_defence_not_a_task() -> None:
    own = "Authorizes the Force, acting in self-defence, to take the necessary measures, including"
    assert not _tasks(Paragraph("1", own + " the use of force, to ensure its security;"))
    found = _tasks(Paragraph("1", own + " the use of force, in reply to attacks on civilians;"))
    assert ("UseOfForce", "Security", ("1",)) in found


def test_modern_structure_mandate_from_the_reader() -> None:
    res = classify(parse_text(modern_resolution_text(MODERN_RENEWALS[-1]), source="fixture"))
    found = {(t.task, t.modality.value): t.paragraphs for t in res.tasks}
    assert found[("CivProtect", "Security")][-1] == "4b(i)"
    assert found[("HumanRights", "Monitor")] == ("4c",)
    assert found[("Demining", "Assist")] == ("5a",)
    assert found[("UseOfForce", "Security")] == ("6",)
    tasks = {t.task for t in res.tasks}
    # "gender-based violence" is sexual violence, "local reconciliation" is not national
    assert "SGBViolence" in tasks and "LocalReconcil" in tasks
    assert "Reconcil" not in tasks
    # a request for reports (paragraph 7) gives no task
    assert not any("7" in t.paragraphs for t in res.tasks)


def test_council_acting_on_the_mission_after_a_parenthesis() -> None:
    found = _tasks(
        Paragraph(
            "1",
            "Decides, in this context, further to expand the mandate of UNTEST to include the"
            " monitoring of the cease-fire;",
        ),
        Paragraph(
            "2",
            "Decides to establish a ban on military flights, this ban not to apply to UNTEST"
            " flights or to flights in support of humanitarian assistance;",
        ),
    )
    assert found == {("Ceasefire", "Monitor", ("1",))}


def test_reporting_on_violations_is_monitoring() -> None:
    found = _tasks(
        Paragraph("2", "Decides that UNTEST shall have the following mandate:"),
        Paragraph(
            "2a", "To report on any major violations of international humanitarian law;", parent="2"
        ),
        Paragraph("3", "Requests the Secretary-General to report on the human rights situation;"),
    )
    assert found == {("HumanRights", "Monitor", ("2a",))}
