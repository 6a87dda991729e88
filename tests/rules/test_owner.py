"""Owner (OW001 missing-owner, OW002 generic-owner), the owner analyzers and the shared grammar helpers.

Every recommendation here is written for the test: shapes from children's reviews, safeguarding
adults reviews, domestic homicide reviews and inquiries, including ones the dev corpus lacks.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from smartlint_rules import grammar, owner

from smartlint import lint_text
from smartlint.document import Document, Item
from smartlint.models import OwnerAssessment
from smartlint.rule import DocContext, Settings

DOC_DATE = "2026-01-15"


def context(text: str, owners: frozenset[str] = frozenset()):
    doc = Document(path="t.md", format="md", source=text, items=[Item(id="1", index=1, text=text, pieces=[(0, 0)])])
    settings = Settings(today=date(2026, 1, 15), lexicons={"owners": owners})
    return DocContext(doc, settings, owner.ANALYZERS).recommendations[0]


def assess(text: str, owners: frozenset[str] = frozenset()) -> OwnerAssessment:
    return context(text, owners).analysis("owner")


def codes(text: str, config: dict | None = None) -> dict[str, list]:
    result = lint_text("# Recommendations\n\n1. " + text + "\n", config={"document-date": DOC_DATE, **(config or {})})
    found: dict[str, list] = {}
    for finding in result.all_findings():
        found.setdefault(finding.code, []).append(finding)
    return found


# --- named owners -----------------------------------------------------------------------------

NAMED = [
    # subject before the modal
    ("The Community Safety Partnership should commission a review of the domestic abuse pathway.", "Community Safety Partnership"),
    ("Hampshire Constabulary will review its policy on missing person reports.", "Hampshire Constabulary"),
    ("The ICB should by March 2026 audit GP compliance with the safeguarding policy.", "ICB"),
    ("The Safeguarding Adults Board should seek assurance that the self-neglect procedure is used.", "Safeguarding Adults Board"),
    ("Sussex Partnership NHS Foundation Trust should revise its discharge planning procedure.", "Sussex Partnership NHS Foundation Trust"),
    ("The Director of Children's Services should report to the Board on progress.", "Director of Children's Services"),
    ("The Designated Nurse will deliver training on bruising in non-mobile babies.", "Designated Nurse"),
    ("Adult Social Care must update the self-neglect guidance.", "Adult Social Care"),
    ("The local authority should set up a single point of contact for housing referrals.", "local authority"),
    ("The Home Office should issue guidance on immigration status and access to refuges.", "Home Office"),
    ("The Department for Education should amend the statutory guidance.", "Department for Education"),
    ("Ofsted should include this area in its inspection framework.", "Ofsted"),
    ("The Probation Service should share risk assessments with the police.", "Probation Service"),
    ("The Youth Justice Service should develop a protocol with CAMHS.", "Youth Justice Service"),
    ("The LADO should keep a record of every allegation.", "LADO"),
    ("The Head of Service for Early Help should review caseload levels.", "Head of Service"),
    ("West Midlands Ambulance Service should review its call handling for mental health calls.", "West Midlands Ambulance Service"),
    ("Kent County Council should review its commissioning of domestic abuse services.", "Kent County Council"),
    ("The MASH manager should screen every referral within one working day.", "MASH"),
    ("The GP practice should flag the records of children on a child protection plan.", "GP practice"),
    ("The Police and Crime Commissioner should fund an IDVA post in the hospital.", "Police and Crime Commissioner"),
    ("Surrey Police should review its response to stalking reports.", "Surrey Police"),
    ("Victim Support should review how it contacts victims after a police referral.", "Victim Support"),
    ("The Child Safeguarding Practice Review Panel should publish a national review.", "Child Safeguarding Practice Review Panel"),
    ("The Secretary of State for Education should commission research on neglect.", "Secretary of State"),
    ("Both ICBs should adopt the same escalation policy.", "ICBs"),
    ("The PCTs to provide quarterly figures on attendance at training.", "PCTs"),
    ("The Education Support Team to develop a protocol with the Leaving Care team.", "Education Support Team"),
    # clause shapes
    ("The SAB is asked to review its escalation procedure.", "SAB"),
    ("The Partnership needs to revise its neglect strategy.", "Partnership"),
    ("The Council make it a requirement that historical records are read before case decisions.", "Council"),
    ("That the Safeguarding Adults Board commission a review of the transition pathway.", "Safeguarding Adults Board"),
    ("The review recommends that the ICB develops a policy on missed appointments.", "ICB"),
    ("The review panel recommends that the CSP reviews its MARAC arrangements.", "CSP"),
    ("It is recommended that the Community Safety Partnership reviews its referral pathway.", "Community Safety Partnership"),
    ("Recommendation 4: The ICB should audit GP records.", "ICB"),
    ("1.1 The LSCB should review the neglect strategy.", "LSCB"),
    # leading adverbials
    ("Following publication, the Partnership should audit the use of the neglect toolkit.", "Partnership"),
    ("Where a child is not brought to an appointment, the Trust should contact the GP.", "Trust"),
    ("In its annual report the Board should set out progress against this plan.", "Board"),
    ("Working with the police, Children's Social Care should develop a protocol on missing children.", "Children's Social Care"),
    ("If a baby is bruised the Named Nurse must review the discharge plan.", "Named Nurse"),
    # the agent after "by"
    ("The procedures should be reviewed by the Safeguarding Partnership.", "Safeguarding Partnership"),
    ("A multi-agency audit of neglect cases should be undertaken by the LSCB.", "LSCB"),
    ("There should be a review of the pathway by the Safeguarding Adults Board.", "Safeguarding Adults Board"),
    ("Consideration should be given by the ICB to commissioning a specialist service.", "ICB"),
    ("The guidance should be updated and published by the Partnership by March 2026.", "Partnership"),
    # possessor, approver, umbrella
    ("The LSCB procedures should be modified to include the voice of the child.", "LSCB"),
    ("The Trust's safeguarding team should audit compliance with the policy.", "Trust"),
    ("Procedures for escalation agreed by the Board must set out who decides.", "Board"),
    ("A task and finish group under the auspices of the Steering Group is established to review the guidance.", "Steering Group"),
    # staff of a named body
    ("KSCS staff must record the ethnicity of each child.", "KSCS"),
    ("Police officers should record the details of all children present at incidents.", "Police"),
    ("Adult social care practitioners should use the self-neglect toolkit.", "Adult social care"),
    # tags and labels
    ("(Health) Review the policy on missed appointments.", "Health"),
    ("(Police) officers should be reminded to record who was present.", "Police"),
    ("Police: Review the information sharing policy with Children's Services.", "Police"),
    ("Lead agency: Children's Social Care. Review the threshold document.", "Children's Social Care"),
    ("Responsibility for this action lies with the Community Safety Partnership. Review the MARAC referral criteria.", "Community Safety Partnership"),
    ("Families known to the (Youth Offending) service should be case managed by one practitioner.", "Youth Offending"),
    # a later sentence names the owner
    ("Review the transition protocol. The Safeguarding Adults Board should monitor progress.", "Safeguarding Adults Board"),
    # coordination
    ("The LSCB and all member agencies should emphasise the standards expected.", "LSCB"),
    ("The Police, Children's Social Care and Health should jointly review the protocol.", "Police"),
    ("The Trust should be asked to review its policy.", "Trust"),
    ("Children's Social Care (CSC) should review its threshold guidance.", "Children's Social Care"),
    ("The NHS should publish guidance on routine enquiry about domestic abuse.", "NHS"),
    ("The health visiting services should offer a new birth visit to every family.", "health visiting services"),
    ("NHS Kent and Medway should review its safeguarding policy.", "NHS Kent and Medway"),
    ("HMP Wandsworth should review its reception screening.", "HMP Wandsworth"),
    ("The safeguarding partners should publish their arrangements.", "safeguarding partners"),
    ("All KSCS staff must record the ethnicity of each child.", "KSCS"),
    ("Avon and Somerset Constabulary should review its stalking policy.", "Avon and Somerset Constabulary"),
    ("The Birmingham Safeguarding Adults Board (BSAB) should seek assurance on self-neglect.", "Birmingham Safeguarding Adults Board"),
]


@pytest.mark.parametrize(("text", "words"), NAMED)
def test_named_owner_is_found_with_its_words(text, words):
    got = assess(text)
    assert got.status == "named", (text, got)
    assert got.text is not None and words.lower() in got.text.lower()


# --- generic owners ---------------------------------------------------------------------------

GENERIC = [
    ("All agencies should ensure that staff understand the escalation policy.", "All agencies"),
    ("Practitioners should consider the lived experience of the child.", "Practitioners"),
    ("GPs should record the details of all household members.", "GPs"),
    ("Safeguarding Partnerships should publish their escalation procedures.", "Safeguarding Partnerships"),
    ("The review panel recommends that Safeguarding Partnerships publish their escalation policies.", "Safeguarding Partnerships"),
    ("Every police force should review its missing persons policy.", "Every police force"),
    ("Schools should ensure that attendance concerns are followed up.", "Schools"),
    ("Health visitors must ask about domestic abuse at every contact.", "Health visitors"),
    ("The safeguarding lead in each agency should cascade the learning.", "safeguarding lead"),
    ("Organisations should ensure that their policies reflect this learning.", "Organisations"),
    ("Partner agencies should share information with the MARAC.", "Partner agencies"),
    ("Local authorities should review their commissioning arrangements.", "Local authorities"),
    ("Each agency should review its single-agency procedures.", "agency"),
    ("Midwives should ask every woman about domestic abuse.", "Midwives"),
    ("Designated Safeguarding Leads should keep records of all concerns.", "Designated Safeguarding Leads"),
    ("It is important that professionals are curious about who lives in the household.", "professionals"),
    ("All NHS trusts should adopt the policy.", "NHS trusts"),
    ("Agencies to ensure that records are shared.", "Agencies"),
    ("GPs to undertake risk assessments for patients with a history of violence.", "GPs"),
    ("GP practices in the area should complete IRIS training.", "GP practices"),
    ("The social worker should see the child alone at each visit.", "social worker"),
    ("Where there are concerns about neglect the social worker must complete a neglect toolkit.", "social worker"),
    ("NHS organisations should adopt the policy.", "organisations"),
    ("Universities should provide guidance to students on coercive control.", "Universities"),
    ("Practitioners should refer to Children's Social Care (CSC) where there are concerns.", "Practitioners"),
    ("Managers who supervise staff should ensure that supervision is recorded.", "Managers"),
    ("Safeguarding partners should publish their arrangements.", "Safeguarding partners"),
    ("Each member of the Partnership should review its escalation policy.", "member"),
    ("GP surgeries should code the records of children on a plan.", "GP surgeries"),
    ("Education services should review their attendance policies.", "services"),
]


@pytest.mark.parametrize(("text", "words"), GENERIC)
def test_generic_owner_is_a_profession_or_unbounded_group(text, words):
    got = assess(text)
    assert got.status == "generic", (text, got)
    assert got.text is not None and words.lower() in got.text.lower()


# --- missing owners ---------------------------------------------------------------------------

MISSING = [
    # (text, reason, words quoted as evidence or None)
    ("Procedures should be reviewed to include cumulative concerns.", "agentless-passive", "should be reviewed"),
    ("The escalation policy needs to be revised.", "agentless-passive", "needs to be revised"),
    ("There should be a review of maternity records.", "nominal", "There should be a review"),
    ("To review the caseload weighting tool, which should reflect deprivation.", "infinitive", "To review"),
    ("Amend records to include a question on first language.", "imperative", "Amend"),
    ("Develop a multi-agency protocol on self-neglect.", "imperative", "Develop"),
    ("Ensure that the voice of the child is recorded.", "imperative", "Ensure"),
    ("That the standards be redrafted.", "subjunctive", "be redrafted"),
    ("The threshold document be reviewed.", "subjunctive", "be reviewed"),
    ("Health professionals will be reminded of their responsibilities.", "recipient", "will be reminded"),
    ("Practitioners should be reminded of the importance of professional curiosity.", "recipient", "should be reminded"),
    ("GPs should be made aware of the MARAC process.", "recipient", None),
    ("Staff should be trained in the use of the DASH risk assessment.", "recipient", "should be trained"),
    ("Training is undertaken by all staff.", "recipient", None),
    ("It is essential that practitioners receive training on coercive control.", "recipient", None),
    ("All staff should receive refresher training in safeguarding.", "recipient", None),
    ("Police Community Support Officers should be given a safeguarding input at induction.", "recipient", None),
    ("The LSCB should be informed of progress against this plan.", "recipient", None),
    ("Consideration should be given to the use of a single assessment.", "agentless-passive", None),
    ("A protocol for sharing information between the police and health should be developed.", "agentless-passive", None),
    ("Information about fathers must be recorded in the child's file.", "agentless-passive", None),
    ("Learning from this review should be shared with the Safeguarding Adults Board.", "agentless-passive", None),
    ("Assessments must always include fathers.", "no-actor", "Assessments must"),
    ("Joint visits involving the police and Children's Social Care should be a requirement.", "no-actor", None),
    ("This should include a review of training.", "no-actor", None),
    ("Learning from this review to be shared with all practitioners.", None, None),
    ("Non-qualified staff must not undertake the duty function.", "prohibition", None),
    ("Training for staff should be delivered on coercive control.", None, None),
    ("Training of all staff must include coercive control.", None, None),
    ("Ministers should consider legislation.", None, None),
    ("Staff who will be working with families should complete the training.", "recipient", None),
    ("The admission of babies to wards by specialities other than paediatrics needs to be revised.", "agentless-passive", None),
    ("The IDVA service should be expanded to cover the maternity unit.", "agentless-passive", "should be expanded"),
]


@pytest.mark.parametrize(("text", "reason", "evidence"), MISSING)
def test_missing_owner_quotes_what_shows_it(text, reason, evidence):
    ctx = context(text)
    got = ctx.analysis("owner")
    detail = ctx.analysis("owner.detail")
    assert got.status == "missing", (text, got, detail)
    assert got.text is None
    if reason is not None:
        assert detail.reason == reason
    if evidence is not None:
        assert detail.evidence is not None and text[detail.evidence[0] : detail.evidence[1]] == evidence


# --- configuration, rules through the engine --------------------------------------------------


def test_user_lexicon_names_an_extra_owner():
    # Written in lower case, the project's name is not recognisable as a proper name.
    text = "The blue door project should review its referral form."
    assert assess(text).status == "missing"
    got = assess(text, owners=frozenset({"blue door project"}))
    assert got.status == "named" and got.text == "blue door project"


def test_user_lexicon_from_configuration_reaches_the_rules():
    text = "The outreach hub project should review its referral form."
    assert "OW001" in codes(text)
    assert "OW001" not in codes(text, {"lexicons": {"owners": ["outreach hub project"]}})


def test_ow001_quotes_the_agentless_passive():
    found = codes("Procedures should be reviewed by March 2026.")
    (finding,) = found["OW001"]
    assert finding.quote == "should be reviewed"
    assert "who" in finding.message and finding.suggestion


def test_ow001_explains_recipients():
    (finding,) = codes("Health professionals will be reminded of their duty to challenge.")["OW001"]
    assert finding.quote == "will be reminded"
    assert "receive" in finding.message


def test_ow002_quotes_the_group():
    (finding,) = codes("All agencies should ensure that staff understand the escalation policy.")["OW002"]
    assert finding.quote == "All agencies"
    assert "all agencies" in finding.suggestion


def test_named_owner_raises_neither_rule():
    found = codes("The Safeguarding Partnership will review the escalation policy by 31 March 2026.")
    assert "OW001" not in found and "OW002" not in found


def test_public_and_detail_analyzers_agree():
    ctx = context("The procedures should be reviewed by the Safeguarding Partnership.")
    detail = ctx.analysis("owner.detail")
    public = ctx.analysis("owner")
    assert public.status == detail.status == "named"
    assert public.text == ctx.text[detail.span[0] : detail.span[1]]


# --- mentions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "status"),
    [
        ("every police force", "every police force", "generic"),
        ("the police forces", "police forces", "named"),
        ("all local authorities", "all local authorities", "generic"),
        ("Local authorities", "Local authorities", "generic"),
        ("the LSCBs", "LSCBs", "named"),
        ("LSCBs", "LSCBs", "generic"),
        ("the safeguarding lead in each agency", "safeguarding lead", "generic"),
        ("the Designated Safeguarding Lead", "Designated Safeguarding Lead", "named"),
        ("Designated Safeguarding Leads", "Designated Safeguarding Leads", "generic"),
        ("The Board", "Board", "named"),
        ("partnership working", None, None),
    ],
)
def test_mentions_are_judged_by_their_determiner(text, phrase, status):
    found = owner.find_mentions(text)
    if phrase is None:
        assert found == []
        return
    (m,) = [m for m in found if text[m.start : m.end] == phrase]
    assert m.status == status


def test_mentions_do_not_overlap_and_prefer_the_longest():
    text = "The Department for Education and the Government Department for Work and Pensions"
    found = owner.find_mentions(text)
    assert [text[m.start : m.end] for m in found][0] == "Department for Education"
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


# --- robustness -------------------------------------------------------------------------------


@given(st.text(max_size=300))
def test_owner_analysis_never_fails_and_quotes_its_own_text(text):
    ctx = context(text)
    detail = ctx.analysis("owner.detail")
    got = ctx.analysis("owner")
    assert got.status in ("named", "generic", "missing")
    for span in (detail.span, detail.evidence):
        if span is not None:
            assert 0 <= span[0] <= span[1] <= len(text)
    assert (got.text is None) == (got.status == "missing")


WORDS = st.sampled_from(
    "The LSCB should must will review the policy by agencies staff practitioners be reviewed reminded "
    "There a of to ( ) Police : , . ; that It is essential receive training all each Board's".split()
)


@given(st.lists(WORDS, max_size=25).map(" ".join))
def test_owner_analysis_survives_recommendation_like_word_salad(text):
    got = assess(text)
    assert got.status in ("named", "generic", "missing")


# --- grammar helpers (rules/grammar.py) -------------------------------------------------------


def test_sentences_are_not_split_after_abbreviations():
    text = "Agencies should e.g. review Dr. Smith's advice. The Board should act; staff should record it."
    spans = grammar.sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "Agencies should e.g. review Dr. Smith's advice.",
        "The Board should act; staff should record it.",
    ]
    assert len(grammar.sentence_spans(text, semicolons=True)) == 3


def test_semicolons_inside_brackets_do_not_split():
    text = "Admissions (via ophthalmics; dental) should be reviewed."
    assert len(grammar.sentence_spans(text, semicolons=True)) == 1


@pytest.mark.parametrize(
    ("text", "name"),
    [("(Police) Review the policy.", "Police"), ("[Health] Audit records.", "Health"), ("Police: Review the policy.", "Police"),
     ("Children's Social Care - Review the threshold.", "Children's Social Care"), ("(a) Review the policy.", None),
     ("Recommendation 3: Review the policy.", None), ("Timescale: March 2026.", None)],
)
def test_leading_tag(text, name):
    tag = grammar.leading_tag(text)
    if name is None:
        assert tag is None
    else:
        assert tag is not None and text[tag.name[0] : tag.name[1]] == name


@pytest.mark.parametrize(
    ("text", "kind", "subject", "passive"),
    [
        ("The LSCB should review the policy.", "modal", "The LSCB", False),
        ("The LSCB to review the policy.", "to", "The LSCB", False),
        ("That the Board undertake an audit.", "subjunctive", "the Board", False),
        ("That the standards be redrafted.", "subjunctive", None, True),
        ("Amend records to include language.", "imperative", None, False),
        ("To review the tool.", "infinitive", None, False),
        ("There should be a review of records.", "existential", None, False),
        ("It is essential that professionals receive training.", "subjunctive", "professionals", False),
        ("Procedures should be reviewed.", "modal", "Procedures", True),
        ("Staff who will be working with families should attend.", "modal", "Staff who will be working with families", False),
        ("If a bruise is seen the health visitor must refer.", "modal", "the health visitor", False),
    ],
)
def test_analyse_clause(text, kind, subject, passive):
    clause = grammar.analyse_clause(text, 0, len(text))
    assert clause.kind == kind
    if subject is not None:
        assert clause.subject is not None and text[clause.subject[0] : clause.subject[1]] == subject
    assert clause.passive is passive


def test_analyse_clause_reads_negation_and_agent():
    text = "The policy must not be changed by the Board without consultation."
    clause = grammar.analyse_clause(text, 0, len(text))
    assert clause.negated and clause.passive
    assert text[clause.agent[0] : clause.agent[1]] == "the Board"


@pytest.mark.parametrize(
    ("text", "agent"),
    [("be reviewed by the LSCB and partners.", "the LSCB and partners"), ("be reviewed by March 2026.", None),
     ("be reviewed by the end of June.", None), ("be reviewed by ensuring that it is read.", None),
     ("be reviewed by email.", None), ("be reviewed by 31 March by the Board.", "the Board")],
)
def test_agent_after_by(text, agent):
    span = grammar.agent_after_by(text, 0, len(text))
    assert (text[span[0] : span[1]] if span else None) == agent


def test_subject_before_walks_back_over_coordination():
    text = "In its publicity the LSCB and all member agencies should act."
    span = grammar.subject_before(text, text.index(" should"), 0)
    assert text[span[0] : span[1]] == "the LSCB and all member agencies"


def test_terms_regex_matches_whole_words_leftmost_longest():
    pattern = grammar.terms_regex(["police", "police force", "lscb"])
    text = grammar.lowered("Every Police  Force and the LSCBs and policeman")
    assert [m.group() for m in pattern.finditer(text)] == ["police  force"]


def test_normalise_keeps_offsets():
    text = "Children’s Social Care — “review”"
    assert len(grammar.normalise(text)) == len(text)
    assert grammar.normalise(text) == "Children's Social Care - \"review\""


@pytest.mark.parametrize(
    ("text", "status", "words"),
    [
        # a fronted "over"/"throughout" phrase is an adverbial, not the subject
        ("Over the next two years, practitioners should improve their recording of carers.", "generic", "practitioners"),
        ("Over the coming year, the Youth Justice Service should update its exploitation screening tool.", "named", "Youth Justice Service"),
        ("Throughout 2026, all agencies should report their training figures to the Board.", "generic", "all agencies"),
        # the parties a thing is agreed or signed between are its actors
        ("An information sharing agreement should be signed between the ICB and the Local Authority.", "named", "ICB"),
        ("Guidance on hoarding should be developed jointly between the Fire Service and Adult Social Care.", "named", "Fire Service"),
        ("By June 2026, a joint protocol should be agreed between housing providers and landlords.", "generic", "housing providers"),
    ],
)
def test_fronted_adverbials_and_joint_parties(text, status, words):
    got = assess(text)
    assert got.status == status, (text, got)
    assert words in (got.text or ""), (text, got)


@pytest.mark.parametrize(
    "text",
    [
        "A protocol on joint visits should be agreed.",
        "Over the next year, the protocol should be agreed and published.",
        "A new working agreement should be agreed as a matter of priority.",
    ],
)
def test_agreed_with_no_parties_stays_missing(text):
    assert assess(text).status == "missing", (text, assess(text))
