"""Applies `smartlint:` directives to findings after the rules have run.

One grammar for every format (parsed in smartlint.directives); this module decides what each
directive hides and reports directives that hide nothing, never close, or cannot be read.
Findings are offered one recommendation at a time (`Suppressor.filter`), so a file's findings
need not all be held at once; each finding is hidden by the first directive that covers it, in
the order: disable blocks, then ignore and file-ignore directives as written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, NamedTuple

from smartlint.document import Directive
from smartlint.errors import ConfigError
from smartlint.rule import RuleMeta
from smartlint.selection import codes_for

_END_OF_FILE = 1 << 30


class DirectiveProblem(NamedTuple):
    kind: str  # "unused" | "unclosed" | "invalid"
    directive: Directive
    message: str


class SuppressionOutcome(NamedTuple):
    suppressed: list[Any]
    problems: list[DirectiveProblem]


def _describe(directive: Directive) -> str:
    return directive.raw.strip() or f"smartlint: {directive.kind}"


class _Cover:
    """What one directive hides: these codes, on lines [start, end) or in one item or anywhere
    (a plain class: defining a dataclass costs more at start-up than it saves)."""

    __slots__ = ("directive", "kind", "codes", "start", "end", "item", "hidden", "label")

    def __init__(self, directive: Directive, kind: str, codes: frozenset[str], start: int = 0, end: int = _END_OF_FILE,
                 item: int | None = None, hidden: int = 0, label: str = "") -> None:
        self.directive = directive
        self.kind = kind  # "block" | "ignore" | "file-ignore"
        self.codes = codes
        self.start = start
        self.end = end
        self.item = item
        self.hidden = hidden
        self.label = label


class Suppressor:
    """The directives of one document, resolved once; hides findings as they are offered."""

    def __init__(self, directives: list[Directive], metas: Mapping[str, RuleMeta],
                 learning_points_used: Callable[[Directive], bool]) -> None:
        self.early_problems: list[DirectiveProblem] = []
        resolved: list[tuple[Directive, frozenset[str]]] = []
        for directive in directives:
            if directive.kind == "invalid":
                self.early_problems.append(DirectiveProblem("invalid", directive, directive.error or "malformed directive"))
                continue
            if directive.kind == "learning-point":
                if not learning_points_used(directive):
                    self.early_problems.append(
                        DirectiveProblem("unused", directive, "This learning-point marker is next to no recommendation")
                    )
                continue
            try:
                codes = codes_for(directive.selectors, metas) if directive.selectors else frozenset(metas)
            except ConfigError as exc:
                self.early_problems.append(DirectiveProblem("invalid", directive, str(exc)))
                continue
            resolved.append((directive, codes))
        self.blocks = self._blocks(resolved)
        self.others = [
            _Cover(d, d.kind, codes, item=d.item, label=_describe(d))
            for d, codes in resolved
            if d.kind in ("ignore", "file-ignore")
        ]
        # The order findings are tested against: first match hides.
        self.covers = self.blocks + [c for c in self.others if c.kind == "file-ignore" or c.item is not None]
        self.rank = {id(c): n for n, c in enumerate(self.covers)}
        self.suppressed: list[tuple[tuple, Any]] = []  # (order key, finding)

    def _blocks(self, resolved: list[tuple[Directive, frozenset[str]]]) -> list[_Cover]:
        # A disable covers lines from itself until an enable naming (or not naming) its codes.
        blocks: list[_Cover] = []
        open_blocks: list[tuple[Directive, set[str]]] = []
        for directive, codes in sorted(
            ((d, c) for d, c in resolved if d.kind in ("disable", "enable")), key=lambda pair: (pair[0].line, pair[0].column)
        ):
            if directive.kind == "disable":
                open_blocks.append((directive, set(codes)))
                continue
            closing = codes if directive.selectors else None
            still_open: list[tuple[Directive, set[str]]] = []
            for opened, open_codes in open_blocks:
                ended = open_codes if closing is None else open_codes & closing
                if ended:
                    blocks.append(_Cover(opened, "block", frozenset(ended), opened.line, directive.line, label=_describe(opened)))
                rest = set() if closing is None else open_codes - closing
                if rest:
                    still_open.append((opened, rest))
            open_blocks = still_open
        self.unclosed = [DirectiveProblem("unclosed", d, "This 'disable' is never closed by a matching 'enable'") for d, _ in open_blocks]
        blocks += [_Cover(d, "block", frozenset(codes), d.line, label=_describe(d)) for d, codes in open_blocks]
        return blocks

    def filter(self, item: int | None, findings: list[Any]) -> list[Any]:
        """The findings of `item` (None: the whole document) that no directive hides; the hidden
        ones are kept, marked with the directive, for `suppressed`."""
        if not self.covers:
            return findings
        kept = []
        for position, finding in enumerate(findings):
            cover = self._cover(item, finding)
            if cover is None:
                kept.append(finding)
                continue
            cover.hidden += 1
            # the order the findings were hidden in when directives were applied one at a time
            key = (finding.line, finding.column, finding.code, self.rank[id(cover)], -1 if item is None else item, position)
            self.suppressed.append((key, _marked(finding, cover.label)))
        return kept

    def _cover(self, item: int | None, finding: Any) -> _Cover | None:
        code, line = finding.code, finding.line
        for cover in self.covers:
            if code not in cover.codes:
                continue
            if cover.kind == "block":
                if cover.start <= line < cover.end:
                    return cover
            elif cover.kind == "file-ignore" or cover.item == item:
                return cover
        return None

    def outcome(self) -> SuppressionOutcome:
        """What was hidden (in document order) and the directives to report."""
        problems = list(self.early_problems) + list(self.unclosed)
        for cover in self.others:
            directive = cover.directive
            if cover.kind == "ignore":
                if cover.item is None:
                    problems.append(DirectiveProblem("unused", directive, "This ignore directive is next to no recommendation"))
                elif not cover.hidden:
                    problems.append(DirectiveProblem("unused", directive, f"Nothing here needed '{cover.label}'"))
            elif not cover.hidden:
                problems.append(DirectiveProblem("unused", directive, f"Nothing in this file needed '{cover.label}'"))
        for cover in self.blocks:
            if not cover.hidden:
                problems.append(DirectiveProblem("unused", cover.directive, f"Nothing in this block needed '{cover.label}'"))
        suppressed = [finding for _, finding in sorted(self.suppressed, key=lambda pair: pair[0])]
        return SuppressionOutcome(suppressed, problems)


def _marked(finding: Any, label: str) -> Any:
    return replace(finding, suppressed_by=label)  # the engine's findings are records (smartlint.records)
