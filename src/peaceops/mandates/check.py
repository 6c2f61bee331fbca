"""Check that resolution texts segment cleanly, and report the ones that do not, with a reason.

A text segments cleanly when it has operative paragraphs, their top-level numbers run 1..n
without a gap (per section when a section restarts the numbering), and no numbered line that
looks like a paragraph was left inside another paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peaceops.errors import InputError
from peaceops.mandates.model import Resolution
from peaceops.mandates.segment import ROMANS, segment_text

__all__ = ["CheckReport", "CheckResult", "check_directory", "check_resolution"]

_STRANDED = re.compile(r"(?:^|[;.:]\s)(\d{1,3})\.\s+(?:[A-Z][a-z]+ly\s+)?[A-Z][a-z]+s\b")


@dataclass(frozen=True)
class CheckResult:
    """How one text segmented: counts, and a reason when it did not segment cleanly."""

    source: str
    symbol: str
    ok: bool
    preamble: int
    operative: int
    top_level: int
    reason: str = ""
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "symbol": self.symbol,
            "ok": self.ok,
            "preamble": self.preamble,
            "operative": self.operative,
            "top_level": self.top_level,
            "reason": self.reason,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class CheckReport:
    """The results for a directory of texts."""

    results: tuple[CheckResult, ...]

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def ok(self) -> int:
        return sum(r.ok for r in self.results)

    @property
    def failures(self) -> tuple[CheckResult, ...]:
        return tuple(r for r in self.results if not r.ok)

    def share_ok(self) -> float:
        return self.ok / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "ok": self.ok,
            "share_ok": round(self.share_ok(), 4),
            "failures": [r.to_dict() for r in self.failures],
        }


def _numbering_problem(res: Resolution) -> str:
    sections: dict[str, list[int]] = {}
    for p in res.operative:
        if p.parent is None:
            prefix = re.sub(r"\d+$", "", p.id)
            sections.setdefault(prefix, []).append(int(re.sub(r"^\D*", "", p.id)))
    for prefix, numbers in sections.items():
        if numbers != list(range(1, len(numbers) + 1)):
            where = f" in section {prefix}" if prefix else ""
            missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
            what = f"paragraph(s) {missing} not found" if missing else "numbers out of order"
            return f"{what}{where}; top-level numbers read: {numbers[:30]}"
    problem = _sub_sequence_problem(res)
    if problem:
        return problem
    tops = [p for p in res.operative if p.parent is None]
    last = int(re.sub(r"^\D*", "", tops[-1].id)) if tops else 0
    for p in res.operative:
        for m in _STRANDED.finditer(p.text):
            if int(m[1]) == last + 1 or (p.parent is None and int(m[1]) == p.number):
                return f"paragraph {m[1]} was not split off (found inside {p.id})"
        if not p.text and not any(c.parent == p.id for c in res.operative):
            return f"paragraph {p.id} is empty"
    return ""


def _sub_sequence_problem(res: Resolution) -> str:
    """Sub-paragraph labels under each parent must run (a), (b), ... and (i), (ii), ..."""
    children: dict[str, list[str]] = {}
    for p in res.operative:
        if p.parent is not None:
            children.setdefault(p.parent, []).append(p.id[len(p.parent) :])
    for parent, labels in children.items():
        letters = [x for x in labels if not x.startswith("(")]
        romans = [x.strip("()") for x in labels if x.startswith("(")]
        if (
            letters != [chr(ord("a") + k) for k in range(len(letters))]
            or romans != ROMANS[: len(romans)]
        ):
            return f"sub-paragraphs of {parent} are not in sequence: {labels[:12]}"
    return ""


def check_resolution(res: Resolution) -> CheckResult:
    """Check one segmented resolution."""
    reason = ""
    reason = "no operative paragraphs found" if not res.operative else _numbering_problem(res)
    return CheckResult(
        source=res.source,
        symbol=res.symbol,
        ok=not reason,
        preamble=len(res.preamble),
        operative=len(res.operative),
        top_level=sum(p.parent is None for p in res.operative),
        reason=reason,
        warnings=res.warnings,
    )


def check_directory(
    directory: Path,
    pattern: str = "*.txt",
    reader: Callable[[str, str], Resolution] = segment_text,
) -> CheckReport:
    """Segment every text file in ``directory`` and report which ones fail, and why."""
    if not directory.is_dir():
        raise InputError(f"not a directory: {directory}")
    files = sorted(directory.glob(pattern))
    if not files:
        raise InputError(f"no files matching {pattern!r} in {directory}")
    results = []
    for path in files:
        text = path.read_text("utf-8", errors="replace")
        try:
            res = reader(text, path.name)
        except InputError as exc:
            reason = str(exc).removeprefix(f"{path.name}: ")
            results.append(CheckResult(path.name, "", False, 0, 0, 0, reason=reason))
            continue
        results.append(check_resolution(res))
    return CheckReport(tuple(results))
