"""Owner shapes a blind set showed missing-owner (OW001) getting wrong, one group per linguistic
kind, each with its own wordings (written for the test, none taken from a labelled file), plus
negatives that must stay as they are."""

from __future__ import annotations

import pytest
from owner_checks import assess, check

# --- 5. generic classes of the safeguarding workforce and sectors -----------------------------

WORKFORCE = [
    ("Care coordinators should record the carer's views in the care plan.", "Care coordinators"),
    ("Ambulance crews should record safeguarding concerns on the patient record.", "Ambulance crews"),
    ("Paramedics should make a referral whenever self-neglect is suspected.", "Paramedics"),
    ("Approved mental health professionals should consult the nearest relative.", "Approved mental health professionals"),
    ("Banks and building societies should train their staff to spot financial abuse.", "Banks and building societies"),
    ("Pharmacies should display the domestic abuse helpline number.", "Pharmacies"),
    ("Dentists should record missed appointments for children.", "Dentists"),
    ("Sports clubs should appoint a welfare officer.", "Sports clubs"),
    ("Custody sergeants should refer vulnerable detainees to liaison and diversion.", "Custody sergeants"),
    ("Firefighters should make safeguarding referrals after home fire safety visits.", "Firefighters"),
    ("Opticians should share concerns about neglect with the GP.", "Opticians"),
    ("Call handlers should ask whether weapons are in the house.", "Call handlers"),
    ("Independent domestic violence advisors should record the victim's wishes.", "Independent domestic violence advisors"),
    ("Support workers should record every welfare check.", "Support workers"),
    ("Occupational therapists should ask about carers' health.", "Occupational therapists"),
    ("AMHPs should consult the nearest relative before an application.", "AMHPs"),
    ("Magistrates should ask whether children live in the household.", "Magistrates"),
    ("Housing officers, social landlords and support workers should ask about hoarding.", "Housing officers"),
    ("Retailers should train staff to recognise financial abuse.", "Retailers"),
    ("Places of worship should appoint a safeguarding lead.", "Places of worship"),
]

PROHIBITIONS = [
    ("Professionals must never rely on a parent's account alone.", "Professionals"),
    ("Staff must not close a case without a home visit.", "Staff"),
    ("Practitioners should never assume that a carer is coping.", "Practitioners"),
    ("Social workers must always see the child alone.", "Social workers"),
]


@pytest.mark.parametrize(("text", "words"), WORKFORCE + PROHIBITIONS)
def test_workforce_class_is_generic(text, words):
    check(text, "generic", words)


WORKFORCE_NEGATIVES = [
    # people who receive the action are still not owners
    ("Paramedics should be reminded of the referral pathway.", "missing"),
    ("Dentists should receive training on neglect.", "missing"),
    ("Faith leaders should complete safeguarding training.", "missing"),
    ("Rules must never be relaxed for this group.", "missing"),
    # a particular body's staff stay named
    ("KSCS staff must record the ethnicity of each child.", "named"),
]


@pytest.mark.parametrize(("text", "status"), WORKFORCE_NEGATIVES)
def test_workforce_negatives(text, status):
    check(text, status, None)


# --- 1. action-plan rows pasted as text: "<action> – <owner> – <date>" ------------------------

ROWS = [
    ("Refresh the neglect toolkit – Head of Early Help – June 2026", "named", "Head of Early Help"),
    ("Deliver briefings to all schools | Education Safeguarding Lead | Q1 2026/27", "named", "Safeguarding Lead"),
    ("Update the escalation policy | Head of Safeguarding | March 2026", "named", "Head of Safeguarding"),
    ("Publish a 7-minute briefing — LSCP Business Manager — by April 2026", "named", "LSCP Business Manager"),
    ("Audit 20 cases of self-neglect - Designated Nurse - 31 March 2026", "named", "Designated Nurse"),
    ("Develop a hoarding protocol | Safeguarding Adults Board | Ongoing", "named", "Safeguarding Adults Board"),
    ("Review the joint protocol – ICB / Local Authority – December 2026", "named", "ICB"),
    ("Multi-agency training on self-neglect — All partner agencies — ASAP", "generic", "All partner agencies"),
    ("Cascade the learning to teams | Practitioners | June 2026", "generic", "Practitioners"),
    ("Refresh the toolkit | TBC | June 2026", "missing", None),
    ("Refresh the toolkit – N/A – June 2026", "missing", None),
    ("Audit the use of chronologies – To be confirmed – March 2027", "missing", None),
]


