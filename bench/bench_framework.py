"""Time the results-framework status and report on the MINUSMA example over the ACLED export.

Baseline measured in the same run: one ``series()`` query for each computed indicator (the
event queries the status cannot avoid). Usage:
.venv/bin/python bench/bench_framework.py [ACLED_CSV]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from peaceops.demo.framework import load_example
from peaceops.events.analysis import series
from peaceops.events.importer import import_events
from peaceops.framework import framework_status, load_framework
from peaceops.reports.framework_report import write_framework_report
from peaceops.workspace import Workspace


def main() -> None:
    csv = Path(
        sys.argv[1]
        if len(sys.argv) > 1
        else "../shared/data/acled_mali_smose94/Processed_Acled_Mali.csv"
    )
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.create(Path(tmp) / "ws", country="MLI")
        import_events(ws, csv)
        t0 = time.perf_counter()
        load_example(ws)
        t1 = time.perf_counter()
        fw = load_framework(ws)
        assert fw is not None
        for ind in fw.indicators:
            if ind.computed is not None:
                series(ws, by=ind.frequency, civilian=True, regions=["centre"])
        t2 = time.perf_counter()
        st = framework_status(ws)
        t3 = time.perf_counter()
        framework_status(ws, st.as_of.replace(year=st.as_of.year - 1))
        t4 = time.perf_counter()
        paths = write_framework_report(ws, Path(tmp) / "report")
        t5 = time.perf_counter()
    computed = sum(1 for i in fw.indicators if i.computed is not None)
    print(f"indicators: {len(fw.indicators)} ({computed} computed), as of {st.as_of}")
    print(f"load example (framework, 21 observations, 1 assessment): {t1 - t0:.2f} s")
    print(f"baseline: {computed} series() queries: {t2 - t1:.2f} s")
    print(f"framework_status (latest): {t3 - t2:.2f} s")
    print(f"framework_status (as of a year earlier): {t4 - t3:.2f} s")
    print(f"report with {len(paths) - 3} charts: {t5 - t4:.2f} s")


if __name__ == "__main__":
    main()
