"""The pipeline: document -> rules -> enriched findings -> suppression -> FileResult.

Rules yield small Violations; the engine adds code, name, severity, quote and position, so
rules never deal with files, formats or configuration.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import field
from datetime import date
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import regex

from smartlint.config import Config
from smartlint.document import Directive, Document, Item
from smartlint.errors import ConfigError
from smartlint.file_records import FileRecord, FileSummaryRecord, FindingCounts, SpooledRecommendations, to_model
from smartlint.meta_rules import DIRECTIVE_RULES, PatternTimeout, pattern_rule
from smartlint.records import (AssessmentRecord, FindingRecord, RecommendationRecord, SpanRecord, pack, pack_assessment,
                               pack_finding, pack_profile, position_key)
from smartlint.registry import Registry, build_registry, default_registry
from smartlint.rule import DocContext, RecContext, Rule, RuleMeta, RulePack, Settings, Violation
from smartlint.selection import codes_for, resolve, select_rules
from smartlint.slotted import Record, described_with_slots
from smartlint.spool import Spool
from smartlint.suppression import Suppressor
from smartlint.vocabulary import SMART_CRITERIA, Severity

if TYPE_CHECKING:
    from smartlint.models import FileResult

ASSESSED = ("owner", "timescale", "measurable", "specific", "evidence")  # _check_items_packed names them too


@described_with_slots
class Overrides(Record):
    """Command-line settings that take precedence over the configuration file."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    today: date | None = None
    no_suppress: bool = False
    require_plugins: list[str] = field(default_factory=list)

    def __init__(self, select: list[str] | None = None, extend_select: list[str] | None = None,
                 ignore: list[str] | None = None, fail_on: str | None = None, today: date | None = None,
                 no_suppress: bool = False, require_plugins: list[str] | None = None) -> None:
        self.select = select
        self.extend_select: list[str] = [] if extend_select is None else extend_select
        self.ignore: list[str] = [] if ignore is None else ignore
        self.fail_on = fail_on
        self.today = today
        self.no_suppress = no_suppress
        self.require_plugins: list[str] = [] if require_plugins is None else require_plugins


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
        """The library's result: pydantic models throughout."""
        return to_model(self.check_document(document))

    def check_document(self, document: Document) -> FileRecord:
        """The file's results as light records, its recommendations spooled (see file_records):
        each recommendation's findings and summary are built, suppressed and put away as soon as
        its item rules have run, and its analyses released, so memory does not grow with the
        document beyond what the whole-document rules read."""
        active = self.active_codes(document.path)
        item_rules = [(self.rules[c], self.rules[c].meta) for c in self.rules if c in active and self.rules[c].meta.scope == "item"]
        doc_rules = [self.rules[c] for c in self.rules if c in active and self.rules[c].meta.scope == "document"]
        doc_ctx = DocContext(document, self.settings, self.registry.analyzers)
        directives = [] if self.no_suppress else document.directives
        learning = {d.item: (d.reason or "") for d in directives if d.kind == "learning-point" and d.item is not None}
        items = {item.index: item for item in document.items}
        suppressor = Suppressor(directives, self.metas, lambda d: d.item in items)
        counts = FindingCounts()
        notes = list(document.notes)
        # computed before each release when the document rules may read them (one recommendation:
        # they seldom do, and would compute them then)
        several = len(doc_ctx.recommendations) > 1
        kept_analyses = [name for name in KEPT_ANALYSES if name in self.registry.analyzers] if doc_rules and several else []
        shared_profiles: dict[Any, Any] = {}

        if doc_rules or self.has_relevance:
            for name in EARLY_ANALYSES:
                if name in self.registry.analyzers:
                    doc_ctx.analysis(name)

        # per rule, once: its check, whether a learning point exempts it, and what every finding
        # of it shares
        plan = [(rule.check, self._shared_fields(meta)) for rule, meta in item_rules]
        exempt_plan = [step for step, (_, meta) in zip(plan, item_rules) if meta.criterion not in SMART_CRITERIA]
        spool = Spool()
        if suppressor.covers or self.records_only:
            self._check_items(doc_ctx, plan, exempt_plan, learning, suppressor, counts, notes, spool, kept_analyses,
                              shared_profiles)
        else:  # nothing to suppress: findings go straight to the spool's tuples
            self._check_items_packed(doc_ctx, plan, exempt_plan, learning, counts, notes, spool, kept_analyses,
                                     shared_profiles)

        doc_found: dict[int | None, list[FindingRecord]] = {None: []}
        for rule in doc_rules:
            meta = rule.meta
            for violation in rule.check_document(doc_ctx):
                item = items.get(violation.item) if violation.item is not None else None
                if item is not None and item.index in learning and meta.criterion in SMART_CRITERIA:
                    continue
                doc_found.setdefault(item.index if item else None, []).append(self._finding(meta, violation, item, document))
        whole = suppressor.filter(None, doc_found.pop(None))
        extra = {}
        for index in sorted(doc_found):  # the order suppression saw them in: by recommendation
            extra[index] = suppressor.filter(index, doc_found[index])
            counts.add(extra[index])
        outcome = suppressor.outcome()
        for problem in outcome.problems:
            code = DIRECTIVE_RULES[problem.kind]
            if code in active:
                whole.append(self._directive_finding(self.metas[code], problem.message, problem.directive))
        whole.sort(key=position_key)
        counts.add(whole)

        relevance = doc_ctx.analysis("document:relevance") if self.has_relevance else None
        # The contexts and their document refer to each other: without this, the whole parsed
        # document would wait for a full garbage collection, while the output is written.
        doc_ctx.recommendations.clear()
        if not document.items and not notes:
            notes.append("no recommendations found")
        summary = FileSummaryRecord(
            recommendations=len(spool),
            findings=counts.total,
            by_severity=counts.ordered("s"),
            by_criterion=counts.ordered("c"),
            suppressed=len(outcome.suppressed),
        )
        return FileRecord(
            path=document.path,
            format=document.format,
            document_date=document.date,
            recommendations=SpooledRecommendations(spool, extra),
            findings=whole,
            suppressed=outcome.suppressed,
            relevance=relevance,
            notes=notes,
            summary=summary,
            counts=counts,
        )

    # Tests set this to check every document by _check_items, the records' path, which the
    # packed path must match (tests/test_fast_paths_engine.py).
    records_only = False

    def _check_items(self, doc_ctx: DocContext, plan: list[tuple[Any, tuple[Any, ...]]],
                     exempt_plan: list[tuple[Any, tuple[Any, ...]]], learning: dict[int, str], suppressor: Suppressor,
                     counts: FindingCounts, notes: list[str], spool: Spool, kept_analyses: list[str],
                     shared_profiles: dict[Any, Any]) -> None:
        """Each recommendation's item rules, findings as records (the suppressor reads and marks
        them), its packed result put in the spool, its analyses released."""
        document = doc_ctx.document
        item_finding = self._item_finding
        suppress = suppressor.filter
        for rec in doc_ctx.recommendations:
            item = rec.item
            index = item.index
            found: list[FindingRecord] = []
            ref_for = getattr(item, "ref_for", None)  # action-plan rows point at the cell concerned
            for check, shared in exempt_plan if index in learning else plan:
                try:
                    for violation in check(rec):
                        found.append(item_finding(shared, violation, item, document, ref_for))
                except PatternTimeout as exc:
                    notes.append(str(exc))
            kept = suppress(index, found)
            if len(kept) > 1:
                kept.sort(key=_POSITION)
            if kept:
                counts.add(kept)
            spool.append(pack(self._recommendation(rec, document, learning.get(index), kept)))
            for name in kept_analyses:  # what the document rules read, computed before the release
                rec.analysis(name)
            _release(rec, shared_profiles)

    def _check_items_packed(self, doc_ctx: DocContext, plan: list[tuple[Any, tuple[Any, ...]]],
                            exempt_plan: list[tuple[Any, tuple[Any, ...]]], learning: dict[int, str],
                            counts: FindingCounts, notes: list[str], spool: Spool, kept_analyses: list[str],
                            shared_profiles: dict[Any, Any]) -> None:
        """_check_items when nothing can be suppressed: each finding is made as the tuple
        records.pack_finding would make of its record, and the recommendation as records.pack
        would make of _recommendation's record (tests/test_fast_paths_engine.py compares the
        spools). A recommendation on one line of the source, copied in one piece, has its
        findings' columns by addition; any other, or a cell reference, takes the general path."""
        document = doc_ctx.document
        position = document.position
        item_finding = self._item_finding
        packed_plan = [(check, (*shared[:2], shared[2].value, shared[3].value, *shared[4:6])) for check, shared in plan]
        packed_exempt = [(check, (*shared[:2], shared[2].value, shared[3].value, *shared[4:6])) for check, shared in exempt_plan]
        general = {id(check): shared for check, shared in plan}
        has_assessment, has_profile = self.has_assessment, self.has_profile
        for rec in doc_ctx.recommendations:
            item = rec.item
            index = item.index
            text = item.text
            size = len(text)
            pieces = item.pieces
            line, column = position(item.source_offset(0))
            end_line = position(item.source_offset(max(size - 1, 0)))[0]
            ref_for = getattr(item, "ref_for", None)
            # findings' columns by addition: one piece, one line, no cell references
            by_addition = len(pieces) == 1 and end_line == line and ref_for is None
            rec_id = item.id
            ref = item.ref
            found: list[tuple] = []
            for check, shared in packed_exempt if index in learning else packed_plan:
                try:
                    for violation in check(rec):
                        start = violation.start
                        if by_addition and start is not None and 0 <= start < size:
                            end = violation.end
                            if end is None:
                                end = start
                            elif end > size:
                                end = size
                            code, name, criterion, severity, summary, fix = shared
                            if end > start:
                                found.append((code, name, criterion, severity, violation.message or summary,
                                              text[start:end], (start, end), violation.suggestion or fix, rec_id,
                                              line, column + start, ref, None))
                            else:
                                found.append((code, name, criterion, severity, violation.message or summary, None,
                                              None, violation.suggestion or fix, rec_id, line, column + start, ref,
                                              None))
                        elif by_addition and start is None:
                            code, name, criterion, severity, summary, fix = shared
                            found.append((code, name, criterion, severity, violation.message or summary, None, None,
                                          violation.suggestion or fix, rec_id, line, column, ref, None))
                        else:
                            found.append(pack_finding(item_finding(general[id(check)], violation, item, document,
                                                                   ref_for)))
                except PatternTimeout as exc:
                    notes.append(str(exc))
            if found:
                if len(found) > 1:
                    found.sort(key=_PACKED_POSITION)
                counts.add_packed(found)
            analysis = rec.analysis
            spool.append((
                rec_id, index, text, line, column, end_line, ref, learning.get(index),
                pack_assessment(analysis("owner"), analysis("timescale"), analysis("measurable"), analysis("specific"),
                                analysis("evidence")) if has_assessment else None,  # ASSESSED, in its order
                pack_profile(analysis("profile")) if has_profile else None,
                found,
            ))
            for name in kept_analyses:  # what the document rules read, computed before the release
                rec.analysis(name)
            _release(rec, shared_profiles)

    def _recommendation(self, rec: RecContext, document: Document, learning_point: str | None,
                        findings: list[FindingRecord]) -> RecommendationRecord:
        item = rec.item
        start = item.source_offset(0)
        end = item.source_offset(max(len(item.text) - 1, 0))
        line, column = document.position(start)
        return RecommendationRecord(
            id=item.id,
            index=item.index,
            text=item.text,
            line=line,
            column=column,
            end_line=document.position(end)[0],
            ref=item.ref,
            learning_point=learning_point,
            assessment=self._assess(rec) if self.has_assessment else None,
            profile=rec.analysis("profile") if self.has_profile else None,
            findings=findings,
        )

    def _assess(self, rec: RecContext) -> AssessmentRecord:
        return AssessmentRecord.build(*(rec.analysis(name) for name in ASSESSED))

    def _shared_fields(self, meta: RuleMeta) -> tuple[Any, ...]:
        """What every finding of a rule shares: code, name, criterion, severity (as configured),
        default message and suggestion, and the criterion's name (for action-plan cells)."""
        return (meta.code, meta.name, meta.criterion, self.severity_of(meta), meta.summary, meta.fix, str(meta.criterion))

    @staticmethod
    def _item_finding(shared: tuple[Any, ...], violation: Violation, item: Item, document: Document,
                      ref_for: Any) -> FindingRecord:
        """_finding for an item rule's violation, with what the rule's findings share worked out once."""
        code, name, criterion, severity, summary, fix, criterion_name = shared
        quote = span = None
        start = violation.start
        if start is None:
            start = 0
        else:
            end = violation.end
            if end is None:
                end = start
            if start < 0:
                start = 0
            text = item.text
            if end > len(text):
                end = len(text)
            if end > start:
                quote = text[start:end]
                span = SpanRecord(start, end)
        line, column = document.position(item.source_offset(start))
        ref = item.ref
        if ref_for is not None:
            ref = ref_for(criterion_name, start if span is not None else None)
        return FindingRecord(code, name, criterion, severity, violation.message or summary, quote, span,
                             violation.suggestion or fix, item.id, line, column, ref)

    def _finding(self, meta: RuleMeta, violation: Violation, item: Item | None, document: Document) -> FindingRecord:
        if item is not None:
            return self._item_finding(self._shared_fields(meta), violation, item, document, getattr(item, "ref_for", None))
        return FindingRecord(meta.code, meta.name, meta.criterion, self.severity_of(meta), violation.message or meta.summary,
                             None, None, violation.suggestion or meta.fix, None, violation.line or 1, 1, None)

    def _directive_finding(self, meta: RuleMeta, message: str, directive: Directive) -> FindingRecord:
        return FindingRecord(meta.code, meta.name, meta.criterion, self.severity_of(meta), message,
                             directive.raw.strip() or None, None, meta.fix, None, directive.line, directive.column, None)


