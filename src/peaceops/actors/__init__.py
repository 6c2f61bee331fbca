"""Actors: the registry of canonical actors and the analyses built on it.

The functions other packages call (the brief, the plan report, the web) are re-exported here;
see docs/actors.md.
"""

from peaceops.actors.analysis import agreement_violence, dyads, peacekeeper_attacks, perpetrators
from peaceops.actors.model import ACTOR_TYPES, STATE_FORCES, Actor, Registry
from peaceops.actors.profiles import (
    ActorProfile,
    Coverage,
    StateForceRecord,
    actor_profile,
    coverage,
    state_force_record,
)
from peaceops.actors.registry import RegistryError, load_registry, workspace_registry
from peaceops.actors.support import TaskForceRecord, plan_task_records, supported_forces
from peaceops.actors.timeline import add_milestone, milestones, timeline

__all__ = [
    "ACTOR_TYPES",
    "STATE_FORCES",
    "Actor",
    "ActorProfile",
    "Coverage",
    "Registry",
    "RegistryError",
    "StateForceRecord",
    "TaskForceRecord",
    "actor_profile",
    "add_milestone",
    "agreement_violence",
    "coverage",
    "dyads",
    "load_registry",
    "milestones",
    "peacekeeper_attacks",
    "perpetrators",
    "plan_task_records",
    "state_force_record",
    "supported_forces",
    "timeline",
    "workspace_registry",
]
