"""Name folding: the one key by which place names are compared."""

from __future__ import annotations

import unicodedata

__all__ = ["fold_name"]


def fold_name(name: str) -> str:
    """Accent-, case- and punctuation-insensitive key for matching place names."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join("".join(ch if ch.isalnum() else " " for ch in plain.casefold()).split())
