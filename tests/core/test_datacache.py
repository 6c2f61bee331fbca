"""DataCache: values kept per data version; threads asking for one value make it once."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from peaceops.datacache import DataCache


def test_threads_asking_for_one_value_make_it_once() -> None:
    cache = DataCache()
    made: list[int] = []
    lock = threading.Lock()

    def make() -> str:
        with lock:
            made.append(1)
        time.sleep(0.2)
        return "value"

    with ThreadPoolExecutor(8) as pool:
        values = list(pool.map(lambda _: cache.get_or_make(1, "k", make), range(8)))
    assert values == ["value"] * 8 and len(made) == 1
    # a new data version makes it again
    assert cache.get_or_make(2, "k", make) == "value" and len(made) == 2


def test_a_failed_value_is_not_kept_and_waiters_make_their_own() -> None:
    cache = DataCache()
    calls: list[int] = []

    def fail() -> str:
        calls.append(1)
        time.sleep(0.1)
        raise ValueError("no data")

    def ask(_: int) -> str:
        try:
            return cache.get_or_make(1, "k", fail)
        except ValueError:
            return "failed"

    with ThreadPoolExecutor(3) as pool:
        assert list(pool.map(ask, range(3))) == ["failed"] * 3
    assert len(calls) == 3  # nothing kept: each asked again
    with pytest.raises(ValueError):
        cache.get_or_make(1, "k", fail)
