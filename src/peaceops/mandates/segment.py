"""Segment the plain text of a Security Council resolution into its parts.

Header (symbol, number, year, adoption date, meeting), preamble paragraphs, and operative
paragraphs with nested sub-paragraphs flattened to the ids experts cite: ``16``, ``16c``,
``16c(i)``. Works on hard-wrapped printed texts (the CR-UNSC corpus) and on text taken from
modern PDFs; the text repair rules live in :mod:`peaceops.mandates.segment_repair`.

Top-level numbers are accepted only in sequence (the next expected number, or 1 again after a
section heading), so a wrapped line that happens to start with "12." cannot open a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from peaceops.mandates.model import Paragraph, Resolution
from peaceops.mandates.segment_header import (
    COUNCIL_LINE,
    OCR_DIGITS,
    Header,
    first_date,
    parse_header,
)
from peaceops.mandates.segment_repair import (
    drop_footnote_markers,
    is_page_furniture,
    join_lines,
    vocabulary,
)
from peaceops.mandates.segment_verbs import PREAMBLE_OPENER, operative_verb

__all__ = [
    "ROMANS",
    "Header",
    "operative_verb",
    "parse_header",
    "segment_text",
]

_TOP = re.compile(r"^\s*([\dlIiL]{1,3})\s*(?:\.|,(?=\s+[A-Z]))\s*[|~—–-]*\s*(?=\S)(.*)$")
_SUB_OCR = re.compile(r"^\s*\(\s*([a-z]{1,2}|\d)\s*[}\]]?\s*\)\s*(.*)$")
_OCR_LABELS = {
    "1": ("i", "l"),
    "2": ("a", "z", "d"),
    "5": ("b", "s"),
    "6": ("b", "g"),
    "8": ("g",),
    "9": ("g",),
    "0": ("o",),
    "l": ("i",),
}
_SUB = re.compile(r"^\s*\(\s*([a-z]{1,2}|[ivxl]{1,6})\s*\)\s*(.*)$")
_ADOPTED = re.compile(r"^\s*Adopted\b")
_ANNEX = re.compile(r"^\s*(?:ANNEX|Annex)\b.{0,20}$")
ROMANS = [
    "i",
    "ii",
    "iii",
    "iv",
    "v",
    "vi",
    "vii",
    "viii",
    "ix",
    "x",
    "xi",
    "xii",
    "xiii",
    "xiv",
    "xv",
    "xvi",
    "xvii",
    "xviii",
    "xix",
    "xx",
    "xxi",
    "xxii",
    "xxiii",
    "xxiv",
    "xxv",
]


@dataclass
class _Block:
    pid: str
    parent: str | None
    lines: list[str]
    heading: str


@dataclass
class _State:
    top: str = ""
    letter: str = ""
    roman: str = ""
    expected: int = 1
    section: str = ""
    heading: str = ""
    heading_since_last: bool = False
    blocks: list[_Block] = field(default_factory=list)
    # A resolution in parts (A, B) repeats "The Security Council," with its own preamble.
    in_part_preamble: bool = False
    part_preamble: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _is_heading(lines: list[str], i: int) -> bool:
    """A short stand-alone line between paragraphs: "A", "II", "Strategic priorities"."""
    s = lines[i].strip()
    if not s or len(s) > 80 or s[-1] in ".;:," or not s[0].isupper():
        return False
    if _TOP.match(s) or _SUB.match(s) or len(s.split()) > 12 or PREAMBLE_OPENER.match(s):
        return False
    prev = next((lines[j].strip() for j in range(i - 1, -1, -1) if lines[j].strip()), "")
    blank_before = i > 0 and not lines[i - 1].strip()
    if prev and prev[-1] not in ".;:" and not blank_before:
        return False
    following = [lines[j] for j in range(i + 1, len(lines)) if lines[j].strip()][:2]
    nxt = following[0] if following else ""
    if _TOP.match(nxt) or _SUB.match(nxt) or COUNCIL_LINE.match(nxt):
        return True
    if PREAMBLE_OPENER.match(nxt.strip()) or _is_short_title(nxt):
        return True
    # A heading wrapped over two lines: "Capacities of MINUSMA and safety and / security of ..."
    after = following[1] if len(following) > 1 else ""
    continued = nxt.strip()
    return (
        bool(continued)
        and continued[-1] not in ".;:,"
        and len(continued.split()) <= 6
        and bool(_TOP.match(after) or _SUB.match(after))
    )


def _is_short_title(line: str) -> bool:
    s = line.strip()
    return bool(s) and s[-1] not in ".;:," and len(s.split()) <= 9 and s[0].isupper()


def _split_paragraphs(lines: list[str]) -> list[list[str]]:
    """Split unnumbered text into paragraphs at blank lines, or where a new clause opens."""
    paras: list[list[str]] = []
    cur: list[str] = []
    for line in lines:
        s = line.strip()
        if not s:
            if cur:
                paras.append(cur)
                cur = []
            continue
        opens_clause = bool(PREAMBLE_OPENER.match(s)) or (
            bool(operative_verb(s)) and s[0].isupper()
        )
        ends_clause = re.search(r"[,;]\s*(?:\d{1,3})?$", cur[-1]) if cur else None
        is_item = bool(_SUB.match(s) or _SUB_OCR.match(s))
        starts_item = is_item and bool(cur) and cur[-1].rstrip()[-1:] in ";:,."
        if starts_item or (
            ends_clause and opens_clause and (len(s.split()) > 1 or s.endswith(":"))
        ):
            paras.append(cur)
            cur = []
        cur.append(s)
    if cur:
        paras.append(cur)
    return paras


def _roman_follows(prev: str, label: str) -> bool:
    if label not in ROMANS:
        return False
    if not prev:
        return label == "i"
    return prev in ROMANS and ROMANS.index(label) == ROMANS.index(prev) + 1


def _continues_citation(lines: list[str], i: int) -> bool:
    """Whether "(c) and 4 of resolution 661" continues "paragraphs 3" on the line before."""
    prev = lines[i - 1].rstrip() if i > 0 else ""
    return bool(re.search(r"(?:\d|\bparagraphs?|\bsubparagraphs?)$", prev))


def _ocr_sub(line: str, st: _State) -> tuple[str, str, str] | None:
    """A sub-paragraph label garbled by OCR ("(6)" for (b), "(1)" for (i), "(c})"), if the
    reading fits the expected next letter or roman numeral; else None."""
    m = _SUB_OCR.match(line)
    if m is None:
        return None
    raw = m[1]
    next_letter = chr(ord(st.letter[-1]) + 1) if st.letter else "a"
    if not st.letter and st.blocks and "(a)" in " ".join(st.blocks[-1].lines):
        next_letter = "b"  # the first item "(a)" is inline in the paragraph text
    next_roman = ROMANS[ROMANS.index(st.roman) + 1] if st.roman in ROMANS[:-1] else "i"
    for guess in (raw, *_OCR_LABELS.get(raw, ())):
        if guess in (next_letter, next_roman):
            label = m[0].strip().split(")")[0] + ")"
            return guess, m[2], label
    return None


def _on_sub(st: _State, label: str, rest: str) -> None:
    if len(label) == 2 and label not in ROMANS and st.letter and label[0] != st.letter[0]:
        label = label[-1]  # OCR noise: "(ad)" between (c) and (e)
    letter_next = bool(st.letter) and len(label) == 1 and ord(label) == ord(st.letter[-1]) + 1
    is_roman = (
        label in ROMANS
        and not letter_next
        and (_roman_follows(st.roman, label) or (label == "i" and st.letter != "h"))
    )
    if is_roman and (not st.letter or label != "i" or st.letter != "h"):
        st.roman = label
        base = f"{st.top}{st.letter}"
        st.blocks.append(_Block(f"{base}({label})", base, [rest], st.heading))
        return
    st.letter, st.roman = label, ""
    st.blocks.append(_Block(f"{st.top}{label}", st.top, [rest], st.heading))


def _top_number(line: str) -> tuple[int, str, bool] | None:
    """(number, rest, certain) for a line opening a numbered paragraph, else None.

    ``certain`` is False when OCR letters stood in for digits ("ll." for 11, "L." for 1); such a
    line counts only if an operative verb follows.
    """
    m = _TOP.match(line)
    if m is None:
        return None
    token = m[1]
    digits = token.translate(OCR_DIGITS)
    if not digits.isdigit() or (not token.isdigit() and not operative_verb(m[2])):
        return None
    return int(digits), m[2], token.isdigit()


def _next_number(lines: list[str], i: int) -> int | None:
    for line in lines[i + 1 :]:
        t = _top_number(line)
        if t and operative_verb(t[1]):
            return t[0]
    return None


def _out_of_sequence(lines: list[str], i: int, n: int, st: _State) -> int | None:
    """The id to give a paragraph printed with an unexpected number, or None to not split.

    A misprint ("8." where 5 belongs, followed by "6.") takes the expected number; a real gap
    (10, then "12." followed by "13.") keeps the printed number and is reported.
    """
    rest = _TOP.match(lines[i])
    if not st.blocks or rest is None or not operative_verb(rest[2]):
        return None
    prev = next((ln.strip() for ln in reversed(lines[:i]) if ln.strip()), "")
    if prev[-1:] not in ";.:,":
        return None
    following = _next_number(lines, i)
    if following == n + 1 and n > st.expected and n - st.expected <= 3:
        st.warnings.append(f"paragraph number(s) {st.expected}..{n - 1} not found before {n}")
        return n
    if following is None or following == st.expected + 1:
        st.warnings.append(f"paragraph printed as {n} read as {st.expected}")
        return st.expected
    return None


def _walk_operative(lines: list[str], st: _State) -> None:
    heading_line = -2
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        if st.blocks and COUNCIL_LINE.match(line):
            st.in_part_preamble, st.heading_since_last = True, True
            st.part_preamble.append("")
            continue
        top = _top_number(line)
        if st.heading_since_last and st.blocks and PREAMBLE_OPENER.match(s):
            st.in_part_preamble = True
        if st.in_part_preamble and not (top and top[0] in (1, st.expected)):
            st.part_preamble.append(line)
            continue
        st.in_part_preamble = False
        if top:
            n, rest, _certain = top
            restart = n == 1 and st.expected > 1 and st.heading_since_last
            fixed = None
            if n != st.expected and not restart:
                fixed = _out_of_sequence(lines, i, n, st)
                n = fixed if fixed is not None else n
            if n == st.expected or restart or (n > st.expected and fixed is not None):
                if restart:
                    short = len(st.heading) <= 4 and st.heading.isalnum()
                    st.section = st.heading if short else chr(ord(st.section or "A") + 1)
                    st.warnings.append(f"numbering restarts at 1 in section {st.heading!r}")
                st.expected = n + 1
                st.top, st.letter, st.roman = f"{st.section}{n}", "", ""
                st.heading_since_last = False
                st.blocks.append(_Block(st.top, None, [rest], st.heading))
                continue
        sub = _SUB.match(line)
        if sub and st.top and not _continues_citation(lines, i):
            _on_sub(st, sub[1], sub[2])
            continue
        ocr = _ocr_sub(line, st) if st.top else None
        if ocr:
            st.warnings.append(f"sub-paragraph label {ocr[2]!r} read as ({ocr[0]})")
            _on_sub(st, ocr[0], ocr[1])
            continue
        if _is_heading(lines, i):
            st.heading, st.heading_since_last = s, True
            heading_line = i
            continue
        if heading_line == i - 1 and _is_short_title(s[:1].upper() + s[1:]):
            st.heading = f"{st.heading} {s}"  # a heading wrapped over two lines
            heading_line = i
            continue
        if st.blocks:
            st.blocks[-1].lines.append(line)


def _operative_bounds(lines: list[str], body: int) -> tuple[int | None, int]:
    start = None
    for i in range(body, len(lines)):
        t = _top_number(lines[i])
        if t and t[0] == 1 and t[1][:1].isupper():
            start = i
            break
    end = len(lines)
    for i in range(start if start is not None else body, len(lines)):
        if _ADOPTED.match(lines[i]) or _ANNEX.match(lines[i]):
            end = i
            break
    return start, end


def _council_line(lines: list[str]) -> int:
    for i, line in enumerate(lines[:80]):
        if COUNCIL_LINE.match(line):
            return i + 1
    # No "The Security Council," line: skip the header block (title, symbol, date lines).
    for i, line in enumerate(lines[:20]):
        if re.search(r"\b(?:Resolution|S/RES/)", line) or first_date(line):
            continue
        if line.strip() and not line.strip().isupper():
            return i
    return 0


def _fix_unnumbered(paras: list[list[str]]) -> tuple[list[list[str]], list[list[str]]]:
    """Split unnumbered paragraphs into preamble and operative at the first operative verb."""
    for k, para in enumerate(paras):
        first = re.sub(r"^\(\s*[a-z]{1,2}\s*\)\s*", "", " ".join(para))
        if operative_verb(first) and not PREAMBLE_OPENER.match(first):
            return paras[:k], paras[k:]
    return paras, []


def _preamble(lines: list[str], vocab: frozenset[str]) -> tuple[str, ...]:
    out = []
    for para in _split_paragraphs(lines):
        text = drop_footnote_markers(join_lines(para, vocab))
        if text and not _ADOPTED.match(text):
            out.append(text)
    return tuple(out)


def segment_text(text: str, source: str = "") -> Resolution:
    """Segment a resolution's plain text into a :class:`Resolution` (no tasks, no tiers)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\u00ad", "")
    lines = _attach_lone_labels(
        [ln.replace("\t", " ") for ln in text.split("\n") if not is_page_furniture(ln)]
    )
    header = parse_header("\n".join(lines), source)
    vocab = vocabulary(text)
    body = _council_line(lines)
    start, end = _operative_bounds(lines, body)
    st = _State()
    if start is not None:
        preamble = _preamble(lines[body:start], vocab)
        # A heading ("A", "Strategic priorities") just above paragraph 1 belongs to it.
        tail = [ln for ln in lines[body:start] if ln.strip()]
        if tail and _is_heading(lines, start - 1 - _trailing_blanks(lines, start)):
            preamble = preamble[:-1] if preamble and preamble[-1] == tail[-1].strip() else preamble
            st.heading = tail[-1].strip()
        _walk_operative(lines[start:end], st)
        preamble += _preamble(st.part_preamble, vocab)
    else:
        paras = _split_paragraphs(lines[body:end])
        pre, ops = _fix_unnumbered(paras)
        preamble = tuple(drop_footnote_markers(join_lines(p, vocab)) for p in pre)
        lettered = bool(ops) and bool(_SUB.match(ops[0][0]))  # "(a) Resolves ...", "(b) ..."
        for para in ops:
            sub = _SUB.match(para[0])
            ocr = None if sub or not st.top else _ocr_sub(para[0], st)
            if st.top and not lettered and (sub or ocr):
                label, rest = (sub[1], sub[2]) if sub else (ocr[0], ocr[1])  # type: ignore[index]
                _on_sub(st, label, rest)
                st.blocks[-1].lines.extend(para[1:])
            else:
                st.top, st.letter, st.roman = str(st.expected), "", ""
                st.expected += 1
                first = _SUB.sub(r"\2", para[0]) if sub else para[0]
                st.blocks.append(_Block(st.top, None, [first, *para[1:]], ""))
        if ops:
            st.warnings.append("operative paragraphs are not numbered; numbered them 1..n")
    paragraphs: list[Paragraph] = []
    verbs: dict[str, str] = {}
    for k, b in enumerate(st.blocks):
        body_text = drop_footnote_markers(join_lines(b.lines, vocab))
        verb = operative_verb(body_text) if b.parent is None else verbs.get(b.parent, "")
        verbs[b.pid] = verb
        following = st.blocks[k + 1] if k + 1 < len(st.blocks) else None
        inline = _inline_first_item(b, following, body_text)
        if inline is not None:
            body_text, item_text, item_id = inline
            st.warnings.append(f"sub-paragraph {item_id} was inline in {b.pid}; split off")
        paragraphs.append(
            Paragraph(id=b.pid, text=body_text, verb=verb, parent=b.parent, heading=b.heading)
        )
        if inline is not None:
            verbs[item_id] = verb
            paragraphs.append(
                Paragraph(id=item_id, text=item_text, verb=verb, parent=b.pid, heading=b.heading)
            )
    return Resolution(
        symbol=header.symbol,
        number=header.number,
        year=header.year,
        date=header.date,
        meeting=header.meeting,
        title=header.title,
        preamble=tuple(p for p in preamble if p),
        operative=tuple(paragraphs),
        source=source,
        warnings=tuple(st.warnings),
    )


