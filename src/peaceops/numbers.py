"""Numbers as people read them, the same in every page, report, brief and message."""

from __future__ import annotations

__all__ = ["count_noun", "format_number"]


def format_number(
    value: object, decimals: int = 2, *, trim: bool = False, unit: str = "", missing: str = ""
) -> str:
    """Thousands separators; whole numbers without decimals, others with ``decimals`` of them
    (trailing zeros dropped with ``trim``). ``None`` and NaN give ``missing``; a ``unit`` other
    than "count" or "number" follows the number. Anything else is shown as it is."""
    if value is None or (isinstance(value, float) and value != value):
        return missing
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int) or value.is_integer():
        text = f"{value:,.0f}"
    else:
        text = f"{value:,.{decimals}f}"
        if trim:
            text = text.rstrip("0").rstrip(".")
    return f"{text} {unit}" if unit and unit not in ("count", "number") else text


def count_noun(n: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun: "1 task", "2 tasks" (``plural`` for a noun that does not just
    take an "s")."""
    word = noun if n == 1 else plural or f"{noun}s"
    return f"{format_number(n)} {word}"
