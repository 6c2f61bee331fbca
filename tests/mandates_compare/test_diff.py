"""Renewal diff on a hand-written pair of modern-structure mandates."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from peaceops.cli import app
from peaceops.commands.mandates_compare import render_text
from peaceops.mandates.classify import classify
from peaceops.mandates.diff import diff_resolutions, word_ops
from peaceops.mandates.model import Paragraph, Resolution, Tier
from peaceops.reports.mandate_diff_render import render_html, render_markdown

OLD = Resolution(
    symbol="S/RES/9001 (2030)",
    number=9001,
    year=2030,
    operative=(
        Paragraph("1", "Decides to extend the mandate of UNTEST until 30 June 2031;", "Decides"),
        Paragraph(
            "2",
            "Decides that UNTEST shall monitor the ceasefire between the parties in the north",
            "Decides",
            Tier.PRIORITY,
        ),
        Paragraph(
            "3",
            "Decides that UNTEST shall assist the national authorities in demining the main roads",
            "Decides",
            Tier.OTHER,
        ),
        Paragraph("4", "Decides to remain actively seized of the matter.", "Decides"),
    ),
)
NEW = Resolution(
    symbol="S/RES/9002 (2031)",
    number=9002,
    year=2031,
    operative=(
        Paragraph("1", "Decides to extend the mandate of UNTEST until 30 June 2032;", "Decides"),
        Paragraph(
            "2",
            "Decides that UNTEST shall protect civilians under threat of physical violence",
            "Decides",
            Tier.PRIORITY,
        ),
        Paragraph(
            "3",
            "Decides that UNTEST shall assist the national authorities in demining the main roads",
            "Decides",
            Tier.PRIORITY,
        ),
        Paragraph(
            "4",
            "Decides that UNTEST shall monitor the ceasefire between the parties in the north"
            " and centre",
            "Decides",
            Tier.PRIORITY,
        ),
        Paragraph("5", "Decides to remain actively seized of the matter.", "Decides"),
    ),
)


def test_alignment_across_renumbering() -> None:
    d = diff_resolutions(classify(OLD), classify(NEW))
    pairs = {(p.old_id, p.new_id): p for p in d.paragraphs}
    assert pairs[("1", "1")].kind == "reworded"
    assert pairs[("2", "4")].kind == "reworded"
    assert pairs[("2", "4")].moved
    assert pairs[("3", "3")].kind == "unchanged"
    assert pairs[("3", "3")].tier_changed
    assert pairs[("4", "5")].kind == "unchanged"
    assert [p.new_id for p in d.changes("added")] == ["2"]
    assert d.changes("removed") == ()
    assert d.tasks_added == ("CivProtect",)
    assert d.tasks_dropped == ()
    assert d.length_old["operative_paragraphs"] == 4
    assert d.length_new["operative_paragraphs"] == 5


def test_word_ops() -> None:
    ops = word_ops("until 30 June 2031;", "until 30 June 2032;")
    assert [(o.op, o.text) for o in ops] == [
        ("equal", "until 30 June"),
        ("delete", "2031;"),
        ("insert", "2032;"),
    ]


def test_renderings_highlight_words() -> None:
    d = diff_resolutions(classify(OLD), classify(NEW))
    assert "<del>2031;</del> <ins>2032;</ins>" in render_markdown(d)
    page = render_html(d)
    assert page.startswith("<!doctype html>") and "<ins>and centre</ins>" in page
    assert "[green]2032;[/green]" in render_text(d)


def test_cli_diff_on_real_texts(shared_data: Path, tmp_path: Path) -> None:
    texts = shared_data / "unsc_res_crunsc_gold" / "res_en_gold"
    old, new = texts / "S_RES_0743_1992_EN_GOLD.txt", texts / "S_RES_0762_1992_EN_GOLD.txt"
    runner = CliRunner()
    out = runner.invoke(app, ["mandates", "diff", str(old), str(new), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["old"] == "S/RES/743 (1992)" and data["new"] == "S/RES/762 (1992)"
    assert {p["kind"] for p in data["paragraphs"]} <= {"unchanged", "reworded", "added", "removed"}
    target = tmp_path / "d.html"
    out = runner.invoke(
        app, ["mandates", "diff", str(old), str(new), "--format", "html", "--out", str(target)]
    )
    assert out.exit_code == 0 and target.read_text().startswith("<!doctype html>")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = runner.invoke(app, ["mandates", "diff", str(empty), str(new)])
    assert out.exit_code == 1 and "Error:" in out.output


def test_plain_text_marks_removed_and_added_words_without_colour() -> None:
    d = diff_resolutions(classify(OLD), classify(NEW))
    text = render_text(d, plain=True)
    assert "until 30 June [-2031;-] {+2032;+}" in text
    assert "{+and centre+}" in text and "[green]" not in text


def test_cli_diff_piped_keeps_its_change_marks(shared_data: Path, tmp_path: Path) -> None:
    texts = shared_data / "unsc_res_crunsc_gold" / "res_en_gold"
    old, new = texts / "S_RES_0743_1992_EN_GOLD.txt", texts / "S_RES_0762_1992_EN_GOLD.txt"
    out = CliRunner().invoke(app, ["mandates", "diff", str(old), str(new)])  # not a terminal
    assert out.exit_code == 0, out.output
    assert "[-" in out.output and "-]" in out.output and "{+" in out.output
    assert "[red" not in out.output and "[green" not in out.output
    target = tmp_path / "d.txt"
    CliRunner().invoke(app, ["mandates", "diff", str(old), str(new), "--out", str(target)])
    assert "{+" in target.read_text() and "[green" not in target.read_text()
