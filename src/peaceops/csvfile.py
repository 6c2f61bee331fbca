"""Reading event CSV files as users have them, into a DuckDB table of text columns.

Exports reach analysts in many shapes: UTF-8 with or without a byte-order mark, Windows-1252
(saved by Excel on Windows, with ’ – “ ”), Latin-1, UTF-16, Windows line ends, commas or
semicolons. ``sniff`` looks at the bytes to decide encoding and delimiter. Encodings DuckDB
cannot read itself are first written out as UTF-8 (``transcode``). Detection order:

1. a UTF-8 byte-order mark: UTF-8; a UTF-16 one: UTF-16;
2. the header line and the first 64 KiB decode as UTF-8: UTF-8 (should a later byte not be
   UTF-8, DuckDB reports it and the file is read again as Windows-1252);
3. otherwise Windows-1252, which is what Excel on Windows writes (its bytes 0x80-0x9F are
   curly quotes and dashes, control characters in Latin-1);
4. a file with one of the five bytes Windows-1252 leaves undefined is read as Latin-1.

``load_csv`` lets DuckDB's parallel reader do the
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
    "MAX_HEADER_BYTES",
    "CsvLayout",
    "MalformedLine",
    "fetch_rejects",
    "has_encoding_errors",
    "load_csv",
    "read_csv_sql",
    "sniff",
    "transcode",
]

_DELIMITERS = (",", ";", "\t", "|")
INDEX_COLUMN = "_index"
# The header line may be long (exports with hundreds of columns): read up to this much of it.
MAX_HEADER_BYTES = 16 << 20
# DuckDB's longest accepted line (its default, 2 MB, would reject a long header)
MAX_LINE_BYTES = 64 << 20
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class CsvLayout:
    """How a CSV file is written: encoding, delimiter and header."""

    encoding: str  # "utf-8", "utf-16", "cp1252" or "latin-1"
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


def _head(path: Path) -> bytes:
    """The first 64 KiB of the file, extended to the end of the header line if it is longer."""
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
        while b"\n" not in head and len(head) < MAX_HEADER_BYTES:
            more = fh.read(1 << 20)
            if not more:
                break
            head += more
    return head


def _decode_head(head: bytes) -> tuple[str, str, bool]:
    """(text, encoding, bom) of the head, in the documented detection order."""
    if head.startswith(codecs.BOM_UTF8):
        return codecs.getincrementaldecoder("utf-8")("replace").decode(head[3:]), "utf-8", True
    if head.startswith(_UTF16_BOMS):
        return codecs.getincrementaldecoder("utf-16")("replace").decode(head), "utf-16", True
    try:
        return codecs.getincrementaldecoder("utf-8")().decode(head), "utf-8", False
    except UnicodeDecodeError:
        pass
    try:
        return head.decode("cp1252"), "cp1252", False
    except UnicodeDecodeError:
        return head.decode("latin-1"), "latin-1", False


def sniff(path: Path) -> CsvLayout:
    """Encoding, delimiter and column names of a CSV file (InputError if it is not one)."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    head = _head(path)
    if not head.strip():
        raise InputError(f"{path}: the file is empty")
    if b"\x00" in head and not head.startswith(_UTF16_BOMS):
        raise InputError(f"{path}: not a text CSV file (binary content)")
    text, encoding, bom = _decode_head(head)
    first_line = text.splitlines()[0] if text else ""
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    delimiter = max(_DELIMITERS, key=lambda d: counts[d])
    if counts[delimiter] == 0:
        raise InputError(f"{path}: no delimiter found in the header line (not a CSV file?)")
    header = next(csv.reader(io.StringIO(first_line), delimiter=delimiter))
    return CsvLayout(encoding=encoding, delimiter=delimiter, columns=_unique_names(header), bom=bom)


def transcode(path: Path, layout: CsvLayout, out: Path) -> CsvLayout:
    """Write ``path`` as UTF-8 to ``out`` (for encodings DuckDB does not read) and return the
    layout of the copy. Windows-1252 falls back to Latin-1 when the file holds a byte that
    Windows-1252 leaves undefined. Line numbers stay the same."""
    encoding = "utf-8" if layout.encoding == "utf-8" else layout.encoding
    if encoding == "utf-8":
        encoding = "cp1252"  # called for a UTF-8 head with non-UTF-8 bytes further on
    for candidate in (encoding, "latin-1"):
        try:
            _copy_as_utf8(path, out, candidate)
        except UnicodeDecodeError:
            if candidate == "latin-1":  # pragma: no cover - every byte is valid Latin-1
                raise
            continue
        return replace(layout, encoding=candidate, bom=False)
    raise AssertionError("unreachable")  # pragma: no cover


def _copy_as_utf8(path: Path, out: Path, encoding: str) -> None:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    with path.open("rb") as src, out.open("wb") as dst:
        first = True
        while block := src.read(8 << 20):
            text = decoder.decode(block)
            if first:
                text = text.removeprefix("\ufeff")
                first = False
            dst.write(text.encode("utf-8"))
        dst.write(decoder.decode(b"", final=True).encode("utf-8"))


def read_csv_sql(path: Path, layout: CsvLayout, rejects: str) -> str:
    """A DuckDB ``read_csv(...)`` table expression: every column as text, bad lines kept in
    the tables ``<rejects>_rejects`` / ``<rejects>_scans``."""
    columns = "{" + ", ".join(f"{sql_literal(c)}: 'VARCHAR'" for c in layout.columns) + "}"
    return f"""read_csv({sql_literal(path)},
            header = true, auto_detect = false, columns = {columns},
            delim = {sql_literal(layout.delimiter)}, quote = '"', escape = '"',
            encoding = 'utf-8', max_line_size = {MAX_LINE_BYTES}, store_rejects = true,
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

    Returns the lines that could not be parsed, which are left out of the table. ``path``
    must be UTF-8 (see ``transcode``).
    """
    try:
        con.execute(
            f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM " + read_csv_sql(path, layout, table)
        )
        malformed = fetch_rejects(con, table)
    except duckdb.Error as exc:
        raise InputError(f"{path.name}: cannot read as CSV: {str(exc).splitlines()[0]}") from None
    return malformed
