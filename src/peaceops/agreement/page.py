"""The agreement as its page shows it: status, change log and the choices its form offers.

One typed view with one ``to_dict()``: the page's template reads that document and
``/api/agreement`` answers it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from peaceops.agreement.model import LEVELS, Provision
from peaceops.agreement.status import AgreementStatus, agreement_status
from peaceops.agreement.store import changes, require_agreement
from peaceops.records.history import Change, newest_first
from peaceops.workspace import Workspace

__all__ = ["AgreementPage", "agreement_page"]


@dataclass(frozen=True)
class AgreementPage:
    """The status as of a date, the change log up to it and the provisions a person records
    a level for (the levels come from ``LEVELS``)."""

    status: AgreementStatus
    history: tuple[Change, ...]
    provisions: tuple[Provision, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status.to_dict(),
            "history": newest_first(self.history),
            "provisions": [
                {"id": p.id, "article": p.article, "part": p.part_id} for p in self.provisions
            ],
            "levels": [{"level": k, "word": v} for k, v in LEVELS.items()],
        }


def agreement_page(ws: Workspace, as_of: date | None = None) -> AgreementPage:
    """The agreement page's view as of ``as_of`` (default today)."""
    status = agreement_status(ws, as_of)  # raises NotFoundError when there is no agreement
    return AgreementPage(
        status=status,
        history=tuple(changes(ws, as_of)),
        provisions=tuple(require_agreement(ws, as_of).provisions),
    )
