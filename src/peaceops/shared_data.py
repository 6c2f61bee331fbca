"""Where the published reference data lives (``../shared/data`` beside the repository).

The project never ships that data; tests, benchmarks and demos read it from there when present.
``PEACEOPS_SHARED_DATA`` overrides the location.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ENV_VAR", "shared_data_dir"]

ENV_VAR = "PEACEOPS_SHARED_DATA"


def shared_data_dir() -> Path | None:
    """The shared data folder, or None when it cannot be found."""
    env = os.environ.get(ENV_VAR)
    if env:
        path = Path(env)
        return path if path.is_dir() else None
    here = Path(__file__).resolve()
    candidates = [Path.cwd() / ".." / "shared" / "data"]
    candidates += [parent / ".." / "shared" / "data" for parent in here.parents]
    for cand in candidates:
        if (cand / "README.md").is_file() or (cand / "acled_mali_smose94").is_dir():
            return cand.resolve()
    return None
