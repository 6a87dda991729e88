"""Whole-document rules and analyses: proliferation, repetition, remedy balance, relevance, profiles."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st
from smartlint_rules import document as D
from smartlint_rules import themes as T

from smartlint import lint_text
from smartlint.lexicon import parse_lexicon

DATE = {"document-date": "2026-01-15"}


def lint(text: str, *codes: str, **config):
    return lint_text(text, config={"select": list(codes), **DATE, **config} if codes else {**DATE, **config})


def numbered(*recs: str, before: str = "") -> str:
    return "# Review\n\n" + before + "## Recommendations\n\n" + "\n".join(f"{k}. {r}" for k, r in enumerate(recs, 1)) + "\n"


def found(result, code: str):
    return [f for f in result.all_findings() if f.code == code]


# --- lexicons ---------------------------------------------------------------------------------

TABLE_2 = {
    "training", "information-sharing", "recording", "supervision", "staff-roles", "whole-picture", "referral",
    "audit", "case-responsibility", "assessment", "meetings", "focus-on-child", "timescales", "hard-to-engage",
}
CASE_THEMES = {
    "domestic-abuse", "substance-misuse", "mental-health", "hidden-men", "teenage-parents", "prematurity",
    "disguised-compliance", "poverty-housing",
}
TABLE_1 = {
    "childrens-social-care", "community-health", "hospital-trusts", "police", "education", "gps",
    "probation-youth-offending", "safeguarding-board", "national", "other",
}
REMEDIES = {"training", "procedure", "audit", "supervision", "staffing", "information", "national", "other"}


def test_lexicons_cover_the_study_tables():
    assert TABLE_2 | CASE_THEMES <= set(T.themes().keys)
    assert set(T.agencies().keys) == TABLE_1
    assert set(T.remedy_keys()) == REMEDIES


@pytest.mark.parametrize("prefix", ["theme", "remedy", "agency"])
def test_lexicon_files_are_labelled_sorted_lowercase_data(prefix):
    folder = resources.files("smartlint_rules").joinpath("lexicons")
    files = [f for f in folder.iterdir() if f.name.startswith(prefix + "_")]
    assert files
    for file in files:
        text = file.read_text(encoding="utf-8")
        assert re.search(r"^# label: \S", text, re.MULTILINE), f"{file.name} has no label"
        terms = parse_lexicon(text)
        assert list(terms) == sorted(terms), f"{file.name} is not sorted"
        assert len(set(terms)) == len(terms), f"{file.name} repeats a term"
        assert all(t == t.lower() for t in terms), f"{file.name} has upper case"


def test_wildcards_only_end_one_word_terms():
    with pytest.raises(ValueError, match="one-word"):
        T.Classifier([T.Category("x", "X", "", 1)], {"x": ["two words*"]})


# --- profile ----------------------------------------------------------------------------------


def profile_of(text: str):
    return lint(numbered(text)).recommendations[0].profile


@pytest.mark.parametrize(
    ("text", "remedy", "agencies", "themes"),
    [
        ("The Police will publish a revised information-sharing protocol by 31 March 2026.", "procedure", ["police"], {"information-sharing"}),
        ("Staff should be reminded of the importance of recording fathers' details.", "training", [], {"training", "recording", "hidden-men"}),
        ("Children's Social Care will reduce caseloads to 18 children per social worker by June 2026.", "staffing", ["childrens-social-care"], set()),
        ("The LSCB will audit 20 cases of domestic abuse and report to the Board by May 2026.", "audit", ["safeguarding-board"], {"audit", "domestic-abuse"}),
        ("The Department for Education should amend the statutory guidance on neglect.", "national", ["national"], set()),
        ("Team managers will hold monthly reflective supervision on cases of disguised compliance.", "supervision", [], {"supervision", "disguised-compliance"}),
        ("(Police) Review the policy on premature babies in households with substance misuse.", "procedure", ["police"], {"prematurity", "substance-misuse"}),
        ("GPs should record the details of new partners on the child's record.", "information", ["gps"], {"recording", "hidden-men"}),
        ("The Ambulance Service will convene a task group.", "other", ["other"], set()),
    ],
)
def test_profile_classifies_remedy_agency_and_themes(text, remedy, agencies, themes):
    profile = profile_of(text)
    assert profile.remedy == remedy
    assert profile.agencies == agencies
    assert themes <= set(profile.themes)


def test_agency_named_after_by_in_a_passive_counts():
    assert "safeguarding-board" in profile_of("The threshold document will be reviewed by the LSCB by March 2026.").agencies


def test_words_inside_compounds_do_not_match():
    assert T.themes().classify("post-natal care in a multi-agency setting") == []
    assert T.agencies().classify("multi-agency post-natal") == []


@given(st.text(max_size=300))
def test_classifiers_never_fail_and_hits_point_into_the_text(text):
    for classifier in (T.themes(), T.remedies(), T.agencies()):
        for hit in classifier.hits(text):
            assert 0 <= hit.start < hit.end <= len(text) and hit.keys


# --- DC001 too-many-recommendations -----------------------------------------------------------

MANY = [
    f"{owner} will publish a revised protocol on {topic} by 30 June 2026."
    for owner, topic in zip(
        ["The Police", "Children's Social Care", "The ICB", "Schools"] * 6,
        ["neglect", "bruising", "escalation", "domestic abuse", "private fostering", "home visits", "core groups",
         "step-down", "transition", "referrals", "allocation", "case closure", "missing children", "online safety",
         "fabricated illness", "pre-birth assessment", "strategy meetings", "thresholds", "substance misuse",
         "parental mental illness", "teenage parents", "premature babies", "poor housing", "male carers"],
    )
]


def test_dc001_counts_against_the_default_of_twenty():
    assert not found(lint(numbered(*MANY[:20]), "DC001"), "DC001")
    (finding,) = found(lint(numbered(*MANY[:21]), "DC001"), "DC001")
    assert "21 recommendations (more than 20)" in finding.message
    assert finding.recommendation_id is None and finding.severity == "warning"


def test_dc001_threshold_is_configurable_and_names_groups_to_merge():
    recs = [
        "The Police will deliver domestic abuse training to response officers by June 2026.",
        "Children's Social Care will deliver domestic abuse training to social workers by June 2026.",
        "The ICB will deliver domestic abuse training to GPs by July 2026.",
        "Schools will publish a revised attendance protocol by May 2026.",
    ]
    result = lint(numbered(*recs), "DC001", rules={"too-many-recommendations": {"max-recommendations": 3}})
    (finding,) = found(result, "DC001")
    assert "4 recommendations (more than 3)" in finding.message
    assert "training and awareness recommendations on domestic abuse (1, 2 and 3)" in finding.message


def test_dc001_rejects_a_bad_option():
    from smartlint.errors import ConfigError

    with pytest.raises(ConfigError, match="max-recommendations"):
        lint(numbered(*MANY[:2]), "DC001", rules={"DC001": {"max-recommendations": 0}})


# --- DC002 near-duplicate ---------------------------------------------------------------------


def test_dc002_same_action_for_another_agency_names_both_and_quotes_the_owner():
    result = lint(
        numbered(
            "Children's Social Care should review its procedure for responding to missed health appointments by 31 March 2026.",
            "The Police will publish a protocol on neglect by June 2026.",
            "The Police should review their procedure for responding to missed health appointments by 31 March 2026.",
        ),
        "DC002",
    )
    (finding,) = found(result, "DC002")
    assert finding.recommendation_id == "3" and "recommendation 1" in finding.message
    assert "% alike once the owner is set aside" in finding.message
    assert finding.quote and "Police" in finding.quote
    assert "Children's Social Care" in finding.suggestion


def test_dc002_near_identical_wording_says_what_differs():
    result = lint(
        numbered(
            "Health visitors must record the name and date of birth of every adult living in the household.",
            "Health visitors must record the name and date of birth of every adult living in the household at each visit.",
        ),
        "DC002",
    )
    (finding,) = found(result, "DC002")
    assert "repeats recommendation 1 almost word for word" in finding.message and "adds 'at each visit'" in finding.message
    assert finding.quote == "at each visit"


def test_dc002_exact_repeat():
    rec = "The Partnership will publish a neglect strategy by March 2026."
    (finding,) = found(lint(numbered(rec, rec), "DC002"), "DC002")
    assert "word for word" in finding.message and "almost" not in finding.message


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # the same template, a different object: not a repeat
        ("The Safeguarding Partnership will publish a revised neglect protocol by 31 March 2026.",
         "The Safeguarding Partnership will publish a revised domestic abuse protocol by 31 March 2026."),
        ("Staff should be reminded of the importance of information sharing.",
         "Staff should be reminded of the importance of recording."),
        ("Review the policy.", "Review the protocol."),
    ],
)
def test_dc002_does_not_flag_different_objects(first, second):
    assert not found(lint(numbered(first, second), "DC002"), "DC002")


def test_dc002_similarity_is_configurable():
    pair = numbered(
        "The Safeguarding Partnership will publish a revised neglect protocol by 31 March 2026.",
        "The Safeguarding Partnership will publish a revised neglect protocol by 31 March 2026 at the latest.",
    )
    assert not found(lint(pair, "DC002"), "DC002")
    assert found(lint(pair, "DC002", rules={"near-duplicate": {"min-similarity": 80}}), "DC002")


def test_duplicates_are_found_without_quadratic_work(monkeypatch):
    import rapidfuzz.fuzz

    calls = 0
    real = rapidfuzz.fuzz.ratio

    def counting(*args, **kwargs):
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(rapidfuzz.fuzz, "ratio", counting)
    owners = ["The Police", "Children's Social Care", "The ICB", "Schools", "The Partnership"]
    verbs = ["publish a revised protocol on", "audit cases of", "train staff on", "report quarterly on"]
    topics = [f"topic{k} matters" for k in range(150)]
    entries = [
        D.DupEntry(f"{owners[k % 5]} will {verbs[k % 4]} {topics[k % 150]} and related work by June 2026.")
        for k in range(3000)
    ]
    pairs = D.find_duplicates(entries)
    assert calls <= D.MAX_CANDIDATES * len(entries)
    assert calls < len(entries) * (len(entries) - 1) / 20
    assert pairs and all(p.first < p.second for p in pairs)


@given(st.lists(st.text(alphabet=st.characters(codec="ascii"), max_size=120), max_size=25), st.integers(0, 24))
def test_an_inserted_copy_is_always_found(texts, at):
    texts = [t for t in texts if len(D.content_words(t)) >= 2]
    source = "The Police will publish a revised protocol on neglect and bruising by June 2026."
    texts.insert(min(at, len(texts)), source)
    texts.append(source)
    pairs = D.find_duplicates([D.DupEntry(t) for t in texts])
    assert any(p.second == len(texts) - 1 for p in pairs)


# --- DC003 remedy-imbalance -------------------------------------------------------------------


def test_dc003_notes_training_and_procedure_without_supervision_or_staffing():
    rule = next(r for r in D.RULES if r.meta.code == "DC003")
    (finding,) = found(lint(rule.meta.bad[0], "DC003"), "DC003")
    assert finding.severity == "info" and "6 of 6 recommendations (100%)" in finding.message
    assert not found(lint(rule.meta.good[0], "DC003"), "DC003")


def test_dc003_needs_enough_recommendations_to_judge():
    assert not found(lint(numbered("The Police will train officers on neglect by June 2026."), "DC003"), "DC003")


# --- relevance --------------------------------------------------------------------------------

FINDINGS = (
    "## Key findings\n\n"
    "Finding 1: Health visitors did not know that the mother's partner had convictions for domestic abuse.\n\n"
    "Finding 2: Home conditions were poor and the family had been evicted twice.\n\n"
    "Finding 3: Nobody spoke to the child alone.\n\n"
)


def test_relevance_links_by_reference_then_by_theme_and_terms():
    result = lint(
        numbered(
            "In response to Findings 2 and 3, the Partnership will publish guidance by June 2026.",
            "The Police will share domestic abuse notifications with health visitors within 24 hours, from March 2026.",
            "The Partnership will redesign its website by June 2026.",
            before=FINDINGS,
        ),
        "RL001",
        "RL002",
    )
    rel = result.relevance
    assert [f.id for f in rel.findings] == ["F1", "F2", "F3"]
    assert rel.findings[0].line == 5 and "domestic-abuse" in rel.findings[0].themes
    assert rel.links == {"1": ["F2", "F3"], "2": ["F1"], "3": []}
    (unlinked,) = found(result, "RL001")
    assert unlinked.recommendation_id == "3" and unlinked.severity == "info"
    assert not found(result, "RL002")
    assert result.model_dump(mode="json")["relevance"]["links"]["2"] == ["F1"]


def test_rl002_reports_a_finding_without_recommendation_with_its_line():
    result = lint(
        numbered(
            "The Police will share domestic abuse notifications with health visitors within 24 hours, from March 2026.",
            "Children's Social Care will see every child alone at each visit, from March 2026.",
            before=FINDINGS,
        ),
        "RL002",
    )
    (finding,) = found(result, "RL002")
    assert finding.severity == "warning" and finding.line == 7
    assert "Finding 2" in finding.message and "evicted" in finding.message


@pytest.mark.parametrize(
    "statement",
    [
        "No recommendation is made on Finding 2 because the housing service has already acted.\n\n",
        "The review does not make a recommendation on every finding.\n\n",
    ],
)
def test_rl002_respects_a_statement_that_no_recommendation_is_made(statement):
    text = numbered(
        "The Police will share domestic abuse notifications with health visitors within 24 hours, from March 2026.",
        "Children's Social Care will see every child alone at each visit, from March 2026.",
        before=FINDINGS + statement,
    )
    result = lint(text, "RL002")
    assert result.relevance.no_recommendation_statement
    assert not found(result, "RL002")


def test_findings_as_a_list_under_lessons_learned():
    text = numbered(
        "The ICB will commission training on substance misuse for GPs by June 2026.",
        before="## Lessons learned\n\n- Parental substance misuse was not explored by the GP practice.\n"
        "- The school did not refer concerns about the child's attendance.\n\n",
    )
    result = lint(text, "RL002")
    assert [f.title for f in result.relevance.findings] == [
        "Parental substance misuse was not explored by the GP practice.",
        "The school did not refer concerns about the child's attendance.",
    ]
    (finding,) = found(result, "RL002")
    assert "Finding 2" in finding.message and finding.line == 6


def test_findings_as_subsections_of_a_findings_heading():
    text = numbered(
        "The Police will review how domestic abuse notifications reach schools by May 2026.",
        before="## Findings\n\n### Domestic abuse was not shared\n\nThe school was not told of incidents.\n\n"
        "### Housing\n\nThe family moved into temporary accommodation three times.\n\n",
    )
    rel = lint(text).relevance
    assert [f.title for f in rel.findings] == ["Domestic abuse was not shared", "Housing"]
    assert rel.links["1"] == ["F1"]


def test_prose_analysis_sections_are_not_read_as_findings():
    text = numbered(
        "The Police will review how domestic abuse notifications reach schools by May 2026.",
        before="## Analysis\n\nThe agencies worked hard with the family over many years, and this part of the report "
        "describes what each of them did.\n\n",
    )
    assert lint(text).relevance.findings == []


def test_without_a_findings_section_relevance_is_empty_and_quiet():
    result = lint(numbered("The Police will review the neglect protocol by May 2026."), "RL001", "RL002")
    assert result.relevance.findings == [] and result.relevance.links == {}
    assert not found(result, "RL001") and not found(result, "RL002")


def test_nothing_linking_at_all_is_taken_as_a_misread_section():
    text = numbered(
        "The Partnership will redesign its website by June 2026.",
        "The Partnership will rename its newsletter by June 2026.",
        before=FINDINGS,
    )
    result = lint(text, "RL001", "RL002")
    assert not found(result, "RL001") and not found(result, "RL002")


def test_the_same_finding_summarised_twice_is_one_finding():
    text = numbered(
        "The Police will share domestic abuse notifications with health visitors within 24 hours, from March 2026.",
        before="## Executive summary\n\nFinding 1: Domestic abuse was not shared.\n\n" + FINDINGS,
    )
    rel = lint(text).relevance
    assert [f.id for f in rel.findings] == ["F1", "F2", "F3"] and rel.findings[0].line == 5


# --- speed ------------------------------------------------------------------------------------


def test_a_hundred_recommendation_document_is_quick():
    import time

    recs = [
        f"{['The Police', 'The ICB', 'Schools', 'The Partnership'][k % 4]} will {['publish', 'audit', 'review', 'fund'][k % 4]} "
        f"the {k}th protocol on topic{k} with partner{k % 7} by June 2026." for k in range(100)
    ]
    text = numbered(*recs, before=FINDINGS)
    start = time.perf_counter()
    lint(text, "DC001", "DC002", "DC003", "RL001", "RL002")
    assert time.perf_counter() - start < 5  # generous: shared CI machines are slow; typical is ~0.1 s
