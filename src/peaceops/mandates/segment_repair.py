"""Text repair for resolution texts: joining hard-wrapped lines, undoing hyphenation, dropping
inline footnote markers and page furniture.

Printed resolutions break lines anywhere, hyphenate words at line ends and leave footnote
numbers inline ("... 23 October 1991, 110", "plan,™", "1992 35 submitted"). Each rule here is
deliberately narrow: a real number or hyphen in the text must survive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["drop_footnote_markers", "is_page_furniture", "join_lines", "vocabulary"]

# A line-end hyphen after one of these stays: the compound is hyphenated in UN usage.
_KEEP_HYPHEN_PREFIXES = frozenset(
    [
        "peace",
        "non",
        "self",
        "cease",
        "co",
        "ex",
        "well",
        "long",
        "short",
        "so",
        "follow",
        "mid",
        "anti",
        "post",
        "pre",
        "pro",
        "all",
        "cross",
        "half",
        "full",
        "high",
        "low",
        "large",
        "small",
        "medium",
        "fact",
        "decision",
        "confidence",
        "state",
        "nation",
        "head",
        "sub",
        "pan",
        "multi",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "one",
        "government",
        "country",
        "community",
        "region",
        "vice",
        "under",
        "fire",
        "mine",
        "child",
        "gender",
        "law",
        "life",
        "war",
    ]
)
# Page headers/footers from PDF text layers: the symbol, job numbers, page counters, barcodes.
_FURNITURE = (
    re.compile(r"^\s*S/RES/\d+\s*\(\d{4}\)\s*$"),
    re.compile(r"^\s*\d{2}-\d{5}(?:\s*\(E\))?(?:\s+\d+/\d+)?\s*$"),
    re.compile(r"^\s*\d+/\d+\s*(?:\d{2}-\d{5}(?:\s*\(E\))?)?\s*$"),
    re.compile(r"^\s*\*\d{7,}\*\s*$"),
    re.compile(r"^\s*Please recycle\s*$", re.IGNORECASE),
    # Footnote text at a page foot: "60 Ibid., documents S/17227", "1 S/2015/364 and Add.1."
    re.compile(r"^\s*\d{1,3}\s+(?:Ibid\.|Official Records\b|[SA]/(?:\d|RES/|PRST/))"),
)
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]")
_ODD_MARKS = re.compile(r"\s*(?:™|\*!|°|¹|²|³|⁴|⁵|⁶|⁷|⁸|⁹|⁰)+")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "... 1991, 110" / "1992 35 submitted" / "1992, 30 and": a footnote number right after a year.
# Not when the number starts a resolution citation ("(1991), 721 (1991)") or a date ("1992, 3 May").
_AFTER_YEAR = re.compile(
    r"(?<![(\d])((?:19|20)\d{2})(,?)\s+\d{1,3}(?!\d|\s*\(|\s*(?:" + _MONTHS + r")|\s*[-/.]\d)"
    r"(?=\s+[a-z]|\s*[,;:.]|\s*$)"
)
# "... the United Nations, 40" at the end of a paragraph, after a word (not after a number).
_AT_END = re.compile(r"(?<=[A-Za-z)\]])([,;:.])\s+\d{1,3}\s*$")
# "the report, 12 and requests" inside a paragraph: comma after a word, then a bare number, then
# a lower-case word (a list like "paragraphs 2, 3 and 4" has a digit before the comma).
_AFTER_WORD = re.compile(r"(?<=[a-z)])(,)\s+\d{1,3}(?=\s+(?:and|to|of|in|on|for|submitted)\b)")
# "the report 70 of the Special Mission", "the letter 5 dated": a document noun, then a footnote
# number, then the words that go on describing the document. ("paragraph 70 of" is not matched.)
_AFTER_DOCUMENT = re.compile(
    r"\b(reports?|letters?|statements?|communications?|notes?|declarations?|telegrams?|cables?"
    r"|messages?|requests?|proposals?)\s+\d{1,3}(?=\s+(?:of|dated|submitted|concerning|from|"
    r"addressed|containing|which|and)\b|\s*[,;])"
)
# A footnote number glued to the word or bracket before it: "Agreement1,", "(S/8561)27 and".
_GLUED = re.compile(r"(?<=[a-z]{3})\d{1,2}(?=[\s,;.:]|$)|(?<=[”)])\d{1,2}(?=[\s,;.]|$)")
# A curly closing quote used as a footnote marker: "report” submitted".
_STRAY_QUOTE = re.compile(r"(?<=[A-Za-z0-9),])”")


def is_page_furniture(line: str) -> bool:
    """Whether a line is a running header/footer rather than resolution text."""
    return any(p.match(line) for p in _FURNITURE)


def vocabulary(text: str) -> frozenset[str]:
    """Lower-cased words (hyphenated compounds included) seen inside lines of ``text``."""
    return frozenset(w.lower() for w in _WORD.findall(text))


def _join_hyphen(left: str, right: str, vocab: frozenset[str]) -> str:
    """Join ``left`` ending in '-' with ``right`` (next line), keeping or dropping the hyphen."""
    m = re.search(r"([A-Za-z]+)-$", left)
    n = re.match(r"([A-Za-z]+)", right)
    if m is None or n is None:
        return left + right
    head, tail = m[1], n[1]
    if tail[0].isupper():  # Secretary-\nGeneral, Euro-\nAtlantic
        return left + right
    joined, hyphenated = (head + tail).lower(), f"{head}-{tail}".lower()
    if hyphenated in vocab and joined not in vocab:
        return left + right
    if joined in vocab and hyphenated not in vocab:
        return left[:-1] + right
    if head.lower() in _KEEP_HYPHEN_PREFIXES:
        return left + right
    return left[:-1] + right


def join_lines(lines: Iterable[str], vocab: frozenset[str] = frozenset()) -> str:
    """Join the hard-wrapped lines of one paragraph into a single line of text."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif re.search(r"[A-Za-z]-$", out) and line[:1].isalpha():
            out = _join_hyphen(out, line, vocab)
        else:
            out = f"{out} {line}"
    return re.sub(r"\s+", " ", out).strip()


def drop_footnote_markers(text: str) -> str:
    """Remove inline footnote numbers and marker glyphs from one joined paragraph."""
    text = _ODD_MARKS.sub("", text)
    if "“" not in text:
        text = _STRAY_QUOTE.sub("", text)
    text = _GLUED.sub("", text)
    text = _AFTER_YEAR.sub(r"\1\2", text)
    text = _AFTER_WORD.sub(r"\1", text)
    text = _AFTER_DOCUMENT.sub(r"\1", text)
    text = _AT_END.sub(r"\1", text)
    return re.sub(r"\s+([,;])", r"\1", text).strip()
