"""Plain text: directive lines (`smartlint: ...`, optionally after `#`, `//` or `%`) and no markup."""

from __future__ import annotations

import re

from smartlint.directives import parse_directive
from smartlint.document import Document
from smartlint.readers.segment import (
    LINE_HIDDEN,
    Prepared,
    paused_gc,
    segment,
    split_lines,
)

_DIRECTIVE_LINE = re.compile(r"([ \t]*)((?:#+|//|%+)?[ \t]*)(smartlint[ \t]*:.*)$", re.IGNORECASE)


def prepare_text(source: str) -> Prepared:
    lines, starts = split_lines(source)
    prep = Prepared(vis=source, lines=lines, starts=starts, flags=bytearray(len(lines)))
    for i, line in enumerate(lines):
        if "mart" not in line and "MART" not in line:  # cheap filter before the regex
            continue
        m = _DIRECTIVE_LINE.match(line)
        if m is None:
            continue
        prep.flags[i] = LINE_HIDDEN
        column = len(m.group(1)) + 1
        directive = parse_directive(m.group(3), i + 1, column)
        directive.raw = " ".join(line.split())  # the line as written
        prep.directives.append(directive)
        prep.directive_offsets.append(starts[i] + column - 1)
    return prep


def read_text(text: str, path: str) -> Document:
    with paused_gc():
        return segment(text, path, "txt", prepare_text(text), None)
