"""Applies `smartlint:` directives to findings after the rules have run.

One grammar for every format (parsed in smartlint.directives); this module decides what each
directive hides and reports directives that hide nothing, never close, or cannot be read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from smartlint.document import Directive
from smartlint.errors import ConfigError
from smartlint.models import Finding
from smartlint.rule import RuleMeta
from smartlint.selection import codes_for


@dataclass(slots=True)
class DirectiveProblem:
    kind: str  # "unused" | "unclosed" | "invalid"
    directive: Directive
    message: str


@dataclass(slots=True)
class SuppressionOutcome:
    suppressed: list[Finding] = field(default_factory=list)
    problems: list[DirectiveProblem] = field(default_factory=list)


def _describe(directive: Directive) -> str:
    return directive.raw.strip() or f"smartlint: {directive.kind}"


def apply_directives(
    directives: list[Directive],
    findings_by_item: Mapping[int | None, list[Finding]],
    metas: Mapping[str, RuleMeta],
    learning_points_used: Callable[[Directive], bool],
) -> SuppressionOutcome:
    """Remove suppressed findings from `findings_by_item` (in place) and return what was hidden.

    `findings_by_item` maps an item index (None for document-level findings) to its findings.
    """
    outcome = SuppressionOutcome()
    resolved: list[tuple[Directive, frozenset[str]]] = []
    for directive in directives:
        if directive.kind == "invalid":
            outcome.problems.append(DirectiveProblem("invalid", directive, directive.error or "malformed directive"))
            continue
        if directive.kind == "learning-point":
            if not learning_points_used(directive):
                outcome.problems.append(
                    DirectiveProblem("unused", directive, "This learning-point marker is next to no recommendation")
                )
            continue
        try:
            codes = codes_for(directive.selectors, metas) if directive.selectors else frozenset(metas)
        except ConfigError as exc:
            outcome.problems.append(DirectiveProblem("invalid", directive, str(exc)))
            continue
        resolved.append((directive, codes))

    # Block directives: a disable covers lines from itself until an enable naming (or not naming) its codes.
    blocks: list[tuple[Directive, frozenset[str], int]] = []
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
                blocks.append((opened, frozenset(ended), directive.line))
            rest = set() if closing is None else open_codes - closing
            if rest:
                still_open.append((opened, rest))
        open_blocks = still_open
    end_of_file = 1 << 30
    for opened, open_codes in open_blocks:
        blocks.append((opened, frozenset(open_codes), end_of_file))
        outcome.problems.append(
            DirectiveProblem("unclosed", opened, "This 'disable' is never closed by a matching 'enable'")
        )

    used: set[int] = set()
    for directive, codes, end_line in blocks:
        start_line = directive.line
        if _hide(findings_by_item, lambda f, c=codes, s=start_line, e=end_line: f.code in c and s <= f.line < e, directive, outcome):
            used.add(id(directive))

    for directive, codes in resolved:
        if directive.kind == "ignore":
            target = directive.item
            if target is None:
                outcome.problems.append(
                    DirectiveProblem("unused", directive, "This ignore directive is next to no recommendation")
                )
                continue
            only = {target: findings_by_item.get(target, [])}
            hidden = _hide(only, lambda f, c=codes: f.code in c, directive, outcome)
            if target in findings_by_item:
                findings_by_item[target] = only[target]  # type: ignore[index]
            if not hidden:
                outcome.problems.append(
                    DirectiveProblem("unused", directive, f"Nothing here needed '{_describe(directive)}'")
                )
        elif directive.kind == "file-ignore":
            if _hide(findings_by_item, lambda f, c=codes: f.code in c, directive, outcome):
                used.add(id(directive))
            else:
                outcome.problems.append(
                    DirectiveProblem("unused", directive, f"Nothing in this file needed '{_describe(directive)}'")
                )

    for directive, _codes, _end in blocks:
        if id(directive) not in used:
            outcome.problems.append(
                DirectiveProblem("unused", directive, f"Nothing in this block needed '{_describe(directive)}'")
            )
    return outcome


def _hide(
    findings_by_item: Mapping[int | None, list[Finding]] | dict[int, list[Finding]],
    should_hide: Callable[[Finding], bool],
    directive: Directive,
    outcome: SuppressionOutcome,
) -> int:
    """Move the findings `should_hide` picks into `outcome.suppressed`; return how many moved."""
    hidden = 0
    for key, findings in findings_by_item.items():
        kept = []
        for finding in findings:
            if should_hide(finding):
                outcome.suppressed.append(finding.model_copy(update={"suppressed_by": _describe(directive)}))
                hidden += 1
            else:
                kept.append(finding)
        findings_by_item[key] = kept  # type: ignore[index]
    return hidden
