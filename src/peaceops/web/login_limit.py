"""The sign-in rate limit: failed attempts allowed per client address and per account name."""

from __future__ import annotations

import time
from dataclasses import dataclass

from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

__all__ = ["LoginLimiter"]


@dataclass
class LoginLimiter:
    """Failed sign-ins allowed per client address and per account name (moving window, in
    this process's memory: with several processes each counts its own)."""

    rate: str = "5/minute"

    def __post_init__(self) -> None:
        self._items: list[RateLimitItem] = parse_many(self.rate)
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def _keys(self, client: str, name: str) -> list[str]:
        return [f"ip:{client}", f"user:{name.strip().lower()}"]

    def wait_seconds(self, client: str, name: str) -> int:
        """0 when another attempt is allowed, else the seconds until one is."""
        wait = 0
        for key in self._keys(client, name):
            for item in self._items:
                if not self._limiter.test(item, key):
                    stats = self._limiter.get_window_stats(item, key)
                    wait = max(wait, int(stats.reset_time - time.time()) + 1)
        return wait

    def failed(self, client: str, name: str) -> None:
        for key in self._keys(client, name):
            for item in self._items:
                self._limiter.hit(item, key)