@pytest.mark.parametrize(("text", "status", "words"), ROWS)
def test_action_plan_row_owner_field(text, status, words):
    check(text, status, words)


def test_unassigned_owner_field_is_quoted():
    text = "Refresh the toolkit | TBC | June 2026"
    _, detail = assess(text)
    assert detail.reason == "unassigned" and text[detail.evidence[0] : detail.evidence[1]] == "TBC"


ROW_NEGATIVES = [
    # a dash around a verb phrase is prose, not a field
    ("The policy – which is out of date – should be revised.", "missing"),
    ("Procedures should be reviewed - including those on neglect - by June 2026.", "missing"),
    # a sentence with a modal before the dash is no row: the subject is the owner
    ("Agencies should share information with one hub – the MASH – within a day.", "generic"),
    ("Training on self-neglect - a priority for 2026 - should be delivered.", "missing"),
]


@pytest.mark.parametrize(("text", "status"), ROW_NEGATIVES)
def test_dashes_in_prose_are_not_row_fields(text, status):
    check(text, status, None)


EXCLUDED_GROUPS = [
    # a prohibition on a group shut out of a task names no one to enforce it
    "Unqualified staff must not carry out the duty function.",
    "Non-registered workers must never supervise contact.",
]


@pytest.mark.parametrize("text", EXCLUDED_GROUPS)
def test_prohibition_on_an_excluded_group_has_no_owner(text):
    check(text, "missing", None)


# --- 4. a particular body named in apposition to a generic head -------------------------------

APPOSITIVES = [
    ("The commissioned advocacy provider, Brightpath Advocacy, should review its referral process.", "Brightpath Advocacy"),
    ("The housing provider, Riverside Homes, should review its tenancy checks.", "Riverside Homes"),
    ("The local domestic abuse service, Safe Haven, should audit its risk assessments.", "Safe Haven"),
    ("The domiciliary care agency, Caring Hands Ltd, should review its missed visit policy.", "Caring Hands"),
    ("The provider, Oakfield Care, should audit its medication records.", "Oakfield Care"),
]


@pytest.mark.parametrize(("text", "words"), APPOSITIVES)
def test_appositive_names_a_particular_body(text, words):
    check(text, "named", words)


APPOSITIVE_NEGATIVES = [
    ("Providers, such as care homes, should review their policies.", "generic"),
    ("Agencies, including the Police, should review their policies.", "generic"),
    ("Practitioners, whatever their role, should record the voice of the child.", "generic"),
]


@pytest.mark.parametrize(("text", "status"), APPOSITIVE_NEGATIVES)
def test_examples_and_asides_are_not_appositive_names(text, status):
    check(text, status, None)


# --- 2. "<Owner> to <verb>": an action-plan instruction without a modal -----------------------

TO_VERB = [
    ("The Designated Doctor to deliver a briefing to GPs by June 2026.", "named", "Designated Doctor"),
    ("Head of Service to audit 20 cases by March 2026.", "named", "Head of Service"),
    ("The Head of Early Help to ensure the toolkit is used in every assessment.", "named", "Head of Early Help"),
    ("Director of Children's Services to report progress to the Board.", "named", "Director of Children's Services"),
    ("The Chair of the Safeguarding Adults Board to write to the Home Office.", "named", "Chair"),
    ("Kent Police to update its missing persons policy.", "named", "Kent Police"),
    ("Practitioners to record the voice of the child.", "generic", "Practitioners"),
]

TO_VERB_NEGATIVES = [
    ("To review the tool by March 2026.", "missing"),
    ("Learning to be shared with all staff.", "missing"),
    ("Policies to be reviewed annually.", "missing"),
]


@pytest.mark.parametrize(("text", "status", "words"), TO_VERB)
def test_owner_before_to_and_a_verb(text, status, words):
    check(text, status, words)


@pytest.mark.parametrize(("text", "status"), TO_VERB_NEGATIVES)
def test_to_verb_with_no_owner_stays_missing(text, status):
    check(text, status, None)


# --- 3. an opening participial or adverbial clause before the subject -------------------------

