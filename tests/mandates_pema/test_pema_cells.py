"""PEMA paragraph cells: own paragraphs, other documents, doubt, and malformed cells."""

from __future__ import annotations

import pytest

from peaceops.mandates.pema_cells import CellError, parse_cell


@pytest.mark.parametrize(
    ("cell", "own", "elsewhere"),
    [
        ("0", (), ()),
        ("", (), ()),
        ("16c, 16c(i), 26", ("16c", "16c(i)", "26"), ()),
        ("17 c", ("17c",), ()),
        ("4 + 9", ("4", "9"), ()),
        ("15 b; 16 b;  19 a; 20 a, b", ("15b", "16b", "19a", "20a", "20b"), ()),
        ("26 (S/26090)", (), ("S/26090 para 26",)),
        ("1 + 49 (S/1994/1067)", ("1",), ("S/1994/1067 para 49",)),
        ("4 referring to 72 c (S/1995/222)", ("4",), ("S/1995/222 para 72c",)),
        ("p. 4", ("4",), ()),
        ("35i( c), 35ii(b)", ("35i(c)", "35ii(b)"), ()),
        ("Dayton Peace Agreement, Annex 11", (), ("Dayton Peace Agreement, Annex 11",)),
    ],
)
def test_cells_written_for_the_test(
    cell: str, own: tuple[str, ...], elsewhere: tuple[str, ...]
) -> None:
    refs = parse_cell(cell)
    assert refs.paragraphs == own
    assert refs.elsewhere == elsewhere


def test_doubt_is_kept() -> None:
    refs = parse_cell("8?")
    assert refs.paragraphs == ("8",) and refs.uncertain
    assert not parse_cell("8").uncertain


@pytest.mark.parametrize("cell", ["3:00 AM", "12:00 AM", "see notes", "x; y"])
def test_malformed_cells_are_refused(cell: str) -> None:
    with pytest.raises(CellError):
        parse_cell(cell)
