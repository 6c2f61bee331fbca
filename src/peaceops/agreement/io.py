"""Read and write an agreement as YAML (nested) or as an Excel workbook (one sheet a level).

Both formats carry the same fields, so YAML -> workbook -> YAML gives back the same text. Lists
in workbook cells (parties, responsible parties, tasks, indicators) are separated by ``;``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from peaceops.agreement.model import Agreement, Provision, build_agreement
from peaceops.records import documents
from peaceops.records.documents import entries as _entries
from peaceops.records.documents import mapping as _mapping
from peaceops.records.rows import Row

__all__ = [
    "SHEETS",
    "agreement_from_dict",
    "agreement_to_dict",
    "read_agreement",
    "write_agreement",
]

# Sheet name -> its columns, in order. The first sheet holds key/value pairs.
SHEETS: dict[str, tuple[str, ...]] = {
    "agreement": ("key", "value"),
    "signatures": ("party", "date", "place"),
    "phases": ("id", "name", "start", "end"),
    "renewals": ("date", "resolution"),
    "parts": ("id", "number", "name"),
    "chapters": ("id", "part", "number", "name"),
    "provisions": (
        "id",
        "chapter",
        "article",
        "summary",
        "responsible",
        "deadline",
        "phase",
        "tasks",
        "indicators",
    ),
}
_HEAD_KEYS = ("id", "name", "short_name", "country", "mission", "note", "parties", "mediators")
_LIST_KEYS = frozenset({"parties", "mediators"})
# Columns a hand-made workbook may leave out (empty values).
_OPTIONAL = frozenset(
    {"place", "resolution", "responsible", "deadline", "phase", "tasks"} | {"indicators"}
)
WORKBOOK = documents.Workbook(SHEETS, _OPTIONAL, max_width=70)


def _provision_dict(p: Provision) -> dict[str, Any]:
    out: dict[str, Any] = {"id": p.id, "article": p.article, "summary": p.summary}
    if p.responsible:
        out["responsible"] = list(p.responsible)
    if p.deadline is not None:
        out["deadline"] = p.deadline
    if p.phase:
        out["phase"] = p.phase
    if p.tasks:
        out["tasks"] = list(p.tasks)
    if p.indicators:
        out["indicators"] = list(p.indicators)
    return out


def agreement_to_dict(a: Agreement) -> dict[str, Any]:
    """The nested form written to YAML (and stored as each recorded version)."""
    head: dict[str, Any] = {
        "id": a.id,
        "name": a.name,
        "short_name": a.short_name,
        "country": a.country,
        "mission": a.mission,
        "note": a.note,
        "parties": list(a.parties),
        "mediators": list(a.mediators),
        "signatures": [{"party": s.party, "date": s.date, "place": s.place} for s in a.signatures],
        "phases": [{"id": p.id, "name": p.name, "start": p.start, "end": p.end} for p in a.phases],
        "renewals": [{"date": r.date, "resolution": r.resolution} for r in a.renewals],
    }
    return {
        "agreement": head,
        "parts": [
            {
                "id": part.id,
                "number": part.number,
                "name": part.name,
                "chapters": [
                    {
                        "id": ch.id,
                        "number": ch.number,
                        "name": ch.name,
                        "provisions": [
                            _provision_dict(p) for p in a.provisions if p.chapter_id == ch.id
                        ],
                    }
                    for ch in a.chapters
                    if ch.part_id == part.id
                ],
            }
            for part in a.parts
        ],
    }


def agreement_from_dict(data: Any, origin: str = "YAML") -> Agreement:
    """Validate the nested form into an Agreement (problems located by entry and id)."""
    top = _mapping(data, origin)
    head = _mapping(top.get("agreement"), f"{origin} 'agreement'")
    rows = {
        key: [
            Row(f"{origin} {key[:-1]} {n}", _mapping(e, f"{origin} {key[:-1]} {n}"))
            for n, e in enumerate(_entries(head.get(key), f"{origin} {key}"), 1)
        ]
        for key in ("signatures", "phases", "renewals")
    }
    parts: list[Row] = []
    chapters: list[Row] = []
    provisions: list[Row] = []
    for pn, p in enumerate(_entries(top.get("parts"), f"{origin} parts"), 1):
        pw = f"{origin} part {pn}"
        pm = _mapping(p, pw)
        parts.append(Row(pw, pm))
        for cn, ch in enumerate(_entries(pm.get("chapters"), f"{pw} chapters"), 1):
            cw = f"{pw} chapter {cn}"
            cm = _mapping(ch, cw)
            chapters.append(Row(cw, {**cm, "part": pm.get("id")}))
            for n, pr in enumerate(_entries(cm.get("provisions"), f"{cw} provisions"), 1):
                where = f"{cw} provision {n}"
                prm = _mapping(pr, where)
                provisions.append(
                    Row(f"{where} ({prm.get('id', '?')})", {**prm, "chapter": cm.get("id")})
                )
    return build_agreement(
        Row(f"{origin} 'agreement'", head),
        rows["signatures"],
        rows["phases"],
        rows["renewals"],
        parts,
        chapters,
        provisions,
    )


def _read_yaml(path: Path) -> Agreement:
    return agreement_from_dict(documents.read_yaml(path), origin=path.name)


def _write_yaml(a: Agreement, path: Path) -> Path:
    return documents.write_yaml(agreement_to_dict(a), path)


# -- workbook ---------------------------------------------------------------------------------


def _joined(values: Iterable[str]) -> str:
    return "; ".join(values)


def _sheet_rows(a: Agreement) -> dict[str, list[list[Any]]]:
    head = agreement_to_dict(a)["agreement"]
    return {
        "agreement": [[k, _joined(head[k]) if k in _LIST_KEYS else head[k]] for k in _HEAD_KEYS],
        "signatures": [[s.party, s.date, s.place] for s in a.signatures],
        "phases": [[p.id, p.name, p.start, p.end] for p in a.phases],
        "renewals": [[r.date, r.resolution] for r in a.renewals],
        "parts": [[p.id, p.number, p.name] for p in a.parts],
        "chapters": [[c.id, c.part_id, c.number, c.name] for c in a.chapters],
        "provisions": [
            [
                p.id,
                p.chapter_id,
                p.article,
                p.summary,
                _joined(p.responsible),
                p.deadline,
                p.phase,
                _joined(p.tasks),
                _joined(p.indicators),
            ]
            for p in a.provisions
        ],
    }


def _write_workbook(a: Agreement, path: Path) -> Path:
    return WORKBOOK.write(path, _sheet_rows(a))


def _read_workbook(path: Path) -> Agreement:
    head, sheets = WORKBOOK.read(path)
    return build_agreement(
        head,
        sheets["signatures"],
        sheets["phases"],
        sheets["renewals"],
        sheets["parts"],
        sheets["chapters"],
        sheets["provisions"],
    )


def read_agreement(path: Path) -> Agreement:
    """An agreement from ``.yaml``/``.yml`` or ``.xlsx``."""
    return documents.read_by_suffix(path, _read_yaml, _read_workbook)


def write_agreement(a: Agreement, path: Path) -> Path:
    """Write ``a`` as YAML or Excel, chosen by the suffix."""
    return documents.write_by_suffix(
        path, lambda p: _write_yaml(a, p), lambda p: _write_workbook(a, p)
    )
