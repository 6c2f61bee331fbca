"""The strategy in the workspace database, with an append-only history of every change.

Tables (SQLite through SQLAlchemy Core, portable to PostgreSQL):

- ``strategy_versions``: every imported or amended strategy, as its nested JSON form
  (assumption judgements and consultations included). The current strategy is the latest
  version; the strategy "as of" a date is the latest version recorded on or before that date.
- ``strategy_changes``: the change log (who, when, what), written in the same transaction as
  each version. Nothing is ever updated or deleted.

Recording the same content again (re-importing a file, re-reading a CSV of judgements)
stores nothing and says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import MetaData

from peaceops import audit
from peaceops.errors import InputError, NotFoundError
from peaceops.records.documents import dump_definition
from peaceops.records.history import Change, History, current_user, now
from peaceops.strategy.build import Known
from peaceops.strategy.io import strategy_from_dict, strategy_to_dict
from peaceops.strategy.model import AssumptionEntry, Consultation, Strategy
from peaceops.workspace import Workspace

__all__ = [
    "Change",
    "Saved",
    "add_assumption_entries",
    "add_consultations",
    "changes",
    "known_links",
    "load_strategy",
    "metadata",
    "require_strategy",
    "save_strategy",
]

metadata = MetaData()

history = History(metadata, "strategy")
versions_table = history.versions


@dataclass(frozen=True)
class Saved:
    """What a save did: the version id (None when nothing changed) and how many items were new."""

    version: int | None
    added: int = 0


def _definition(st: Strategy) -> str:
    return dump_definition(strategy_to_dict(st))


def _store(
    ws: Workspace, st: Strategy, user: str | None, at: datetime | None, action: str, details: str
) -> int:
    who = current_user(user)
    moment = now(at)
    last = history.last(ws)
    previous = None if last is None else int(last["id"])
    with ws.transaction() as conn:
        version = history.add_version(
            conn, at=moment, who=who, owner_id=st.id, definition=_definition(st)
        )
        history.log(conn, moment, who, action, st.id, f"version {version}: {details}")
        audit.record(
            conn,
            who,
            f"strategy.{action}",
            f"strategy:{st.id}",
            before=None if previous is None else {"version": previous},
            after={"version": version, "details": details},
            at=moment,
        )
    return version


def save_strategy(
    ws: Workspace,
    st: Strategy,
    user: str | None = None,
    *,
    at: datetime | None = None,
    source: str = "",
) -> Saved:
    """Record ``st`` as the current strategy; nothing is stored when it equals the current one."""
    ws.ensure_tables(metadata)
    current = load_strategy(ws)
    if current is not None and _definition(current) == _definition(st):
        return Saved(None)
    counts = (
        f"{len(st.priorities)} priorities, {len(st.objectives)} objectives, "
        f"{len(st.assumptions)} assumptions, {len(st.stakeholders)} stakeholders, "
        f"{len(st.consultations)} consultations"
    )
    origin = f" from {source}" if source else ""
    return Saved(_store(ws, st, user, at, "import", f"imported{origin}: {counts}"), 1)


def load_strategy(ws: Workspace, as_of: date | None = None) -> Strategy | None:
    """The current strategy, or the one recorded on or before ``as_of``; None if none."""
    return history.load(ws, _from_stored, as_of)


def _from_stored(data: Any) -> Strategy:
    return strategy_from_dict(data, origin="stored strategy")


def require_strategy(ws: Workspace, as_of: date | None = None) -> Strategy:
    st = load_strategy(ws, as_of)
    if st is None:
        when = f" recorded on or before {as_of}" if as_of else ""
        raise NotFoundError(
            f"no political strategy{when} in this workspace",
            missing="a political strategy",
            remedy="strategy.import",
        )
    return st


def add_assumption_entries(
    ws: Workspace,
    entries: Sequence[AssumptionEntry],
    user: str | None = None,
    *,
    at: datetime | None = None,
    source_file: str = "",
) -> Saved:
    """Append judgements to the current strategy as a new version (those already there skipped)."""
    st = require_strategy(ws)
    by_id = {a.id: a for a in st.assumptions}
    added = 0
    updated = dict(by_id)
    for e in entries:
        a = updated.get(e.assumption_id)
        if a is None:
            raise NotFoundError(f"unknown assumption {e.assumption_id!r}")
        if e in a.history:
            continue
        updated[a.id] = replace(a, history=tuple(sorted((*a.history, e), key=lambda x: x.date)))
        added += 1
    if not added:
        return Saved(None)
    new = replace(st, assumptions=tuple(updated[a.id] for a in st.assumptions))
    ids = sorted({e.assumption_id for e in entries})
    origin = f" from {source_file}" if source_file else ""
    details = f"{added} assumption status(es) for {', '.join(ids)}{origin}"
    return Saved(_store(ws, new, user, at, "assume", details), added)


def add_consultations(
    ws: Workspace,
    rows: Sequence[Consultation],
    user: str | None = None,
    *,
    at: datetime | None = None,
    source_file: str = "",
) -> Saved:
    """Append consultations to the current strategy as a new version (repeats skipped)."""
    st = require_strategy(ws)
    known = {s.id for s in st.stakeholders}
    for c in rows:
        for who in c.stakeholders:
            if who not in known:
                raise NotFoundError(f"unknown stakeholder {who!r}")
    fresh = [c for c in rows if c not in st.consultations]
    fresh = list(dict.fromkeys(fresh))
    if not fresh:
        return Saved(None)
    new = replace(
        st, consultations=tuple(sorted((*st.consultations, *fresh), key=lambda x: x.date))
    )
    origin = f" from {source_file}" if source_file else ""
    return Saved(
        _store(ws, new, user, at, "consult", f"{len(fresh)} consultation(s){origin}"), len(fresh)
    )


def changes(ws: Workspace, as_of: date | None = None) -> list[Change]:
    """The change log, oldest first (up to ``as_of`` when given)."""
    return history.read_changes(ws, as_of)


def known_links(ws: Workspace) -> Known:
    """Ids the strategy may link to, from the parts of the workspace that hold data."""
    from peaceops.framework.store import load_framework

    fw = load_framework(ws)
    outcomes = frozenset(o.id for o in fw.outcomes) if fw else None
    indicators = frozenset(i.id for i in fw.indicators) if fw else None
    from peaceops.agreement.store import load_agreement

    ag = load_agreement(ws)
    provisions = frozenset(p.id for p in ag.provisions) if ag is not None else None
    from peaceops.actors.registry import workspace_registry

    try:
        reg = workspace_registry(ws)
    except InputError:  # a broken actors.yaml: links are not checked (its own command says why)
        reg = None
    actors = None
    if reg is not None and reg.actors:
        actors = frozenset(a.name for a in reg.actors) | {a.short for a in reg.actors if a.short}
    return Known(outcomes, indicators, provisions, actors)
