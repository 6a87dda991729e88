"""The Specific rules (SP001-SP004) and the "specific" assessment, on synthetic recommendations
written for the shapes the SMART guide rules on: wrappers, options, hedges, bundles."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import smartlint_rules
from hypothesis import given
from hypothesis import strategies as st
from smartlint_rules.specific import RULES

from smartlint.document import Document, Item
from smartlint.rule import DocContext, RecContext, Settings

ANALYZERS = smartlint_rules._analyzers()
BY_CODE = {rule.meta.code: rule for rule in RULES}


def rec(text: str) -> RecContext:
    doc = Document(path="t.md", format="md", source=text, items=[Item(id="1", index=1, text=text, pieces=[(0, 0)])])
    return DocContext(doc, Settings(today=date(2026, 1, 1)), ANALYZERS).recommendations[0]


def quotes(text: str, code: str) -> list[str]:
    """The words each finding of `code` quotes (None for a whole-item finding)."""
    ctx = rec(text)
    return [text[v.start : v.end] if v.start is not None else None for v in BY_CODE[code]().check(ctx)]


def assess(text: str):
    return rec(text).analysis("specific")


def status(text: str) -> str:
    return rec(text).analysis("specific").status


# -- SP001 vague-action --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Practitioners should be reminded of the importance of professional curiosity.", "reminded"),
        ("The LSCB should explore the feasibility of a web-based information system.", "explore"),
        ("Children's social care should re-examine their use of unqualified workers.", "re-examine"),
        ("The Partnership should raise awareness of coercive control among GPs.", "raise awareness"),
        ("The particular vulnerability of teenage mothers must be considered at all times.", "considered"),
        ("GPs should be mindful of the risk of domestic abuse in older patients.", "be mindful"),
        ("Agencies should take into account the views of the adult.", "take into account"),
        ("All partners should promote a culture of professional curiosity.", "promote"),
        ("The Coroner's officers should be made aware of the review process.", "made aware"),
        ("Practitioners should be curious about unexplained absences from school.", "be curious"),
        ("Services should be more joined up.", "be more joined up"),
        ("All partners should adopt a think-family approach.", "adopt a think-family approach"),
        ("Frontline staff should have a better understanding of coercive control.", "have a better understanding"),
    ],
)
def test_vague_main_verbs_are_flagged_with_their_words(text, quoted):
    assert quoted in quotes(text, "SP001")
    assert status(text) == "unspecific"


@pytest.mark.parametrize(
    "text",
    [
        # a wrapper around an aim: nothing concrete inside
        "Organisations must ensure that staff always focus on the needs of the child.",
        "The Trust must ensure that staff understand the escalation policy.",
        "The LSCB must satisfy itself that assessments are informed by the views of the child.",
        "The Board should ensure that its policies are robust.",
        "The lead nurse should use the regional networks to ensure that awareness is raised.",
        "It is important that universal services are alert to poor housing.",
        "It is important that professionals listen to the concerns of family members.",
        "Agencies should continue to work together to safeguard children.",
        "Agencies should ensure compliance.",
    ],
)
def test_wrappers_around_an_aim_are_vague(text):
    assert quotes(text, "SP001"), text
    assert status(text) == "unspecific"


@pytest.mark.parametrize(
    "text",
    [
        # the guide: a wrapper around a concrete action is judged on the action inside
        "The Trust should ensure that the discharge checklist includes a question on carers.",
        "The LSCB procedures should be modified to ensure that the local authority provides written feedback to referrers.",
        "The Safeguarding Adults Board should seek assurance from partner agencies that their policies include an escalation route.",
        "The Board should be satisfied that the revised escalation policy has been implemented by every agency.",
        "It is essential that professionals receive refresher training in safeguarding at a level relevant to their post.",
        "That the LSCB commission or undertake work to develop definitive practice guidance.",
        "The Clinical Commissioning Group should ensure that GP practices have a named safeguarding lead.",
        "The panel recommends that the CCG develops a template for GP reports.",
        # "review <definite object>" is specific; a vague verb with a concrete means is not vague
        "The Police should review the current allocation of child protection referrals.",
        "The Police should improve their response to missing adults by introducing a checklist for call handlers.",
        "In its publicity and training materials the LSCB should emphasise that rural families are not held to lower standards.",
        # consider/reflect with a document as subject describe its content
        "The risk assessment should consider the inter-relationship of health and social problems.",
        "The caseload weighting tool should reflect vulnerability and disadvantage.",
        # purpose clauses are not the demand
        "The threshold document should be reviewed to ensure inclusion of cumulative concerns.",
    ],
)
def test_concrete_actions_are_not_vague(text):
    assert quotes(text, "SP001") == []


# -- SP002 undefined-object ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Failures to attend should be raised at appropriate management levels.", "appropriate management levels"),
        ("The Police should share relevant information with Children's Social Care.", "relevant information"),
        ("GPs should attend child protection conferences where possible.", "where possible"),
        ("The Probation Service should share risk information with the Police where appropriate.", "where appropriate"),
        ("All agencies should update their safeguarding policies as necessary.", "as necessary"),
        ("Agencies should take appropriate action when a victim discloses abuse.", "appropriate action"),
        ("The Trust should put robust arrangements in place for discharge.", "robust arrangements"),
        ("Information must be updated about wider family networks.", "Information"),
        ("Agencies must share information appropriately.", "appropriately"),
        ("The NHS should make every effort to reduce waiting times.", "every effort"),
        # a manner phrase does not say which information
        ("Agencies must share information in a timely manner.", "information"),
        ("Housing and the Police should exchange information in a more effective way.", "information"),
    ],
)
def test_hedges_and_undefined_objects_are_flagged(text, quoted):
    assert quoted in quotes(text, "SP002")
    assert "undefined-object" in rec(text).analysis("specific").reasons


@pytest.mark.parametrize(
    "text",
    [
        "Professionals should receive refresher training at a level relevant to their post.",  # defined by "to"
        "The Team should develop a protocol with relevant education establishments (e.g. schools).",  # by example
        "The relevant Local Authority should convene a strategy meeting.",  # one named body, fixed by the case
        "The LSCB should revise its procedures as required by Working Together (2018).",  # a standard, not a hedge
        "The LSCB to review whether there is sufficient and relevant multi-agency training.",  # the review's question
        "The Police should review allocation to ensure that officers are appropriately qualified.",  # purpose clause
        "The Board should review its information sharing policy.",  # "information" in a compound
        "GPs should share information about the risk with the Police.",  # information specified
    ],
)
def test_defined_objects_are_not_flagged(text):
    assert quotes(text, "SP002") == []


# -- SP003 optional-wording ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Consideration should be given to appointing a named GP for safeguarding.", "Consideration should be given"),
        ("Consideration should also be given to whether the threshold is right.", "Consideration should also be given"),
        ("The Trust could introduce a flag on the electronic record.", "could"),
        ("The Board may wish to consider commissioning an independent evaluation.", "may wish to"),
        ("The Board should consider commissioning training on neglect.", "should consider"),
        (
            "Sibling groups should be case managed by either the same practitioner, or a co-worker.",
            "either the same practitioner, or",
        ),
        (
            "Housing providers should be encouraged to sign up to the accreditation standards.",
            "should be encouraged to",
        ),
        ("The Government should give consideration to a national register.", "give consideration to"),
    ],
)
def test_options_are_flagged(text, quoted):
    assert quoted in quotes(text, "SP003")
    assert status(text) == "unspecific"


@pytest.mark.parametrize(
    "text",
    [
        "The Board should audit 20 cases to elicit information that could be pertinent to risk.",  # relative clause
        "The lead should use the networks, particularly where neglect could be a factor.",  # condition
        "The Board will publish the revised protocol by May 2026.",  # a month, not a modal
        "The risk assessment should consider the impact of parental substance misuse.",  # a document's content
        "That the LSCB undertake or commission work to develop guidance.",  # "or" between owners' means
    ],
)
def test_could_and_or_outside_the_demand_are_not_options(text):
    assert quotes(text, "SP003") == []


# -- SP004 bundled-actions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted_start"),
    [
        (
            "The Trust should revise its discharge policy. GPs must record the ethnicity of every new patient.",
            "GPs must record",
        ),
        (
            "The Board should publish a neglect strategy; the Police should appoint a domestic abuse coordinator.",
            "the Police should appoint",
        ),
        (
            "The Housing Association should introduce a policy on tenancy visits where a tenant is vulnerable, "
            "and the Police should review their call handling procedures.",
            "the Police should review",
        ),
        (
            "The ambulance service should review its policy on frequent callers, and train call handlers in recognising self-neglect.",
            "train call handlers",
        ),
        (
            "The Government should: (a) publish a domestic abuse strategy for older people; (b) fund specialist refuges.",
            "fund specialist refuges",
        ),
        (
            "Police forces should (i) record all reports of stalking as crimes and (ii) appoint a single point of contact for victims.",
            "appoint a single point",
        ),
        (
            "The DWP should review its processes for vulnerable claimants. It should also cut the delay in hearing appeals.",
            "It should also cut",
        ),
    ],
)
def test_separate_demands_are_bundled_and_the_second_is_quoted(text, quoted_start):
    found = quotes(text, "SP004")
    assert len(found) == 1 and found[0].startswith(quoted_start), found


@pytest.mark.parametrize(
    "text",
    [
        # one deliverable specified in several parts
        "The LSCB procedures should be modified so that referrers receive written feedback. The feedback should always give the name of a manager.",
        "There should be a review of maternity records. This should include storing copies of child protection minutes in the records.",
        "The Board should publish a neglect strategy. The strategy should include a section on adolescents.",
        "GPs to undertake risk assessments on violent clients. The risk assessment should consider the risk to children.",
        "Create and launch a leaflet on the role of the Designated Nurse; and also provide her contact details.",
        "All document templates should include ethnicity. It is a requirement that practitioners record the ethnicity of service users.",
        # a reason, not a second demand
        "To review the caseload weighting tool. This should help to reduce staff stress levels.",
        "It is essential that professionals receive refresher training. This will provide an opportunity to renew their learning.",
        # coordinated verbs on one object, and a single demand with a purpose clause
        "Create and launch a leaflet providing guidance on the roles of Designated Doctors.",
        "The LSCB should undertake a consultation to identify a sample of families and confirm that children are safe.",
        # context sentences are not demands
        "The Inquiry was told that staff felt unsupported. The Trust should appoint a Freedom to Speak Up Guardian.",
        "Research suggests that older victims rarely report abuse; agencies should ask older patients about abuse.",
    ],
)
def test_one_action_in_parts_is_not_bundled(text):
    assert quotes(text, "SP004") == []


# -- the assessment agrees with the rules ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Amend records to include a specific question on ethnicity, religion and first language.",
        "The Education Support Team to develop a protocol with the Leaving Care team.",
        "Staff must always see the child alone during home visits.",
        "(Police) Review the information sharing policy with Children's Services.",
        "The Government Department for Education should initiate discussions with the Home Office about bail conditions.",
    ],
)
def test_one_concrete_action_with_a_definite_object_is_specific(text):
    assessment = rec(text).analysis("specific")
    assert assessment.status == "specific" and assessment.reasons == []


FRAGMENTS = [
    "The Board should review the escalation policy.",
    "Staff should be reminded of their duties.",
    "The Trust could introduce a flag on the record.",
    "Agencies should share relevant information where possible.",
    "The Police must appoint a stalking coordinator.",
    "It is important that practitioners listen to children.",
    "This should include a section on neglect.",
    "The LSCB should seek assurance that the protocol is in use.",
    "Consideration should be given to a new pathway.",
    "GPs must record the ethnicity of every new patient.",
]


@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=4))
def test_assessment_reasons_are_exactly_the_rules_that_fired(parts):
    text = " ".join(parts)
    ctx = rec(text)
    fired = {rule.meta.name for rule in RULES if list(rule().check(ctx))}
    assessment = ctx.analysis("specific")
    assert set(assessment.reasons) == fired
    assert (assessment.status == "unspecific") == bool(fired)
    order = [r.meta.name for r in RULES]
    assert assessment.reasons == sorted(assessment.reasons, key=order.index)


@given(
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=4), st.sampled_from(["", "(Police) ", "Action: ", "1) "])
)
def test_every_finding_quotes_real_words_and_says_what_to_do(parts, prefix):
    text = prefix + " ".join(parts)
    ctx = rec(text)
    for rule in RULES:
        for v in rule().check(ctx):
            assert v.message and v.suggestion
            assert v.start is not None and 0 <= v.start < v.end <= len(text)
            assert text[v.start : v.end].strip() == text[v.start : v.end]


@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(text):
    ctx = rec(text)
    ctx.analysis("specific")
    for rule in RULES:
        for v in rule().check(ctx):
            assert v.start is None or 0 <= v.start <= v.end <= len(text)


# -- regression guard on the labelled dev set (the brief's targets; skipped without ../shared) ---------

DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "brandon2011_dev.jsonl"


@pytest.mark.skipif(not DEV.exists(), reason="the shared dev corpus is not checked out")
def test_dev_set_accuracy_and_macro_f1_meet_the_targets():
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    pairs = [(bool(row["specific"]), assess(row["text"]).status == "specific") for row in rows]
    accuracy = sum(gold == predicted for gold, predicted in pairs) / len(pairs)

    def f1(label: bool) -> float:
        tp = sum(g == label and p == label for g, p in pairs)
        wrong = sum(g != p and (g == label or p == label) for g, p in pairs)
        return 2 * tp / (2 * tp + wrong) if tp else 0.0

    assert accuracy >= 0.86, accuracy
    assert (f1(True) + f1(False)) / 2 >= 0.80


# -- generalisation: shapes from safeguarding adults reviews, DHRs and inquiries -------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # learning as the action
        ("The Home Office should learn from this review.", "learn"),
        ("Government departments must learn the lessons of these deaths.", "learn"),
        ("The Council must ensure that lessons are learned across its services.", "learned"),
        ("Partner agencies are asked to reflect on the findings of this review.", "reflect"),
        ("Schools are asked to consider the learning from this review.", "consider"),
        # a wrapper whose clause is itself vague
        ("The Partnership should satisfy itself that agencies have learned from these deaths.", "learned"),
        ("The Board should satisfy itself that partners have embedded the learning.", "embedded"),
        # spreading unnamed lessons with no channel and no named audience
        ("Lessons from this homicide should be disseminated across the partnership.", "disseminated"),
        ("The CSP should share the learning from this review widely.", "share"),
        ("The key messages of this review should be cascaded to staff.", "cascaded"),
        # working together with no concrete means
        ("Agencies should work together more effectively.", "work together"),
        # an enabling verb passing on no concrete action
        ("Agencies should support adults who self-neglect to remain in their homes.", "support"),
        # what is recommended is judged
        ("The Panel recommends that the Police reinforce the importance of curiosity with call handlers.", "reinforce"),
        # a "with" phrase that names no number, bound or frequency is no means
        ("Agencies should improve communication, with every partner involved in the planning process.", "improve"),
        ("The Board should ask agencies to reflect on the findings.", "reflect"),
        ("The Trust should embed the learning in practice.", "embed"),
        ("Housing and adult social care should work more closely with each other.", "work more closely"),
        ("The police and the council must work in partnership on hoarding.", "work in partnership"),
    ],
)
def test_vague_actions_in_other_review_shapes_are_flagged(text, quoted):
    found = quotes(text, "SP001")
    assert found and found[0].startswith(quoted), (text, found)


@pytest.mark.parametrize(
    "text",
    [
        # the wrapper is looked through: its clause is concrete
        "Children's Social Care should ensure that every child on a protection plan is seen alone at each visit.",
        "The Trust should ensure that every patient with dementia is seen by a tissue viability nurse within 48 hours.",
        "The Board should seek assurance from the ICB that safeguarding training compliance has reached 95% by March 2027.",
        "The Partnership should seek assurance that every GP practice has appointed a safeguarding lead.",
        # a vague verb with the concrete means spelt out
        "The Police should strengthen their response to missing adults, with every report reviewed by a sergeant within an hour.",
        "The Trust should improve discharge planning, with all patients over 75 offered a follow-up call within 48 hours.",
        # a channel or a named audience for the lessons
        "The Partnership should disseminate the findings through a seven-minute briefing.",
        "The learning from this review should be shared with every GP practice in the county.",
        "The CSP should share the findings of this review with the Home Office.",
        # working together through a concrete action
        "The Police should work with Children's Social Care to agree a joint protocol on missing children.",
        "Housing and adult social care should work together to produce a hoarding protocol.",
        # a document as subject describes its content
        "The CSP should commission a review of its MARAC. The review should examine referral rates and attendance.",
        "The Board should commission a thematic review. The review should explore why carers were not assessed.",
        # content placed in a named instrument
        "The CSP should reflect the learning from this review in its domestic abuse strategy.",
        "The Board should embed the escalation pathway in the multi-agency induction programme.",
        "The Partnership should raise awareness of the Herbert Protocol among care home staff through a leaflet.",
        # an enabling verb passing on a concrete action, or a deliverable named as the means
        "The ICB should support GP practices to adopt the IRIS domestic abuse programme.",
        "The Local Authority should improve its response to hoarding through a dedicated hoarding coordinator post.",
        # a hedge is SP003's business, not SP001's
        "The Community Safety Partnership may wish to commission a review of its MARAC arrangements.",
    ],
)
def test_concrete_actions_in_other_review_shapes_are_not_vague(text):
    assert quotes(text, "SP001") == [], text


@pytest.mark.parametrize(
    ("text", "quoted_start"),
    [
        # semicolon lists of separate reforms, even on one topic
        ("The Council should adopt a hoarding policy; appoint a hoarding lead; and join the regional hoarding network.", "appoint a hoarding lead"),
        ("Greenfield Housing: Develop a tenancy fraud policy; appoint a fraud lead; and seek accreditation by 2027.", "appoint a fraud lead"),
        ("The CSP should: (a) commission a review of its MARAC; (b) fund a second IDVA post.", "fund a second IDVA post"),
        # separate bodies with separate demands on a shared topic
        ("The Police should record all stalking reports as crimes. The CPS should prosecute more stalking cases.", "The CPS should prosecute"),
        ("The Trust should revise its falls policy, and the ambulance service should train crews in falls assessment.", "the ambulance service should train"),
        # a later sentence with its own end, even when it names a body to report to
        ("The Trust should appoint a named nurse for adult safeguarding. Housing should report hoarding to the Fire Service.", "Housing should report"),
    ],
)
def test_separate_reforms_on_one_topic_are_bundled(text, quoted_start):
    found = quotes(text, "SP004")
    assert len(found) == 1 and found[0].startswith(quoted_start), (text, found)


@pytest.mark.parametrize(
    "text",
    [
        # the measure of the first demand is not a second demand
        "The IDVA service should offer every victim a meeting within 5 days, and its manager should audit compliance monthly.",
        "The Trust should introduce a falls checklist; ward managers should audit its use monthly and report the results to the Board.",
        "The Police should adopt the DASH checklist for stalking, and should monitor its use through the quarterly performance report.",
        "The DWP should review how it identifies vulnerable claimants, and it should publish the results by 2027.",
        # the revised deliverable filled in by a second sentence
        "The Trust should revise its missed appointments policy. The revised policy should require a call after two missed appointments.",
        # a later sentence that checks, feeds, distributes or fills in the first deliverable
        "The Trust should appoint a named nurse for adult safeguarding. The post holder should report annually to the Board.",
        "The ICB should build a safeguarding dashboard for primary care. GP practices should submit their data quarterly.",
        "The Board should publish a 7-minute briefing on cuckooing. Partner agencies should circulate it to all frontline staff.",
        "The Local Authority should establish a transitions panel. Its membership should include CAMHS and education.",
        "The Police should introduce a stalking screening tool. Officers should use the tool at every domestic abuse incident.",
        # a finding with a reference before the demand is not a demand
        "Research by SafeLives (2019) found that few older victims are referred to MARAC; the CSP should audit referrals.",
        "Evidence from the national DHR library shows that carers are overlooked. The CSP should publish a carers' briefing.",
        # a modal in a "how" clause or a fronted condition is not a second demand
        "The Partnership should produce guidance on how practitioners might recognise cuckooing.",
        "Where a victim may be at risk, the Police should complete a DASH assessment.",
        "The CSP should: (a) commission a review of its MARAC; (b) publish the review's findings.",
        # a question after "whether" is not a second demand
        "The Home Office should consider whether the DHR statutory guidance needs to be revised.",
        "The Board should decide whether the escalation policy should be rewritten.",
        # one deliverable filled in with "and include", "so that", "including", "with"
        "The Council should revise its hoarding protocol, and include a section on fire risk.",
        "The Trust should revise its discharge policy so that every carer is contacted within 48 hours.",
        "The Board should publish a self-neglect strategy, including a section on hoarding and a plan for training.",
        "The Police should review their stalking procedure, with every victim offered a named officer.",
        "The CSP should develop a coercive control pathway, so that victims are referred to the IDVA within 24 hours.",
    ],
)
def test_one_action_with_its_measure_or_elaboration_is_not_bundled(text):
    assert quotes(text, "SP004") == [], text


@pytest.mark.parametrize(
    "text",
    [
        "The Partnership should produce guidance on how practitioners might recognise cuckooing.",
        "Where a victim may be at risk, the Police should complete a DASH assessment.",
        "The Council should develop a protocol that could be used by all partners in cases of self-neglect.",
    ],
)
def test_a_modal_in_a_condition_or_question_is_not_an_option(text):
    assert quotes(text, "SP003") == [], text


@pytest.mark.parametrize(
    "text",
    [
        # aims phrased as "make room/space/time for", "make better use of", "hold ... to account"
        "Commissioners should hold care providers to account.",
        "The Partnership Board should hold member agencies to account for their attendance.",
        "Team managers should make space for reflective discussion in supervision.",
        "Ward managers should make time for debriefs after restraint.",
        "GP practices should make better use of their patient record alerts by June 2026.",
        "Housing officers should make more effective use of the case management system.",
    ],
)
def test_aims_phrased_with_make_or_hold_are_vague(text):
    assert status(text) == "unspecific", (text, assess(text))


@pytest.mark.parametrize(
    "text",
    [
        "The Board should hold a learning event for GPs on coercive control.",
        "The Trust should make the safeguarding flag mandatory on its electronic record.",
        "Schools should make use of the new referral form for young carers.",
    ],
)
def test_concrete_make_and_hold_actions_stay_specific(text):
    assert status(text) == "specific", (text, assess(text))


# -- blind-set kinds (session 3): bundles without ", and", lists of three demands ----------------


@pytest.mark.parametrize(
    "text",
    [
        "The Council should create a register of foster carers and set minimum standards for supervision visits.",
        "Probation should appoint a domestic abuse lead and publish a new referral protocol by June 2026.",
        "That the Police revise the missing person form and introduce a new triage tool by March 2026.",
        "The Trust should update its safeguarding policy, recruit a named nurse and introduce supervision for midwives.",
        "The Partnership should redesign the referral form, appoint two link workers and commission an advocacy service.",
        "Children's Services should audit the neglect cases, and commission a new parenting programme.",
    ],
)
def test_separate_demands_with_different_objects_are_bundled(text):
    assert "bundled-actions" in assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "The Board should review and update the escalation policy by June 2026.",
        "The Trust should provide training and support to all midwives.",
        "The Board should ensure that staff record the reason for a visit and inform the parent.",
        "The Council should publish a protocol and set out the steps for escalation within it.",
        "The Police should revise the referral form so that it records the first language of the victim.",
        "The ICB should commission an audit of 20 records and report its findings to the Board by May 2026.",
    ],
)
def test_one_demand_with_its_parts_or_measure_is_not_bundled(text):
    assert "bundled-actions" not in assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "The Council should re-commission the advocacy service, or alternatively extend the current contract.",
        "Public Health should extend the current contract or commission a new provider by March 2026.",
        "The Board should appoint an independent chair, or otherwise ask the Council to nominate one.",
        "The Police should purchase a new case management system or upgrade the existing one by 2027.",
    ],
)
def test_a_choice_between_two_demands_is_an_option(text):
    assert "optional-wording" in assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "The Board should audit the cases of children who go missing or run away from care.",
        "The Trust should amend its policy so that staff record or report any concern to the named nurse.",
        "The Council should provide written guidance to parents or carers by June 2026.",
        "The Police should refer every victim aged over 65 or living alone to the Safeguarding Hub.",
    ],
)
def test_or_between_objects_or_within_a_practice_is_not_an_option(text):
    assert "optional-wording" not in assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "The Trust should be satisfied that its ward staff are able to identify a carer under strain.",
        "Hoarding cases should be given higher priority by the Council.",
        "The Council should give greater priority to young carers.",
        "Adult social care should think family.",
        "Health visitors should remain curious about new partners in the household.",
        "Probation officers should stay alert to signs of coercive control.",
        "The Police should take every opportunity to reinforce messages about stalking.",
        "The lessons from this review should be shared with all partner agencies once a year.",
        "GPs to be reminded that a child who misses two appointments must be followed up.",
        "Further work should be undertaken to understand the needs of young carers.",
    ],
)
def test_aims_and_reminders_in_other_shapes_are_vague(text):
    assert "vague-action" in assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Further work should be undertaken to produce a hoarding protocol by May 2026.",
        "The Board should take action to publish the revised escalation protocol by June 2026.",
        "The findings should be shared with the Safeguarding Adults Board by June 2026.",
        "Think Family training should be delivered to every GP practice by March 2026.",
        "The Council should give each young carer a written plan within four weeks of referral.",
        "Staff working to support families should complete the neglect toolkit training by May 2026.",
    ],
)
def test_concrete_actions_near_those_aims_stay_specific(text):
    assert "vague-action" not in assess(text).reasons


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "The Home Office and the College of Policing should, within two years, establish a national register "
            "of stalking advocates and set minimum training standards for their employers.",
            "bundled-actions",
        ),
        (
            "Adult Social Care should review its response to adults who refuse care, and commission a new "
            "advocacy service for carers.",
            "bundled-actions",
        ),
        ("Adult Social Care is recommended to reflect on its hoarding protocol.", "vague-action"),
        ("Further work should be undertaken over the next year to understand the needs of young carers.", "vague-action"),
        (
            "Staff to be reminded, as a matter of urgency, that a bruise in a baby must be referred to the Hub.",
            "vague-action",
        ),
    ],
)
def test_asides_and_relative_clauses_do_not_hide_the_problem(text, reason):
    assert reason in assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "Adult Social Care is recommended to review its hoarding protocol by June 2026.",
        "The Council should publish a protocol on hoarding and audit its use in 20 cases.",
        "The Trust should appoint a named midwife for young mothers, and publish her contact details.",
    ],
)
def test_recommended_actions_and_their_own_checks_stay_specific(text):
    assert assess(text).status == "specific"


@pytest.mark.parametrize(
    "text",
    [
        # a concrete assurance and its report: one action
        "The ICB should seek assurance from Northgate NHS Foundation Trust that no patient known to be homeless "
        "is discharged without a referral to the housing team, and should report on this to the Board every six months.",
        "The Board should seek assurance from each care home that every resident assessed as lacking capacity has "
        "a current authorisation.",
        "The Council should obtain assurance from its contractors that every carer referred by a GP is offered an "
        "assessment within 28 days.",
        # a concrete practice inside 'ensure that', with its measure
        "The Designated Nurse should ensure that the question about coercion is asked only when the patient is "
        "seen alone, with compliance measured through a quarterly audit of 20 records.",
        "The Council should ensure that every carer is asked about their own health at each review, with "
        "compliance checked through an annual audit of 30 cases.",
    ],
)
def test_concrete_content_inside_assurance_or_ensure_is_specific(text):
    assert assess(text).status == "specific"


@pytest.mark.parametrize(
    "text",
    [
        "The Board should ensure that staff have a good understanding of coercive control.",
        "The Trust should seek assurance that staff have the skills to recognise self-neglect.",
    ],
)
def test_a_capacity_inside_ensure_or_assurance_stays_vague(text):
    assert "vague-action" in assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "The Partnership should revise its neglect protocol. The revised protocol should set out who chairs a "
        "strategy meeting and how quickly it meets. Its use should be audited annually by the Quality Subgroup.",
        "The Council should publish a hoarding protocol by June 2026. The protocol should name a lead for each "
        "case. Compliance with it will be monitored by the SAB every six months.",
        "The Board should publish a neglect strategy. Its implementation should be reviewed by the Performance "
        "Subgroup in 2027.",
    ],
)
def test_later_sentences_filling_in_or_checking_one_deliverable_are_one_action(text):
    assert "bundled-actions" not in assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "The Trust should appoint a named nurse for homeless patients. The Council should also fund two extra "
        "housing officers.",
        "The Police should revise the stalking risk form. Probation should recruit a specialist stalking advocate.",
    ],
)
def test_separate_reforms_in_separate_sentences_stay_bundled(text):
    assert "bundled-actions" in assess(text).reasons


def test_an_action_plan_row_spreading_unnamed_lessons_is_vague():
    assert "vague-action" in assess("Lessons from this case to be shared – Lead: TBC – Medium term").reasons
    named = "Lessons from this case to be shared with every GP practice through the March newsletter – Lead: TBC – Q1"
    assert "vague-action" not in assess(named).reasons


@pytest.mark.parametrize(
    "text",
    [
        "The Council should review the hoarding policy and make the changes needed by June 2026.",
        "The ICB should commission a review of GP registration and publish the report by June 2026.",
        "The Board should commission an audit of neglect cases, and act on the findings.",
        "Children's Social Care should convene a strategy meeting and invite the school nurse when a baby is injured.",
    ],
)
def test_a_follow_on_to_the_first_deliverable_is_not_a_second_action(text):
    assert "bundled-actions" not in assess(text).reasons
