"""Time the strategy status, brief data and report on the MINUSMA example over the ACLED export.

Baseline measured in the same run: the results-framework status the strategy's indicator rules
read (the strategy adds its own rules, the agreement tracker and the gaps on top). Usage:
.venv/bin/python bench/bench_strategy.py [ACLED_CSV]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from peaceops.demo import agreement as agreement_demo
from peaceops.demo import framework as framework_demo
from peaceops.demo import strategy as strategy_demo
from peaceops.events.importer import import_events
from peaceops.framework import framework_status
from peaceops.reports.strategy_report import write_strategy_report
from peaceops.strategy import strategy_status
from peaceops.strategy.brief import strategy_brief
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
        agreement_demo.load_example(ws)
        framework_demo.load_example(ws)
        t0 = time.perf_counter()
        strategy_demo.load_example(ws)
        t1 = time.perf_counter()
        framework_status(ws)
        t2 = time.perf_counter()
        st = strategy_status(ws)
        t3 = time.perf_counter()
        strategy_brief(ws)
        t4 = time.perf_counter()
        paths = write_strategy_report(ws, Path(tmp) / "report")
        t5 = time.perf_counter()
    rules = sum(1 for a in st.assumptions if a.rule)
    print(f"assumptions: {len(st.assumptions)} ({rules} with a rule), as of {st.as_of}")
    print(f"load example (strategy, 6 judgements, 4 consultations): {t1 - t0:.2f} s")
    print(f"baseline: framework status: {t2 - t1:.2f} s")
    print(f"strategy status (rules now and at the last renewal, gaps): {t3 - t2:.2f} s")
    print(f"brief data: {t4 - t3:.2f} s")
    print(f"report ({len(paths)} files, map and matrix as SVG and PNG): {t5 - t4:.2f} s")


if __name__ == "__main__":
    main()
