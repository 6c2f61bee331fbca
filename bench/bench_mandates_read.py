"""Time reading every resolution text in the shared corpus (target: all 902 in under 30 s).

Measured in the same run:
- baseline: a naive regex split of the same texts into numbered paragraphs (no repair, no
  header, no sub-paragraphs, no checks);
- segment only (``parse_text``: header, preamble, operative ids, verbs, tiers, missions);
- full read (``read_text``: validation + segmenting + task classification).

Usage: .venv/bin/python bench/bench_mandates_read.py [TEXTS_DIR]
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from peaceops.errors import InputError
from peaceops.mandates.reader import parse_text, read_text
from peaceops.shared_data import shared_data_dir

_NAIVE = re.compile(r"(?m)^\s*\d{1,3}\.\s+")


def _texts_dir() -> Path:
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    base = shared_data_dir()
    if base is None:
        sys.exit("shared data not found: pass TEXTS_DIR or set PEACEOPS_SHARED_DATA")
    return base / "unsc_res_crunsc_gold" / "res_en_gold"


def main() -> None:
    files = sorted(_texts_dir().glob("*.txt"))
    raw = [(p.name, p.read_text("utf-8", errors="replace")) for p in files]

    t0 = time.perf_counter()
    naive = sum(len(_NAIVE.split(text)) - 1 for _, text in raw)
    t1 = time.perf_counter()
    segmented = sum(len(parse_text(text, name).operative) for name, text in raw)
    t2 = time.perf_counter()
    tasks = rejected = 0
    for name, text in raw:
        try:
            tasks += len(read_text(text, name).tasks)
        except InputError:
            rejected += 1
    t3 = time.perf_counter()

    print(f"texts: {len(files)}")
    print(f"baseline naive regex split: {t1 - t0:6.2f} s ({naive} numbered chunks)")
    print(f"segment only (parse_text):  {t2 - t1:6.2f} s ({segmented} operative paragraphs)")
    print(
        f"full read + classify:       {t3 - t2:6.2f} s ({tasks} task mentions, "
        f"{rejected} texts rejected with a reason)"
    )
    print(f"per text (full read):       {1000 * (t3 - t2) / max(len(files), 1):6.2f} ms")
    print(f"target < 30 s for 902 texts: {'met' if t3 - t2 < 30 else 'NOT met'}")


if __name__ == "__main__":
    main()
