"""Who changed what: the acting user and the append-only audit trail.

Every change to a workspace's records (an import, an observation, an assessment, a stored
resolution, a user account...) writes one row to ``audit_log`` **inside the transaction that
makes the change**, so a change without its audit row (or the reverse) cannot be committed::

    from peaceops import audit

    with ws.transaction() as conn:
        before = ...                    # what the object was (a small JSON-able dict) or None
        conn.execute(...)               # the change itself
        audit.record(conn, None, "plan.import", f"plan:{name}", before=before, after=after)

``actor=None`` means "whoever is acting": the signed-in user of a web request, the name given
with the CLI's global ``--as NAME``, or else the operating-system user. Pass a name to record
someone else explicitly (a ``--user`` option, a fixture).

The table refuses UPDATE and DELETE (a trigger on SQLite and PostgreSQL), so the trail is
append-only even for code that tries to tidy it.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
from collections.abc import Iterator, Mapping
from contextvars import ContextVar, Token
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from peaceops.registry import Feature
from peaceops.store import audit_log

__all__ = [
    "VIA_CLI",
    "VIA_WEB",
    "Actor",
    "AuditEntry",
    "acting_as",
    "current_actor",
    "entries",
    "os_user",
    "record",
    "reset_actor",
    "set_actor",
    "user_name",
]

# The audit trail as a feature: the ``audit`` command (see ``peaceops.registry``).
FEATURE = Feature(key="audit", title="Audit", cli=("peaceops.commands.audit:register",))

VIA_CLI = "cli"
VIA_WEB = "web"


@dataclass(frozen=True)
class Actor:
    """The person a change is recorded for and the way it came in (``cli`` or ``web``)."""

    name: str
    via: str = VIA_CLI
    role: str | None = None


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit trail."""

    id: int
    time: datetime
    user: str
    action: str
    object: str
    via: str
    before: Any
    after: Any

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "time": self.time.isoformat() + "Z",
            "user": self.user,
            "action": self.action,
            "object": self.object,
            "via": self.via,
            "before": self.before,
            "after": self.after,
        }


_actor: ContextVar[Actor | None] = ContextVar("peaceops_actor", default=None)


def os_user() -> str:
    """The operating-system user running the command ($USER, else the login name)."""
    env = os.environ.get("USER") or os.environ.get("USERNAME")
    if env:
        return env
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def current_actor() -> Actor:
    """Whoever is acting now: the context's actor, else the OS user through the CLI."""
    actor = _actor.get()
    return actor if actor is not None else Actor(os_user(), VIA_CLI)


def user_name(explicit: str | None = None) -> str:
    """The name to record: ``explicit`` when given (stripped), else the current actor's.

    A signed-in web user (an actor with a role) is always recorded under their own name: a
    form field cannot make a change appear to come from someone else.
    """
    actor = current_actor()
    if actor.role is not None:
        return actor.name
    if explicit and explicit.strip():
        return explicit.strip()
    return actor.name


def set_actor(actor: Actor | None) -> Token[Actor | None]:
    """Make ``actor`` the acting user of this context (the CLI's ``--as``); returns a token."""
    return _actor.set(actor)


def reset_actor(token: Token[Actor | None]) -> None:
    """Undo a ``set_actor`` (the web layer, after a request)."""
    _actor.reset(token)


@contextlib.contextmanager
def acting_as(name: str, via: str = VIA_CLI, role: str | None = None) -> Iterator[Actor]:
    """Within the block, changes are recorded for ``name`` (a web request, a test)."""
    actor = Actor(name, via, role)
    token = _actor.set(actor)
    try:
        yield actor
    finally:
        _actor.reset(token)


def _jsonable(value: Any) -> Any:
    if value is None:
        return None
    # Round-trip through JSON so dates and tuples are stored the way they are read back.
    return json.loads(json.dumps(value, default=_default, ensure_ascii=False))


def _default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot record {type(value).__name__} in the audit trail")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def record(
    conn: Connection,
    actor: Actor | str | None,
    action: str,
    obj: str,
    before: Mapping[str, Any] | Any = None,
    after: Mapping[str, Any] | Any = None,
    *,
    at: datetime | None = None,
) -> int:
    """Append one audit row in ``conn``'s transaction; returns its id.

    ``action`` is ``feature.verb`` (``framework.import``, ``plan.import``, ``user.add``...);
    ``obj`` names what changed (``framework:minusma-2019``, ``benchmark:B1``, ``plan:NAME``).
    ``before``/``after`` are small JSON-able summaries (never secrets: no passwords or tokens).
    """
    who = current_actor()
    if isinstance(actor, Actor):
        who = actor
    elif isinstance(actor, str) and actor.strip() and who.role is None:
        who = Actor(actor.strip(), who.via, who.role)
    moment = at if at is not None else _now()
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    result = conn.execute(
        insert(audit_log).values(
            at=moment,
            user=who.name,
            action=action,
            object=obj,
            via=who.via,
            before=_jsonable(before),
            after=_jsonable(after),
        )
    )
    pk = result.inserted_primary_key
    return int(pk[0]) if pk else 0


def entries(
    engine: Engine | Connection,
    *,
    user: str | None = None,
    since: date | datetime | None = None,
    action: str | None = None,
    obj: str | None = None,
    limit: int | None = None,
) -> list[AuditEntry]:
    """Audit rows, oldest first, filtered by user, start (a date: from its first moment),
    action (exact, or a prefix ending in ``.``) and object."""
    t = audit_log
    query = select(t).order_by(t.c.id)
    if user:
        query = query.where(t.c.user == user)
    if since is not None:
        start = since if isinstance(since, datetime) else datetime.combine(since, time.min)
        query = query.where(t.c.at >= start)
    if action:
        if action.endswith("."):
            query = query.where(t.c.action.startswith(action))
        else:
            query = query.where(t.c.action == action)
    if obj:
        query = query.where(t.c.object == obj)
    if limit is not None:
        query = query.limit(limit)
    if isinstance(engine, Connection):
        rows = engine.execute(query).mappings().all()
    else:
        with engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
    return [
        AuditEntry(
            int(r["id"]),
            r["at"],
            str(r["user"]),
            str(r["action"]),
            str(r["object"]),
            str(r["via"]),
            r["before"],
            r["after"],
        )
        for r in rows
    ]
