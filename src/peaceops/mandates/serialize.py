"""The JSON form of a parsed resolution, and back.

``resolution_to_dict`` is the documented export (``peaceops mandates read --format json``):
``Resolution.to_dict()`` plus each paragraph's ``parent`` and ``heading`` and the ``title``.
The JSON Schema ships as ``data/resolution.schema.json``.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from peaceops.errors import InputError
from peaceops.mandates.model import (
    Ceiling,
    Coding,
    DocumentReference,
    Modality,
    Paragraph,
    Resolution,
    TaskMention,
    Tier,
)

__all__ = ["resolution_from_dict", "resolution_json_schema", "resolution_to_dict"]


def resolution_to_dict(res: Resolution) -> dict[str, Any]:
    """The documented JSON object for a resolution."""
    out = res.to_dict()
    out["title"] = res.title
    for para, item in zip(res.operative, out["operative"], strict=True):
        item["parent"] = para.parent
        item["heading"] = para.heading
    return out


def resolution_from_dict(data: dict[str, Any]) -> Resolution:
    """Rebuild a :class:`Resolution` from :func:`resolution_to_dict` output."""
    try:
        when = data.get("date")
        return Resolution(
            symbol=str(data["symbol"]),
            number=data.get("number"),
            year=data.get("year"),
            date=date.fromisoformat(when) if when else None,
            meeting=data.get("meeting"),
            title=data.get("title", ""),
            missions=tuple(data.get("missions", ())),
            preamble=tuple(data.get("preamble", ())),
            operative=tuple(
                Paragraph(
                    id=p["id"],
                    text=p["text"],
                    verb=p.get("verb", ""),
                    tier=Tier(p.get("tier", Tier.NONE.value)),
                    parent=p.get("parent"),
                    heading=p.get("heading", ""),
                )
                for p in data.get("operative", ())
            ),
            tasks=tuple(
                TaskMention(
                    task=t["task"],
                    modality=Modality(t["modality"]),
                    paragraphs=tuple(t.get("paragraphs", ())),
                    evidence=t.get("evidence", ""),
                    elsewhere=tuple(t.get("elsewhere", ())),
                )
                for t in data.get("tasks", ())
            ),
            source=data.get("source", ""),
            warnings=tuple(data.get("warnings", ())),
            coding=_coding(data.get("coding")),
            incorporated_by_reference=tuple(
                DocumentReference(
                    description=str(r["description"]),
                    operative=str(r["operative_paragraph"]),
                    phrase=str(r.get("phrase", "")),
                    symbol=r.get("symbol"),
                    date=r.get("date"),
                    paragraphs=tuple(r.get("paragraphs", ())),
                )
                for r in data.get("incorporated_by_reference") or ()
            ),
            ceiling=_ceiling(data.get("ceiling")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"not a parsed resolution: {exc}") from exc


def _coding(data: dict[str, Any] | None) -> Coding | None:
    if not data:
        return None
    return Coding(
        source=str(data["source"]),
        citation=str(data.get("citation", "")),
        file_name=str(data.get("file_name", "")),
        line=int(data.get("line", 0)),
        renewal=data.get("renewal"),
        complete_adjustment=data.get("complete_adjustment"),
    )


def _ceiling(data: dict[str, Any] | None) -> Ceiling | None:
    if not data:
        return None
    return Ceiling(
        symbol=str(data["symbol"]),
        military=data.get("military"),
        police=data.get("police"),
        observers=data.get("observers"),
        paragraph=data.get("paragraph"),
        wording=str(data.get("wording", "")),
        source=str(data.get("source", "")),
        note=str(data.get("note", "")),
    )


@cache
def resolution_json_schema() -> dict[str, Any]:
    """The JSON Schema of :func:`resolution_to_dict` output."""
    raw = resources.files("peaceops.mandates").joinpath("data/resolution.schema.json")
    schema: dict[str, Any] = json.loads(raw.read_text("utf-8"))
    return schema
