"""SQLAlchemy engines shared by every ``Workspace`` opened on the same database.

A web server opens a Workspace per request, and a new engine each time would recompile every
statement and, for PostgreSQL, open a new connection. SQLite engines keep no pooled
connection (NullPool: each use opens the file by its path), so a database file removed and
made again is never reached through a stale handle.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from typing import Any, Protocol

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

__all__ = ["ensured_tables", "shared_engine"]

_ENGINE_CACHE_SIZE = 8
# how long a PostgreSQL connection attempt, or a wait for a free pooled connection, may take
PG_WAIT_S = 5
# A statement may run this long on the server, and wait this long for a row lock, before the
# server cancels it: a request then answers 503 well before a client's usual 30 s timeout,
# never hangs on a server that restarted under it.
PG_STATEMENT_TIMEOUT_MS = 20_000
PG_LOCK_TIMEOUT_MS = 10_000
# TCP keepalives and a user timeout: a connection whose peer vanished without a reset (a
# server host gone, a dropped network) is declared dead within about 10 s instead of the
# kernel's two hours.
_PG_CONNECT_ARGS: dict[str, Any] = {
    "connect_timeout": PG_WAIT_S,
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 3,
    "tcp_user_timeout": 10_000,
    "options": (
        f"-c statement_timeout={PG_STATEMENT_TIMEOUT_MS} -c lock_timeout={PG_LOCK_TIMEOUT_MS}"
    ),
}
_ENGINES: OrderedDict[str, Engine] = OrderedDict()
_ENGINES_LOCK = threading.Lock()
# Tables known to exist, by server database (SQLite files are checked on every open: cheap).
_ENSURED: weakref.WeakKeyDictionary[Engine, set[int]] = weakref.WeakKeyDictionary()


class _OnConnect(Protocol):
    def __call__(self, dbapi_conn: Any, record: Any, /) -> None: ...


def shared_engine(url: str, sqlite_setup: _OnConnect) -> Engine:
    """The engine for ``url`` (made once; ``sqlite_setup`` runs on each new SQLite connection)."""
    with _ENGINES_LOCK:
        engine = _ENGINES.get(url)
        if engine is not None:
            _ENGINES.move_to_end(url)
            return engine
        if url.startswith("sqlite"):
            engine = create_engine(url, future=True, poolclass=NullPool)
            event.listen(engine, "connect", sqlite_setup)
        else:
            # check pooled connections before use (and SQLAlchemy drops the whole pool when a
            # statement meets a lost connection), so a restarted server costs one failed
            # request at most, not a pool of dead connections; while the server is down or
            # starting, a connection attempt or a wait for a pooled one gives up within
            # seconds (the web answers 503) instead of holding a worker thread
            engine = create_engine(
                url,
                future=True,
                pool_pre_ping=True,
                pool_size=10,
                pool_timeout=PG_WAIT_S,
                pool_recycle=1800,
                connect_args=dict(_PG_CONNECT_ARGS),
            )
            _ENSURED[engine] = set()
        _ENGINES[url] = engine
        while len(_ENGINES) > _ENGINE_CACHE_SIZE:
            _, old = _ENGINES.popitem(last=False)
            old.dispose()
        return engine


def ensured_tables(engine: Engine) -> set[int] | None:
    """Ids of the MetaData whose tables are known to exist on a server database (shared by
    every workspace on it); None for SQLite, whose files are checked on every open."""
    return _ENSURED.get(engine)
