"""The pipeline: document -> rules -> enriched findings -> suppression -> FileResult.

Rules yield small Violations; the engine adds code, name, severity, quote and position, so
rules never deal with files, formats or configuration.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import regex

from smartlint.config import Config
from smartlint.document import Directive, Document, Item
from smartlint.errors import ConfigError
from smartlint.meta_rules import DIRECTIVE_RULES, PatternTimeout, pattern_rule
from smartlint.models import (
    SMART_CRITERIA,
    Assessment,
    FileResult,
    FileSummary,
    Finding,
    Recommendation,
    Severity,
    Span,
    trusted,
)
from smartlint.registry import Registry, build_registry, default_registry
from smartlint.rule import DocContext, RecContext, Rule, RuleMeta, RulePack, Settings, Violation
from smartlint.selection import codes_for, resolve, select_rules
from smartlint.suppression import apply_directives

ASSESSED = ("owner", "timescale", "measurable", "specific", "evidence")


@dataclass(slots=True)
class Overrides:
    """Command-line settings that take precedence over the configuration file."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    today: date | None = None
    no_suppress: bool = False
    require_plugins: list[str] = field(default_factory=list)


def _glob_regex(pattern: str) -> regex.Pattern[str]:
    """A per-file-ignores glob as a regex: `**` crosses folders, `*` and `?` do not."""
    parts = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            parts.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            parts.append(".*")
            i += 2
        else:
            parts.append({"*": "[^/]*", "?": "[^/]"}.get(pattern[i]) or regex.escape(pattern[i]))
            i += 1
    return regex.compile("".join(parts) + r"\Z")


