"""The word lists that gate a pattern (skip it when it cannot match) are copies of words in the
pattern. These tests read the words back out of each pattern, so a word added to a pattern and
not to its gate fails here instead of silently losing matches."""

import re
import string

from smartlint_rules import grammar, owner

_WORD_START_GUARD = re.compile(r"\(\?<!\[\\w-\]\.\)")


def _branches(pattern: str, first: str) -> list[str]:
    """The alternatives of every ``(?:...)`` group in ``pattern`` that lists ``first`` among them
    (groups without nested brackets), with the regex spelling of spaces taken out."""
    groups = [g for g in re.findall(r"\(\?:([^()]*)\)", pattern) if first in re.split(r"\s*\|\s*", g)]
    return [re.sub(r"\\s\+", " ", b.strip()) for g in groups for b in g.split("|")]


def _spellings(branch: str) -> list[str]:
    """The shortest and longest text an alternative like ``shows?`` or ``Co-?ordinator`` matches."""
    return [re.sub(r".\?", "", branch), branch.replace("?", "")]


def test_post_title_gate_has_every_title_of_the_post_pattern() -> None:
    titles = _branches(_WORD_START_GUARD.sub("", owner._POST_RE.pattern), "Director")
    assert len(titles) >= 20  # the two title lists were found
    for title in titles:
        for spelling in _spellings(title):
            assert owner._POST_WORDS.search(spelling), f"{spelling!r} is a title in _POST_RE but not in _POST_WORDS"


def test_reporting_gate_has_every_verb_of_the_reporting_pattern() -> None:
    verbs = _branches(grammar._REPORTING.pattern, "found")
    assert len(verbs) >= 15
    for verb in verbs:
        for spelling in _spellings(verb):
            text = f"Research {spelling} that the Board should act."
            assert grammar._REPORTING.match(text), text
            assert grammar._may_report(text, 0, len(text)), f"{spelling!r} reports in _REPORTING but has no _REPORT_STEMS stem"


def test_label_gate_lets_through_every_label_the_pattern_reads() -> None:
    keywords = _branches(grammar._LABEL.pattern, "action")
    assert "recommendation" in keywords
    tails = [k[1:] + end for k in keywords for end in (" 3: x", " 4. x", " no. 2 - x")]
    tails += ["ec3. x", "3 x", ".2 x", ") x", " x", "1) x", "2.1: x"]
    for first in string.printable:
        for tail in tails:
            text = first + tail
            if grammar._LABEL.match(text):
                assert grammar._may_open_label(text, 0, len(text)), f"_LABEL reads a label in {text!r}, the gate refuses it"
