"""Selectors (`ALL`, a criterion, a code prefix, a rule name or code) and which rules they pick.

For each rule, the most specific selector that matches it decides: an exact code or name beats
a longer code prefix, which beats a shorter one, which beats a criterion, which beats ALL. On a
tie, ignore beats select (ruff and flake8 semantics).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from smartlint.errors import ConfigError
from smartlint.vocabulary import Criterion
from smartlint.rule import RuleMeta

EXACT = 10
_CRITERIA = {c.value for c in Criterion}


def resolve(selector: str, metas: Mapping[str, RuleMeta]) -> tuple[int, frozenset[str]]:
    """(specificity, codes) for one selector; ConfigError (with the closest match) if it names nothing."""
    raw = selector.strip()
    key = raw.upper()
    if key == "ALL":
        return 0, frozenset(metas)
    if key in metas:
        return EXACT, frozenset({key})
    lowered = raw.lower()
    for code, meta in metas.items():
        if lowered == meta.name or lowered in meta.aliases:
            return EXACT, frozenset({code})
    if lowered in _CRITERIA:
        return 1, frozenset(code for code, meta in metas.items() if meta.criterion == lowered)
    if key.isalnum() and 1 <= len(key) < 5:
        matched = frozenset(code for code in metas if code.startswith(key))
        if matched:
            return 1 + len(key), matched
    raise ConfigError(f"unknown rule selector '{raw}'{_did_you_mean(raw, metas)}")


def _did_you_mean(raw: str, metas: Mapping[str, RuleMeta]) -> str:
    import difflib  # only for a mistake

    candidates = [*metas, *(m.name for m in metas.values()), *_CRITERIA, "ALL"]
    close = difflib.get_close_matches(raw if raw.isupper() else raw.lower(), candidates, n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(raw.upper(), list(metas), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def select_rules(
    metas: Mapping[str, RuleMeta],
    select: Iterable[str] | None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> set[str]:
    """The codes that run. `select=None` means each rule's own default."""
    best: dict[str, tuple[int, bool]] = {}

    def apply(selectors: Iterable[str], enable: bool) -> None:
        for selector in selectors:
            specificity, codes = resolve(selector, metas)
            for code in codes:
                current = best.get(code)
                # ignore wins a tie: (specificity, not enable) orders an ignore above a select
                if current is None or (specificity, not enable) > (current[0], not current[1]):
                    best[code] = (specificity, enable)

    if select is None:
        for code, meta in metas.items():
            best[code] = (-1, meta.enabled_by_default)
    else:
        apply(select, True)
    apply(extend_select, True)
    apply(ignore, False)
    return {code for code, (_, enabled) in best.items() if enabled}


def codes_for(selectors: Iterable[str], metas: Mapping[str, RuleMeta]) -> frozenset[str]:
    """Every code any of `selectors` names (used by suppression directives and per-file ignores)."""
    codes: set[str] = set()
    for selector in selectors:
        codes |= resolve(selector, metas)[1]
    return frozenset(codes)
