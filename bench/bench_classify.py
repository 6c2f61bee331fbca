"""Time segmenting + classifying every text in the shared corpus.

Baseline measured in the same run: reading the files only.
Usage: .venv/bin/python bench/bench_classify.py [TEXTS_DIR]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from peaceops.mandates.classify import classify
from peaceops.mandates.reader import parse_text


def main() -> None:
    texts = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path("../shared/data/unsc_res_crunsc_gold/res_en_gold")
    )
    files = sorted(texts.glob("*.txt"))
    t0 = time.perf_counter()
    raw = [(p.name, p.read_text("utf-8", errors="replace")) for p in files]
    t1 = time.perf_counter()
    tasks = sum(len(classify(parse_text(text, source=name)).tasks) for name, text in raw)
    t2 = time.perf_counter()
    print(f"files: {len(files)}")
    print(f"baseline read only: {t1 - t0:.2f} s")
    print(f"segment + classify: {t2 - t1:.2f} s ({tasks} task mentions)")


if __name__ == "__main__":
    main()
