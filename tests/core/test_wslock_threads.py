"""The workspace write lock serialises threads of one process (a web server's workers)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from peaceops import wslock


def test_two_threads_of_one_process_write_one_after_the_other(tmp_path: Path) -> None:
    inside: list[str] = []
    overlaps: list[tuple[str, str]] = []
    guard = threading.Lock()
    first_in = threading.Event()
    taken: list[bool] = []

    def writer(name: str) -> None:
        with wslock.hold(tmp_path, wait_s=10) as lease:
            with guard:
                taken.append(lease.taken)
                overlaps.extend((name, other) for other in inside)
                inside.append(name)
            first_in.set()
            time.sleep(0.3)
            with guard:
                inside.remove(name)

    one = threading.Thread(target=writer, args=("one",))
    one.start()
    assert first_in.wait(5)
    two = threading.Thread(target=writer, args=("two",))
    started = time.monotonic()
    two.start()
    one.join(5)
    two.join(5)
    assert taken == [True, True]  # each thread took the lock itself, none rode on the other's
    assert overlaps == []
    assert time.monotonic() - started >= 0.2  # "two" waited for "one" to finish


def test_nested_hold_in_one_thread_is_reentrant(tmp_path: Path) -> None:
    with wslock.hold(tmp_path, wait_s=1) as outer, wslock.hold(tmp_path, wait_s=1) as inner:
        assert outer.taken
        assert not inner.taken


def test_a_thread_waiting_too_long_gets_busy(tmp_path: Path) -> None:
    held = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with wslock.hold(tmp_path, wait_s=1, command="framework observe"):
            held.set()
            release.wait(5)

    t = threading.Thread(target=holder)
    t.start()
    assert held.wait(5)
    try:
        with pytest.raises(wslock.BusyError) as caught, wslock.hold(tmp_path, wait_s=0.2):
            pass
        assert caught.value.holder is not None
        assert caught.value.holder.command == "framework observe"
    finally:
        release.set()
        t.join(5)
    with wslock.hold(tmp_path, wait_s=1) as lease:  # free again once the holder is done
        assert lease.taken
