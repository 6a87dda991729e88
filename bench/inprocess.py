#!/usr/bin/env python3
"""Lint one file in this process and print recommendations per CPU second, GC time and peak RSS.

    python bench/inprocess.py bench/out/corpus/recs_10000.md

CPU time (time.process_time) is steadier than wall time on a shared machine; run the base and
the branch alternately and compare. Used for the figures in docs/performance.md.
"""

from __future__ import annotations

import gc
import resource
import sys
import time

from smartlint import lint_text


def main(path: str) -> None:
    text = open(path, encoding="utf-8").read()
    lint_text("1. The Board should review the policy by 31 March 2026.")  # load rules and lexicons first
    gc_time = [0.0, 0.0]

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            gc_time[1] = time.process_time()
        else:
            gc_time[0] += time.process_time() - gc_time[1]

    gc.callbacks.append(on_gc)
    wall, cpu = time.perf_counter(), time.process_time()
    result = lint_text(text)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    n = len(result.recommendations)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n} recommendations: {cpu:.1f} s CPU ({n / cpu:.0f} a CPU second), {wall:.1f} s wall, "
          f"GC {gc_time[0]:.1f} s, peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main(sys.argv[1])
