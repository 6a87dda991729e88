from __future__ import annotations

import pytest

from engine_fixtures import make_registry
from smartlint.errors import ConfigError
from smartlint.selection import resolve, select_rules

METAS = {code: rule.meta for code, rule in make_registry().rules.items()}


def test_default_selection_is_each_rules_own_default():
    enabled = select_rules(METAS, None)
    assert "TT001" in enabled and "TT002" in enabled
    assert "TT101" not in enabled  # off by default


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("TT001", {"TT001"}),
        ("flag-word", {"TT001"}),
        ("TT", {"TT001", "TT002", "TT101"}),
        ("TT1", {"TT101"}),
        ("timescale", {"TT002"}),
        ("ALL", set(METAS)),
        ("tt001", {"TT001"}),
    ],
)
def test_selectors_resolve_by_code_prefix_name_criterion(selector, expected):
    assert set(resolve(selector, METAS)[1]) == expected


def test_more_specific_selector_wins_over_broader_one():
    assert select_rules(METAS, ["TT"], ignore=["TT001"]) == {"TT002", "TT101"}
    # a specific select beats a broad ignore
    assert select_rules(METAS, ["TT001"], ignore=["TT"]) == {"TT001"}
    assert select_rules(METAS, ["flag-word"], ignore=["specific"]) == {"TT001"}


def test_ignore_wins_a_tie():
    assert select_rules(METAS, ["TT001"], ignore=["flag-word"]) == set()


def test_extend_select_adds_to_the_defaults():
    assert select_rules(METAS, None, extend_select=["always-info"]) >= {"TT001", "TT002", "TT101"}


def test_unknown_selector_suggests_the_closest():
    with pytest.raises(ConfigError, match="did you mean 'flag-word'"):
        resolve("flag-wrd", METAS)
    with pytest.raises(ConfigError, match="unknown rule selector 'XX999'"):
        resolve("XX999", METAS)
