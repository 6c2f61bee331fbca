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
    ``version``, else makes it (outside the lock, so slow work never blocks other keys).
    """

    def __init__(self, size: int = 64) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._version: Hashable = None
        self._lock = threading.Lock()

    def get_or_make(self, version: Hashable, key: Hashable, make: Callable[[], T]) -> T:
        with self._lock:
            if version != self._version:
                self._items.clear()
                self._version = version
            elif key in self._items:
                self._items.move_to_end(key)
                return self._items[key]  # type: ignore[no-any-return]
        value = make()
        with self._lock:
            if version == self._version:
                self._items[key] = value
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._version = None
