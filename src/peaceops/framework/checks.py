"""Checks of a value entered for an indicator: number format, range per unit, date window.

Pure functions (no I/O), used by the web forms and the JSON API before an observation is
recorded; each raises ``InputError`` with a message that says what to type instead.

Rules:

- **Numbers** use a point for decimals. A comma is accepted only between groups of three
  digits (``1,500`` or ``12,345.5``); ``35,5`` is refused (it would otherwise be read as 355).
- **Range by unit**: a unit of ``percent``/``%``/``per cent`` takes 0 to 100; a unit that names
  a change, difference, score, index, balance or ratio takes any sign; every other unit
  (people, fatalities, months, combatants, ...) is a count or an amount and takes 0 or more.
- **Dates**: not after today and not before the framework starts (its earliest baseline date).
"""

from __future__ import annotations

import math
import re
from datetime import date

from peaceops.errors import InputError
from peaceops.framework.model import Framework

__all__ = ["check_day", "check_value", "framework_start", "parse_value", "value_range"]

_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_PERCENT_UNITS = {"percent", "%", "per cent", "percentage", "pct"}
_SIGNED_WORDS = ("change", "difference", "score", "index", "balance", "ratio", "net ")


def parse_value(text: str) -> float:
    """A number as people type it; see the module's rules."""
    raw = (text or "").strip().replace("\u00a0", " ")
    compact = raw.replace(" ", "") if re.fullmatch(r"[+-]?\d{1,3}( \d{3})+(\.\d+)?", raw) else raw
    if not compact:
        raise InputError("Enter the value.")
    if _PLAIN.fullmatch(compact):
        number = float(compact)
    elif _GROUPED.fullmatch(compact):
        number = float(compact.replace(",", ""))
    elif _DECIMAL_COMMA.fullmatch(compact):
        raise InputError(
            f"{raw!r} has a decimal comma: write {compact.replace(',', '.')} "
            "(a point for decimals; commas only between thousands, as in 1,500)."
        )
    else:
        raise InputError(f"{raw!r} is not a number.")
    if not math.isfinite(number):
        raise InputError(f"{raw!r} is not a finite number.")
    return number


def value_range(unit: str) -> tuple[float | None, float | None]:
    """(lowest, highest) value allowed for an indicator's unit (None: no bound)."""
    word = " ".join((unit or "").casefold().split())
    if word in _PERCENT_UNITS or word.startswith("percent") or word.endswith("%"):
        return (0.0, 100.0)
    if any(w in f"{word} " for w in _SIGNED_WORDS):
        return (None, None)
    return (0.0, None)


def check_value(value: float, unit: str) -> None:
    low, high = value_range(unit)
    shown = unit or "this unit"
    if low is not None and value < low:
        raise InputError(f"{value:g} is below {low:g}: values in {shown} are {low:g} or more.")
    if high is not None and value > high:
        raise InputError(f"{value:g} is above {high:g}: values in {shown} run from 0 to {high:g}.")


def framework_start(fw: Framework) -> date | None:
    """The framework's first day: its earliest indicator baseline date."""
    days = [i.baseline_date for i in fw.indicators]
    return min(days) if days else None


def check_day(day: date, fw: Framework, today: date | None = None) -> None:
    now = today or date.today()
    if day > now:
        raise InputError(f"{day} is in the future: enter values for dates up to {now}.")
    start = framework_start(fw)
    if start is not None and day < start:
        raise InputError(f"{day} is before the framework starts ({start}, its first baseline).")
