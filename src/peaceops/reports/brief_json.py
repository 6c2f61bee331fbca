"""The brief as JSON: the same content as the HTML, PDF and DOCX, for other tools.

``brief.json`` carries every key consideration with its grade and sources, the sections'
text and tables (charts are named, not embedded) and the datasets used.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from peaceops.reports.brief_model import BriefData

__all__ = ["brief_to_dict", "write_json"]


def brief_to_dict(data: BriefData) -> dict[str, Any]:
    """Plain JSON-ready data of a gathered brief."""
    return {
        "title": data.title,
        "mission": data.mission,
        "country": data.country,
        "as_of": data.as_of.isoformat() if data.as_of else None,
        "generated": data.generated.isoformat(),
        "grade": data.grade,
        "synthetic": data.synthetic,
        "input_labels": list(data.input_labels),
        "key_considerations": [
            {
                "text": c.text,
                "grade": c.grade,
                "figure": c.figure,
                "sources": list(c.citations()),
                "section": c.section,
            }
            for c in data.considerations
        ],
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "paragraphs": list(s.paragraphs),
                "figures": [
                    {"key": f.key, "title": f.title, "sources": list(f.sources)} for f in s.figures
                ],
                "tables": [
                    {
                        "caption": t.caption,
                        "columns": list(t.columns),
                        "rows": [list(r) for r in t.rows],
                        "note": t.note,
                    }
                    for t in s.tables
                ],
            }
            for s in data.sections
        ],
        "missing": [{"key": m.key, "title": m.title, "message": m.message} for m in data.missing],
        "sources": [
            {
                "source": e.source,
                "kind": e.kind,
                "file_name": e.file_name,
                "version": e.version,
                "accessed": e.accessed.isoformat(),
                "sha256": e.sha256,
                "citation": e.citation,
            }
            for e in data.sources
        ],
        "attributions": list(data.attributions),
    }


def write_json(data: BriefData, path: Path) -> Path:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(brief_to_dict(data), indent=2, ensure_ascii=False), "utf-8")
    tmp.replace(path)
    return path