OPENING = [
    ("Recognising the delays identified in this review, the ICB is asked to commission a new pathway.", "ICB"),
    ("Acknowledging the pressures on staff, the Director of Children's Services should review caseloads.", "Director of Children's Services"),
    ("Noting the gaps in provision, the Council should commission a refuge.", "Council"),
    ("Having reviewed the evidence, the Department for Education should amend the guidance.", "Department for Education"),
    ("Building on the work already under way, the ICB should extend the pilot.", "ICB"),
    ("In the light of these findings, the Home Office should review the guidance.", "Home Office"),
    ("Given the scale of the problem, the Local Authority should commission a specialist service.", "Local Authority"),
    ("Mindful of the resources involved, the Board should prioritise this work.", "Board"),
    ("Conscious of the risks, the Safeguarding Adults Board should publish a hoarding protocol.", "Safeguarding Adults Board"),
    ("In order to improve information sharing, the Police should review the MASH protocol.", "Police"),
]


@pytest.mark.parametrize(("text", "words"), OPENING)
def test_subject_after_an_opening_clause_is_the_owner(text, words):
    check(text, "named", words)


OPENING_NEGATIVES = [
    ("Having considered the evidence, the guidance should be amended.", "missing"),
    ("Mindful of the risks, practitioners should record who lives in the household.", "generic"),
]


@pytest.mark.parametrize(("text", "status"), OPENING_NEGATIVES)
def test_opening_clause_negatives(text, status):
    check(text, status, None)


# --- a dashed aside after the subject is not an agency tag --------------------------------------

DASHED_ASIDES = [
    ("The Board – which meets quarterly – should audit cases of neglect.", "named", "Board"),
    ("The ICB - working with the Local Authority - should commission a pathway.", "named", "ICB"),
    ("The Safeguarding Adults Board — as the lead body — should publish the protocol.", "named", "Safeguarding Adults Board"),
    ("The policy – which is out of date – should be revised.", "missing", None),
]


@pytest.mark.parametrize(("text", "status", "words"), DASHED_ASIDES)
def test_dashed_aside_after_the_subject(text, status, words):
    check(text, status, words)


# --- 6. a plural class of services with no determiner or place is generic ---------------------

SERVICE_CLASSES = [
    ("Substance misuse services should offer outreach to older drinkers.", "generic", "Substance misuse services"),
    ("Health visiting services should offer a new birth visit to every family.", "generic", "Health visiting services"),
    ("Mental health services should share risk information with GPs.", "generic", "Mental health services"),
    ("Drug and alcohol services should offer assertive outreach.", "generic", "Drug and alcohol services"),
    ("Sexual health services should ask about exploitation.", "generic", "Sexual health services"),
    # a determiner or a place makes it one particular service
    ("The substance misuse service should offer outreach to older drinkers.", "named", "substance misuse service"),
    ("The substance misuse services should offer outreach to older drinkers.", "named", "substance misuse services"),
    ("Kent substance misuse service should offer outreach to older drinkers.", "named", "substance misuse service"),
    ("Kent substance misuse services should offer outreach to older drinkers.", "named", "substance misuse services"),
    ("The local health visiting service should offer a new birth visit.", "named", "health visiting service"),
    # department names plural in form stay named
    ("Children's Services should review the threshold document.", "named", "Children's Services"),
    ("Adult Social Services should review the threshold document.", "named", "Adult Social Services"),
    ("Child and adolescent mental health services should review the referral criteria.", "named", "Child and adolescent mental health services"),
]


@pytest.mark.parametrize(("text", "status", "words"), SERVICE_CLASSES)
def test_plural_service_class_without_determiner_is_generic(text, status, words):
    check(text, status, words)


MORE_ROWS_AND_SERVICES = [
    ("Audit of 20 cases — Named GP for Safeguarding — within 3 months", "named", "Named GP"),
    ("Review the MARAC referral criteria | Community Safety Partnership | June 2026 | Amber", "named", "Community Safety Partnership"),
    ("Implement the self-neglect pathway – Lead: Designated Nurse – March 2026", "named", "Designated Nurse"),
    ("Audit of 20 cases — within 3 months", "missing", None),
    ("Information sharing – a key theme of this review – should be audited.", "missing", None),
    ("The drug and alcohol service should offer assertive outreach.", "named", "drug and alcohol service"),
    ("Domestic abuse services should offer outreach in rural areas.", "generic", "Domestic abuse services"),
    ("The local domestic abuse service, Safe Haven, should audit its risk assessments.", "named", "Safe Haven"),
]


@pytest.mark.parametrize(("text", "status", "words"), MORE_ROWS_AND_SERVICES)
def test_more_rows_and_services(text, status, words):
    check(text, status, words)
