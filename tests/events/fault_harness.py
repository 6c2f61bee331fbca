"""Test harness (run as a script): import an events file and SIGKILL this very process at a
chosen point, by wrapping one function before the import starts.

    python fault_harness.py WS_DIR FILE MODULE:ATTR[.ATTR] before|after

Exits normally (printing "done") only when the point was never reached. Nothing here is part
of peaceops: production code has no test hooks.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
from typing import Any

from peaceops.events.importer import import_events
from peaceops.workspace import Workspace


def _arm(target: str, when: str) -> None:
    module_name, _, attr_path = target.partition(":")
    owner: Any = importlib.import_module(module_name)
    *parents, name = attr_path.split(".")
    for part in parents:
        owner = getattr(owner, part)
    original = getattr(owner, name)

    def killer(*args: Any, **kwargs: Any) -> Any:
        if when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        result = original(*args, **kwargs)
        if when == "after":
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(owner, name, killer)


def main() -> None:
    ws_dir, file, target, when = sys.argv[1:5]
    _arm(target, when)
    import_events(Workspace.open(ws_dir), file)
    print("done")


if __name__ == "__main__":
    main()
