"""Owner shapes beyond the dev corpus: one group of tests per linguistic kind, each with several
wordings and agencies (children's reviews, safeguarding adults reviews, domestic homicide reviews,
inquiries). Every sentence is written for the test; none is taken from a labelled file.

The kinds: an owner behind a leading label or time prefix; an organisation known only by its
proper name; classes of bodies (generic); an owner after an opening clause; a particular
regulator or office ("the regulator"); people who receive the action versus the agent who
delivers it. The negatives at the end must stay missing or generic.
"""

from __future__ import annotations

import pytest
from owner_checks import check

# --- 1. an owner behind a leading label, priority band or time prefix -------------------------

PREFIXED = [
    ("High priority (within 3 months): The Safeguarding Adults Board should publish a hoarding protocol.", "Safeguarding Adults Board"),
    ("Low priority (12 months): the ICB should audit the use of the self-neglect pathway.", "ICB"),
    ("Priority 1: the Community Safety Partnership should commission a review of the MARAC.", "Community Safety Partnership"),
    ("Short term: Adult Social Care should revise the carers' assessment form.", "Adult Social Care"),
    ("Long-term: the Home Office should fund specialist refuge places for older victims.", "Home Office"),
    ("Short term (within 3 months) - the police should audit repeat call-outs to the address.", "police"),
    ("Within 3 months: the Probation Service should share its risk assessments with the MARAC.", "Probation Service"),
    ("By the end of June 2026: the Council should appoint a domestic abuse lead.", "Council"),
    ("Action (by 31 March 2026): The Trust should audit discharge summaries.", "Trust"),
    ("Recommendation 7 (high priority): The Designated Nurse should review the bruising protocol.", "Designated Nurse"),
    ("Learning point 2: the Head of Service should review caseload weighting.", "Head of Service"),
    # the possessor of the thing to change, in an instruction after the prefix
    ("Within 6 months: revise the Safeguarding Adults Board's self-neglect procedure to include hoarding.", "Safeguarding Adults Board"),
    ("Immediately: update the CSP's MARAC referral form.", "CSP"),
    ("Review Riverside Housing's tenancy enforcement policy.", "Riverside Housing"),
    ("Oakfield Academy's attendance policy should be revised.", "Oakfield Academy"),
    ("Review the Trust's discharge policy so that carers are consulted.", "Trust"),
]


@pytest.mark.parametrize(("text", "words"), PREFIXED)
def test_owner_behind_a_leading_label_or_prefix(text, words):
    check(text, "named", words)


# --- 2. organisations known only by a proper name -------------------------------------------------

PROPER_NAMES = [
    ("Riverside Housing should train its neighbourhood officers in recognising cuckooing.", "Riverside Housing"),
    ("Oakfield Academy should record every safeguarding concern on its electronic system.", "Oakfield Academy"),
    ("Brook Lane Surgery must flag the records of adults at risk of self-neglect.", "Brook Lane Surgery"),
    ("Harbourside Homes is asked to review its tenancy enforcement policy.", "Harbourside Homes"),
    ("Millbrook Care will introduce a falls log for each resident by May 2026.", "Millbrook Care"),
    ("Following publication, Greenway Lettings should write to all its tenants about the helpline.", "Greenway Lettings"),
    ("It is recommended that Northfield Care Homes Ltd reviews its night staffing levels.", "Northfield Care Homes Ltd"),
    ("The procedure should be rewritten by Kestrel Housing Association.", "Kestrel Housing Association"),
    ("Staff at Willow Court Nursing Home should be trained by the Trust's tissue viability nurses.", None),
    ("Staff employed by Meadowbank Care should complete an audit of fluid charts.", "Meadowbank Care"),
    ("Catch22 should share the learning with its youth workers.", "Catch22"),
    # a leading "Name:" or "(Name)" tag
    ("Riverside Housing: Develop a domestic abuse policy for tenancy staff.", "Riverside Housing"),
    ("Harbourside Homes - Appoint a safeguarding lead for the sheltered schemes.", "Harbourside Homes"),
    ("(Oakfield Academy) Review the attendance policy for children with a social worker.", "Oakfield Academy"),
    ("St Luke's Hospice: Record the next of kin of every patient on admission.", "St Luke's Hospice"),
    ("Lantern: Review the referral form for older victims.", "Lantern"),
    ("Single agency recommendation (Police): review the call grading policy.", "Police"),
]


