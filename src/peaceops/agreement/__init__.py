"""Peace-agreement implementation tracker.

An agreement's parts (titles) > chapters > provisions, each with the parties responsible, a
deadline or phase, the mandate tasks (PEMA codes) and framework indicators it links to; status
entries over time on the Peace Accords Matrix scale (0-3), each citing its source, kept
append-only so any past state can be reported; scores by part and overall, overdue
provisions, the change since the last mandate renewal and a stalled-implementation flag.
"""

from __future__ import annotations

from peaceops.agreement.io import read_agreement, write_agreement
from peaceops.agreement.model import LEVELS, Agreement, Provision, StatusEntry
from peaceops.agreement.observations_io import read_status_entries
from peaceops.agreement.status import (
    AgreementStatus,
    ImplementationSummary,
    agreement_status,
    implementation_summary,
    status_json,
)
from peaceops.agreement.store import (
    changes,
    load_agreement,
    record_entries,
    save_agreement,
    status_entries,
)

__all__ = [
    "LEVELS",
    "Agreement",
    "AgreementStatus",
    "ImplementationSummary",
    "Provision",
    "StatusEntry",
    "agreement_status",
    "changes",
    "implementation_summary",
    "load_agreement",
    "read_agreement",
    "read_status_entries",
    "record_entries",
    "save_agreement",
    "status_entries",
    "status_json",
    "write_agreement",
]
