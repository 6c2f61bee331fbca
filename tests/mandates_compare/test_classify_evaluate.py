"""Taxonomy, classifier and evaluation against PEMA (real data from the shared directory)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.errors import InputError
from peaceops.mandates.classify import classify
from peaceops.mandates.evaluate import evaluate, is_holdout, normalise_paragraph_ids, score_sets
from peaceops.mandates.model import Modality
from peaceops.mandates.reader import parse_text
from peaceops.mandates.taxonomy import load_taxonomy, task_codes

TEXT = """RESOLUTION 9999 (2030)

The Security Council,

Recalling its earlier resolutions,

1. Decides to establish the United Nations Test Mission (UNTEST);

2. Decides that UNTEST shall have the following mandate:

(a) To monitor the ceasefire between the parties;

(b) To protect civilians under imminent threat of physical violence;

(c) To assist the Government in the organization of elections;

3. Urges the parties to respect human rights;

4. Decides to remain seized of the matter.
"""


def test_taxonomy_matches_pema_columns(shared_data: Path) -> None:
    with (shared_data / "pema" / "PEMA_raw_v2.csv").open(encoding="latin-1") as fh:
        header = next(csv.reader(fh))
    pema_tasks: list[str] = []
    for col in header:
        task, _, modality = col.rpartition("_")
        if modality in ("Monitor", "Assist", "Security", "Encouraged") and task not in pema_tasks:
            pema_tasks.append(task)
    assert list(task_codes()) == pema_tasks
    assert len(load_taxonomy()) == 41
    assert all(t.definition and t.keywords for t in load_taxonomy())


def test_classify_finds_tasks_paragraphs_and_modalities() -> None:
    res = classify(parse_text(TEXT, source="fixture.txt"))
    found = {(t.task, t.modality): t for t in res.tasks}
    assert found[("Ceasefire", Modality.MONITOR)].paragraphs == ("2a",)
    assert found[("CivProtect", Modality.SECURITY)].paragraphs == ("2b",)
    assert found[("ElectAssist", Modality.ASSIST)].paragraphs == ("2c",)
    assert "ceasefire" in found[("Ceasefire", Modality.MONITOR)].evidence
    # an appeal to the parties is not a task given to the mission
    assert not any(t.task == "HumanRights" for t in res.tasks)


def test_normalise_pema_paragraph_cells() -> None:
    assert normalise_paragraph_ids("17 c") == ("17c",)
    assert normalise_paragraph_ids("16c, 16c(i), 26") == ("16c", "16c(i)", "26")
    assert normalise_paragraph_ids("0") == ()


def test_score_sets_counts() -> None:
    scores = score_sets([({("A",), ("B",)}, {("A",), ("C",)})])
    assert (scores.micro.tp, scores.micro.fp, scores.micro.fn) == (1, 1, 1)
    assert scores.micro.f1 == pytest.approx(0.5)


def test_holdout_split_is_fixed() -> None:
    assert is_holdout("S/RES/743")
    assert not is_holdout("S/RES/866")


def test_evaluate_on_pema_overlap(shared_data: Path) -> None:
    pema = shared_data / "pema" / "PEMA_raw_v2.csv"
    texts = shared_data / "unsc_res_crunsc_gold" / "res_en_gold"
    dev = evaluate(pema, texts, "dev")
    hold = evaluate(pema, texts, "holdout")
    assert dev.resolutions + hold.resolutions == evaluate(pema, texts, "all").resolutions == 41
    assert all(is_holdout(s) for s in hold.signatures)
    assert "S/RES/758 AND S/RES/761" in hold.signatures
    assert hold.resolution_level.micro.tp > 0


def test_cli_evaluate_json_and_bad_input(shared_data: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    pema = shared_data / "pema" / "PEMA_raw_v2.csv"
    texts = shared_data / "unsc_res_crunsc_gold" / "res_en_gold"
    out = runner.invoke(
        app,
        ["mandates", "evaluate", "--pema", str(pema), "--texts", str(texts), "--format", "json"],
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["resolutions"] == 41
    for level in ("resolution_level", "paragraph_level"):
        assert set(data[level]["micro"]) >= {"precision", "recall", "f1"}
        assert set(data[level]["macro"]) == {"precision", "recall", "f1"}
        assert "CivProtect" in data[level]["per_task"]
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(InputError):
        evaluate(bad, texts)
    out = runner.invoke(app, ["mandates", "evaluate", "--pema", str(bad), "--texts", str(texts)])
    assert out.exit_code == 1 and "Error:" in out.output


def test_gold_cells_citing_other_documents(tmp_path: Path) -> None:
    assert normalise_paragraph_ids("4 + 9") == ("4", "9")
    assert normalise_paragraph_ids("26 (S/26090)") == ()  # paragraph 26 of a report
    assert normalise_paragraph_ids("2 b; 79 (S/2002/432)") == ("2b",)
    assert normalise_paragraph_ids("3:00 AM") == ()


def test_reachable_pairs_are_counted_and_scored(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "S_RES_5001_2030_EN_GOLD.txt").write_text(
        "Resolution 5001 (2030)\n\nAdopted by the Security Council at its 9999th meeting, on "
        "1 July 2030\n\nThe Security Council,\n\nRecalling its resolutions,\n\n"
        "1. Approves the report of the Secretary-General (S/2030/1);\n\n"
        "2. Requests UNTEST to monitor the cease-fire;\n\n"
        "3. Requests UNTEST to assist in the return of refugees;\n",
        encoding="utf-8",
    )
    pema = tmp_path / "pema.csv"
    pema.write_text(
        "Signature,NamePKO,Year,Ceasefire_Monitor,HumanRelief_Assist,Demining_Assist,"
        "RefugeeIDPs_Assist\n"
        # Ceasefire cites 2 (reachable, found); HumanRelief cites a report paragraph
        # (unreachable); Demining cites paragraph 9, which the text lacks (unreachable);
        # RefugeeIDPs is found but not coded (a false positive)
        "S/RES/5001,UNTEST,2030,2,26 (S/2030/1),9,0\n",
        encoding="utf-8",
    )
    result = evaluate(pema, texts, "all")
    reach = result.reachable
    assert reach is not None
    assert (reach.gold_pairs, reach.reachable_pairs) == (3, 1)
    m = reach.resolution_level.micro
    assert (m.tp, m.fp, m.fn) == (1, 1, 0)
    assert result.to_dict()["reachable"]["share_reachable"] == round(1 / 3, 4)