@pytest.mark.parametrize(("text", "words"), PROPER_NAMES)
def test_organisation_known_by_its_proper_name_is_named(text, words):
    check(text, "named", words)


# Capitalised common words are not names: sentence-initial nouns, theme headings, documents.
NOT_PROPER_NAMES = [
    ("Training should include coercive control and economic abuse.", "missing"),
    ("Supervision must include a discussion of unconscious bias.", "missing"),
    ("Guidance should set out what to do when a carer refuses entry.", "missing"),
    ("Assessments must always consider the needs of carers.", "missing"),
    ("Lessons should be learned across the partnership.", "missing"),
    ("Information Sharing: Develop a protocol on sharing information with housing providers.", "missing"),
    ("Domestic Abuse: Review the referral pathway for older victims.", "missing"),
    ("Mental Capacity: Audit the recording of capacity assessments.", "missing"),
    ("Purpose: To ensure that carers are assessed at discharge.", "missing"),
    ("Hoarding: Develop a clutter rating tool.", "missing"),
    ("Key Finding: practitioners should ask about coercive control.", "generic"),
    ("The Graded Care Profile should include a section on dental neglect.", "missing"),
    ("The Mental Capacity Act Code of Practice must cover fluctuating capacity.", "missing"),
    ("Further work should be undertaken to understand the needs of carers.", "missing"),
    ("Advice should be given to families about fire safety.", "missing"),
    # a lone capitalised word before a verb that fits a thing is not taken for a name
    ("Signposting should include a follow-up call.", "missing"),
    ("Respite should be available at short notice.", "missing"),
    ("Adult A's family should be invited to contribute to the review.", "missing"),
    ("The procedure should be informed by Working Together to Safeguard Children.", "missing"),
    # a capitalised scheme or approach before a common noun names a thing, not a body
    ("Operation Encompass notifications should reach the school before the first lesson.", "missing"),
    ("Contextual Safeguarding approaches should include adults at risk of exploitation.", "missing"),
    ("Safe and Well checks should include a question about carers.", "missing"),
    ("The policy should be reviewed by March 2026.", "missing"),
]


@pytest.mark.parametrize(("text", "status"), NOT_PROPER_NAMES)
def test_capitalised_common_words_are_not_names(text, status):
    check(text, status, None)


# --- 3. classes of bodies are generic ---------------------------------------------------------------

CLASSES = [
    ("Regulators should share intelligence about unsafe care homes.", "Regulators"),
    ("Inspectorates should include self-neglect in their frameworks.", "Inspectorates"),
    ("Government departments should publish a joint plan on elder abuse.", "Government departments"),
    ("Commissioners should build safeguarding standards into every contract.", "Commissioners"),
    ("Providers must notify the local authority of every serious injury.", "Providers"),
    ("Care home providers should record the use of bed rails.", "Care home providers"),
    ("Housing associations should train staff to recognise hoarding.", "Housing associations"),
    ("Domiciliary care providers should report missed calls.", "Domiciliary care providers"),
    ("Registered providers must inform families of any fall.", "Registered providers"),
    ("Public bodies should learn from this inquiry.", "Public bodies"),
    ("Local government should provide enough refuge places.", "Local government"),
    ("Voluntary sector organisations should adopt the same escalation policy.", "organisations"),
    ("Social landlords should check on tenants who stop paying rent.", "Social landlords"),
    ("Police forces should review their response to stalking.", "Police forces"),
    ("Charities working with older people should offer routine enquiry about abuse.", "Charities"),
]


@pytest.mark.parametrize(("text", "words"), CLASSES)
def test_class_of_bodies_is_generic(text, words):
    check(text, "generic", words)


# --- 4. the owner after an opening clause -----------------------------------------------------------

