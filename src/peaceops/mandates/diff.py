"""Compare two resolutions: paragraphs aligned across renumbering, tasks and tiers changed.

Coded mandates (PEMA) and read texts mix: with a coded mandate on either side only tasks and
modalities are compared, since a coded mandate has no paragraph text.

Paragraphs are aligned by text similarity (``difflib`` ratio) with a greedy best-first assignment,
so a renumbered paragraph still matches its predecessor. A matched pair is *reworded* when its text
changed, and *moved* when it falls outside the longest run of pairs that keep their relative order.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from peaceops.mandates.model import Paragraph, Resolution, Tier

__all__ = [
    "MATCH_THRESHOLD",
    "MandateDiff",
    "ParagraphChange",
    "WordOp",
    "diff_resolutions",
    "word_ops",
]

MATCH_THRESHOLD = 0.5


@dataclass(frozen=True)
class WordOp:
    """One run of words: ``equal``, ``insert`` or ``delete``."""

    op: str
    text: str


@dataclass(frozen=True)
class ParagraphChange:
    """One paragraph in the comparison."""

    kind: str  # "unchanged", "reworded", "added", "removed"
    old_id: str | None
    new_id: str | None
    similarity: float
    moved: bool
    old_tier: Tier | None
    new_tier: Tier | None
    words: tuple[WordOp, ...]

    @property
    def tier_changed(self) -> bool:
        return (
            self.old_tier is not None
            and self.new_tier is not None
            and (self.old_tier != self.new_tier)
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "old_id": self.old_id,
            "new_id": self.new_id,
            "similarity": round(self.similarity, 3),
            "moved": self.moved,
            "old_tier": self.old_tier.value if self.old_tier else None,
            "new_tier": self.new_tier.value if self.new_tier else None,
            "words": [{"op": w.op, "text": w.text} for w in self.words],
        }


@dataclass(frozen=True)
class MandateDiff:
    """The comparison of an old and a new resolution."""

    old_symbol: str
    new_symbol: str
    paragraphs: tuple[ParagraphChange, ...]
    tasks_added: tuple[str, ...]
    tasks_dropped: tuple[str, ...]
    length_old: dict[str, int | None]
    length_new: dict[str, int | None]
    old_label: str = ""  # the symbol with what it is ("coded by PEMA", "illustrative, ...")
    new_label: str = ""
    # Why paragraphs were not compared (a coded mandate has paragraph ids but no text).
    paragraphs_note: str = ""
    task_modalities: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()

    def changes(self, kind: str) -> tuple[ParagraphChange, ...]:
        return tuple(p for p in self.paragraphs if p.kind == kind)

    @property
    def moved(self) -> tuple[ParagraphChange, ...]:
        return tuple(p for p in self.paragraphs if p.moved)

    @property
    def tier_changes(self) -> tuple[ParagraphChange, ...]:
        return tuple(p for p in self.paragraphs if p.tier_changed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old_symbol,
            "new": self.new_symbol,
            "old_label": self.old_label or self.old_symbol,
            "new_label": self.new_label or self.new_symbol,
            "paragraphs_compared": not self.paragraphs_note,
            "paragraphs_note": self.paragraphs_note,
            "task_modalities": [
                {"task": t, "old": list(o), "new": list(n)} for t, o, n in self.task_modalities
            ],
            "length": {"old": self.length_old, "new": self.length_new},
            "tasks_added": list(self.tasks_added),
            "tasks_dropped": list(self.tasks_dropped),
            "paragraphs": [p.to_dict() for p in self.paragraphs],
        }


def word_ops(old: str, new: str) -> tuple[WordOp, ...]:
    """Word-level differences between two texts."""
    a, b = old.split(), new.split()
    ops: list[WordOp] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(WordOp("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(WordOp("insert", " ".join(b[j1:j2])))
    return tuple(ops)


def _lis_members(seq: list[int]) -> set[int]:
    """Indexes of one longest increasing subsequence of ``seq``."""
    n = len(seq)
    length = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if seq[j] < seq[i] and length[j] + 1 > length[i]:
                length[i], prev[i] = length[j] + 1, j
    if not n:
        return set()
    i = max(range(n), key=lambda k: length[k])
    members: set[int] = set()
    while i != -1:
        members.add(i)
        i = prev[i]
    return members


def _align(old: tuple[Paragraph, ...], new: tuple[Paragraph, ...]) -> list[tuple[int, int, float]]:
    scored: list[tuple[float, int, int]] = []
    for i, p in enumerate(old):
        for j, q in enumerate(new):
            sm = difflib.SequenceMatcher(a=p.text.split(), b=q.text.split(), autojunk=False)
            if sm.real_quick_ratio() < MATCH_THRESHOLD or sm.quick_ratio() < MATCH_THRESHOLD:
                continue
            ratio = sm.ratio()
            if ratio >= MATCH_THRESHOLD:
                scored.append((ratio, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for ratio, i, j in scored:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((i, j, ratio))
    return sorted(pairs, key=lambda t: t[1])


def _length(res: Resolution) -> dict[str, int | None]:
    return {
        "words": None if res.coded else res.word_count(),
        "operative_paragraphs": (
            None if res.coded else sum(1 for p in res.operative if p.parent is None)
        ),
        "tasks": len({t.task for t in res.tasks}),
    }


def _modalities(res: Resolution) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for t in res.tasks:
        out.setdefault(t.task, [])
        if t.modality.value not in out[t.task]:
            out[t.task].append(t.modality.value)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def diff_resolutions(old: Resolution, new: Resolution) -> MandateDiff:
    """Compare two (classified or coded) resolutions.

    When either is a coded mandate (tasks and paragraph ids, no text) the paragraphs are not
    compared and ``paragraphs_note`` says why; tasks and modalities are.
    """
    old_mod, new_mod = _modalities(old), _modalities(new)
    modalities = tuple(
        (task, old_mod[task], new_mod[task])
        for task in old_mod
        if task in new_mod and old_mod[task] != new_mod[task]
    )
    coded = [r.label for r in (old, new) if r.coded]
    if coded:
        return MandateDiff(
            old_symbol=old.symbol,
            new_symbol=new.symbol,
            paragraphs=(),
            tasks_added=tuple(sorted(set(new_mod) - set(old_mod))),
            tasks_dropped=tuple(sorted(set(old_mod) - set(new_mod))),
            length_old=_length(old),
            length_new=_length(new),
            old_label=old.label,
            new_label=new.label,
            paragraphs_note=(
                f"{' and '.join(coded)}: expert coding without the text, so paragraphs are "
                "not compared; tasks and modalities are"
            ),
            task_modalities=modalities,
        )
    pairs = _align(old.operative, new.operative)
    in_order = _lis_members([i for i, _, _ in pairs])
    by_new = {j: (i, ratio, k in in_order) for k, (i, j, ratio) in enumerate(pairs)}
    matched_old = {i for i, _, _ in pairs}
    changes: list[ParagraphChange] = []
    for j, q in enumerate(new.operative):
        if j in by_new:
            i, ratio, ordered = by_new[j]
            p = old.operative[i]
            same = p.text == q.text
            changes.append(
                ParagraphChange(
                    kind="unchanged" if same else "reworded",
                    old_id=p.id,
                    new_id=q.id,
                    similarity=ratio,
                    moved=not ordered,
                    old_tier=p.tier,
                    new_tier=q.tier,
                    words=(WordOp("equal", q.text),) if same else word_ops(p.text, q.text),
                )
            )
        else:
            changes.append(
                ParagraphChange(
                    "added", None, q.id, 0.0, False, None, q.tier, (WordOp("insert", q.text),)
                )
            )
    for i, p in enumerate(old.operative):
        if i not in matched_old:
            changes.append(
                ParagraphChange(
                    "removed", p.id, None, 0.0, False, p.tier, None, (WordOp("delete", p.text),)
                )
            )
    old_tasks = {t.task for t in old.tasks}
    new_tasks = {t.task for t in new.tasks}
    return MandateDiff(
        old_symbol=old.symbol,
        new_symbol=new.symbol,
        paragraphs=tuple(changes),
        tasks_added=tuple(sorted(new_tasks - old_tasks)),
        tasks_dropped=tuple(sorted(old_tasks - new_tasks)),
        length_old=_length(old),
        length_new=_length(new),
        old_label=old.label,
        new_label=new.label,
        task_modalities=modalities,
    )