# Whole-document analyses that read only the document, computed before the recommendations are
# checked: the review's findings are parsed from a copy of the source split into lines, which
# then reuses the memory the reader has just freed instead of adding to the peak at the end.
EARLY_ANALYSES = ("document:review-findings",)

# Analyses the whole-document rules read after the item rules have run (rules/document.py):
# small, and computed for every recommendation before its cache is released.
KEPT_ANALYSES = ("profile", "duplicates.key")
_ABSENT = object()


_POSITION = attrgetter("line", "column", "code")  # records.position_key, read in C
_PACKED_POSITION = itemgetter(9, 10, 0)  # the same of a packed finding (records.pack_finding)


class KeptProfile(NamedTuple):
    """A recommendation's profile as the document rules read it once its analyses are released:
    a tuple, so equal ones are shared (the full profile is in its result)."""

    themes: tuple[str, ...]
    remedy: str | None
    agencies: tuple[str, ...]


class _ReleasedCache:
    """A released recommendation's analysis cache: the kept analyses in slots (a dict per
    recommendation would cost more than they do), and anything recomputed later in a dict."""

    __slots__ = ("profile", "key", "more")

    def __init__(self, profile: Any, key: Any) -> None:
        self.profile = profile
        self.key = key
        self.more: dict[str, Any] | None = None

    def __getitem__(self, name: str) -> Any:
        if name == "profile" and self.profile is not _ABSENT:
            return self.profile
        if name == "duplicates.key" and self.key is not _ABSENT:
            return self.key
        if self.more is None:
            raise KeyError(name)
        return self.more[name]

    def __setitem__(self, name: str, value: Any) -> None:
        if self.more is None:
            self.more = {}
        self.more[name] = value


def _release(rec: RecContext, shared: dict[Any, Any]) -> None:
    """Drop a recommendation's analyses once its findings and summary are built, keeping the
    small ones the document rules read (equal profiles shared through `shared`): holding every
    parse until the file ends would make memory grow with the document. Anything dropped is
    recomputed if asked for again."""
    cache = rec._cache
    profile = cache.get("profile", _ABSENT)
    if profile is not _ABSENT and hasattr(profile, "themes"):
        kept = KeptProfile(tuple(profile.themes), profile.remedy, tuple(profile.agencies))
        profile = shared.setdefault(kept, kept)
    rec._cache = _ReleasedCache(profile, cache.get("duplicates.key", _ABSENT))  # type: ignore[assignment]


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return Path(path).as_posix()


def _closest(key: str, metas: dict[str, RuleMeta]) -> str:
    import difflib

    close = difflib.get_close_matches(key, [m.name for m in metas.values()], n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def at_or_above(findings: Iterable[Any], fail_on: str) -> bool:
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    present = getattr(findings, "severities", None)  # file_records.AllFindings knows without reading them
    if present is not None:
        return any(Severity(s).rank >= threshold for s in present)
    return any(Severity(f.severity).rank >= threshold for f in findings)
