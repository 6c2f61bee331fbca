"""The reader on all 902 hand-checked CR-UNSC texts, and on resolutions checked by reading them."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from peaceops.mandates.check import check_directory
from peaceops.mandates.model import Resolution
from peaceops.mandates.reader import parse_text, read_text


@pytest.fixture(scope="module")
def texts(shared_data: Path) -> Path:
    return shared_data / "unsc_res_crunsc_gold" / "res_en_gold"


def _read(texts: Path, stem: str) -> Resolution:
    path = texts / f"S_RES_{stem}_EN_GOLD.txt"
    return parse_text(path.read_text("utf-8"), path.name)


def _tops(res: Resolution) -> list[str]:
    return [p.id for p in res.operative if p.parent is None]


def test_all_902_texts_segment_with_consistent_numbering(texts: Path) -> None:
    report = check_directory(texts, "*.txt", partial(read_text, classify=False))
    assert report.total == 902
    assert report.share_ok() >= 0.98, [f"{r.source}: {r.reason}" for r in report.failures]
    # Texts whose numbering is broken in the source itself are reported, with a reason.
    by_file = {r.source: r for r in report.failures}
    assert "paragraph(s) [5] not found" in by_file["S_RES_0346_1974_EN_GOLD.txt"].reason
    assert "no operative paragraphs" in by_file["S_RES_0565_1985_EN_GOLD.txt"].reason
    for r in report.results:
        if r.ok:
            assert r.operative > 0


def test_743_unprofor(texts: Path) -> None:
    res = _read(texts, "0743_1992")
    assert res.symbol == "S/RES/743 (1992)"
    assert res.date is not None and res.date.isoformat() == "1992-02-21"
    assert res.meeting == "3055"
    assert res.missions == ("UNPROFOR",)
    assert len(res.preamble) == 9
    assert _tops(res) == [str(i) for i in range(1, 14)]
    assert [p.verb for p in res.operative[:3]] == ["Approves", "Decides", "Decides"]
    assert res.paragraph("10").verb == "Calls again upon"  # type: ignore[union-attr]
    # Inline footnote markers dropped: "1992 35 submitted", "plan,™", "1992, 30 and".
    assert "19 February 1992 submitted pursuant" in res.paragraph("1").text  # type: ignore[union-attr]
    assert "peace-keeping plan, and requests" in res.paragraph("2").text  # type: ignore[union-attr]
    assert "2 January 1992, and to cooperate" in res.paragraph("8").text  # type: ignore[union-attr]
    assert "European Community Monitoring Mission;" in res.paragraph("9").text  # type: ignore[union-attr]


def test_814_unosom_ii_sections_and_subparagraphs(texts: Path) -> None:
    res = _read(texts, "0814_1993")
    assert _tops(res) == [str(i) for i in range(1, 21)]
    assert [p.id for p in res.operative if p.parent == "4"] == [f"4{c}" for c in "abcdefg"]
    assert res.paragraph("4d").verb == "Requests"  # type: ignore[union-attr]
    assert {res.paragraph(i).heading for i in ("1", "5", "15")} == {"A", "B", "C"}  # type: ignore[union-attr]
    assert res.preamble[-1] == "Acting under Chapter VII of the Charter of the United Nations,"
    assert res.missions[0] == "UNOSOM II"


def test_687_nested_roman_subparagraphs(texts: Path) -> None:
    res = _read(texts, "0687_1991")
    assert len(_tops(res)) == 34
    assert [p.id for p in res.operative if p.parent] == [
        "8a",
        "8b",
        "9a",
        "9b",
        "9b(i)",
        "9b(ii)",
        "9b(iii)",
        "24a",
        "24b",
        "24c",
        "24d",
    ]
    assert res.date is not None and res.date.isoformat() == "1991-04-03"


def test_1445_monuc_modern_header(texts: Path) -> None:
    res = _read(texts, "1445_2002")
    assert res.symbol == "S/RES/1445 (2002)"
    assert res.meeting == "4653"
    assert res.date is not None and res.date.isoformat() == "2002-12-04"
    assert res.missions == ("MONUC",)
    assert len(res.preamble) == 8 and len(_tops(res)) == 25 and len(res.operative) == 25


def test_oldest_forms(texts: Path) -> None:
    first = _read(texts, "0001_1946")
    assert _tops(first) == ["1", "2", "3"]
    assert [p.verb for p in first.operative] == ["Requests", "Directs", "Directs"]
    assert first.meeting == "2"
    gambia = _read(texts, "0200_1965")  # one unnumbered operative paragraph
    assert _tops(gambia) == ["1"] and gambia.operative[0].verb == "Recommends"
    assert gambia.preamble == (
        "Having examined the application of the Gambia for admission to the United Nations,",
    )
    congo = _read(texts, "0161_1961")  # two parts, each numbered from 1
    assert _tops(congo) == ["1", "2", "3", "4", "5", "B1", "B2", "B3"]
