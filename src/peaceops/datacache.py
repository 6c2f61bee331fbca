"""A small thread-safe LRU cache whose entries stand for one version of a workspace's data."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

__all__ = ["DataCache"]

T = TypeVar("T")


class DataCache:
    """Values computed from a workspace's data, dropped when the data version changes.

    ``get_or_make(version, key, make)`` returns the value kept for ``key`` if it was made for
    ``version``, else makes it (outside the lock, so slow work never blocks other keys). A
    thread asking for a value another thread is making waits for it instead of making it
    too: after a change, twenty requests for one figure cost one computation, not twenty.
    A waiter gives up after ``wait_s`` (the maker may be stuck on a database server that went
    away) and makes its own, which fails fast in that case: well before a client gives up.
    """

    def __init__(self, size: int = 64, wait_s: float = 10.0) -> None:
        self._size = size
        self._wait_s = wait_s
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._version: Hashable = None
        self._making: dict[tuple[Hashable, Hashable], threading.Event] = {}
        self._lock = threading.Lock()

    def get_or_make(self, version: Hashable, key: Hashable, make: Callable[[], T]) -> T:
        making = (version, key)
        with self._lock:
            if version != self._version:
                self._items.clear()
                self._version = version
            elif key in self._items:
                self._items.move_to_end(key)
                return self._items[key]  # type: ignore[no-any-return]
            other = self._making.get(making)
            if other is None:
                mine = self._making[making] = threading.Event()
        if other is not None:  # made by another thread: wait, then use it if it was kept
            other.wait(self._wait_s)
            with self._lock:
                if version == self._version and key in self._items:
                    return self._items[key]  # type: ignore[no-any-return]
            return make()  # it failed (or took too long): make our own
        try:
            value = make()
            with self._lock:
                if version == self._version:
                    self._items[key] = value
                    while len(self._items) > self._size:
                        self._items.popitem(last=False)
            return value
        finally:
            with self._lock:
                self._making.pop(making, None)
            mine.set()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._version = None
