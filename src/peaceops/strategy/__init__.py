"""Political strategy: priorities, objectives, assumptions, stakeholders and consultations.

Strategic priorities (from the mandate) > objectives with a theory of change, linked to the
mandate tasks that serve them, the framework outcomes and indicators that show progress and
the agreement provisions they depend on; assumptions with a status over time, judged by people
and computed from data where a rule says how; stakeholders with interest, influence and stance
over time; consultations. Every change is a new version, so any past state can be reported.
"""

from __future__ import annotations

from peaceops.strategy.build import Known
from peaceops.strategy.io import read_strategy, strategy_from_dict, strategy_to_dict, write_strategy
from peaceops.strategy.model import (
    ASSUMPTION_STATUSES,
    Assumption,
    AssumptionEntry,
    Consultation,
    Objective,
    Priority,
    Stakeholder,
    Strategy,
)
from peaceops.strategy.records_io import read_assumption_entries, read_consultations
from peaceops.strategy.status import StrategyStatus, strategy_status
from peaceops.strategy.store import (
    add_assumption_entries,
    add_consultations,
    changes,
    known_links,
    load_strategy,
    save_strategy,
)

__all__ = [
    "ASSUMPTION_STATUSES",
    "Assumption",
    "AssumptionEntry",
    "Consultation",
    "Known",
    "Objective",
    "Priority",
    "Stakeholder",
    "Strategy",
    "StrategyStatus",
    "add_assumption_entries",
    "add_consultations",
    "changes",
    "known_links",
    "load_strategy",
    "read_assumption_entries",
    "read_consultations",
    "read_strategy",
    "save_strategy",
    "strategy_from_dict",
    "strategy_status",
    "strategy_to_dict",
    "write_strategy",
]
