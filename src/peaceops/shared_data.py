"""Where the published reference data lives (``../shared/data`` beside the repository).

The project never ships that data; tests, benchmarks and demos read it from there when present.
``PEACEOPS_SHARED_DATA`` overrides the location.
"""

from __future__ import annotations

import os
from pathlib import Path

from peaceops.errors import InputError

__all__ = ["ENV_VAR", "shared_data_dir"]

ENV_VAR = "PEACEOPS_SHARED_DATA"


def shared_data_dir() -> Path | None:
    """The shared data folder, or None when it cannot be found.

    A ``PEACEOPS_SHARED_DATA`` that names a missing folder is an error, not a quiet switch to
    synthetic data: the user asked for that folder.
    """
    env = os.environ.get(ENV_VAR)
    if env:
        path = Path(env)
        if not path.is_dir():
            raise InputError(
                f"{ENV_VAR} is set to {env}, which is not a folder",
                missing="the shared data folder",
                field=ENV_VAR,
            )
        return path
    here = Path(__file__).resolve()
    candidates = [Path.cwd() / ".." / "shared" / "data"]
    candidates += [parent / ".." / "shared" / "data" for parent in here.parents]
    for cand in candidates:
        if (cand / "README.md").is_file() or (cand / "acled_mali_smose94").is_dir():
            return cand.resolve()
    return None
