"""The paragraph cells of the PEMA dataset: which paragraphs an expert cites for a task.

A cell lists operative paragraphs of the resolution (``16c, 16c(i), 26``; ``17 c``; ``4 + 9``;
``15 b; 16 b``) and sometimes paragraphs of another document: ``26 (S/26090)`` is paragraph 26
of the report S/26090, ``4 referring to 72 c (S/1995/222)`` is operative paragraph 4, which
takes the task from paragraph 72 c of S/1995/222, and ``Dayton Peace Agreement, Annex 11,
Article III, 15`` names a document without a UN symbol. A trailing ``?`` marks the expert's
doubt. Cells that a spreadsheet turned into a time of day (``3:00 AM``) or that hold no
paragraph id at all are malformed: :func:`parse_cell` raises :class:`CellError` for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CellError", "CellRefs", "parse_cell"]

_EMPTY = frozenset(("", "0", "NA", "N/A", "."))
_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM)?$", re.IGNORECASE)
_DOC = re.compile(r"\(\s*(S/[0-9A-Z/.\-]+?)\s*\)")
_ID = re.compile(r"^\d{1,3}[a-z]{0,4}(?:\([a-z]{1,5}\))?[a-z]?\)?$")
_REFERS = re.compile(r"\(\s*refers? to ([^)]*)\)", re.IGNORECASE)
_NAMED = re.compile(r"\b[A-Z][a-z]{2,}")


class CellError(ValueError):
    """A cell that names no paragraph (the message says why)."""


@dataclass(frozen=True)
class CellRefs:
    """What one cell cites: paragraphs of the resolution itself and of other documents."""

    paragraphs: tuple[str, ...]  # operative paragraph ids of the resolution, e.g. "16c(i)"
    elsewhere: tuple[str, ...]  # e.g. "S/26090 para 26", "Dayton Peace Agreement, Annex 11"
    uncertain: bool = False

    @property
    def empty(self) -> bool:
        return not self.paragraphs and not self.elsewhere


def _norm_id(token: str) -> str | None:
    pid = re.sub(r"\s+", "", token).strip(".").lower()
    pid = re.sub(r"^(?:para|p)\.?(?=\d)", "", pid)  # "p.4", "para 4"
    return pid if pid and _ID.match(pid) else None


def _ids(text: str) -> tuple[list[str], list[str]]:
    """Paragraph ids in a comma/``+``/``and`` list, and the pieces that are not ids."""
    ids: list[str] = []
    rest: list[str] = []
    for part in re.split(r"[,+&]|\band\b", text):
        part = part.strip()
        if not part:
            continue
        pid = _norm_id(part)
        if pid is not None:
            ids.append(pid)
            continue
        # "20 b, c, d" continues the last paragraph with more sub-paragraph letters
        if re.fullmatch(r"[a-z](?:\s*\)|\([ivx]+\))?", part) and ids:
            base = re.match(r"\d+", ids[-1])
            if base:
                ids.append(base[0] + re.sub(r"\s+", "", part))
                continue
        rest.append(part)
    return ids, rest


def _elsewhere(text: str) -> list[str]:
    """Paragraphs of other documents in a ``referring to`` tail or a ``(S/...)`` citation."""
    out: list[str] = []
    for piece in re.split(r"\band\b(?=\s*(?:to\s+)?(?:\d|PIC|Annex|[A-Z]))", text):
        piece = piece.strip().removeprefix("to ").strip()
        if not piece:
            continue
        doc = _DOC.search(piece)
        if doc is not None:
            ids, _ = _ids(piece[: doc.start()])
            symbol = doc[1]
            out.extend(f"{symbol} para {pid}" for pid in ids) if ids else out.append(symbol)
        else:
            out.append(re.sub(r"\s+", " ", piece))
    return out


def _clause(text: str) -> tuple[list[str], list[str]]:
    own: list[str] = []
    other: list[str] = []
    for note in _REFERS.finditer(text):
        other.append(note[1].strip())
    text = _REFERS.sub(" ", text)
    m = re.search(r"\breferring\s+to\b", text, flags=re.I)
    head = text[: m.start()] if m else text
    if m:
        other.extend(_elsewhere(text[m.end() :]))
    # A clause that names a document without a UN symbol cites that document only.
    if _NAMED.search(_DOC.sub(" ", head)):
        other.append(re.sub(r"\s+", " ", head).strip(" ,"))
        return own, other
    # Ids directly before "(S/...)" belong to that document, back to the last "+" or ";".
    pos = 0
    for doc in _DOC.finditer(head):
        before = head[pos : doc.start()]
        keep, _, cited = before.rpartition("+")
        ids, junk = _ids(cited)
        if junk and not ids:
            raise CellError(f"cannot read {cited.strip()!r} before ({doc[1]})")
        other.extend(f"{doc[1]} para {pid}" for pid in ids)
        k_ids, k_rest = _ids(keep)
        own.extend(k_ids)
        if k_rest:
            other.extend(_named(k_rest))
        pos = doc.end()
    ids, rest = _ids(head[pos:])
    own.extend(ids)
    if rest:
        other.extend(_named(rest))
    return own, other


def _named(pieces: list[str]) -> list[str]:
    """Pieces that are not paragraph ids must name a document ("Dayton Peace Agreement")."""
    text = ", ".join(pieces)
    if not _NAMED.search(text):
        raise CellError(f"{text!r} is not a paragraph id")
    return [text]


def parse_cell(cell: str) -> CellRefs:
    """The paragraphs a PEMA task cell cites (empty for ``0`` or a blank cell).

    Raises:
        CellError: the cell is not a list of paragraphs (a spreadsheet time, stray text).
    """
    text = cell.strip()
    if text in _EMPTY:
        return CellRefs((), ())
    if _TIME.match(text):
        raise CellError(f"{text!r} is a time of day (a spreadsheet converted the cell)")
    uncertain = "?" in text
    text = text.replace("?", " ")
    own: list[str] = []
    other: list[str] = []
    for clause in text.split(";"):
        if clause.strip():
            ids, docs = _clause(clause)
            own.extend(i for i in ids if i not in own)
            other.extend(d for d in docs if d not in other)
    if not own and not other:
        raise CellError(f"{cell.strip()!r} names no paragraph")
    return CellRefs(tuple(own), tuple(other), uncertain)
