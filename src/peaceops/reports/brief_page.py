"""The brief as the web page shows it: a summary of the gathered brief.

The page lists the key considerations, the sections' names, what was left out and the sources,
and embeds the full brief (HTML, with its charts and tables) beside them; ``/api/brief`` is
the same summary. ``brief.json`` (``brief_json.brief_to_dict``) is the whole brief.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from peaceops.reports.brief_model import BriefData

__all__ = ["BriefPage"]


@dataclass(frozen=True)
class BriefPage:
    brief: BriefData

    def to_dict(self) -> dict[str, Any]:
        """The summary as one document (charts and section texts left out)."""
        b = self.brief
        return {
            "title": b.title,
            "mission": b.mission,
            "country": b.country,
            "as_of": b.as_of,
            "generated": b.generated,
            "synthetic": b.synthetic,
            "grade": b.grade,
            "input_labels": list(b.input_labels),
            "data_as_of": b.data_as_of,
            "considerations": [asdict(c) for c in b.considerations],
            "sections": [{"key": s.key, "title": s.title} for s in b.sections],
            "missing": [asdict(m) for m in b.missing],
            "sources": [asdict(s) for s in b.sources],
            "attributions": list(b.attributions),
        }
