"""Mandates set by reference: operative paragraphs that take tasks from another document.

Many resolutions give the mission its tasks by pointing at a report of the Secretary-General
("Approves the report of the Secretary-General of 11 October 1989"; "in accordance with the
concept of operations in chapter IV of the report"; "as described in paragraphs 20 to 25 of
the report"). The tasks in that document are part of the mandate but not of the resolution's
text, so a task list read from the text alone is incomplete: :func:`find_references` lists
each such document (symbol when the text gives one, date, the paragraphs cited, the operative
paragraph that refers) and :func:`task_list_warning` says so in words.
"""

from __future__ import annotations

import re

from peaceops.mandates.model import DocumentReference, Paragraph, Resolution

__all__ = ["document_symbols", "find_references", "task_list_warning"]

_DOC_NOUN = (
    r"(?:(?:further|second|third|progress|special|latest|interim|final)\s+)?"
    r"(?:report|plan|concept of operations|proposals?|recommendations?|letter|addendum|"
    r"set of ideas)"
)
_OWNER = (
    r"(?:the|his|its|that|this|above-mentioned|aforementioned|said|"
    r"Secretary-General[’']s)\s+(?:[\w-]+\s+){0,3}?"
)
# "Approves the report ...": the Council adopts the document as the mandate.
_ADOPTS = re.compile(
    r"^\W*(?:(?:also|further|hereby)\s+)?(?:approves|endorses)\s+(?:in particular\s+)?"
    + _OWNER
    + _DOC_NOUN
    + r"\b",
    re.IGNORECASE,
)
# "... in accordance with [paragraph 12 of] his report", "as described in paragraphs 20 to 25
# of the report", "on the basis of the concept of operations in chapter IV of the report".
_POINTS = re.compile(
    r"\b(?:in accordance with|in conformity with|on the basis of|as (?:described|set out|"
    r"outlined|recommended|proposed|specified|contained|envisaged|summarized|provided for|"
    r"defined)(?: by the Secretary-General)? in)\s+(?:[^,;:.]{0,80}?\bof\s+)?"
    + _OWNER
    + _DOC_NOUN
    + r"\b",
    re.IGNORECASE,
)
_SETTING_VERBS = (
    "approves",
    "endorses",
    "decides",
    "authorizes",
    "authorises",
    "requests",
    "agrees",
    "entrusts",
)
_SYMBOL = re.compile(r"\b(S/\d{4}/\d{1,4}(?:/Add\.\d+)?|S/\d{4,5}(?:/Add\.\d+)?)\b")
_DATE = re.compile(
    r"\b(?:of|dated)\s+(\d{1,2}(?:\s+(?:and|to)\s+\d{1,2})?\s+(?:January|February|March|April|"
    r"May|June|July|August|September|October|November|December)(?:\s+\d{4})?)"
)
_PARAS = re.compile(
    r"\b(paragraphs?|chapters?|sections?|annex(?:es)?)\s+"
    r"((?:\d+|[IVX]+)(?:\s*\([a-z]{1,4}\))*(?:\s*(?:,|and|to|-|–)\s*(?:\d+|[IVX]+)"
    r"(?:\s*\([a-z]{1,4}\))*)*)"
)


_ANAPHORA = re.compile(
    r"\b(?:the|his|that|this|above-mentioned|aforementioned|said)\s+"
    r"(?:above-mentioned\s+|aforementioned\s+)?report\b(?!\s+(?:of|dated)\b)",
    re.IGNORECASE,
)


def _sets_mandate(paragraph: Paragraph) -> bool:
    verb = paragraph.verb.lower()
    return any(verb.startswith(v) for v in _SETTING_VERBS)


def _cited(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for m in _PARAS.finditer(text):
        kind = m[1].lower().rstrip("s").replace("annexe", "annex")
        ids = re.sub(r"\s+", " ", m[2]).strip()
        if kind == "paragraph":
            parts = re.split(r"\s*(?:,|and)\s*", ids)
            out.extend(re.sub(r"\s*(?:to|–)\s*", "-", p).replace(" ", "") for p in parts if p)
        else:
            out.append(f"{kind} {ids}")
    return tuple(dict.fromkeys(out))


def _describe(phrase: str) -> str:
    noun = re.search(_DOC_NOUN, phrase, re.IGNORECASE)
    what = noun[0].lower() if noun else "document"
    if "letter" in what:
        return "letter"
    return f"{what} of the Secretary-General" if "report" in what else what


def find_references(operative: tuple[Paragraph, ...]) -> tuple[DocumentReference, ...]:
    """The documents the operative paragraphs take the mandate from, in paragraph order."""
    found: list[DocumentReference] = []
    for p in operative:
        if p.parent is None and not _sets_mandate(p):
            continue
        m = _ADOPTS.search(p.text) if p.parent is None else None
        m = m or _POINTS.search(p.text)
        if m is None:
            continue
        # The document's particulars: from the phrase to the end of its clause.
        end = re.search(r"[;:]|,\s+(?:and\s+)?(?:to|decides|requests|calls)\b", p.text[m.end() :])
        window = p.text[max(0, m.start() - 120) : m.end() + (end.start() if end else 200)]
        symbols = _SYMBOL.findall(p.text[m.start() : m.end() + 200])
        date = _DATE.search(p.text[m.start() : m.end() + 80])
        phrase = re.sub(r"\s+", " ", p.text[m.start() : m.end() + 60]).strip()
        # "the report", "his above-mentioned report": the document named just before.
        earlier = next((r for r in reversed(found) if r.symbol or r.date), None)
        if not symbols and date is None and earlier is not None and _ANAPHORA.search(window):
            symbols, date_text = [earlier.symbol] if earlier.symbol else [], earlier.date
        else:
            date_text = re.sub(r"\s+", " ", date[1]) if date else None
        found.append(
            DocumentReference(
                description=_describe(m[0]),
                operative=p.id,
                phrase=phrase if len(phrase) <= 200 else phrase[:197] + "...",
                symbol=symbols[0] if symbols else None,
                date=date_text,
                paragraphs=_cited(window),
            )
        )
    return tuple(found)


def document_symbols(res: Resolution) -> tuple[str, ...]:
    """The symbols of the documents ``res`` refers to (those the text names), once each."""
    return tuple(dict.fromkeys(r.symbol for r in res.incorporated_by_reference if r.symbol))


def task_list_warning(res: Resolution) -> str | None:
    """One sentence saying the task list is incomplete without the referenced documents."""
    refs = res.incorporated_by_reference
    if not refs:
        return None
    paras = ", ".join(dict.fromkeys(r.operative for r in refs))
    docs = ", ".join(
        dict.fromkeys(
            r.symbol or (f"{r.description} of {r.date}" if r.date else r.description) for r in refs
        )
    )
    return (
        f"the task list is incomplete without {docs}: operative paragraph(s) {paras} set "
        "part of the mandate by reference to it"
    )
