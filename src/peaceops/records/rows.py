"""Input rows tagged with where they came from, and the checks every reader runs on them.

A reader turns a YAML entry or a sheet row into a ``Row`` (its place: "plan.yaml priority 2",
"sheet 'areas' row 7"); a ``RowChecker`` reads typed fields from rows and keeps every problem
with its place, so one error can list them all and nothing is built from a bad input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from peaceops.errors import InputError

__all__ = ["PROBLEMS_SHOWN", "Row", "RowChecker", "parse_iso_date", "split_list"]

# How many problems one error message lists before "(and N more)".
PROBLEMS_SHOWN = 20

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")


@dataclass(frozen=True)
class Row:
    """One input row with the place it came from (for error messages)."""

    where: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def is_blank(self) -> bool:
        """True when every cell is empty (a spacer row in a sheet)."""
        return all(v is None or str(v).strip() == "" for v in self.values.values())


def parse_iso_date(value: Any, what: str) -> date:
    """A date from a date/datetime, or text 'YYYY-MM-DD'; InputError otherwise."""
    if isinstance(value, date):
        return value if type(value) is date else value.date()  # type: ignore[attr-defined]
    text = "" if value is None else str(value).strip()
    if not text:
        raise InputError(f"{what} is missing")
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(f"{what}: {text!r} is not a date (YYYY-MM-DD)") from None


def split_list(raw: Any, separators: str = ",;") -> tuple[str, ...]:
    """A list from a YAML list or a cell whose items are separated by any of ``separators``."""
    if raw is None:
        return ()
    if isinstance(raw, (list, tuple)):
        return tuple(str(v).strip() for v in raw if str(v).strip())
    text = str(raw)
    for sep in separators[1:]:
        text = text.replace(sep, separators[0])
    return tuple(p.strip() for p in text.split(separators[0]) if p.strip())


def problems_text(problems: Sequence[str], shown: int = PROBLEMS_SHOWN) -> str:
    """The first ``shown`` problems joined with '; ', then how many more there are."""
    more = f" (and {len(problems) - shown} more)" if len(problems) > shown else ""
    return "; ".join(problems[:shown]) + more


class RowChecker:
    """Reads typed fields from rows and collects every problem with the row's place."""

    # Fold runs of white space inside a text field into one space.
    fold_spaces = False
    # Compare choices without regard to case (the value is kept in lower case).
    lower_choices = False

    def __init__(self) -> None:
        self.errors: list[str] = []

    def fail(self, row: Row, reason: str) -> None:
        self.errors.append(f"{row.where}: {reason}")

    def text(self, row: Row, key: str, required: bool = True) -> str:
        raw = row.values.get(key)
        if raw is None:
            text = ""
        elif self.fold_spaces:
            text = " ".join(str(raw).split())
        else:
            text = str(raw).strip()
        if required and not text:
            self.fail(row, f"'{key}' is missing")
        return text

    def ident(self, row: Row, key: str, seen: set[str], kind: str) -> str:
        """A required id of letters, digits, '.', '-' and '_', unique among ``seen``."""
        value = self.text(row, key)
        if value and not _ID.fullmatch(value):
            self.fail(row, f"{kind} id {value!r}: use letters, digits, '.', '-' or '_'")
        if value and value in seen:
            self.fail(row, f"duplicate {kind} id {value!r}")
        seen.add(value)
        return value

    def unique(self, row: Row, seen: set[str], ident: str, kind: str) -> None:
        if ident and ident in seen:
            self.fail(row, f"duplicate {kind} id {ident!r}")
        seen.add(ident)

    def day(self, row: Row, key: str) -> date:
        """A required date; ``date.min`` (with the problem recorded) when missing or bad."""
        try:
            return parse_iso_date(row.values.get(key), f"'{key}'")
        except InputError as exc:
            self.fail(row, str(exc))
            return date.min

    def optional_day(self, row: Row, key: str, required: bool = False) -> date | None:
        """A date, None when left empty (unless ``required``) or bad (the problem recorded)."""
        raw = row.values.get(key)
        if not required and (raw is None or str(raw).strip() == ""):
            return None
        try:
            return parse_iso_date(raw, f"'{key}'")
        except InputError as exc:
            self.fail(row, str(exc))
            return None

    def number(self, row: Row, key: str) -> float:
        """A required number; 0.0 (with the problem recorded) when missing or bad."""
        raw = row.values.get(key)
        if isinstance(raw, bool):
            self.fail(row, f"'{key}' must be a number")
            return 0.0
        try:
            return float(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            if raw in (None, ""):
                self.fail(row, f"'{key}' missing")
            else:
                self.fail(row, f"'{key}': {raw!r} is not a number")
            return 0.0

    def optional_number(self, row: Row, key: str) -> float | None:
        """A number, None when left empty or bad (the problem recorded)."""
        raw = row.values.get(key)
        if raw is None or str(raw).strip() == "":
            return None
        try:
            if isinstance(raw, bool):
                raise ValueError
            return float(raw)
        except (TypeError, ValueError):
            self.fail(row, f"'{key}': {raw!r} is not a number")
            return None

    def choice(self, row: Row, key: str, allowed: Sequence[str], default: str = "") -> str:
        """One of ``allowed``; required unless there is a ``default``."""
        value = self.text(row, key, required=not default)
        if self.lower_choices:
            value = value.lower()
        value = value or default
        if value and value not in allowed:
            self.fail(row, f"'{key}' is {value!r}; use one of {', '.join(allowed)}")
        return value

    def flag(self, row: Row, key: str) -> bool:
        """A yes/no field: true/false, yes/no, 1/0; empty is false."""
        value = row.values.get(key)
        if value is None or value == "":
            return False
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "yes", "1"):
            return True
        if text in ("false", "no", "0"):
            return False
        self.fail(row, f"'{key}' must be true or false, not {value!r}")
        return False

    def links(self, row: Row, ids: Sequence[str], known: frozenset[str] | None, kind: str) -> None:
        """Each id must be among ``known``; None: that part is empty, nothing is checked."""
        if known is None:
            return
        for ident in ids:
            if ident not in known:
                self.fail(row, f"unknown {kind} {ident!r}")

    def raise_problems(self, what: str, note: str = "") -> None:
        """InputError listing every problem found, if there is any: 'the <what> has N ...'."""
        if self.errors:
            raise InputError(
                f"the {what} has {len(self.errors)} problem(s){note}: " + problems_text(self.errors)
            )
