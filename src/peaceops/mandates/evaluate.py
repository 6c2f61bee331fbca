"""Evaluate the task classifier against the PEMA dataset.

Gold: ``PEMA_raw_v2.csv`` cells ``<Task>_<Modality>`` hold the paragraphs experts cited (``17 c``,
``16c, 16c(i), 26``) or ``0``. Only PEMA rows with a resolution text are scored (joined rows such as
``S/RES/758 AND S/RES/761`` use both texts). A fixed hold-out split (sha256 of the PEMA signature,
first byte divisible by 4) was chosen before any rule was written and kept out of rule writing.

Headline figure: resolution level, task only (a task is present or not in the resolution).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from peaceops.errors import InputError
from peaceops.mandates.classify import classify
from peaceops.mandates.model import Resolution
from peaceops.mandates.pema_cells import CellError, parse_cell
from peaceops.mandates.reader import parse_text
from peaceops.mandates.taxonomy import task_codes

__all__ = [
    "EvaluationResult",
    "LevelScores",
    "Reachability",
    "Scores",
    "evaluate",
    "is_holdout",
    "normalise_paragraph_ids",
    "score_sets",
]

Split = Literal["all", "dev", "holdout"]
_MODALITIES = ("Monitor", "Assist", "Security", "Encouraged")


def is_holdout(signature: str) -> bool:
    """Whether a PEMA signature belongs to the fixed hold-out split."""
    return hashlib.sha256(signature.strip().encode("utf-8")).digest()[0] % 4 == 0


def normalise_paragraph_ids(cell: str) -> tuple[str, ...]:
    """The resolution's own paragraph ids a PEMA cell cites.

    ``"16c, 16c(i), 26"`` -> ``("16c", "16c(i)", "26")``; ``"17 c"`` -> ``("17c",)``;
    ``"4 + 9"`` -> ``("4", "9")``; ``"26 (S/26090)"`` -> ``()`` (a paragraph of another
    document); a malformed cell (``"3:00 AM"``) -> ``()``.
    """
    try:
        return parse_cell(cell).paragraphs
    except CellError:
        return ()


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 with the counts behind them."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(frozen=True)
class LevelScores:
    """Micro and macro averages and per-task scores at one level of evaluation."""

    micro: Scores
    macro_precision: float
    macro_recall: float
    macro_f1: float
    per_task: tuple[tuple[str, Scores], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "micro": self.micro.to_dict(),
            "macro": {
                "precision": round(self.macro_precision, 4),
                "recall": round(self.macro_recall, 4),
                "f1": round(self.macro_f1, 4),
            },
            "per_task": {task: s.to_dict() for task, s in self.per_task},
        }


@dataclass(frozen=True)
class EvaluationResult:
    """Scores of the classifier against PEMA on one split."""

    split: str
    resolutions: int
    signatures: tuple[str, ...]
    resolution_level: LevelScores  # task present or not (headline)
    resolution_level_modality: LevelScores  # task x modality present or not
    paragraph_level: LevelScores  # (task, paragraph id) pairs
    reachable: Reachability | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {
            "split": self.split,
            "resolutions": self.resolutions,
            "signatures": list(self.signatures),
            "headline": "resolution_level.micro.f1 (task present or not)",
            "resolution_level": self.resolution_level.to_dict(),
            "resolution_level_modality": self.resolution_level_modality.to_dict(),
            "paragraph_level": self.paragraph_level.to_dict(),
        }
        if self.reachable is not None:
            out["reachable"] = self.reachable.to_dict()
        return out


@dataclass(frozen=True)
class Reachability:
    """How much of the gold a text-only classifier can reach, and the scores on that part.

    A gold task-resolution pair is *reachable* when at least one operative paragraph the
    experts cite for it exists in the text; pairs coded only from other documents (a report
    the resolution approves: ``26 (S/26090)``) or citing paragraphs the text does not have
    are not. Scores on reachable pairs leave the unreachable gold out of both sides: a
    prediction of an unreachable gold task counts neither for nor against.
    """

    gold_pairs: int
    reachable_pairs: int
    gold_paragraph_pairs: int
    reachable_paragraph_pairs: int
    resolution_level: LevelScores
    paragraph_level: LevelScores

    @property
    def share(self) -> float:
        return self.reachable_pairs / self.gold_pairs if self.gold_pairs else 0.0

    @property
    def paragraph_share(self) -> float:
        if not self.gold_paragraph_pairs:
            return 0.0
        return self.reachable_paragraph_pairs / self.gold_paragraph_pairs

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold_pairs": self.gold_pairs,
            "reachable_pairs": self.reachable_pairs,
            "share_reachable": round(self.share, 4),
            "gold_paragraph_pairs": self.gold_paragraph_pairs,
            "reachable_paragraph_pairs": self.reachable_paragraph_pairs,
            "share_paragraph_pairs_reachable": round(self.paragraph_share, 4),
            "resolution_level": self.resolution_level.to_dict(),
            "paragraph_level": self.paragraph_level.to_dict(),
        }


def score_sets(
    pairs: Iterable[tuple[set[tuple[str, ...]], set[tuple[str, ...]]]],
) -> LevelScores:
    """Score (gold, predicted) sets of items whose first element is the task code."""
    counts: dict[str, list[int]] = {code: [0, 0, 0] for code in task_codes()}
    for gold, pred in pairs:
        for item in gold | pred:
            c = counts.setdefault(item[0], [0, 0, 0])
            if item in gold and item in pred:
                c[0] += 1
            elif item in pred:
                c[1] += 1
            else:
                c[2] += 1
    per_task = tuple((code, Scores(*c)) for code, c in counts.items())
    micro = Scores(*(sum(s) for s in zip(*counts.values(), strict=True)))
    active = [s for _, s in per_task if s.tp + s.fp + s.fn]
    n = len(active) or 1
    return LevelScores(
        micro=micro,
        macro_precision=sum(s.precision for s in active) / n,
        macro_recall=sum(s.recall for s in active) / n,
        macro_f1=sum(s.f1 for s in active) / n,
        per_task=per_task,
    )


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise InputError(f"PEMA file not found: {path}")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or "Signature" not in rows[0]:
        raise InputError(f"{path} is not a PEMA file: no 'Signature' column")
    return rows


def _texts_for(signature: str, texts_dir: Path) -> list[Path]:
    paths = []
    for number in re.findall(r"S/RES/(\d+)", signature):
        paths.extend(sorted(texts_dir.glob(f"S_RES_{int(number):04d}_*")))
    return paths


def _predict(paths: list[Path]) -> list[Resolution]:
    return [
        classify(parse_text(p.read_text("utf-8", errors="replace"), source=p.name)) for p in paths
    ]


def evaluate(pema_csv: Path, texts_dir: Path, holdout: Split = "all") -> EvaluationResult:
    """Classify every resolution that has both a text and a PEMA row, and score it against PEMA."""
    if not texts_dir.is_dir():
        raise InputError(f"texts directory not found: {texts_dir}")
    rows = _read_csv(pema_csv)
    tasks = task_codes()
    res_pairs: list[tuple[set[tuple[str, ...]], set[tuple[str, ...]]]] = []
    mod_pairs: list[tuple[set[tuple[str, ...]], set[tuple[str, ...]]]] = []
    par_pairs: list[tuple[set[tuple[str, ...]], set[tuple[str, ...]]]] = []
    signatures: list[str] = []
    reach_res_pairs: list[tuple[set[tuple[str, ...]], set[tuple[str, ...]]]] = []
    reach_par_pairs: list[tuple[set[tuple[str, ...]], set[tuple[str, ...]]]] = []
    counts = [0, 0, 0, 0]  # gold pairs, reachable, gold paragraph pairs, reachable
    for row in rows:
        signature = row["Signature"].strip()
        if not signature or signature in signatures:
            continue
        if holdout == "dev" and is_holdout(signature):
            continue
        if holdout == "holdout" and not is_holdout(signature):
            continue
        paths = _texts_for(signature, texts_dir)
        if not paths or len(paths) != len(re.findall(r"S/RES/\d+", signature)):
            continue
        signatures.append(signature)
        gold_mod: set[tuple[str, ...]] = set()
        gold_par: set[tuple[str, ...]] = set()
        for task in tasks:
            for modality in _MODALITIES:
                cell = (row.get(f"{task}_{modality}") or "").strip()
                if cell and cell != "0":
                    gold_mod.add((task, modality))
                    gold_par.update((task, pid) for pid in normalise_paragraph_ids(cell))
        pred_mod: set[tuple[str, ...]] = set()
        pred_par: set[tuple[str, ...]] = set()
        existing: set[str] = set()
        for res in _predict(paths):
            existing.update(p.id.lower() for p in res.operative)
            for t in res.tasks:
                pred_mod.add((t.task, t.modality.value))
                pred_par.update((t.task, pid.lower()) for pid in t.paragraphs)
        gold_res: set[tuple[str, ...]] = {(t[0],) for t in gold_mod}
        pred_res: set[tuple[str, ...]] = {(t[0],) for t in pred_mod}
        res_pairs.append((gold_res, pred_res))
        mod_pairs.append((gold_mod, pred_mod))
        par_pairs.append((gold_par, pred_par))
        reach_par = {p for p in gold_par if p[1] in existing}
        reach_res: set[tuple[str, ...]] = {(p[0],) for p in reach_par}
        unreachable = gold_res - reach_res
        counts[0] += len(gold_res)
        counts[1] += len(reach_res)
        counts[2] += len(gold_par)
        counts[3] += len(reach_par)
        reach_res_pairs.append((reach_res, pred_res - unreachable))
        reach_par_pairs.append((reach_par, pred_par))
    if not signatures:
        raise InputError(f"no PEMA row in {pema_csv} has a resolution text in {texts_dir}")
    return EvaluationResult(
        split=holdout,
        resolutions=len(signatures),
        signatures=tuple(signatures),
        resolution_level=score_sets(res_pairs),
        resolution_level_modality=score_sets(mod_pairs),
        paragraph_level=score_sets(par_pairs),
        reachable=Reachability(
            gold_pairs=counts[0],
            reachable_pairs=counts[1],
            gold_paragraph_pairs=counts[2],
            reachable_paragraph_pairs=counts[3],
            resolution_level=score_sets(reach_res_pairs),
            paragraph_level=score_sets(reach_par_pairs),
        ),
    )
