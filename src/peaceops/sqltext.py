"""Quoting values and names into SQL text (DuckDB), for the statements that cannot take
parameters (file paths in ``read_parquet``, view definitions, generated CASE expressions)."""

from __future__ import annotations

__all__ = ["sql_identifier", "sql_literal"]


def sql_literal(value: object) -> str:
    """``value`` as a quoted SQL string literal: ``'it''s'``."""
    return "'" + str(value).replace("'", "''") + "'"


def sql_identifier(name: str) -> str:
    """``name`` as a quoted SQL identifier (double quotes, inner ones doubled)."""
    return '"' + name.replace('"', '""') + '"'
