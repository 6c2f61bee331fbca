"""Read a Security Council resolution from plain text, PDF (text layer) or HTML.

``read_file``/``read_bytes``/``read_text`` validate the input (empty file, scanned PDF without
text, another language, not a resolution: one clear :class:`InputError` each), segment it,
detect missions and priority tiers, and add the tasks found by the classifier.
``parse_text`` does the same work without validation or classification, for bulk use.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from peaceops.errors import InputError
from peaceops.mandates.ceilings import read_ceiling
from peaceops.mandates.missions import detect_missions
from peaceops.mandates.model import Resolution
from peaceops.mandates.references import find_references
from peaceops.mandates.segment import segment_text
from peaceops.mandates.tiers import assign_tiers

__all__ = [
    "UNOFFICIAL_WARNING",
    "InputFormat",
    "add_tasks",
    "detect_format",
    "extract_text",
    "parse_text",
    "read_bytes",
    "read_file",
    "read_text",
]

InputFormat = Literal["pdf", "html", "text"]

_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "its",
        "that",
        "on",
        "for",
        "with",
        "by",
        "all",
        "be",
        "is",
        "decides",
        "requests",
    ]
)
_FRENCH = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "et",
        "au",
        "aux",
        "une",
        "sur",
        "dans",
        "par",
        "est",
        "décide",
        "prie",
        "conseil",
    ]
)
_SPANISH = frozenset(
    [
        "el",
        "los",
        "las",
        "del",
        "y",
        "en",
        "una",
        "por",
        "con",
        "decide",
        "solicita",
        "consejo",
        "que",
    ]
)
_OTHER_SCRIPTS = (
    ("Cyrillic (Russian?)", re.compile(r"[\u0400-\u04ff]")),
    ("Arabic", re.compile(r"[\u0600-\u06ff]")),
    ("Chinese", re.compile(r"[\u4e00-\u9fff]")),
)


class _TextFromHtml(HTMLParser):
    _BLOCK = frozenset(
        [
            "p",
            "div",
            "br",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "li",
            "tr",
            "table",
            "section",
            "article",
            "header",
        ]
    )
    _SKIP = frozenset(("script", "style", "head", "title"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        joined = "".join(self.parts)
        lines = [ln.strip() for ln in joined.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def detect_format(data: bytes, name: str = "") -> InputFormat:
    """Guess the format from the content (PDF magic, HTML tags), then the file name."""
    head = data[:2048].lstrip().lower()
    if data[:5] == b"%PDF-" or name.lower().endswith(".pdf"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")) or name.lower().endswith((".html", ".htm")):
        return "html"
    if head.startswith(b"<") and re.search(rb"<(?:p|div|body|h1)[\s>]", head):
        return "html"
    return "text"


def _pdf_text(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, OSError) as exc:
        raise InputError(f"{name}: not a readable PDF ({exc})") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise InputError(
            f"{name}: the PDF has {len(pages)} page(s) but no text layer (a scanned image?); "
            "run OCR on it first or use the text/HTML version"
        )
    return text


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def extract_text(data: bytes, name: str = "") -> tuple[str, InputFormat]:
    """The plain text of a resolution file and the format it was in."""
    fmt = detect_format(data, name)
    if fmt == "pdf":
        return _pdf_text(data, name), fmt
    if b"\x00" in data[:4096]:
        kind = "a Word/zip file" if data[:2] == b"PK" else "a binary file"
        raise InputError(
            f"{name or 'input'}: {kind}, not text, PDF or HTML; save it as PDF or text"
        )
    text = _decode(data)
    if fmt == "html":
        parser = _TextFromHtml()
        parser.feed(text)
        parser.close()
        text = parser.text()
    return text, fmt


def _check_language(text: str, name: str) -> None:
    letters = sum(ch.isalpha() for ch in text) or 1
    for script, pattern in _OTHER_SCRIPTS:
        if len(pattern.findall(text)) > letters * 0.3:
            raise InputError(
                f"{name}: the text is in {script} script; peaceops reads English texts"
            )
    words = re.findall(r"[a-zà-ÿ]+", text[:20000].lower())
    en = sum(w in _ENGLISH for w in words)
    fr = sum(w in _FRENCH for w in words)
    es = sum(w in _SPANISH for w in words)
    if max(fr, es) > en:
        language = "French" if fr >= es else "Spanish"
        found = re.search(r"(?:Le Conseil de sécurité|El Consejo de Seguridad)[^\n]{0,20}", text)
        seen = f" (found {found[0].strip()!r})" if found else ""
        raise InputError(
            f"{name}: this looks like a {language} text{seen}; peaceops reads the English "
            "version of resolutions",
            remedy="mandates.fetch",
        )


UNOFFICIAL_WARNING = "illustrative text: not an official United Nations document"
_UNOFFICIAL = re.compile(r"not\s+an\s+official\s+United\s+Nations\s+document", re.IGNORECASE)


def parse_text(text: str, source: str = "") -> Resolution:
    """Segment, detect missions, tiers, references to other documents and an authorised
    ceiling; no validation and no tasks (fast, for bulk use)."""
    res = assign_tiers(segment_text(text, source))
    warnings = res.warnings
    # Texts that declare themselves unofficial (such as the project's illustrative renewals)
    # carry that into every report that shows them.
    if _UNOFFICIAL.search(text):
        warnings = (*warnings, UNOFFICIAL_WARNING)
    ceiling = read_ceiling(res.symbol, res.operative)
    return replace(
        res,
        missions=detect_missions(text),
        warnings=(*warnings, *ceiling.warnings),
        incorporated_by_reference=find_references(res.operative),
        ceiling=ceiling.ceiling,
    )


def add_tasks(res: Resolution) -> Resolution:
    """The resolution with the tasks the classifier finds, if the classifier is installed."""
    try:
        from peaceops.mandates.classify import classify
    except ImportError:  # the classifier is optional: reading works without it
        return res
    return classify(res)


def read_text(text: str, source: str = "", *, classify: bool = True) -> Resolution:
    """Validate and read a resolution's plain text; raises :class:`InputError` on bad input."""
    name = source or "input"
    if not text.strip():
        raise InputError(f"{name}: the file is empty")
    _check_language(text, name)
    res = parse_text(text, source)
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")[:60]
    if res.number is None and "Security Council" not in re.sub(r"\s+", " ", text):
        raise InputError(
            f"{name}: not a Security Council resolution (the text never names the Security "
            f"Council; it starts with {first!r})"
        )
    if not res.operative:
        raise InputError(f"{name}: found no operative paragraphs (it starts with {first!r})")
    tops = [p for p in res.operative if p.parent is None]
    # A document without a resolution heading must at least read like one.
    if res.number is None and sum(bool(p.verb) for p in tops) * 2 < len(tops):
        raise InputError(
            f"{name}: not a resolution: most numbered paragraphs do not open with an operative "
            f"verb (Decides, Requests, ...); it starts with {first!r}"
        )
    return add_tasks(res) if classify else res


def read_bytes(data: bytes, name: str = "", *, classify: bool = True) -> Resolution:
    """Read a resolution from the bytes of a text, PDF or HTML file."""
    if not data.strip():
        raise InputError(f"{name or 'input'}: the file is empty")
    text, _fmt = extract_text(data, name)
    return read_text(text, name, classify=classify)


def read_file(path: Path, *, classify: bool = True) -> Resolution:
    """Read a resolution file (text, PDF or HTML)."""
    if not path.is_file():
        raise InputError(f"resolution file not found: {path}")
    return read_bytes(path.read_bytes(), path.name, classify=classify)