OPENING_CLAUSE = [
    ("Research shows that carers often hide their own needs, so the local authority should offer every carer an assessment.", "local authority"),
    ("Evidence suggests that older victims rarely call the police; the Community Safety Partnership should commission outreach.", "Community Safety Partnership"),
    ("National learning indicates that the ICB should fund a specialist safeguarding GP.", "ICB"),
    ("This review found that the Trust should improve its discharge planning for homeless patients.", "Trust"),
    ("It is clear that the Safeguarding Adults Board must lead this work.", "Safeguarding Adults Board"),
    ("In view of these findings, the Probation Service should revise its home visit policy.", "Probation Service"),
    ("Given the repeated missed appointments, the GP practice should contact the patient's carer.", "GP practice"),
    ("As the inquiry heard, the Department of Health and Social Care should publish a workforce plan.", "Department of Health and Social Care"),
    ("Several agencies held pieces of the picture, and therefore the MASH should hold a weekly triage meeting.", "MASH"),
    ("Immediately, the police should flag the address on their command and control system.", "police"),
    ("In future, the Trust should invite the GP to every discharge meeting.", "Trust"),
    ("To address these concerns, the Safeguarding Adults Board will commission an independent audit.", "Safeguarding Adults Board"),
    ("Research shows that hoarding is linked to trauma, so practitioners should ask about past losses.", "practitioners"),
    ("Findings from other reviews suggest that all agencies should adopt a shared chronology template.", "all agencies"),
]


@pytest.mark.parametrize(("text", "words"), OPENING_CLAUSE)
def test_owner_is_the_subject_of_the_main_demand(text, words):
    status = "generic" if words in {"practitioners", "all agencies"} else "named"
    check(text, status, words)


# --- 5. a particular regulator, commissioner, coroner or inspectorate --------------------------------

PARTICULAR = [
    ("The regulator should inspect the home without notice within three months.", "regulator"),
    ("The coroner should be sent a copy of this review.", None),
    ("The inspectorate must follow up the provider's action plan.", "inspectorate"),
    ("The commissioner should add a safeguarding clause to the contract.", "commissioner"),
    ("The Ombudsman should publish a report on complaints about home care.", "Ombudsman"),
    ("Government should legislate to make non-fatal strangulation a specific offence.", "Government"),
    ("The UK Government should establish a national body for adult safeguarding.", "UK Government"),
]


@pytest.mark.parametrize(("text", "words"), PARTICULAR)
def test_particular_regulator_is_named(text, words):
    if words is None:  # the coroner receives the copy: no one is named to send it
        check(text, "missing", None)
    else:
        check(text, "named", words)


# --- 6. people who receive the action versus the agent who delivers it --------------------------------

RECIPIENTS_AND_AGENTS = [
    ("Ward staff should receive training on delirium, delivered by the Trust's safeguarding team.", "named", "Trust"),
    ("Call handlers should be trained in recognising coercive control, with sessions provided by the Domestic Abuse Service.", "named", "Domestic Abuse Service"),
    ("Practitioners should attend a workshop on hoarding led by the Safeguarding Adults Board.", "named", "Safeguarding Adults Board"),
    ("Staff at Elm Tree Lodge should complete a falls audit every quarter.", "named", "Elm Tree Lodge"),
    ("Staff at Elm Tree Lodge should receive moving and handling training.", "missing", None),
    ("Riverside Housing staff should receive refresher training on cuckooing.", "missing", None),
    ("Hospice staff should complete refresher training on the Mental Capacity Act.", "missing", None),
    ("GPs should receive training on adult exploitation.", "missing", None),
    ("Training on self-neglect is undertaken by all housing officers.", "missing", None),
    ("Carers should be given information about the local carers' centre.", "missing", None),
]


@pytest.mark.parametrize(("text", "status", "words"), RECIPIENTS_AND_AGENTS)
def test_recipients_are_not_owners_but_the_agent_who_delivers_is(text, status, words):
    check(text, status, words)


# --- negatives: no actor, whatever the wording ------------------------------------------------------

NO_ACTOR = [
    "There should be a review of the use of restraint in care homes.",
    "There needs to be a single point of contact for families after a homicide.",
    "To review the self-neglect procedure so that it covers hoarding.",
    "To establish a forum for domestic homicide review chairs.",
    "That the standards for supported living be redrafted.",
    "That the protocol be revised to include coercive control.",
    "Lessons should be learned from the death of Mr B.",
    "Lessons must be shared with all partners.",
    "Consideration should be given to a joint commissioning strategy.",
    "Consideration must be given to extending the IDVA service.",
    "The risk assessment tool should be updated to include stalking.",
    "Learning from this review should be disseminated across the region.",
    "Within 6 months: review the self-neglect procedure.",
    "High priority: the protocol should be revised.",
    "Research shows that carers are often overlooked, so carers' assessments should be offered routinely.",
    "Evidence from this and other reviews suggests that repeat referrals should trigger a strategy meeting.",
    "Given the delay, the referral form should be simplified.",
    "Immediately, the address should be flagged.",
    "Procedures should be revised so that the Board can monitor compliance.",
    "Care homes in the area should be inspected more often.",
]


