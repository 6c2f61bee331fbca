"""One writer at a time: the workspace write lock.

A writer holds an exclusive ``flock`` on ``DIR/.write.lock`` for as long as it changes the
workspace; readers never take it. The kernel releases the lock when the holding process ends,
however it ends (``kill -9`` included), so a lock cannot outlive its holder. Beside it,
``DIR/.write.lock.json`` says who holds it (command, PID, start time) so that a writer that
has to wait can tell the user what it is waiting for. That note is rewritten by every new
holder; a note left by a killed process (its PID gone, the lock free) is a stale lock: it is
reported by ``stale_holder`` and replaced.

The lock is re-entrant within a thread (a command that imports events and then places them
again takes it once). Threads of one process (a web server's workers) are serialised by a
``threading.RLock`` per workspace, taken before the file lock: ``flock`` alone cannot tell two
threads of the holding process apart. It relies on POSIX ``fcntl.flock``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from peaceops.errors import PeaceopsError

__all__ = [
    "LOCK_FILE",
    "BusyError",
    "Lease",
    "LockHolder",
    "hold",
    "stale_holder",
    "writer_alive",
]

LOCK_FILE = ".write.lock"
_NOTE_SUFFIX = ".json"
_POLL_S = 0.05


@dataclass(frozen=True)
class LockHolder:
    """Who holds (or held) the write lock."""

    command: str
    pid: int
    started: datetime

    def describe(self) -> str:
        when = self.started.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        return f"'{self.command}' (PID {self.pid}, started {when})"


class BusyError(PeaceopsError):
    """Another process holds the workspace write lock and did not release it in time."""

    def __init__(self, root: Path, holder: LockHolder | None, waited_s: float) -> None:
        who = holder.describe() if holder else "another process (no holder note)"
        super().__init__(
            f"workspace {root} is busy: {who} holds the write lock; waited {waited_s:g} s "
            "(try again when it has finished, or raise write_lock_wait in peaceops.yaml)"
        )
        self.root = root
        self.holder = holder
        self.waited_s = waited_s


@dataclass(frozen=True)
class Lease:
    """A held write lock: ``taken`` is False for a nested holder in the same thread;
    ``stale`` is the note a killed holder left behind (cleared when this lease was taken)."""

    taken: bool
    stale: LockHolder | None = None


class _Held:
    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.depth = 1


_held: dict[str, _Held] = {}
_held_guard = threading.Lock()
# one per workspace: only the thread holding it may hold (or nest) the file lock
_thread_locks: dict[str, threading.RLock] = {}


def _thread_lock(key: str) -> threading.RLock:
    with _held_guard:
        lock = _thread_locks.get(key)
        if lock is None:
            lock = _thread_locks[key] = threading.RLock()
        return lock


def _command() -> str:
    argv = [Path(sys.argv[0]).name if sys.argv else "python", *sys.argv[1:]]
    text = " ".join(argv)
    return text if len(text) <= 200 else text[:197] + "..."


def _read_note(root: Path) -> LockHolder | None:
    try:
        data = json.loads((root / (LOCK_FILE + _NOTE_SUFFIX)).read_text(encoding="utf-8"))
        return LockHolder(
            command=str(data["command"]),
            pid=int(data["pid"]),
            started=datetime.fromisoformat(str(data["started"])),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def writer_alive(name: str) -> bool:
    """Whether the process that named a staging file ``<slot>-<pid>-<hex>...`` still runs."""
    parts = name.split("-")
    pid = int(parts[-2]) if len(parts) >= 3 and parts[-2].isdigit() else None
    if pid is None:
        return False  # a name from before PIDs were recorded: its writer is long gone
    return pid == os.getpid() or _alive(pid)


def stale_holder(root: Path) -> LockHolder | None:
    """The holder note of a process that died holding the lock, if one was left behind."""
    note = _read_note(root)
    if note is None or _alive(note.pid):
        return None
    return note


def _write_note(root: Path, command: str) -> None:
    note = root / (LOCK_FILE + _NOTE_SUFFIX)
    tmp = note.with_name(f"{note.name}.{os.getpid()}.tmp")
    data = {"command": command, "pid": os.getpid(), "started": datetime.now(UTC).isoformat()}
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, note)


@contextlib.contextmanager
def hold(root: Path, wait_s: float, command: str | None = None) -> Iterator[Lease]:
    """Hold the write lock of the workspace at ``root``, waiting up to ``wait_s`` seconds.

    Raises BusyError when another process keeps it longer than ``wait_s``.
    """
    key = str(root.resolve())
    in_process = _thread_lock(key)
    started = time.monotonic()
    if not in_process.acquire(timeout=max(wait_s, 0.0)):
        raise BusyError(root, _read_note(root), round(wait_s, 1))
    try:
        with _held_guard:
            mine = _held.get(key)  # held by this very thread: only it can hold in_process
            if mine is not None:
                mine.depth += 1
        if mine is not None:
            try:
                yield Lease(taken=False)
            finally:
                with _held_guard:
                    mine.depth -= 1
            return
        with _file_lock(
            root, key, max(wait_s - (time.monotonic() - started), 0.0), command
        ) as lease:
            yield lease
    finally:
        in_process.release()


@contextlib.contextmanager
def _file_lock(root: Path, key: str, wait_s: float, command: str | None) -> Iterator[Lease]:
    fd = os.open(root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, root, wait_s)
    except BaseException:
        os.close(fd)
        raise
    try:
        stale = stale_holder(root)
        _write_note(root, command or _command())
        with _held_guard:
            _held[key] = _Held(fd)
        yield Lease(taken=True, stale=stale)
    finally:
        with _held_guard:
            _held.pop(key, None)
        with contextlib.suppress(OSError):
            (root / (LOCK_FILE + _NOTE_SUFFIX)).unlink()
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _acquire(fd: int, root: Path, wait_s: float) -> None:
    started = time.monotonic()
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            waited = time.monotonic() - started
            if waited >= wait_s:
                raise BusyError(root, _read_note(root), round(wait_s, 1)) from None
            time.sleep(min(_POLL_S * (1 + waited), 0.5, max(wait_s - waited, 0.01)))
