"""Reading text, PDF and HTML, and clear errors for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from peaceops.demo.mandate_texts import (
    FRENCH_SAMPLE,
    NON_RESOLUTION_SAMPLE,
    modern_resolution_html,
    modern_resolution_text,
)
from peaceops.errors import InputError
from peaceops.mandates.reader import detect_format, read_bytes, read_file, read_text


def _shape(res: object) -> list[tuple[str, str, str]]:
    return [(p.id, p.verb, p.tier.value) for p in res.operative]  # type: ignore[attr-defined]


def test_pdf_html_and_text_give_the_same_structure(modern_pdf: bytes) -> None:
    from_text = read_text(modern_resolution_text("minusma-like-2020"), "r.txt", classify=False)
    from_pdf = read_bytes(modern_pdf, "r.pdf", classify=False)
    html = modern_resolution_html("minusma-like-2020").encode()
    from_html = read_bytes(html, "r.html", classify=False)
    assert detect_format(modern_pdf) == "pdf" and detect_format(html) == "html"
    assert _shape(from_pdf) == _shape(from_text) == _shape(from_html)
    assert from_pdf.symbol == "S/RES/9103 (2020)" and from_pdf.meeting is None
    assert from_pdf.missions == ("MINUSMA",)
    assert [p.text for p in from_pdf.operative] == [p.text for p in from_text.operative]


def test_tasks_come_from_the_classifier() -> None:
    res = read_text(modern_resolution_text("minusma-like-2020"), "r.txt")
    tasks = {t.task for t in res.tasks}
    assert "CivProtect" in tasks
    civ = next(t for t in res.tasks if t.task == "CivProtect")
    assert set(civ.paragraphs) & {"4b", "4b(i)", "4b(ii)"}


def test_scanned_pdf_without_text_layer(blank_pdf: bytes) -> None:
    with pytest.raises(InputError, match=r"2 page\(s\) but no text layer"):
        read_bytes(blank_pdf, "scan.pdf")


def test_broken_pdf() -> None:
    with pytest.raises(InputError, match="not a readable PDF"):
        read_bytes(b"%PDF-1.7\nthis is not really a pdf", "broken.pdf")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n")
    with pytest.raises(InputError, match=r"empty\.txt: the file is empty"):
        read_file(path)


def test_other_languages() -> None:
    with pytest.raises(InputError, match=r"French text .*Le Conseil de sécurité"):
        read_text(FRENCH_SAMPLE, "fr.txt")
    with pytest.raises(InputError, match="Cyrillic"):
        read_text("Совет Безопасности,\n\n1. постановляет продлить мандат;\n", "ru.txt")


def test_documents_that_are_not_resolutions() -> None:
    with pytest.raises(InputError, match="not a Security Council resolution"):
        read_text(NON_RESOLUTION_SAMPLE, "note.txt")
    report = (
        "Report of the Secretary-General on the situation in Mali, for the Security Council\n\n"
        "1. The present report is submitted pursuant to resolution 2480.\n\n"
        "2. The situation remained tense in the centre.\n"
    )
    with pytest.raises(InputError, match="do not open with an operative verb"):
        read_text(report, "report.txt")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        read_file(tmp_path / "nope.pdf")


def test_binary_files_are_named() -> None:
    with pytest.raises(InputError, match="a Word/zip file"):
        read_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "mandate.docx")
