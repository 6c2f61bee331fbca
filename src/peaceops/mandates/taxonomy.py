"""The PEMA mandate-task taxonomy, shipped as data in ``taxonomy.yaml``.

Di Salvatore, Lundgren, Oksamytna & Smidt (2022), "Introducing the Peacekeeping Mandates (PEMA)
Dataset", Journal of Conflict Resolution 66(4-5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

__all__ = ["PEMA_CITATION", "Task", "is_task", "load_taxonomy", "task_code_set", "task_codes"]

PEMA_CITATION = (
    "Di Salvatore, J., Lundgren, M., Oksamytna, K. & Smidt, H. M. (2022). Introducing the "
    "Peacekeeping Mandates (PEMA) Dataset. Journal of Conflict Resolution 66(4-5)."
)


@dataclass(frozen=True)
class Task:
    """One PEMA task: code as in the PEMA columns, a name, a definition and trigger phrases."""

    code: str
    name: str
    definition: str
    keywords: tuple[str, ...]


@lru_cache(maxsize=1)
def load_taxonomy() -> tuple[Task, ...]:
    """Return the 41 PEMA tasks in PEMA column order."""
    text = resources.files("peaceops.mandates").joinpath("taxonomy.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return tuple(
        Task(
            code=str(t["code"]),
            name=str(t["name"]),
            definition=str(t["definition"]),
            keywords=tuple(str(k).lower() for k in t.get("keywords", [])),
        )
        for t in data["tasks"]
    )


def task_codes() -> tuple[str, ...]:
    """The task codes in PEMA column order."""
    return tuple(t.code for t in load_taxonomy())


@lru_cache(maxsize=1)
def task_code_set() -> frozenset[str]:
    """The task codes, for membership tests."""
    return frozenset(task_codes())


# An operative paragraph of a resolution: 16, 16c, 16c(i), 16 (c).
_PARAGRAPH_ID = re.compile(r"\d+[a-z]?(?:\([ivxlc]+\))?(?:\s*\(?[a-z]\)?)?")


def is_task(task: str) -> bool:
    """A PEMA task code (``CivProtect``) or an operative paragraph id (``16``, ``16c(i)``)."""
    return task in task_code_set() or bool(_PARAGRAPH_ID.fullmatch(task))
