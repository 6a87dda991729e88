"""The shallow parser behind the measurable, specific and evidence rules, on sentence shapes from
other kinds of review (safeguarding adults reviews, domestic homicide reviews, inquiries): which
verb is the demand, and what is inside it."""

from __future__ import annotations

import pytest
from smartlint_rules.actions import parse


def main_verbs(text: str) -> list[str]:
    """The judged verb of each main action (the innermost action of a wrapper)."""
    out = []
    for action in parse(text).actions:
        if action.role != "main":
            continue
        while action.inner is not None:
            action = action.inner
        out.append(action.verb)
    return out


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        # a hedge before the verb is an option (SP003's business); the action is the verb after it
        ("The Community Safety Partnership may wish to commission a review of its MARAC arrangements.", "commission"),
        ("The Trust might want to publish a carers' leaflet.", "publish"),
        ("Housing providers may wish to adopt the DAHA standards.", "adopt"),
        # a perfect inside a wrapper: the participle is the verb
        (
            "The Board should seek assurance from the Police that 90% of officers have completed the training.",
            "complete",
        ),
        ("The Partnership should satisfy itself that agencies have learned from these deaths.", "learn"),
        ("The ICB should seek assurance that every practice has appointed a safeguarding lead.", "appoint"),
        # demands in the indicative
        ("Partner agencies are asked to reflect on the findings of this review.", "reflect"),
        ("GP practices are required to record the carer of every patient with dementia.", "record"),
        ("Training in the Mental Capacity Act is undertaken by all ward staff within 6 months.", "undertake"),
        # irregular participles make a passive, not a copula
        ("The Trust should ensure that every patient is seen by a tissue viability nurse within 48 hours.", "see"),
    ],
)
def test_the_judged_verb_is_the_one_asked_for(text, verb):
    assert verb in main_verbs(text)


@pytest.mark.parametrize(
    "text",
    [
        # "have" + an adjectival participle is possession, not a perfect
        "Every trust should have named leads for adult safeguarding.",
        "Each team should have trained staff on every shift.",
    ],
)
def test_have_with_an_adjectival_participle_is_possession(text):
    assert main_verbs(text) == ["have"]


def test_a_finding_in_the_past_is_not_a_demand():
    assert main_verbs("The victim was seen by her GP twice in the month before her death.") == []


def test_a_present_passive_after_a_demand_is_not_a_second_demand():
    p = parse("The Trust should revise its falls policy. It is needed because falls went unreported.")
    assert [a.verb for a in p.actions if a.role == "main"] == ["revise"]


def test_the_clause_after_seek_assurance_from_a_body_is_the_demand():
    text = "The Board should seek assurance from both trusts that compliance has reached 90% by June 2026."
    p = parse(text)
    k = p.low.index("compliance")
    assert p.roles[k] == "main"


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        # the action asked of another body is judged
        ("The CSP should ask the Home Office to amend the DHR guidance to include suicides.", "amend"),
        ("NHS England should require every trust to report its restraint data monthly.", "report"),
        ("The Council should call on the Government to fund specialist refuges.", "fund"),
        # an imperative after a fronted time or condition phrase
        ("CQC: Within three months, write to every registered provider about pressure care.", "write"),
        ("Where a carer declines an assessment, record the reason on the care record.", "record"),
        ("As a matter of urgency, appoint a named GP for safeguarding adults.", "appoint"),
    ],
)
def test_the_action_behind_a_request_or_a_fronted_phrase_is_judged(text, verb):
    assert verb in main_verbs(text)


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Older victims are often overlooked. The CSP should develop guidance on older victims.", "develop"),
        ("Older victims are overlooked by services. The CSP should develop guidance on older victims.", "develop"),
        ("Hoarding is not recognised as a fire risk; the Fire Service should train crews in hoarding.", "train"),
        (
            "Agencies are required to share information under the Care Act. The Board should audit sharing in 20 cases.",
            "audit",
        ),
    ],
)
def test_a_present_passive_beside_a_demand_is_context(text, verb):
    assert main_verbs(text) == [verb]


def test_a_relative_clause_in_the_subject_is_skipped():
    text = "The Trust should ensure that staff who could be affected receive training on the new policy."
    assert main_verbs(text) == ["receive"]
