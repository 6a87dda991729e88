"""The one `smartlint:` suppression grammar, shared by every document format.

    smartlint: ignore <selectors> [-- <reason>]       the item it sits in, or the next item
    smartlint: disable <selectors> [-- <reason>]      a block, until a matching enable
    smartlint: enable [<selectors>]
    smartlint: file-ignore <selectors> [-- <reason>]  the whole document
    smartlint: learning-point [-- <reason>]           this (or the next) item is deliberately not SMART
    <selectors> := ALL | selector ("," selector | whitespace selector)*

Readers find the carrier (a Markdown HTML comment, a plain-text directive line, a Word comment)
and hand its text to `parse_directive`. Selectors are only split here; the engine resolves them
(codes, prefixes, names, criteria) and reports the ones it does not know.
"""

from __future__ import annotations

import re

from smartlint.document import Directive

VERBS = ("ignore", "disable", "enable", "file-ignore", "learning-point")
_NEEDS_SELECTORS = frozenset({"ignore", "disable", "file-ignore"})

_PREFIX = re.compile(r"smartlint\b[ \t]*(:?)[ \t]*", re.IGNORECASE)
# The reason follows "--" (or a dash a word processor made of it) standing alone between spaces.
_REASON = re.compile(r"(?:^|\s)(?:--+|\u2013|\u2014)(?=\s|$)")
_SPLIT = re.compile(r"[\s,]+")
_SELECTOR = re.compile(r"[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*")
# Words that show a reason was written without its "--" separator.
_REASON_WORDS = frozenset(
    {
        "a", "an", "and", "as", "because", "but", "by", "for", "from", "has", "have", "in", "is", "it",
        "not", "of", "see", "since", "so", "the", "this", "to", "was", "were", "which",
    }
)


def _invalid(raw: str, line: int, column: int, error: str) -> Directive:
    return Directive(kind="invalid", selectors=[], reason=None, line=line, column=column, raw=raw, error=error)


def parse_directive(body: str, line: int, column: int) -> Directive:
    """Parse one directive. `body` is the carrier's text, with or without its leading `smartlint:`.

    Malformed directives come back with kind "invalid" and `error` saying what is wrong.
    `line` and `column` (1-based) are where the carrier starts; they are copied as given.
    `raw` is the body with its whitespace folded; readers replace it with the carrier as
    written (e.g. the whole `<!-- smartlint: ... -->`), which the engine shows as `suppressed_by`.
    """
    raw = " ".join(body.split())
    text = raw
    prefix = _PREFIX.match(text)
    if prefix:
        if not prefix.group(1):
            return _invalid(raw, line, column, "write 'smartlint:' with a colon, e.g. 'smartlint: ignore OW001'")
        text = text[prefix.end() :]
    if not text:
        return _invalid(raw, line, column, f"empty directive: say what to do ({', '.join(VERBS)})")

    verb, _, rest = text.partition(" ")
    verb = verb.lower().rstrip(":")
    if verb not in VERBS:
        import difflib  # only for a misspelt directive

        close = difflib.get_close_matches(verb, VERBS, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return _invalid(raw, line, column, f"unknown directive '{verb}': {hint}use one of {', '.join(VERBS)}")

    rest = rest.strip()
    reason: str | None = None
    found = _REASON.search(rest)
    if found:
        reason = rest[found.end() :].strip() or None
        rest = rest[: found.start()].strip()

    if verb == "learning-point":
        # It takes no selectors, so any words after it are the reason even without "--".
        if rest:
            reason = f"{rest} -- {reason}" if reason else rest
        return Directive(kind="learning-point", selectors=[], reason=reason, line=line, column=column, raw=raw)

    selectors: list[str] = []
    for token in _SPLIT.split(rest):
        if not token:
            continue
        token = token.rstrip(".;:")
        if token.upper() == "ALL":
            selectors.append("ALL")
            continue
        if token.lower() in _REASON_WORDS:
            return _invalid(
                raw, line, column, f"'{token}' is not a rule code, name or criterion: put the reason after ' -- '"
            )
        if not _SELECTOR.fullmatch(token):
            return _invalid(
                raw,
                line,
                column,
                f"'{token}' is not a rule code, name or criterion (e.g. OW001, OW, missing-owner, owner or ALL)",
            )
        selectors.append(token)

    if verb in _NEEDS_SELECTORS and not selectors:
        return _invalid(
            raw,
            line,
            column,
            f"'{verb}' needs the rules it applies to: a code, name or criterion, or ALL "
            f"(e.g. 'smartlint: {verb} OW001 -- reason')",
        )
    return Directive(kind=verb, selectors=selectors, reason=reason, line=line, column=column, raw=raw)  # type: ignore[arg-type]
