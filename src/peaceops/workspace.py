"""The workspace: one directory holding a configuration file, the embedded store and a cache.

CLI, web app and tests all open a ``Workspace``. Layout::

    DIR/peaceops.yaml      configuration (country, region groups, data sources)
    DIR/peaceops.db        SQLite: provenance, pointers, editable records (frameworks, plans...)
    DIR/store/             Parquet data files (events, boundaries, ...), one current file a slot
    DIR/cache/             downloads (fetched resolutions, ...)
    DIR/quarantine/        rows set aside by imports, with line numbers and reasons
    DIR/output/            charts and reports written by default

Data files are written under a fresh name and become current when their pointer row is
committed in SQLite, in the same transaction as the provenance record. A killed import
therefore leaves either the old state or the new one, never a mix.

One writer at a time: writers hold the workspace write lock (``writing``, see ``wslock``);
readers never take it, and SQLite runs in WAL mode so they are not blocked by a writer.
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import duckdb
from duckdb import DuckDBPyConnection
from sqlalchemy import (
    Connection,
    Engine,
    MetaData,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from peaceops import audit, store, wslock
from peaceops.config import CONFIG_FILE, WorkspaceConfig
from peaceops.datacache import DataCache
from peaceops.engines import ensured_tables, shared_engine
from peaceops.errors import WorkspaceError
from peaceops.provenance import DatasetRecord, dataset_from_row, dataset_values, now_utc
from peaceops.sqltext import sql_literal

__all__ = ["Workspace"]

DATABASE_URL_ENV = "PEACEOPS_DATABASE_URL"

T = TypeVar("T")

# Caches of results, one per workspace directory (see ``Workspace.cached``).
_caches: dict[str, DataCache] = {}
_caches_lock = threading.Lock()

# how long SQLite waits for another connection's write before "database is locked"
BUSY_TIMEOUT_MS = 10_000


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
    # WAL: readers (the dashboard) keep reading while a writer commits
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


class Workspace:
    """An opened workspace directory."""

    def __init__(self, root: Path, config: WorkspaceConfig) -> None:
        self.root = root
        self.config = config
        self._engine: Engine | None = None
        self._ensured: set[int] = set()
        # slot -> file (None: no data) read instead of the pointer (see ``pinned``)
        self._pins: dict[str, Path | None] = {}

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        root: Path | str,
        country: str | None = None,
        name: str | None = None,
        *,
        exist_ok: bool = False,
        synthetic: bool = False,
    ) -> Workspace:
        """Create a workspace directory (or reuse an empty one) and return it opened."""
        path = Path(root)
        cfg_path = path / CONFIG_FILE
        if cfg_path.exists():
            if not exist_ok:
                raise WorkspaceError(f"{path} is already a peaceops workspace")
            return cls.open(path)
        if path.exists() and not path.is_dir():
            raise WorkspaceError(f"{path} exists and is not a directory")
        config = WorkspaceConfig.for_country(country, name)
        if synthetic:
            config = config.model_copy(update={"synthetic": True})
        path.mkdir(parents=True, exist_ok=True)
        config.dump(cfg_path)
        ws = cls(path, config)
        ws._make_dirs()
        ws.ensure_tables(store.metadata)
        return ws

    @classmethod
    def open(cls, root: Path | str | None = None) -> Workspace:
        """Open the workspace at ``root`` (default: the current directory)."""
        path = Path(root) if root is not None else Path.cwd()
        cfg_path = path / CONFIG_FILE
        if not cfg_path.is_file():
            raise WorkspaceError(
                f"{path} is not a peaceops workspace (no {CONFIG_FILE})",
                missing="a workspace",
                remedy="workspace.init",
            )
        ws = cls(path, WorkspaceConfig.load(cfg_path))
        ws._make_dirs()
        ws.ensure_tables(store.metadata)
        return ws

    def _make_dirs(self) -> None:
        for d in (self.store_dir, self.staging_dir, self.cache_dir, self.quarantine_dir):
            d.mkdir(parents=True, exist_ok=True)

    def save_config(self, config: WorkspaceConfig) -> None:
        config.dump(self.root / CONFIG_FILE)
        self.config = config
        with self.transaction():
            pass  # the configuration shapes results (region groups): a new data version

    # -- paths -------------------------------------------------------------------------------

    @property
    def store_dir(self) -> Path:
        return self.root / "store"

    @property
    def staging_dir(self) -> Path:
        return self.root / "store" / ".staging"

    @property
    def cache_dir(self) -> Path:
        return self.root / "cache"

    @property
    def quarantine_dir(self) -> Path:
        return self.root / "quarantine"

    @property
    def output_dir(self) -> Path:
        return self.root / "output"

    # -- relational store --------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = shared_engine(self.database_url, _sqlite_pragmas)
        return self._engine

    @property
    def database_url(self) -> str:
        """Where the records live: $PEACEOPS_DATABASE_URL, else ``database_url`` in
        peaceops.yaml, else ``peaceops.db`` in the workspace (SQLite). ``postgresql://`` URLs
        use the psycopg (3) driver."""
        url = os.environ.get(DATABASE_URL_ENV) or self.config.database_url
        if not url:
            return f"sqlite:///{self.root / 'peaceops.db'}"
        for plain in ("postgresql://", "postgres://"):
            if url.startswith(plain):
                return "postgresql+psycopg://" + url[len(plain) :]
        return url

    def ensure_tables(self, metadata: MetaData) -> None:
        """Create a feature's tables if they are missing (idempotent, cheap after the first)."""
        shared = ensured_tables(self.engine)
        if id(metadata) in self._ensured or (shared is not None and id(metadata) in shared):
            return
        metadata.create_all(self.engine)
        if metadata is store.metadata:
            self._ensure_version_row()
        self._ensured.add(id(metadata))
        if shared is not None:
            shared.add(id(metadata))

    @contextlib.contextmanager
    def transaction(self, *, changes_data: bool = True) -> Iterator[Connection]:
        """One SQL transaction: committed on success, rolled back on any exception.

        Unless ``changes_data=False`` (accounts, sessions), the transaction also bumps the data
        version, so every cache of results made from the old data is dropped.
        """
        with self.engine.begin() as conn:
            yield conn
            if changes_data:
                table = store.data_version
                conn.execute(
                    update(table).where(table.c.id == 1).values(version=table.c.version + 1)
                )

    def _ensure_version_row(self) -> None:
        table = store.data_version
        with self.engine.connect() as conn:
            if conn.execute(select(table.c.id).where(table.c.id == 1)).first() is not None:
                return
        with contextlib.suppress(IntegrityError), self.engine.begin() as conn:
            conn.execute(insert(table).values(id=1, version=0))  # unless another process did

    def data_version(self) -> tuple[int, int]:
        """Changes whenever the workspace's data or configuration changes: the version the
        transactions bump (the same for every process, whatever the database) and the
        configuration file's modification time (a hand edit changes region groups)."""
        table = store.data_version
        with self.engine.connect() as conn:
            row = conn.execute(select(table.c.version).where(table.c.id == 1)).first()
        cfg = self.root / CONFIG_FILE
        stamp = cfg.stat().st_mtime_ns if cfg.exists() else 0
        return (int(row[0]) if row else 0, stamp)

    def cached(self, key: Hashable, make: Callable[[], T]) -> T:
        """A value made from this workspace's data, kept until the data version changes.

        The cache belongs to the workspace directory: every ``Workspace`` opened on the same
        directory in this process shares it.
        """
        with _caches_lock:
            cache = _caches.setdefault(str(self.root.resolve()), DataCache())
        if self._pins:  # an as-of view: its own values, beside those of the current data
            pins = tuple(sorted((s, str(p)) for s, p in self._pins.items()))
            key = ("pinned", pins, key)
        return cache.get_or_make(self.data_version(), key, make)

    @contextlib.contextmanager
    def writing(self, command: str | None = None) -> Iterator[wslock.Lease]:
        """Hold the workspace write lock (waiting up to ``config.write_lock_wait`` seconds).

        The first holder also removes staging files that killed writers left behind.
        Raises ``wslock.BusyError`` when another process keeps the lock too long.
        """
        if self._pins:
            raise WorkspaceError("this view of the workspace is read-only (an as-of view)")
        with wslock.hold(self.root, self.config.write_lock_wait, command) as lease:
            if lease.taken:
                self._sweep_staging()
            yield lease

    def pinned(self, slot: str, file: Path | None) -> Workspace:
        """A read-only view of this workspace in which ``slot`` is held by ``file`` (None:
        no data) instead of its current file: how readers see an older version."""
        view = Workspace(self.root, self.config)
        view._engine = self.engine
        view._ensured = self._ensured
        view._pins = {**self._pins, slot: file}
        return view

    @property
    def pins(self) -> dict[str, Path | None]:
        return dict(self._pins)

    def close(self) -> None:
        # The engine (its connection pool and compiled statements) is shared by every
        # Workspace of the same database in this process; it is disposed when it leaves
        # the small cache in ``_shared_engine``.
        self._engine = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- versioned data files ----------------------------------------------------------------

    def staging_file(self, slot: str, suffix: str = ".parquet") -> Path:
        """A fresh path in the staging folder to write a new version of ``slot`` to.

        The name carries the writer's PID, so that files of a killed writer can be told
        from those of one still at work.
        """
        safe = slot.replace("/", "_")
        return self.staging_dir / f"{safe}-{os.getpid()}-{uuid.uuid4().hex}{suffix}"

    def current_file(self, slot: str) -> Path | None:
        """The file currently holding ``slot``'s data, or None when nothing was imported."""
        if slot in self._pins:
            return self._pins[slot]
        with self.engine.connect() as conn:
            row = conn.execute(
                select(store.pointers.c.file).where(store.pointers.c.slot == slot)
            ).first()
        if row is None:
            return None
        path = self.store_dir / str(row[0])
        return path if path.exists() else None

    def slots(self, prefix: str = "") -> dict[str, Path]:
        """Every slot (optionally below a prefix) with its current file."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(store.pointers.c.slot, store.pointers.c.file)).all()
        found = {str(slot): self.store_dir / str(file) for slot, file in rows}
        for slot, pin in self._pins.items():
            found.pop(slot, None)
            if pin is not None:
                found[slot] = pin
        return {
            slot: path for slot, path in found.items() if slot.startswith(prefix) and path.exists()
        }

    def publish(
        self,
        slot: str,
        staged: Path,
        records: Sequence[DatasetRecord] = (),
        *,
        conn: Connection | None = None,
    ) -> list[DatasetRecord]:
        """Make ``staged`` the current file of ``slot``, recording provenance atomically.

        ``staged`` must be a complete file in the staging folder. When ``conn`` is given the
        pointer switch joins that transaction (so a feature can commit its own rows with it).
        Returns the records with their ids. The old file is removed unless ``conn`` is given
        (then the caller decides: the event store keeps old versions).
        """
        with self.writing():
            _fsync_file(staged)
            final_name = f"{slot.replace('/', '_')}-{uuid.uuid4().hex}{staged.suffix}"
            final = self.store_dir / final_name
            os.replace(staged, final)
            old = self.current_file(slot)
            try:
                if conn is None:
                    with self.transaction() as own:
                        saved = self._switch(own, slot, final_name, records)
                else:
                    saved = self._switch(conn, slot, final_name, records)
            except BaseException:
                final.unlink(missing_ok=True)
                raise
            if old is not None and old != final and conn is None:
                old.unlink(missing_ok=True)
            return saved

    def point(self, conn: Connection, slot: str, file_name: str | None) -> None:
        """Make the stored file ``file_name`` (relative to ``store/``) current for ``slot``,
        or remove the slot's pointer when None, inside the caller's transaction."""
        if file_name is None:
            conn.execute(store.pointers.delete().where(store.pointers.c.slot == slot))
        else:
            self._switch(conn, slot, file_name, [])

    def _switch(
        self, conn: Connection, slot: str, file_name: str, records: Sequence[DatasetRecord]
    ) -> list[DatasetRecord]:
        table = store.pointers
        exists = conn.execute(select(table.c.slot).where(table.c.slot == slot)).first()
        if exists:
            conn.execute(
                table.update()
                .where(table.c.slot == slot)
                .values(file=file_name, updated_at=now_utc())
            )
        else:
            conn.execute(insert(table).values(slot=slot, file=file_name, updated_at=now_utc()))
        return [self.record_dataset(r, conn=conn) for r in records]

    def _sweep_staging(self) -> None:
        """Remove staging files whose writer is gone (killed): run by each new lock holder."""
        for p in self.staging_dir.glob("*"):
            if wslock.writer_alive(p.name):
                continue
            with contextlib.suppress(OSError):
                p.unlink()

    # -- provenance --------------------------------------------------------------------------

    def record_dataset(
        self, record: DatasetRecord, *, conn: Connection | None = None, audited: bool = True
    ) -> DatasetRecord:
        """Record provenance of an import and, unless ``audited=False`` (the caller writes
        its own audit row), the audit row ``KIND.import`` in the same transaction."""
        with contextlib.ExitStack() as stack:
            if conn is None:
                conn = stack.enter_context(self.transaction())
            result = conn.execute(insert(store.datasets).values(**dataset_values(record)))
            pk = result.inserted_primary_key
            saved = replace(record, id=int(pk[0]) if pk else None)
            if audited:
                _audit_import(conn, saved)
        return saved

    def datasets(self, kind: str | None = None) -> list[DatasetRecord]:
        """Provenance records, oldest first, optionally of one kind."""
        t = store.datasets
        query = select(t).order_by(t.c.id)
        if kind is not None:
            query = query.where(t.c.kind == kind)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [dataset_from_row(r) for r in rows]

    # -- analytical queries ------------------------------------------------------------------

    def duckdb(
        self,
        name: str = "slots",
        setup: Callable[[DuckDBPyConnection], None] | None = None,
    ) -> DuckDBPyConnection:
        """A cursor on the workspace's in-memory DuckDB database ``name`` (the caller closes it).

        The one way to query the stored data files: the database is made once per data version
        and shared by every cursor. By default (``"slots"``) it has one view per current data
        slot: ``events`` becomes the view ``events``, ``boundaries/1`` becomes
        ``boundaries_1``. A feature that prepares its own database (views, summary tables)
        passes a ``name`` and a ``setup`` that fills a fresh connection.
        """

        def connect() -> DuckDBPyConnection:
            con = duckdb.connect()
            (setup or self._slot_views)(con)
            return con

        return self.cached(("duckdb", name), connect).cursor()

    def _slot_views(self, con: DuckDBPyConnection) -> None:
        for slot, path in self.slots().items():
            if path.suffix != ".parquet":
                continue
            view = slot.replace("/", "_").replace("-", "_")
            con.execute(f"CREATE VIEW {view} AS SELECT * FROM read_parquet({sql_literal(path)})")

    def __repr__(self) -> str:
        return f"Workspace({str(self.root)!r})"


def _audit_import(conn: Connection, record: DatasetRecord) -> None:
    after = {
        "dataset_id": record.id,
        "source": record.source,
        "sha256": record.sha256,
        "rows_read": record.rows_read,
        "rows_accepted": record.rows_accepted,
        "rows_rejected": record.rows_rejected,
    }
    audit.record(
        conn, None, f"{record.kind}.import", f"{record.kind}:{record.file_name}", None, after
    )


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
