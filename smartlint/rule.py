"""The contract between the engine and rule packs (built-in or third-party).

A rule is small: it looks at one recommendation (or the whole document) and yields
`Violation`s, a span and an optional message and suggestion. The engine adds the code, name,
severity, quote and position. Analyses that several rules share (who the owner is, what the
deadline is) are *analyzers*: functions a pack registers by name, run at most once per
recommendation and cached on its context. The analyzers named after the SMART criteria
("owner", "timescale", "measurable", "specific", "evidence") also fill the assessment;
"profile" (a records.Profile) fills each recommendation's profile, and the document analyzer
"document:relevance" (a records.Relevance, given the DocContext) fills the file's relevance map.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, ClassVar, Literal, NamedTuple

import regex

from smartlint.document import Document, Item
from smartlint.options import NoOptions, RuleOptions, option  # noqa: F401  (part of the contract packs import)
from smartlint.slotted import FrozenRecord, described_keywords
from smartlint.vocabulary import Criterion, Severity

CODE_PATTERN = r"^[A-Z]{2}\d{3}$"
NAME_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
_CODE = re.compile(CODE_PATTERN)
_NAME = re.compile(NAME_PATTERN)
SCOPES = ("item", "document")


@described_keywords
class RuleMeta(FrozenRecord):
    """A rule's identity and documentation. Checked when built (a pack with a malformed rule
    fails to load, with a one-line reason); a plain frozen dataclass, so that loading the rules
    does not need pydantic, with its methods written out (smartlint.slotted), so that defining it
    compiles nothing. Its fields are keyword-only.

    code: two capital letters and three digits; name: kebab-case; summary: one line, shown in
    `smartlint rules`; rationale: why it matters, citing its source; fix: how to fix it, in plain
    words; bad / good: recommendations the rule must flag / pass (executed by the tests)."""

    code: str
    name: str
    criterion: Criterion
    severity: Severity = Severity.WARNING
    summary: str
    rationale: str
    fix: str
    bad: tuple[str, ...]
    good: tuple[str, ...]
    scope: Literal["item", "document"] = "item"
    enabled_by_default: bool = True
    aliases: tuple[str, ...] = ()

    def __init__(self, *, code: str, name: str, criterion: Criterion, severity: Severity = Severity.WARNING,
                 summary: str, rationale: str, fix: str, bad: tuple[str, ...], good: tuple[str, ...],
                 scope: Literal["item", "document"] = "item", enabled_by_default: bool = True,
                 aliases: tuple[str, ...] = ()) -> None:
        put = object.__setattr__
        put(self, "code", code)
        put(self, "name", name)
        put(self, "criterion", criterion)
        put(self, "severity", severity)
        put(self, "summary", summary)
        put(self, "rationale", rationale)
        put(self, "fix", fix)
        put(self, "bad", bad)
        put(self, "good", good)
        put(self, "scope", scope)
        put(self, "enabled_by_default", enabled_by_default)
        put(self, "aliases", aliases)
        self.__post_init__()

    def __post_init__(self) -> None:
        if not isinstance(self.code, str) or not _CODE.fullmatch(self.code):
            raise ValueError(f"rule code {self.code!r} is not two capital letters and three digits")
        if not isinstance(self.name, str) or not _NAME.fullmatch(self.name):
            raise ValueError(f"rule name {self.name!r} is not kebab-case")
        for name in ("summary", "rationale", "fix"):
            if not isinstance(getattr(self, name), str):
                raise ValueError(f"rule {self.code}: {name} must be text")
        summary = self.summary.strip()
        if "\n" in summary:
            raise ValueError(f"rule {self.code}: summary must be one line")
        if self.scope not in SCOPES:
            raise ValueError(f"rule {self.code}: scope must be 'item' or 'document', not {self.scope!r}")
        put = object.__setattr__  # frozen: normalise the values given once, here
        put(self, "summary", summary)
        put(self, "criterion", Criterion(self.criterion))
        put(self, "severity", Severity(self.severity))
        put(self, "enabled_by_default", bool(self.enabled_by_default))
        for name in ("bad", "good", "aliases"):
            values = getattr(self, name)
            if isinstance(values, str) or not all(isinstance(v, str) for v in values):
                raise ValueError(f"rule {self.code}: {name} must be a sequence of text")
            put(self, name, tuple(values))

    def as_json(self) -> dict[str, Any]:
        """The fields as JSON values, in declaration order (`smartlint rules --format json`)."""
        return {
            "code": self.code,
            "name": self.name,
            "criterion": self.criterion.value,
            "severity": self.severity.value,
            "summary": self.summary,
            "rationale": self.rationale,
            "fix": self.fix,
            "bad": list(self.bad),
            "good": list(self.good),
            "scope": self.scope,
            "enabled_by_default": self.enabled_by_default,
            "aliases": list(self.aliases),
        }


class Violation(NamedTuple):
    """What a rule reports. Offsets are in the recommendation's text; None means the whole item.

    Document-scope rules set `item` to the 1-based index of the recommendation concerned, or
    leave it None for a finding about the whole document, optionally at a source `line`.
    """

    start: int | None = None
    end: int | None = None
    message: str | None = None
    suggestion: str | None = None
    item: int | None = None
    line: int | None = None


class Settings(NamedTuple):
    """Run-wide facts rules may read."""

    today: date
    document_date: date | None = None  # from config or --today; else the document's own date
    lexicons: Mapping[str, frozenset[str]] = MappingProxyType({})  # user word lists from config

    def reference_date(self, document: Document | None = None) -> date:
        """The date deadlines are measured from: configured, else stated in the document, else today."""
        if self.document_date is not None:
            return self.document_date
        if document is not None and document.date is not None:
            return document.date
        return self.today


Analyzer = Callable[["RecContext"], Any]


class RecContext:
    """One recommendation as a rule sees it; analyses are computed once and shared."""

    __slots__ = ("item", "doc", "_cache")

    def __init__(self, item: Item, doc: DocContext) -> None:
        self.item = item
        self.doc = doc
        self._cache: dict[str, Any] = {}

    @property
    def text(self) -> str:
        return self.item.text

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def settings(self) -> Settings:
        return self.doc.settings

    @property
    def reference_date(self) -> date:
        return self.doc.reference_date

    def analysis(self, name: str) -> Any:
        """The result of the analyzer registered under `name`, computed once per recommendation."""
        try:
            return self._cache[name]
        except KeyError:
            pass
        analyzer = self.doc.analyzers.get(name)
        if analyzer is None:
            raise KeyError(f"no analyzer named {name!r} is registered")
        result = self._cache[name] = analyzer(self)
        return result


class DocContext:
    """The whole document as a document-scope rule sees it."""

    __slots__ = ("document", "settings", "analyzers", "recommendations", "reference_date", "_cache")

    def __init__(self, document: Document, settings: Settings, analyzers: Mapping[str, Analyzer]) -> None:
        self.document = document
        self.settings = settings
        self.analyzers = analyzers
        self.reference_date = settings.reference_date(document)
        self.recommendations = [RecContext(item, self) for item in document.items]
        self._cache: dict[str, Any] = {}

    def analysis(self, name: str) -> Any:
        """A whole-document analysis (analyzer names starting "document:"), computed once."""
        try:
            return self._cache[name]
        except KeyError:
            pass
        analyzer = self.analyzers.get(name)
        if analyzer is None:
            raise KeyError(f"no analyzer named {name!r} is registered")
        result = self._cache[name] = analyzer(self)  # type: ignore[arg-type]
        return result


class Rule:
    """Base class for rules. Subclasses set `meta` and override `check` or `check_document`.

    Put the rule's documentation in `meta` (summary, rationale with its source, how to fix,
    bad and good examples); the test suite runs the examples through the whole engine.
    """

    meta: ClassVar[RuleMeta]
    # a RuleOptions subclass (a pydantic model with `model_validate` also works)
    Options: ClassVar[type[Any]] = NoOptions

    def __init__(self, options: Any = None) -> None:
        self.options = options if options is not None else self.Options()

    def check(self, rec: RecContext) -> Iterable[Violation]:
        return ()

    def check_document(self, doc: DocContext) -> Iterable[Violation]:
        return ()


class RulePack(NamedTuple):
    """What a `smartlint.rules` entry point names. `rules` and `analyzers` are callables so a
    pack's modules are imported only when the pack is used."""

    name: str
    rules: Callable[[], Iterable[type[Rule]]]
    analyzers: Callable[[], Mapping[str, Analyzer]] = dict
    description: str = ""


def longest_first(term: str) -> tuple[int, str]:
    """Sort key for the alternatives of a pattern: longer first, then alphabetical, so that the
    pattern's text is the same in every process (sets iterate in a per-process order), which lets
    its compiled program be cached between runs (smartlint.patterncache)."""
    return -len(term), term


def compile_terms(terms: Iterable[str], *, flags: int = regex.IGNORECASE) -> regex.Pattern[str]:
    """One pattern matching any of `terms` as whole words, using regex's named lists."""
    words = sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True)
    return regex.compile(r"(?<!\w)\L<terms>(?!\w)", flags | regex.V0, terms=words)