@pytest.mark.parametrize("text", NO_ACTOR)
def test_no_actor_stays_missing(text):
    check(text, "missing", None)


# --- combinations found while testing the kinds together -----------------------------------------

COMBINED = [
    # an agency tag after a priority label
    ("Short term - Police: review the call grading policy for older callers.", "named", "Police"),
    ("1. (Adult Social Care) Revise the carers' assessment form.", "named", "Adult Social Care"),
    # an umbrella body after an agentless passive (SMART guide: umbrella counts as named)
    ("A hoarding protocol should be developed under the leadership of the Safeguarding Adults Board.", "named", "Safeguarding Adults Board"),
    ("A task group should be set up under the auspices of the Community Safety Partnership.", "named", "Community Safety Partnership"),
    # a modal inside the opening subordinate clause is not the demand
    ("Because older victims may not call the police, the Community Safety Partnership should fund outreach.", "named", "Community Safety Partnership"),
    ("Where a carer may be at risk, the ICB should offer a carer's health check.", "named", "ICB"),
    ("Although staff may be busy, practitioners should record the adult's views.", "generic", "practitioners"),
    # a group under a named umbrella body
    ("Partners, led by the Community Safety Partnership, should develop a stalking pathway.", "named", "Community Safety Partnership"),
    ("Member agencies, under the oversight of the Safeguarding Adults Board, should audit their escalation logs.", "named", "Safeguarding Adults Board"),
    # a finding, then the demand in the next clause
    ("Older victims may not call the police, so outreach should be funded.", "missing", None),
    ("The evidence shows that curiosity matters. The Safeguarding Adults Board should run a campaign on curiosity.", "named", "Safeguarding Adults Board"),
    # the owner and its modal before a colon and a list of actions
    ("The ICB will: audit GP records and report to the Board.", "named", "ICB"),
    ("The Safeguarding Adults Board is asked to: review its procedures.", "named", "Safeguarding Adults Board"),
    ("The Probation Service to: share risk assessments with the MARAC; and attend every meeting.", "named", "Probation Service"),
    ("The Partnership must ensure the following: all staff are trained in the hoarding protocol.", "named", "Partnership"),
    ("All agencies to: review their escalation policies.", "generic", "All agencies"),
    ("Practitioners must: record the adult's wishes.", "generic", "Practitioners"),
    ("The following actions should be taken: review the protocol.", "missing", None),
    ("In relation to self-neglect: the procedure should be revised.", "missing", None),
    ("Regarding hoarding: Adult Social Care should develop a clutter scale.", "named", "Adult Social Care"),
    # anonymised particular bodies (domestic homicide reviews) and particular bodies with modifiers
    ("Agency A should review its domestic abuse training.", "named", "Agency A"),
    ("Hospital B should audit its discharge summaries for homeless patients.", "named", "Hospital B"),
    ("Care Home 2 should introduce weekly weight checks.", "named", "Care Home 2"),
    ("The Care Provider should review its medication policy.", "named", "Provider"),
    ("The home's manager must record all bruising on a body map.", "named", "home"),
    ("The registered manager should review night staffing.", "named", "registered manager"),
    ("The relevant provider should notify the local authority.", "generic", "provider"),
    ("The three safeguarding partners should publish a joint plan for older victims.", "named", "safeguarding partners"),
    ("The two local authorities should agree a joint hoarding protocol.", "named", "local authorities"),
    ("Home visits should be made weekly.", "missing", None),
    # a body named only as a modifier of the thing changed is not its owner
    ("Amend the care home admission checklist to record lasting powers of attorney.", "missing", None),
    ("Hospital discharge teams should ask every patient about carers.", "generic", "Hospital discharge teams"),
]


@pytest.mark.parametrize(("text", "status", "words"), COMBINED)
def test_kinds_in_combination(text, status, words):
    check(text, status, words)
