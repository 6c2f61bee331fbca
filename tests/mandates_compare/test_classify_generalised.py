"""Rules that generalise the task classifier, each on wording written for its test."""

from __future__ import annotations

from peaceops.mandates.classify import classify
from peaceops.mandates.classify_rules import mask_references
from peaceops.mandates.model import Paragraph, Resolution


def _tasks(*texts: str) -> set[str]:
    paragraphs = tuple(Paragraph(str(i), t) for i, t in enumerate(texts, 1))
    res = classify(Resolution("S/RES/9100 (2030)", 9100, 2030, operative=paragraphs))
    return {t.task for t in res.tasks}


def test_calls_upon_the_mission_gives_a_task() -> None:
    assert _tasks("Calls upon UNTEST to assist in the return of refugees;") == {"RefugeeIDPs"}
    assert _tasks("Calls on the Force to monitor the cease-fire line;") == {"Ceasefire"}
    # an appeal to the parties alone is still no task
    assert _tasks("Calls upon the parties to respect the cease-fire;") == set()


def test_urges_the_mission_gives_a_task() -> None:
    assert _tasks("Urges the Mission to support the electoral process;") == {"ElectAssist"}


def test_determines_that_the_mission_shall() -> None:
    assert _tasks(
        "Determines that the Authority shall supervise the cantonment of combatants;"
    ) == {"DisarmDemob"}


def test_supports_the_intention_of_the_secretary_general() -> None:
    found = _tasks(
        "Supports the intention of the Secretary-General to deploy observers to verify the "
        "withdrawal of foreign forces;"
    )
    assert found == {"Demil"}
    # supporting the efforts of others is not a task of the mission
    assert _tasks("Supports the efforts of the Government to hold elections;") == set()


def test_stresses_the_need_for_the_mission() -> None:
    assert _tasks(
        "Stresses the need for UNTEST to increase its support to the reform of the police;"
    ) == {"PoliceReform"}
    assert _tasks(
        "Emphasizes the importance of the role of the Mission in promoting national reconciliation;"
    ) == {"Reconcil"}
    assert _tasks("Stresses the need for the parties to respect human rights;") == set()


def test_appeals_to_cooperate_with_the_mission_on_a_task() -> None:
    assert _tasks(
        "Urges all parties to cooperate fully with the Force in the clearance of mines;"
    ) == {"Demining"}
    assert _tasks(
        "Demands that all factions cooperate with UNTEST to facilitate the delivery of "
        "humanitarian assistance;"
    ) == {"HumanRelief"}
    # cooperation with someone else is no task of the mission
    assert (
        _tasks("Urges all parties to cooperate with the Committee in the clearance of mines;")
        == set()
    )


def test_the_mission_under_other_names() -> None:
    assert _tasks("Requests the Authority to organize free and fair elections;") == {"ElectAssist"}
    assert _tasks("Requests MINURSO to monitor the cease-fire;") == {"Ceasefire"}
    # "the Authority of the State" is not the mission
    assert _tasks("Requests the Authority of the State to monitor the cease-fire;") == set()


def test_investigate_and_report_is_monitoring_work() -> None:
    assert _tasks(
        "Requests the Mission to investigate and report on the situation of human rights;"
    ) == {"HumanRights"}
    # reporting to the Council is still no task
    assert _tasks("Requests the Secretary-General to report on the elections;") == set()


def test_titles_time_phrases_and_contents_trigger_nothing() -> None:
    assert _tasks(
        "Requests UNTEST to support the implementation of the Agreement on a Cease-fire and "
        "Cessation of Hostilities;"
    ) == {"PeaceProcess"}
    assert _tasks(
        "Decides to extend the mandate of UNTEST until the elections to monitor the "
        "withdrawal of foreign forces;"
    ) == {"Demil"}
    assert _tasks(
        "Requests UNTEST to support the implementation of the Agreement, which provides for "
        "the demobilization of forces and the return of refugees;"
    ) == {"PeaceProcess"}


def test_masking_keeps_the_length() -> None:
    text = "after the signing of the cease-fire agreement, the Protocol on Demobilization"
    masked = mask_references(text)
    assert len(masked) == len(text) and "cease-fire" not in masked
    assert "Demobilization" not in masked