class Linter:
    """Lints documents with one resolved configuration."""

    def __init__(self, config: Config | None = None, overrides: Overrides | None = None,
                 registry: Registry | None = None) -> None:
        self.config = config = config or Config()
        self.overrides = overrides = overrides or Overrides()
        require = [*config.require_plugins, *overrides.require_plugins]
        if registry is None:
            if config.patterns or require:
                packs = [RulePack("config", rules=lambda: [pattern_rule(p) for p in config.patterns])]
                try:
                    registry = build_registry(extra_packs=packs, require=require)
                except ConfigError as exc:
                    raise ConfigError(f"{config.source or 'configuration'}: {exc}") from None
            else:
                registry = default_registry()
        self.registry = registry
        self.metas: dict[str, RuleMeta] = {code: rule.meta for code, rule in registry.rules.items()}
        where = config.source or "configuration"
        try:
            select = overrides.select if overrides.select is not None else config.select
            self.enabled = select_rules(
                self.metas,
                select,
                [*config.extend_select, *overrides.extend_select],
                [*config.ignore, *overrides.ignore],
            )
            self.severity = self._severity_overrides(config)
            self.per_file = [(_glob_regex(glob), codes_for(sel, self.metas)) for glob, sel in config.per_file_ignores.items()]
        except ConfigError as exc:
            raise ConfigError(f"{where}: {exc}") from None
        self.rules = self._instantiate(config, where)
        self.fail_on = overrides.fail_on or config.fail_on
        self.no_suppress = overrides.no_suppress or config.no_suppress
        self.settings = Settings(
            today=date.today(),
            document_date=overrides.today or config.document_date,
            lexicons={"owners": frozenset(name.lower() for name in config.lexicons.owners)},
        )
        self.has_assessment = all(name in registry.analyzers for name in ASSESSED)
        self.has_profile = "profile" in registry.analyzers
        self.has_relevance = "document:relevance" in registry.analyzers

    def _severity_overrides(self, config: Config) -> dict[str, Severity]:
        ranked: dict[str, tuple[int, Severity]] = {}
        for selector, severity in config.severity.items():
            specificity, codes = resolve(selector, self.metas)
            for code in codes:
                if code not in ranked or specificity >= ranked[code][0]:
                    ranked[code] = (specificity, severity)
        return {code: severity for code, (_, severity) in ranked.items()}

    def _instantiate(self, config: Config, where: str) -> dict[str, Rule]:
        options: dict[str, dict[str, Any]] = {}
        for key, values in config.rules.items():
            rule = self.registry.lookup(key)
            if rule is None:
                raise ConfigError(f"{where}: [rules.{key}] names no rule{_closest(key, self.metas)}")
            options[rule.meta.code] = values
        instances: dict[str, Rule] = {}
        for code, rule in self.registry.rules.items():
            raw = options.get(code)
            if raw is None:
                instances[code] = rule()
                continue
            from pydantic import ValidationError

            try:
                instances[code] = rule(rule.Options.model_validate(raw))
            except ValidationError as exc:
                err = exc.errors()[0]
                key = ".".join(str(p) for p in err["loc"])
                what = "unknown option" if err["type"] == "extra_forbidden" else f"invalid option ({err['msg']})"
                raise ConfigError(f"{where}: {what} '{key}' for rule {code} ({rule.meta.name})") from None
        return instances

    def active_codes(self, path: str) -> set[str]:
        codes = set(self.enabled)
        if self.per_file:
            rel = _relative(path, self.config.root)
            for pattern, ignored in self.per_file:
                if pattern.match(rel) or pattern.match(posixpath.basename(rel)):
                    codes -= ignored
        return codes

    def severity_of(self, meta: RuleMeta) -> Severity:
        return self.severity.get(meta.code, meta.severity)

    def lint_document(self, document: Document) -> FileResult:
        active = self.active_codes(document.path)
        item_rules = [(self.rules[c], self.rules[c].meta) for c in self.rules if c in active and self.rules[c].meta.scope == "item"]
        doc_rules = [self.rules[c] for c in self.rules if c in active and self.rules[c].meta.scope == "document"]
        doc_ctx = DocContext(document, self.settings, self.registry.analyzers)
        directives = [] if self.no_suppress else document.directives
        learning = {d.item: (d.reason or "") for d in directives if d.kind == "learning-point" and d.item is not None}
        by_item: dict[int | None, list[Finding]] = {None: []}
        notes = list(document.notes)

        # What each recommendation contributes besides its findings, built as soon as its item rules
        # have run so its analysis cache can be released (only the profile outlives it).
        summaries: list[tuple[Assessment | None, Any]] = []
        for rec in doc_ctx.recommendations:
            found: list[Finding] = []
            exempt = rec.item.index in learning
            for rule, meta in item_rules:
                if exempt and meta.criterion in SMART_CRITERIA:
                    continue
                try:
                    for violation in rule.check(rec):
                        found.append(self._finding(meta, violation, rec.item, document))
                except PatternTimeout as exc:
                    notes.append(str(exc))
            by_item[rec.item.index] = found
            summaries.append((
                self._assess(rec) if self.has_assessment else None,
                rec.analysis("profile") if self.has_profile else None,
            ))
            _release(rec)

        items = {item.index: item for item in document.items}
        for rule in doc_rules:
            meta = rule.meta
            for violation in rule.check_document(doc_ctx):
                item = items.get(violation.item) if violation.item is not None else None
                if item is not None and item.index in learning and meta.criterion in SMART_CRITERIA:
                    continue
                target = by_item.setdefault(item.index if item else None, [])
                target.append(self._finding(meta, violation, item, document))

        outcome = apply_directives(directives, by_item, self.metas, lambda d: d.item in items)
        for problem in outcome.problems:
            code = DIRECTIVE_RULES[problem.kind]
            if code in active:
                directive = problem.directive
                by_item[None].append(self._directive_finding(self.metas[code], problem.message, directive))

        recommendations = []
        for rec, (assessment, profile) in zip(doc_ctx.recommendations, summaries):
            item = rec.item
            start = item.source_offset(0)
            end = item.source_offset(max(len(item.text) - 1, 0))
            line, column = document.position(start)
            recommendations.append(
                trusted(
                    Recommendation,
                    id=item.id,
                    index=item.index,
                    text=item.text,
                    line=line,
                    column=column,
                    end_line=document.position(end)[0],
                    ref=item.ref,
                    learning_point=learning.get(item.index),
                    assessment=assessment,
                    profile=profile,
                    findings=sorted(by_item.get(item.index, []), key=_position_key),
                )
            )
        if not document.items and not notes:
            notes.append("no recommendations found")
        result = FileResult.model_construct(
            path=document.path,
            format=document.format,
            document_date=document.date,
            recommendations=recommendations,
            findings=sorted(by_item[None], key=_position_key),
            suppressed=sorted(outcome.suppressed, key=_position_key),
            relevance=doc_ctx.analysis("document:relevance") if self.has_relevance else None,
            notes=notes,
        )
        result.summary = summarise(result)
        return result

    def _assess(self, rec: RecContext) -> Assessment:
        return Assessment.build(*(rec.analysis(name) for name in ASSESSED))

    def _finding(self, meta: RuleMeta, violation: Violation, item: Item | None, document: Document) -> Finding:
        quote = span = None
        if item is None:
            line, column = violation.line or 1, 1
        else:
            start = 0
            if violation.start is not None:
                end = violation.end if violation.end is not None else violation.start
                start, end = max(0, violation.start), min(len(item.text), end)
                if end > start:
                    quote = item.text[start:end]
                    span = trusted(Span, start=start, end=end)
            line, column = document.position(item.source_offset(start))
        ref = item.ref if item is not None else None
        ref_for = getattr(item, "ref_for", None)  # action-plan rows point at the cell concerned
        if ref_for is not None:
            ref = ref_for(str(meta.criterion), start if span is not None else None)
        return trusted(
            Finding,
            code=meta.code,
            name=meta.name,
            criterion=meta.criterion,
            severity=self.severity_of(meta),
            message=violation.message or meta.summary,
            quote=quote,
            span=span,
            suggestion=violation.suggestion or meta.fix,
            recommendation_id=item.id if item is not None else None,
            line=line,
            column=column,
            ref=ref,
            suppressed_by=None,
        )

    def _directive_finding(self, meta: RuleMeta, message: str, directive: Directive) -> Finding:
        return trusted(
            Finding,
            code=meta.code,
            name=meta.name,
            criterion=meta.criterion,
            severity=self.severity_of(meta),
            message=message,
            quote=directive.raw.strip() or None,
            span=None,
            suggestion=meta.fix,
            recommendation_id=None,
            line=directive.line,
            column=directive.column,
            ref=None,
            suppressed_by=None,
        )


