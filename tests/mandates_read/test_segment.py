"""Segmenter and text repair on small honest fixtures, and the modern-structure fixtures."""

from __future__ import annotations

from peaceops.demo.mandate_texts import MODERN_RENEWALS, modern_fixture, modern_resolution_text
from peaceops.mandates.model import Tier
from peaceops.mandates.reader import parse_text
from peaceops.mandates.segment import operative_verb, segment_text
from peaceops.mandates.segment_repair import drop_footnote_markers, join_lines, vocabulary

OLD_STYLE = """Resolution 9998 (1992)
of 3 April 1992

The Security Council,

Recalling its resolution 713 (1991) of 25 September
1991, 721 (1991) of 27 November 1991 and the agreement of 23 October 1991, 110

Taking note of the report of the Secretary-General
of 15 February 1992 35 submitted pursuant to its resolution 721 (1991),
Convinced that the implementation of the United Nations
peace-keeping plan,™ will assist the parties,

1. Decides to establish a United Nations Protection Force and that the opera-
tion shall be deployed for twelve months, in accordance with paragraphs 2, 3 and
4 of the report;

2. Calls upon the parties to cooperate fully with the peace-
keeping operation, in particular:

(a) To respect the cease-fire signed on 2 January 1992, 30 and to release prisoners;

(b) To ensure freedom of movement, including:

(i) By road;

(ii) By air;

(c) To cooperate with the Force;

3. Further requests the Secretary-General to report within three months;

4. Decides to remain seized of the matter.

Adopted unanimously at the 3055th
meeting.

35 Document S/23592.
"""


def test_header_fields() -> None:
    res = segment_text(OLD_STYLE, "x.txt")
    assert res.symbol == "S/RES/9998 (1992)"
    assert (res.number, res.year) == (9998, 1992)
    assert res.date is not None and res.date.isoformat() == "1992-04-03"
    assert res.meeting == "3055"


def test_preamble_split_without_blank_line_and_footnotes_dropped() -> None:
    res = segment_text(OLD_STYLE, "x.txt")
    assert len(res.preamble) == 3
    assert res.preamble[0].endswith("agreement of 23 October 1991,")
    assert "15 February 1992 submitted pursuant" in res.preamble[1]
    assert res.preamble[2] == (
        "Convinced that the implementation of the United Nations peace-keeping plan, "
        "will assist the parties,"
    )


def test_operative_ids_verbs_and_repairs() -> None:
    res = segment_text(OLD_STYLE, "x.txt")
    ids = [p.id for p in res.operative]
    assert ids == ["1", "2", "2a", "2b", "2b(i)", "2b(ii)", "2c", "3", "4"]
    p1 = res.paragraph("1")
    assert p1 is not None
    # "opera-\ntion" is rejoined; "paragraphs 2, 3 and\n4" keeps its numbers.
    assert "the operation shall be deployed" in p1.text
    assert "paragraphs 2, 3 and 4 of the report;" in p1.text
    p2 = res.paragraph("2")
    assert p2 is not None and "with the peace-keeping operation" in p2.text
    assert p2.verb == "Calls upon"
    sub = res.paragraph("2a")
    assert sub is not None
    assert sub.text == (
        "To respect the cease-fire signed on 2 January 1992, and to release prisoners;"
    )
    assert sub.verb == "Calls upon" and sub.parent == "2"
    roman = res.paragraph("2b(ii)")
    assert roman is not None and roman.parent == "2b" and roman.text == "By air;"
    p3 = res.paragraph("3")
    assert p3 is not None and p3.verb == "Further requests"
    # The adoption line and the footnote after it are not part of paragraph 4.
    p4 = res.paragraph("4")
    assert p4 is not None and p4.text == "Decides to remain seized of the matter."


def test_footnote_rules_keep_real_numbers() -> None:
    assert drop_footnote_markers("resolutions 713 (1991), 721 (1991) and 724 (1991)") == (
        "resolutions 713 (1991), 721 (1991) and 724 (1991)"
    )
    assert drop_footnote_markers("on 23 October 1991, 110") == "on 23 October 1991,"
    assert drop_footnote_markers("the report” submitted") == "the report submitted"
    assert drop_footnote_markers("in 1992, 3 May was") == "in 1992, 3 May was"
    assert drop_footnote_markers("“the plan” of 1992") == "“the plan” of 1992"
    assert drop_footnote_markers("the report 70 of the Mission") == "the report of the Mission"
    assert drop_footnote_markers("paragraph 70 of the report") == "paragraph 70 of the report"


def test_hyphenation_uses_the_document_vocabulary() -> None:
    vocab = vocabulary("a multidimensional force and a peace-building office")
    assert join_lines(["a multi-", "dimensional force"], vocab) == "a multidimensional force"
    assert join_lines(["a peace-", "building office"], vocab) == "a peace-building office"
    assert join_lines(["the Secretary-", "General"], vocab) == "the Secretary-General"
    assert join_lines(["the opera-", "tion"], frozenset()) == "the operation"


def test_operative_verbs() -> None:
    assert operative_verb("Calls upon all parties") == "Calls upon"
    assert operative_verb("Calls again upon the parties") == "Calls again upon"
    assert operative_verb("Strongly condemns the attacks") == "Strongly condemns"
    assert operative_verb("Takes note of the report") == "Takes note"
    assert operative_verb("The Security Council requests the members") == "Requests"
    assert operative_verb("Having considered the report") == ""


