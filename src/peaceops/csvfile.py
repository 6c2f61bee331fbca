"""Reading event CSV files as users have them, into a DuckDB table of text columns.

Exports reach analysts in many shapes: UTF-8 with or without a byte-order mark, Latin-1 (after
a round trip through a spreadsheet), Windows line ends, commas or semicolons. ``sniff`` looks
at the bytes to decide encoding and delimiter; ``load_csv`` lets DuckDB's parallel reader do the
parsing with every column as text (validation happens afterwards, in SQL) and collects the
lines it could not parse at all (wrong number of fields, an unterminated quote such as a
truncated last line).

Line numbers follow DuckDB's count: the header is line 1 and each record is one line, which is
the physical line number unless an earlier field holds a line break.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from peaceops.errors import InputError
from peaceops.sqltext import sql_literal

__all__ = [
    "INDEX_COLUMN",
    "CsvLayout",
    "MalformedLine",
    "fetch_rejects",
    "has_encoding_errors",
    "load_csv",
    "read_csv_sql",
    "sniff",
]

_DELIMITERS = (",", ";", "\t", "|")
INDEX_COLUMN = "_index"


@dataclass(frozen=True)
class CsvLayout:
    """How a CSV file is written: encoding, delimiter and header."""

    encoding: str  # "utf-8" or "latin-1"
    delimiter: str
    columns: tuple[str, ...]
    bom: bool


@dataclass(frozen=True)
class MalformedLine:
    """A line the CSV parser could not split into the header's fields."""

    line: int
    reason: str
    text: str


def _unique_names(raw: list[str]) -> tuple[str, ...]:
    seen: dict[str, int] = {}
    out: list[str] = []
    for i, name in enumerate(raw):
        clean = name.strip()
        if not clean:
            # pandas writes its index as an unnamed first column
            clean = INDEX_COLUMN if i == 0 else f"_column{i}"
        if clean in seen:
            seen[clean] += 1
            clean = f"{clean}_{seen[clean]}"
        else:
            seen[clean] = 0
        out.append(clean)
    return tuple(out)


def sniff(path: Path) -> CsvLayout:
    """Encoding, delimiter and column names of a CSV file (InputError if it is not one)."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    if not head.strip():
        raise InputError(f"{path}: the file is empty")
    if b"\x00" in head:
        raise InputError(f"{path}: not a text CSV file (binary content)")
    bom = head.startswith(codecs.BOM_UTF8)
    # The head decides; a later non-UTF-8 byte makes DuckDB report an encoding error and the
    # importer reads the file again as Latin-1 (no separate scan of large files).
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(head)
        encoding = "utf-8"
    except UnicodeDecodeError:
        text = head.decode("latin-1")
        encoding = "latin-1"
    if bom:
        text = text[1:]
    first_line = text.splitlines()[0] if text else ""
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    delimiter = max(_DELIMITERS, key=lambda d: counts[d])
    if counts[delimiter] == 0:
        raise InputError(f"{path}: no delimiter found in the header line (not a CSV file?)")
    header = next(csv.reader(io.StringIO(first_line), delimiter=delimiter))
    return CsvLayout(encoding=encoding, delimiter=delimiter, columns=_unique_names(header), bom=bom)


def read_csv_sql(path: Path, layout: CsvLayout, rejects: str) -> str:
    """A DuckDB ``read_csv(...)`` table expression: every column as text, bad lines kept in
    the tables ``<rejects>_rejects`` / ``<rejects>_scans``."""
    columns = "{" + ", ".join(f"{sql_literal(c)}: 'VARCHAR'" for c in layout.columns) + "}"
    encoding = "latin-1" if layout.encoding == "latin-1" else "utf-8"
    return f"""read_csv({sql_literal(path)},
            header = true, auto_detect = false, columns = {columns},
            delim = {sql_literal(layout.delimiter)}, quote = '"', escape = '"',
            encoding = {sql_literal(encoding)}, store_rejects = true,
            rejects_table = '{rejects}_rejects', rejects_scan = '{rejects}_scans')"""


def fetch_rejects(con: duckdb.DuckDBPyConnection, rejects: str) -> list[MalformedLine]:
    """The lines a ``read_csv_sql`` scan could not parse, one per line, in file order."""
    rows = con.execute(
        f"SELECT line, error_type, csv_line, error_message FROM {rejects}_rejects ORDER BY line"
    ).fetchall()
    malformed: list[MalformedLine] = []
    seen: set[int] = set()
    for line, error_type, text, message in rows:
        if int(line) in seen:
            continue
        seen.add(int(line))
        reason = f"malformed line ({str(error_type).lower()}: {message})"
        malformed.append(MalformedLine(int(line), reason, str(text or "").strip()))
    return malformed


def has_encoding_errors(malformed: list[MalformedLine]) -> bool:
    return any("invalid encoding" in m.reason for m in malformed)


def load_csv(
    con: duckdb.DuckDBPyConnection, path: Path, layout: CsvLayout, table: str = "src"
) -> list[MalformedLine]:
    """Read ``path`` into table ``table`` (all text, file order kept; ``rowid`` is the order).

    Returns the lines that could not be parsed, which are left out of the table. A file
    that turns out not to be UTF-8 is read again as Latin-1.
    """
    try:
        con.execute(
            f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM " + read_csv_sql(path, layout, table)
        )
        malformed = fetch_rejects(con, table)
        if layout.encoding == "utf-8" and has_encoding_errors(malformed):
            latin = replace(layout, encoding="latin-1")
            con.execute(
                f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM "
                + read_csv_sql(path, latin, f"{table}_l1")
            )
            malformed = fetch_rejects(con, f"{table}_l1")
    except duckdb.Error as exc:
        raise InputError(f"{path.name}: cannot read as CSV: {str(exc).splitlines()[0]}") from None
    return malformed
