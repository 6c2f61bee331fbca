"""Reading values out of plan data, collecting every problem instead of stopping at one."""

from __future__ import annotations

from typing import Any

__all__ = ["Problems", "names", "number", "series", "whole"]


class Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, message: str) -> None:
        self.items.append(message)


def number(value: Any, where: str, problems: Problems) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.add(f"{where}: {value!r} is not a number")
        return None
    return float(value)


def whole(value: Any, where: str, problems: Problems, minimum: int = 1) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        problems.add(f"{where}: {value!r} is not a whole number")
        return None
    if value < minimum:
        problems.add(f"{where}: {value} is below {minimum}")
        return None
    return value


def names(value: Any, where: str, problems: Problems) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
        return tuple(str(v) for v in value)
    problems.add(f"{where}: expected a list of names")
    return ()


def series(value: Any, length: int, where: str, problems: Problems) -> tuple[float, ...] | None:
    """A number (same in every slot) or a list of exactly ``length`` non-negative numbers."""
    if isinstance(value, list):
        if len(value) != length:
            problems.add(f"{where}: {len(value)} values given, {length} expected")
            return None
        nums = [number(v, where, problems) for v in value]
        if any(n is None for n in nums):
            return None
        out = tuple(n for n in nums if n is not None)
    else:
        n = number(value, where, problems)
        if n is None:
            return None
        out = (n,) * length
    if any(v < 0 for v in out):
        problems.add(f"{where}: negative value {min(out):g}")
        return None
    return out