def test_unnumbered_operative_paragraph_and_subparagraphs() -> None:
    text = (
        "Resolution 9997 (1986)\nof 26 November 1986\n\nThe Security Council,\n\n"
        "Having considered the report of the Secretary-General, 24\n"
        "Decides:\n(a) To call upon the parties to comply;\n(b) To renew the mandate;\n\n"
        "Adopted unanimously at the 2722nd meeting\n"
    )
    res = segment_text(text, "y.txt")
    assert [p.id for p in res.operative] == ["1", "1a", "1b"]
    assert res.preamble == ("Having considered the report of the Secretary-General,",)
    assert res.operative[0].verb == "Decides" and res.operative[2].verb == "Decides"


def test_modern_fixtures_tiers_headings_and_missions() -> None:
    for key in MODERN_RENEWALS:
        fx = modern_fixture(key)
        res = parse_text(modern_resolution_text(key), f"{key}.txt")
        assert res.symbol == fx.symbol
        assert res.missions == ("MINUSMA",)
        tops = [p for p in res.operative if p.parent is None]
        assert [p.id for p in tops] == [str(i) for i in range(1, len(tops) + 1)]
        assert res.paragraph("1") is not None
        assert res.paragraph("1").tier is Tier.NONE  # type: ignore[union-attr]
        assert res.paragraph("2").tier is Tier.STRATEGIC_PRIMARY  # type: ignore[union-attr]
        priority = [p for p in res.operative if p.heading == "Priority tasks"]
        assert priority and all(p.tier is Tier.PRIORITY for p in priority)
        assert {p.tier for p in res.operative if p.heading == "Other tasks"} == {Tier.OTHER}
        closing = [p for p in res.operative if p.heading.startswith("Capacities")]
        assert closing and all(p.tier is Tier.NONE for p in closing)
    later = parse_text(modern_resolution_text("minusma-like-2019"))
    assert later.paragraph("3").tier is Tier.STRATEGIC_SECOND  # type: ignore[union-attr]
    assert later.paragraph("4b(iii)").text.startswith("To support local reconciliation")  # type: ignore[union-attr]
    assert later.paragraph("4b(iii)").tier is Tier.PRIORITY  # type: ignore[union-attr]


def test_ocr_labels_and_inline_first_item() -> None:
    text = (
        "Resolution 9996 (1992)\nof 31 March 1992\n\nThe Security Council,\n\n"
        "Recalling its resolutions,\n\n"
        "1. Decides that all States shall: (a) Deny permission to aircraft;\n\n"
        "(6) Prohibit the supply of parts;\n\n"
        "(c}) Withdraw staff;\n\n"
        "2. Affirms the following principles:\n\n"
        "(1) Withdrawal of armed forces;\n\n"
        "(ii) Termination of all claims;\n\n"
        "3. Decides to remain seized of the matter.\n"
    )
    res = segment_text(text, "ocr.txt")
    assert [p.id for p in res.operative] == ["1", "1a", "1b", "1c", "2", "2(i)", "2(ii)", "3"]
    assert res.paragraph("1").text == "Decides that all States shall:"  # type: ignore[union-attr]
    assert res.paragraph("1a").text == "Deny permission to aircraft;"  # type: ignore[union-attr]
    assert res.paragraph("1b").text == "Prohibit the supply of parts;"  # type: ignore[union-attr]
    assert res.paragraph("2(i)").text == "Withdrawal of armed forces;"  # type: ignore[union-attr]
    assert any("'(6)' read as (b)" in w for w in res.warnings)


def test_pdf_page_furniture_and_page_foot_footnotes() -> None:
    text = (
        "United Nations S/RES/9105 (2021)\nSecurity Council Distr.: General\n30 June 2021\n"
        "21-01234 (E)\n*2101234*\n\nResolution 9105 (2021)\n\n"
        "Adopted by the Security Council at its 8801st meeting, on\n30 June 2021\n\n"
        "The Security Council,\n\nWelcoming the report of the Secretary-General1,\n\n"
        "1. Decides that the mandate shall include the following priority tasks, as set out\n"
        "1 S/2021/519.\n"
        "21-01234 1/4\n"
        "S/RES/9105 (2021)\n"
        "in the report of the Secretary-General;\n\n"
        "2. Decides to remain seized of the matter.\n"
    )
    res = segment_text(text, "modern.pdf")
    assert res.symbol == "S/RES/9105 (2021)" and res.meeting == "8801"
    assert res.date is not None and res.date.isoformat() == "2021-06-30"
    assert res.preamble == ("Welcoming the report of the Secretary-General,",)
    assert res.paragraph("1").text == (  # type: ignore[union-attr]
        "Decides that the mandate shall include the following priority tasks, as set out "
        "in the report of the Secretary-General;"
    )
    assert drop_footnote_markers("the G5 Sahel force and COVID-19 (S/8561)27 and") == (
        "the G5 Sahel force and COVID-19 (S/8561) and"
    )


def test_labels_alone_on_their_line() -> None:
    text = (
        "Resolution 9104 (2021)\n\nThe Security Council,\n\nRecalling its resolutions,\n\n"
        "1.\nDecides that the mission shall include the following tasks:\n"
        "(a)\n\nTo protect civilians;\n(b)\nTo support elections;\n"
        "2.\n\nDecides to remain seized of the matter.\n"
    )
    res = segment_text(text, "layout.pdf")
    assert [(p.id, p.text) for p in res.operative] == [
        ("1", "Decides that the mission shall include the following tasks:"),
        ("1a", "To protect civilians;"),
        ("1b", "To support elections;"),
        ("2", "Decides to remain seized of the matter."),
    ]