# Analyses the whole-document rules read after the item rules have run (rules/document.py).
KEPT_ANALYSES = ("profile", "profile.detail")


def _release(rec: RecContext) -> None:
    """Drop a recommendation's analyses once its findings and summary are built, keeping the
    small ones the document rules read: holding every parse until the file ends would make
    memory grow with the document. Anything dropped is recomputed if asked for again."""
    cache = rec._cache
    kept = {name: cache[name] for name in KEPT_ANALYSES if name in cache}
    cache.clear()
    cache.update(kept)


def _position_key(finding: Finding) -> tuple[int, int, str]:
    return finding.line, finding.column, finding.code


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return Path(path).as_posix()


def _closest(key: str, metas: dict[str, RuleMeta]) -> str:
    import difflib

    close = difflib.get_close_matches(key, [m.name for m in metas.values()], n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def summarise(result: FileResult) -> FileSummary:
    findings = result.all_findings()
    return FileSummary.model_construct(
        recommendations=len(result.recommendations),
        findings=len(findings),
        by_severity=dict(Counter(str(f.severity) for f in findings)),
        by_criterion=dict(Counter(str(f.criterion) for f in findings)),
        suppressed=len(result.suppressed),
    )


def at_or_above(findings: Iterable[Finding], fail_on: str) -> bool:
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(Severity(f.severity).rank >= threshold for f in findings)
