"""Preconditions that rest on recorded evidence: agreement provisions at a level.

A plan condition may name a provision of the peace agreement and the level it needs (``interim
authorities in place: {provision: AX1-interim-authorities, level: 2}``). Checked against the
agreement tracker, the condition is **met** only when the provision's latest status entry is
at that level or more; the condition then cites the entry (level, date, source). Below the
level, the plan file's forecast (expected phase) stands, or the condition is unmet; with no
entry it keeps the file's forecast but is never met on the file's word alone. Without an
agreement in the workspace nothing is checked and the condition says so.

``resolve_conditions`` is the pure rule; ``apply_agreement_evidence`` reads the workspace.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from peaceops.errors import InputError
from peaceops.planning.model import Condition, ConditionStatus, Plan
from peaceops.workspace import Workspace

__all__ = [
    "ProvisionEvidence",
    "apply_agreement_evidence",
    "evidence_lines",
    "resolve_conditions",
]

_WORDS = {0: "not started", 1: "minimal", 2: "intermediate", 3: "complete"}


@dataclass(frozen=True)
class ProvisionEvidence:
    """The latest recorded status of a provision (None fields: never assessed)."""

    provision: str
    article: str
    level: int | None = None
    date: date | None = None
    source: str = ""


def _cite(e: ProvisionEvidence) -> str:
    where = f"{e.provision} ({e.article})" if e.article else e.provision
    if e.level is None or e.date is None:
        return f"provision {where} has no recorded status in the agreement tracker"
    return (
        f"provision {where} at level {e.level} ({_WORDS.get(e.level, '?')}) on "
        f"{e.date.isoformat()}; source: {e.source}"
    )


def _resolve(cond: Condition, e: ProvisionEvidence, agreement: str) -> Condition:
    need = f"needs level {cond.min_level} or more"
    if e.level is not None and e.level >= cond.min_level:
        return replace(
            cond, status=ConditionStatus.MET, evidence=f"met: {_cite(e)} ({need}; {agreement})"
        )
    if e.level is None:
        # The file's forecast may stand, but "met" needs a recorded entry.
        status = ConditionStatus.UNKNOWN if cond.status is ConditionStatus.MET else cond.status
        return replace(
            cond,
            status=status,
            evidence=f"not evidenced: {_cite(e)} ({need}; the plan file's status stands)",
        )
    if cond.status is ConditionStatus.MET:
        status = ConditionStatus.EXPECTED if cond.expected_phase else ConditionStatus.UNMET
    else:
        status = cond.status
    return replace(cond, status=status, evidence=f"not met: {_cite(e)} ({need}; {agreement})")


def resolve_conditions(plan: Plan, found: Mapping[str, ProvisionEvidence], agreement: str) -> Plan:
    """The plan with every provision-based condition set from ``found`` (provision id ->
    its latest entry). InputError naming the condition when its provision is unknown."""
    conditions = dict(plan.conditions)
    problems: list[str] = []
    for name, cond in plan.conditions.items():
        if cond.provision is None:
            continue
        e = found.get(cond.provision)
        if e is None:
            problems.append(
                f"condition '{name}': provision '{cond.provision}' is not in {agreement}"
            )
            continue
        conditions[name] = _resolve(cond, e, agreement)
    if problems:
        raise InputError(f"plan '{plan.name}': " + "; ".join(problems))
    return replace(plan, conditions=conditions)


def _unchecked(plan: Plan, why: str) -> Plan:
    conditions = {
        name: (replace(c, evidence=f"not checked: {why}") if c.provision else c)
        for name, c in plan.conditions.items()
    }
    return replace(plan, conditions=conditions)


def apply_agreement_evidence(plan: Plan, ws: Workspace | None, as_of: date | None = None) -> Plan:
    """Check the plan's provision-based conditions against the workspace's agreement tracker
    (entries known on ``as_of``, by default the plan's ``conditions_as_of``, else all); with
    ``ws`` None nothing is checked, and the conditions say so."""
    if not any(c.provision for c in plan.conditions.values()):
        return plan
    if ws is None:
        return _unchecked(plan, "no workspace, so the plan file's status is used")
    from peaceops.agreement.scoring import latest_entries
    from peaceops.agreement.store import load_agreement, status_entries

    as_of = as_of or plan.conditions_as_of
    agreement = load_agreement(ws, as_of)
    if agreement is None:
        return _unchecked(
            plan, "no peace agreement in the workspace, so the plan file's status is used"
        )
    latest = latest_entries(status_entries(ws, as_of, agreement_id=agreement.id), as_of)
    found = {
        p.id: ProvisionEvidence(
            p.id,
            p.article,
            latest[p.id].level if p.id in latest else None,
            latest[p.id].date if p.id in latest else None,
            latest[p.id].source if p.id in latest else "",
        )
        for p in agreement.provisions
    }
    label = " (illustrative)" if agreement.illustrative else ""
    when = f" as of {as_of.isoformat()}" if as_of else ""
    return resolve_conditions(plan, found, f"the agreement tracker{label}{when}")


def evidence_lines(plan: Plan, preconditions: tuple[str, ...]) -> tuple[str, ...]:
    """What the task's preconditions rest on, in words (empty for file-only conditions)."""
    out = []
    for name in preconditions:
        cond = plan.conditions.get(name)
        if cond is not None and cond.evidence:
            out.append(f"precondition '{name}' {cond.evidence}")
    return tuple(out)