def _inline_first_item(
    block: _Block, following: _Block | None, text: str
) -> tuple[str, str, str] | None:
    """Split "(a) ..." off a paragraph whose next block is its item "(b)": the first item
    was printed on the same line as the paragraph text ("shall: (a) Prohibit ...")."""
    if following is None or following.parent != block.pid:
        return None
    suffix = following.pid[len(block.pid) :]
    first = {"b": "a", "(ii)": "(i)"}.get(suffix)
    if first is None:
        return None
    label = re.escape(f"({first.strip('()')})")
    m = re.search(r"(?:^|(?<=[:;,—]))\s*" + label + r"\s+", text)
    if m is None:
        return None
    return text[: m.start()].rstrip(), text[m.end() :].strip(), f"{block.pid}{first}"


_LONE_LABEL = re.compile(r"^\s*(?:\d{1,3}\.|\(\s*[a-z]{1,5}\s*\))\s*$")


def _attach_lone_labels(lines: list[str]) -> list[str]:
    """Join a label alone on its line ("28." or "(a)", as PDF layouts give) to the next line."""
    out: list[str] = []
    pending = ""
    for line in lines:
        if pending and not line.strip():
            continue  # blank lines between a label and its text
        if pending:
            if _LONE_LABEL.match(line) or _SUB.match(line) or _TOP.match(line):
                out.append(pending)  # a label with no text of its own stays as it is
            else:
                out.append(f"{pending} {line.strip()}")
                pending = ""
                continue
            pending = ""
        if _LONE_LABEL.match(line):
            pending = line.strip()
        else:
            out.append(line)
    if pending:
        out.append(pending)
    return out


def _trailing_blanks(lines: list[str], start: int) -> int:
    k = 0
    while start - 1 - k >= 0 and not lines[start - 1 - k].strip():
        k += 1
    return k
