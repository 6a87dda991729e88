"""Settings and rule options checked without pydantic (smartlint.plainvalues) come out exactly as
pydantic makes them, and whatever is not plainly right is left to pydantic."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from smartlint import plainvalues
from smartlint.config import Config, _kebab, parse_config
from smartlint.errors import ConfigError
from smartlint_rules.document import NearDuplicate, RemedyImbalance
from smartlint_rules.timescale import DistantDeadline

_PYDANTIC = TypeAdapter(Config)

_TEXT = st.sampled_from(["OW", "TM001", "missing-owner", "", "x y", "ALL"])
_ODD = st.sampled_from([None, 3, 2.5, True, "text", ["a"], {"a": 1}, date(2026, 1, 31), datetime(2026, 1, 31, 9)])
_TEXTS = st.lists(_TEXT, max_size=3)
_PATTERN_SPEC = st.fixed_dictionaries(
    {"code": st.sampled_from(["LC001", "L1", "lc001"]), "name": st.sampled_from(["jargon-tac", "Bad Name"]),
     "pattern": st.sampled_from(["TAC", r"\bLADO\b"]), "message": _TEXT},
    optional={"suggestion": st.one_of(st.none(), _TEXT), "severity": st.sampled_from(["info", "error", "loud"]),
              "criterion": st.sampled_from(["specific", "owner", "none"]), "ignore-case": st.booleans(),
              "ignore_case": st.booleans(), "extra": _TEXT},
)
_VALUES = {
    "select": st.one_of(st.none(), _TEXTS),
    "extend-select": _TEXTS,
    "ignore": _TEXTS,
    "severity": st.dictionaries(_TEXT, st.sampled_from(["info", "warning", "error", "loud"]), max_size=2),
    "per-file-ignores": st.dictionaries(_TEXT, _TEXTS, max_size=2),
    "fail-on": st.sampled_from(["info", "warning", "error", "never", "sometimes"]),
    "rules": st.dictionaries(_TEXT, st.dictionaries(_TEXT, _ODD, max_size=2), max_size=2),
    "lexicons": st.fixed_dictionaries({}, optional={"owners": _TEXTS, "other": _TEXTS}),
    "action-plan": st.fixed_dictionaries({}, optional={"columns": st.dictionaries(_TEXT, st.sampled_from(["owner", "measure", "boss"]))}),
    "patterns": st.lists(_PATTERN_SPEC, max_size=2),
    "document-date": st.one_of(st.none(), st.just(date(2026, 1, 31)), st.just("2026-01-31")),
    "require-plugins": _TEXTS,
    "no-suppress": st.booleans(),
}


@st.composite
def _tables(draw) -> dict:
    table = {}
    for key in draw(st.lists(st.sampled_from(sorted(_VALUES)), max_size=5, unique=True)):
        spelled = key.replace("-", "_") if draw(st.integers(0, 4)) == 0 else key
        table[spelled] = draw(st.one_of(_VALUES[key], _ODD) if draw(st.integers(0, 5)) == 0 else _VALUES[key])
    if draw(st.integers(0, 8)) == 0:
        table["selcet"] = ["OW"]
    return table


def _pydantic(table: dict):
    try:
        return _PYDANTIC.validate_python(table)
    except ValidationError:
        return None


@settings(max_examples=400, deadline=None)
@given(_tables())
def test_plain_settings_are_what_pydantic_makes_and_the_rest_is_left_to_it(table):
    plain = plainvalues.convert(Config, table, _kebab)
    made = _pydantic(table)
    if plain is not plainvalues.DECLINED:
        assert made is not None and repr(plain) == repr(made)  # repr: types too (enums, floats)


def test_usual_settings_need_no_pydantic():
    table = {
        "select": ["ALL"], "extend-select": [], "ignore": ["DC"], "fail-on": "error", "severity": {"uncited": "warning"},
        "per-file-ignores": {"archive/**": ["ALL"]}, "rules": {"distant-deadline": {"max-months": 18}},
        "lexicons": {"owners": ["Anytown Family Hub"]}, "action-plan": {"columns": {"Lead": "owner"}},
        "patterns": [{"code": "LC001", "name": "jargon-tac", "pattern": "TAC", "message": "m", "severity": "info"}],
        "document-date": date(2026, 1, 31), "no-suppress": True,
    }
    plain = plainvalues.convert(Config, table, _kebab)
    assert plain is not plainvalues.DECLINED and repr(plain) == repr(_PYDANTIC.validate_python(table))


@pytest.mark.parametrize(
    "table",
    [{"selcet": ["a"]}, {"fail-on": "sometimes"}, {"document-date": "2026-01-31"}, {"ignore": "OW"},
     {"ignore": ["OW"], "ignore_case": True}, {"select": ["a"], "select_": 1}, {"lexicons": {"owners": [1]}},
     {"patterns": [{"code": "L1", "name": "x", "pattern": "a", "message": "m"}]}, {"severity": {"x": "loud"}}],
)
def test_anything_not_plainly_right_goes_to_pydantic(table):
    assert plainvalues.convert(Config, table, _kebab) is plainvalues.DECLINED


def test_errors_are_still_pydantic_s_one_line_messages():
    with pytest.raises(ConfigError, match=r"invalid value for 'fail-on' in \[tool.smartlint\]: Input should be"):
        parse_config({"fail-on": "sometimes"}, "smartlint.toml")
    with pytest.raises(ConfigError, match=r"unknown key 'selcet' in \[tool.smartlint\] \(did you mean 'select'\?\)"):
        parse_config({"selcet": []}, "smartlint.toml")


_OPTIONS = st.dictionaries(
    st.sampled_from(["max-months", "max_months", "min-similarity", "min-recommendations", "dominant-share", "other"]),
    st.one_of(st.integers(-2, 120), st.floats(-1, 2, allow_nan=False), st.booleans(), st.text(max_size=3), st.none()),
    max_size=3,
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([DistantDeadline, NearDuplicate, RemedyImbalance]), _OPTIONS)
def test_plain_rule_options_are_what_pydantic_makes(rule, data):
    from smartlint.options import _plain_values, _validator

    plain = _plain_values(rule.Options, data)
    try:
        made = _validator(rule.Options).model_validate(data)
    except ValidationError:
        made = None
    if plain is not None:
        assert made is not None
        pydantic_s = rule.Options(**{name: getattr(made, name) for name in rule.Options.option_specs})
        assert repr(rule.Options(**plain)) == repr(pydantic_s)  # repr: types too (1 and 1.0)
    assert (made is None) == _raises(rule, data)


def _raises(rule, data) -> bool:
    try:
        rule.Options.model_validate(data)
    except ValidationError:
        return True
    return False


@pytest.mark.parametrize(
    "rule, data",
    [(DistantDeadline, {"max-months": 18}), (DistantDeadline, {"max_months": 1}), (NearDuplicate, {"min-similarity": 85}),
     (RemedyImbalance, {"dominant-share": 1}), (RemedyImbalance, {"dominant-share": 0.5, "min-recommendations": 3}),
     (RemedyImbalance, {})],
)
def test_usual_rule_options_need_no_pydantic(rule, data):
    from smartlint.options import _plain_values, _validator

    plain = _plain_values(rule.Options, data)
    made = _validator(rule.Options).model_validate(data)
    assert plain is not None
    assert repr(rule.Options(**plain)) == repr(rule.Options(**{n: getattr(made, n) for n in rule.Options.option_specs}))
