"""The one `smartlint:` grammar: verbs, selectors, reasons, and clear errors for malformed ones."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartlint.directives import VERBS, parse_directive


def parse(body: str):
    return parse_directive(body, 7, 3)


@pytest.mark.parametrize(
    ("body", "kind", "selectors", "reason"),
    [
        ("smartlint: ignore OW001", "ignore", ["OW001"], None),
        ("smartlint: ignore OW001 -- owner is set in the appendix", "ignore", ["OW001"], "owner is set in the appendix"),
        ("smartlint: ignore OW001,TM001 -- both", "ignore", ["OW001", "TM001"], "both"),
        ("smartlint: ignore OW001, TM001 SP", "ignore", ["OW001", "TM001", "SP"], None),
        ("smartlint: ignore missing-owner owner", "ignore", ["missing-owner", "owner"], None),
        ("smartlint: ignore all", "ignore", ["ALL"], None),
        ("smartlint: disable TM -- the action plan sets dates", "disable", ["TM"], "the action plan sets dates"),
        ("smartlint: enable", "enable", [], None),
        ("smartlint: enable TM", "enable", ["TM"], None),
        ("smartlint: file-ignore EV -- no citations here", "file-ignore", ["EV"], "no citations here"),
        ("smartlint: learning-point", "learning-point", [], None),
        ("smartlint: learning-point -- a culture change", "learning-point", [], "a culture change"),
        ("smartlint: learning-point a culture change", "learning-point", [], "a culture change"),
        # without the prefix (a reader that strips it), odd spacing and case
        ("ignore OW001", "ignore", ["OW001"], None),
        ("  SmartLint :  IGNORE   OW001  --  spaced  ", "ignore", ["OW001"], "spaced"),
        ("smartlint:ignore OW001", "ignore", ["OW001"], None),
        # a word processor turns "--" into a dash
        ("smartlint: ignore OW001 \u2014 owner in appendix", "ignore", ["OW001"], "owner in appendix"),
        ("smartlint: ignore OW001 \u2013 owner in appendix", "ignore", ["OW001"], "owner in appendix"),
        # a trailing full stop is not part of the code
        ("smartlint: ignore OW001.", "ignore", ["OW001"], None),
        # an empty reason is no reason
        ("smartlint: ignore OW001 --", "ignore", ["OW001"], None),
        # the comment spread over lines
        ("smartlint:\n  disable TM001\n  -- dates are in the plan\n", "disable", ["TM001"], "dates are in the plan"),
    ],
)
def test_valid_directives(body, kind, selectors, reason):
    directive = parse(body)
    assert (directive.kind, directive.selectors, directive.reason, directive.error) == (kind, selectors, reason, None)
    assert (directive.line, directive.column) == (7, 3)
    assert directive.item is None
    assert directive.raw == " ".join(body.split())


@pytest.mark.parametrize(
    ("body", "error_words"),
    [
        ("smartlint: ignore", "'ignore' needs the rules"),
        ("smartlint: ignore -- reason only", "'ignore' needs the rules"),
        ("smartlint: disable", "'disable' needs the rules"),
        ("smartlint: file-ignore", "'file-ignore' needs the rules"),
        ("smartlint: ignor OW001", "did you mean 'ignore'"),
        ("smartlint: disabled OW001", "did you mean 'disable'"),
        ("smartlint: suppress OW001", "unknown directive 'suppress'"),
        ("smartlint:", "empty directive"),
        ("smartlint ignore OW001", "with a colon"),
        ("smartlint: ignore OW001 because the owner is named", "put the reason after ' -- '"),
        ("smartlint: ignore (OW001)", "'(OW001)' is not a rule code"),
        ("smartlint: ignore OW001;TM001", "not a rule code"),
    ],
)
def test_malformed_directives_say_what_is_wrong(body, error_words):
    directive = parse(body)
    assert directive.kind == "invalid"
    assert directive.selectors == [] and directive.reason is None
    assert error_words in directive.error
    assert "\n" not in directive.error
    assert (directive.line, directive.column) == (7, 3)


def test_unknown_verb_lists_the_verbs():
    error = parse("smartlint: frobnicate").error
    assert all(verb in error for verb in VERBS)


@given(st.text(max_size=80))
def test_any_body_parses_to_a_directive_without_error(body):
    directive = parse_directive("smartlint: " + body, 1, 1)
    assert directive.kind in (*VERBS, "invalid")
    assert (directive.kind == "invalid") == (directive.error is not None)
    assert all(selector and not any(ch.isspace() or ch == "," for ch in selector) for selector in directive.selectors)
