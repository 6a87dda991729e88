"""ACME's rules. Each is a smartlint `Rule` with its documentation in `meta`."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import regex

from smartlint.lexicon import load_lexicon
from smartlint.vocabulary import Criterion, Severity
from smartlint.rule import RecContext, Rule, RuleMeta, RuleOptions, Violation, option

# A run of 2-8 capitals (digits and '&' allowed after the first letter), with an optional
# plural 's': LADO, MASH, CAMHS, LSCBs, A&E.
_ACRONYM = regex.compile(r"(?<![\w&])(?P<acronym>[A-Z][A-Z0-9&]{1,7})(?P<plural>s)?(?![\w&])")
# Where a report spells one out: "Local Authority Designated Officer (LADO)" or "LADO (Local ...)".
_IN_BRACKETS = regex.compile(r"\(\s*([A-Z][A-Z0-9&]{1,7})s?\s*\)")
_BEFORE_BRACKETS = regex.compile(r"(?<![\w&])([A-Z][A-Z0-9&]{1,7})s?\s*\(\s*[A-Z][a-z]")
# Roman numerals are numbers, not acronyms ("Part II", "Annex IV").
_ROMAN = regex.compile(r"^[IVXLC]+$")


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(load_lexicon("acme_smartlint", "known-acronyms"))


@lru_cache(maxsize=16)
def _defined_in(source: str) -> frozenset[str]:
    """Acronyms the document spells out anywhere (computed once per document, not per item)."""
    return frozenset(m.group(1) for p in (_IN_BRACKETS, _BEFORE_BRACKETS) for m in p.finditer(source))


class UndefinedAcronym(Rule):
    class Options(RuleOptions):
        known: list[str] = option(default_factory=list, description="More acronyms that need no spelling out.")

    meta = RuleMeta(
        code="AC001",
        name="undefined-acronym",
        criterion=Criterion.SPECIFIC,
        severity=Severity.WARNING,
        summary="An acronym in a recommendation is not spelled out anywhere in the report",
        rationale=(
            "A recommendation must say precisely who is to do what (Handley and Green 2004, as quoted in "
            "Brandon et al. 2011). Local acronyms such as 'LADO' or 'MASH' leave families, lay members and "
            "other areas' readers unable to tell which body or post is meant."
        ),
        fix="Write the full name with the acronym in brackets the first time it appears in the report.",
        bad=(
            "The LADO will audit 20 allegations against staff by 31 March 2027 and report the findings "
            "to the Safeguarding Partnership.",
        ),
        good=(
            "The Local Authority Designated Officer (LADO) will audit 20 allegations against staff by "
            "31 March 2027 and report the findings to the Safeguarding Partnership.",
            "The NHS trust will audit 20 referrals by 31 March 2027 and report the findings to the "
            "Safeguarding Partnership.",
        ),
    )

    def __init__(self, options: Options | None = None) -> None:
        super().__init__(options)
        self.known = _known() | frozenset(self.options.known)

    def check(self, rec: RecContext) -> Iterable[Violation]:
        text = rec.text
        if not any(c.islower() for c in text):
            return  # a heading or shouted line: every word is in capitals
        defined = _defined_in(rec.doc.document.source)
        seen: set[str] = set()
        for match in _ACRONYM.finditer(text):
            acronym = match.group("acronym")
            if acronym in seen or acronym in self.known or match.group(0) in self.known or acronym in defined:
                continue
            if _ROMAN.match(acronym) or sum(c.isalpha() for c in acronym) < 2:
                continue
            seen.add(acronym)
            yield Violation(
                match.start(),
                match.end(),
                f"'{acronym}' is not spelled out anywhere in the report, so a reader outside the agency "
                "cannot tell who or what it is",
                f"Spell it out the first time it appears: 'Full Name ({acronym})'",
            )


RULES = [UndefinedAcronym]
