"""Texts that say they are not official keep saying so after reading."""

from __future__ import annotations

from peaceops.demo.mandate_texts import MODERN_RENEWALS, modern_resolution_text
from peaceops.mandates.reader import UNOFFICIAL_WARNING, read_text


def test_illustrative_texts_are_flagged_and_official_style_texts_are_not() -> None:
    text = modern_resolution_text(MODERN_RENEWALS[0])
    assert UNOFFICIAL_WARNING in read_text(text).warnings
    official = "\n".join(
        line for line in text.splitlines() if "not an official United Nations" not in line
    )
    assert UNOFFICIAL_WARNING not in read_text(official).warnings
