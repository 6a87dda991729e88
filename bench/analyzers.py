#!/usr/bin/env python3
"""Lint one file in this process and print each analyzer's own CPU time (its nested analyses
subtracted), biggest first, so a change can be aimed at where the time goes.

    python bench/analyzers.py bench/out/corpus/recs_1000.md

Times are CPU seconds (time.process_time); the wrapper adds a little to every call, so compare
base and branch measured the same way, alternately. Used for docs/performance.md.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import Any, Callable

from smartlint import lint_text
from smartlint import rule as rule_module


def _timed(analysis: Callable[[Any, str], Any], own: Counter[str], calls: Counter[str],
           nested: list[float]) -> Callable[[Any, str], Any]:
    """`analysis` with the time of each call, less the analyses it calls, added to own[name]."""

    def timed_analysis(context: Any, name: str) -> Any:
        started = time.process_time()
        nested.append(0.0)
        try:
            return analysis(context, name)
        finally:
            spent = time.process_time() - started
            own[name] += spent - nested.pop()
            calls[name] += 1
            if nested:
                nested[-1] += spent

    return timed_analysis


def main(path: str) -> None:
    text = open(path, encoding="utf-8").read()
    lint_text("1. The Board should review the policy by 31 March 2026.")  # load rules and lexicons first
    own: Counter[str] = Counter()
    calls: Counter[str] = Counter()
    nested: list[float] = []
    rule_module.RecContext.analysis = _timed(rule_module.RecContext.analysis, own, calls, nested)  # type: ignore[method-assign]
    rule_module.DocContext.analysis = _timed(rule_module.DocContext.analysis, own, calls, nested)  # type: ignore[method-assign]
    started = time.process_time()
    result = lint_text(text)
    total = time.process_time() - started
    count = max(len(result.recommendations), 1)
    print(f"{count:,} recommendations, {total:.2f} s CPU in lint_text; analyzers' own time:")
    for name, seconds in own.most_common():
        print(f"  {name:28s} {seconds * 1000:9.1f} ms  {seconds / count * 1e6:7.1f} µs/rec  {calls[name]:>7,} calls")
    print(f"  {'(all analyzers)':28s} {sum(own.values()) * 1000:9.1f} ms")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python bench/analyzers.py FILE.md")
    main(sys.argv[1])
