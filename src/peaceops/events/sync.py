"""What a sync covers: the explicit scope inside which stored events missing from an export
are deleted (the source withdrew them). Nothing outside the scope is ever touched.

A scope is a set of ``KEY=VALUE`` conditions (several values of one key: any of them) and an
optional date range::

    country=MLI            iso3 code or country name, case-insensitive
    admin1=Mopti           the source's admin1 name or the placed one, accent/case-insensitive
    event_type=Battles     ACLED event type / UCDP violence type name, case-insensitive
    source=acled           acled or ucdp (a sync only ever deletes events of the file's source)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from peaceops.errors import InputError
from peaceops.sqltext import sql_literal

__all__ = ["SCOPE_KEYS", "SyncScope", "parse_scope"]

SCOPE_KEYS = ("country", "admin1", "event_type", "source")


def _fold(expr: str) -> str:
    return f"lower(strip_accents(trim({expr})))"


@dataclass(frozen=True)
class SyncScope:
    """The conditions a sync's export covers (``terms``: key -> accepted values)."""

    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    start: date | None = None
    end: date | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: list(v) for k, v in self.terms.items()}
        if self.start:
            out["from"] = self.start.isoformat()
        if self.end:
            out["to"] = self.end.isoformat()
        return out

    def describe(self) -> str:
        parts = [f"{k}={'|'.join(v)}" for k, v in self.terms.items()]
        if self.start or self.end:
            parts.append(
                f"{self.start.isoformat() if self.start else '...'} to "
                f"{self.end.isoformat() if self.end else '...'}"
            )
        return ", ".join(parts)

    def where_sql(self, alias: str, source: str) -> str:
        """SQL condition on a stored events relation ``alias``: in scope, of ``source``."""
        clauses = [f"{alias}.source = {sql_literal(source)}"]
        for key, values in self.terms.items():
            folded = ", ".join(sql_literal(v.casefold()) for v in values)
            if key == "country":
                upper = ", ".join(sql_literal(v.upper()) for v in values)
                clauses.append(
                    f"(upper({alias}.iso3) IN ({upper}) OR {_fold(f'{alias}.country')} "
                    f"IN ({', '.join(sql_literal(_strip(v)) for v in values)}))"
                )
            elif key == "admin1":
                names = ", ".join(sql_literal(_strip(v)) for v in values)
                clauses.append(
                    f"({_fold(f'{alias}.admin1')} IN ({names}) "
                    f"OR {_fold(f'{alias}.admin1_name')} IN ({names}))"
                )
            elif key == "event_type":
                clauses.append(f"lower({alias}.event_type) IN ({folded})")
            elif key == "source":
                clauses.append(f"{alias}.source IN ({folded})")
        if self.start:
            clauses.append(f"{alias}.event_date >= DATE '{self.start.isoformat()}'")
        if self.end:
            clauses.append(f"{alias}.event_date <= DATE '{self.end.isoformat()}'")
        return " AND ".join(clauses)


def _strip(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def parse_scope(
    items: Sequence[str], start: date | None, end: date | None, source: str
) -> SyncScope:
    """A scope from ``--scope K=V`` items and ``--from``/``--to`` (InputError if unusable)."""
    if not items:
        raise InputError(
            "a sync needs a scope KEY=VALUE saying what the export covers "
            f"(keys: {', '.join(SCOPE_KEYS)}; e.g. country=MLI); nothing was imported",
            field="scope",
        )
    terms: dict[str, list[str]] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key, value = key.strip().lower(), value.strip()
        if not sep or not value:
            keys = ", ".join(SCOPE_KEYS)
            raise InputError(f"{item!r}: use KEY=VALUE (keys: {keys})", field="scope")
        if key not in SCOPE_KEYS:
            keys = ", ".join(SCOPE_KEYS)
            raise InputError(f"{item!r}: unknown key {key!r} (keys: {keys})", field="scope")
        terms.setdefault(key, []).append(value)
    if "source" in terms and source not in {v.lower() for v in terms["source"]}:
        raise InputError(
            f"source={'|'.join(terms['source'])} does not include this file's source "
            f"({source}); a sync only deletes events of the file's own source",
            field="scope",
        )
    if start and end and start > end:
        raise InputError(f"the first date {start} is after the last {end}", field="from")
    return SyncScope({k: tuple(v) for k, v in terms.items()}, start, end)
