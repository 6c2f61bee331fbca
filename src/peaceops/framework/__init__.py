"""Results framework, benchmarks and progress tracking.

Priorities > areas (with owner) > outcomes > indicators, benchmarks and links from mandate
tasks; indicators are computed from the event store or take observations entered by people.
Every change is kept with who and when, so any past state can be reported.
"""

from __future__ import annotations

from peaceops.framework.io import read_framework, write_framework
from peaceops.framework.model import Framework, Indicator, Observation
from peaceops.framework.observations_io import read_observations
from peaceops.framework.status import FrameworkStatus, IndicatorStatus, framework_status
from peaceops.framework.store import (
    assess_benchmark,
    changes,
    load_framework,
    record_observation,
    record_observations,
    require_framework,
    save_framework,
)

__all__ = [
    "Framework",
    "FrameworkStatus",
    "Indicator",
    "IndicatorStatus",
    "Observation",
    "assess_benchmark",
    "changes",
    "framework_status",
    "load_framework",
    "read_framework",
    "read_observations",
    "record_observation",
    "record_observations",
    "require_framework",
    "save_framework",
    "write_framework",
]
