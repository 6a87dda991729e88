"""Owner shapes a second blind set showed wrong (OW001 firing on a recommendation that has an owner,
recipients of support taken for generic owners), one group per linguistic kind. Wordings are written
for the test; none come from a labelled file."""

from __future__ import annotations

import pytest
from owner_checks import check

# --- 1. a fronted time phrase before the subject ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "status", "words"),
    [
        ("By 15/09/2026 the Adults Safeguarding Board to issue a revised self-neglect protocol.", "named", "Adults Safeguarding Board"),
        ("By 1 December 2026 the Designated Doctor will audit child protection medicals.", "named", "Designated Doctor"),
        ("Every three months, the Community Safety Partnership should report on repeat victims.", "named", "Community Safety Partnership"),
        ("From September 2026 the Youth Justice Service will screen every referral for exploitation.", "named", "Youth Justice Service"),
        ("Within six weeks the Trust should re-audit its discharge letters.", "named", "Trust"),
        ("Annually, the Community Safety Partnership should report on progress with review actions.", "named", "Community Safety Partnership"),
        ("By the end of March 2027, Oakwood Housing should review its tenancy checks.", "named", "Oakwood Housing"),
        ("Within 10 working days of a referral, the Housing Options Team should visit the tenant.", "named", "Housing Options Team"),
        # negatives: the time phrase does not lend an owner where there is none, or a generic one
        ("By 31 March 2027 the escalation policy should be revised.", "missing", None),
        ("Within three months practitioners should record the voice of the child in every assessment.", "generic", "practitioners"),
    ],
)
def test_fronted_time_phrase_does_not_hide_the_subject(text, status, words):
    check(text, status, words)


# --- 7. people who receive support, encouragement or help are recipients ----------------------


@pytest.mark.parametrize(
    ("text", "status", "words"),
    [
        ("Foster carers should be better supported to report allegations.", "missing", None),
        ("Ward staff should be helped to understand the Mental Capacity Act.", "missing", None),
        ("Practitioners working with the family should be encouraged to challenge drift.", "missing", None),
        ("Young carers should be enabled to speak to someone outside the family.", "missing", None),
        ("Health visitors should be empowered to ask about domestic abuse.", "missing", None),
        ("Health visitors should be better equipped to ask about domestic abuse.", "missing", None),
        # the agent who gives the support is the owner
        ("Staff should be equipped by the Trust to ask about abuse.", "named", "Trust"),
        ("Practitioners should be supported by the Local Authority to use the escalation policy.", "named", "Local Authority"),
        # a body asked or encouraged to act keeps its reading
        ("The Trust should be encouraged to review its discharge policy.", "named", "Trust"),
        ("The Board should be asked to review its terms of reference.", "named", "Board"),
    ],
)
def test_people_who_receive_support_are_not_owners(text, status, words):
    check(text, status, words)


# --- 2. the owner in a labelled field of an action-plan row, or a team before "to <verb>" -------


@pytest.mark.parametrize(
    ("text", "status", "words"),
    [
        ("Lead: Designated Nurse for Safeguarding | Action: Produce a briefing on bruising | Deadline: June 2026", "named", "Designated Nurse"),
        ("Owner: Head of Service. Action: Revise the referral form.", "named", "Head of Service"),
        ("Responsible: Adult Social Care. Action: Rewrite the carers' assessment guidance.", "named", "Adult Social Care"),
        ("Priority 1 (within 3 months): Housing Options to introduce a checklist for tenancy visits.", "named", "Housing Options"),
        ("High priority (0-3 months): Early Help to introduce a screening tool for neglect.", "named", "Early Help"),
        # negatives: a class of people or bodies before "to" stays generic; an empty field stays missing
        ("Medium term: Practitioners to record the voice of the child.", "generic", "Practitioners"),
        ("Short term: All Agencies to review their escalation policies.", "generic", None),
        ("Lead: TBC | Action: Produce a briefing on bruising | Deadline: June 2026", "missing", None),
    ],
)
def test_owner_in_a_field_or_before_to_verb_is_found(text, status, words):
    check(text, status, words)


# --- 4. a definite singular team, service or department in lower case is a particular body -----


@pytest.mark.parametrize(
    ("text", "status", "words"),
    [
        ("The hospital discharge team should always telephone the GP before discharge.", "named", "hospital discharge team"),
        ("The out of hours team should record every call it receives.", "named", "out of hours team"),
        ("The housing department will update its allocation policy.", "named", "housing department"),
        ("the safeguarding adults team should review its triage process.", "named", "safeguarding adults team"),
        # negatives: a class of teams is generic; a service that is changed is not its own owner
        ("Discharge teams should telephone the GP before discharge.", "generic", "Discharge teams"),
        ("The new service should be evaluated after a year.", "missing", None),
    ],
)
def test_definite_lower_case_team_is_named(text, status, words):
    check(text, status, words)


# --- 6. a question put to a body: the subject after the auxiliary ------------------------------


@pytest.mark.parametrize(
    ("text", "status", "words"),
    [
        ("How will the Safeguarding Adults Board satisfy itself that the changes are embedded?", "named", "Safeguarding Adults Board"),
        ("Can the ICB assure the Partnership that every practice uses the template?", "named", "ICB"),
        ("What steps will the Trust take to improve its record keeping?", "named", "Trust"),
        ("Does the Partnership have assurance that GPs attend case conferences?", "named", "Partnership"),
        ("What assurance can Oakwood Housing give that gas checks are done?", "named", "Oakwood Housing"),
        # negatives: a profession asked is generic; a passive question names no one
        ("How will practitioners know about the new pathway?", "generic", "practitioners"),
        ("How can the learning from this review be shared more widely?", "missing", None),
    ],
)
def test_question_put_to_a_body_names_the_owner(text, status, words):
    check(text, status, words)


# --- 5. a body named as where a new post or thing is created or placed is its umbrella ----------


@pytest.mark.parametrize(
    ("text", "status", "words"),
    [
        ("A new post of Transitions Coordinator should be created within the Council.", "named", "Council"),
        ("A named manager should be identified within the Housing Options Team.", "named", "Housing Options Team"),
        ("A hoarding panel should be set up within Westshire County Council.", "named", "Westshire County Council"),
        ("A domestic abuse advocate should be based in the Trust's emergency department.", "named", "Trust"),
        # negatives: no particular body, or no body at all
        ("A lead should be appointed in schools.", "missing", None),
        ("The new approach should be embedded in practice.", "missing", None),
    ],
)
def test_body_where_a_new_thing_is_created_is_named(text, status, words):
    check(text, status, words)


# --- 3. coordinated subjects with "each", "both" or "jointly" before the verb -------------------


@pytest.mark.parametrize(
    ("text", "status", "words"),
    [
        ("It is recommended that the council's housing department and its adult social care department each nominate a lead.", "named", "housing department"),
        ("It is recommended that Westshire Council and Oakwood Housing each appoint a hoarding lead.", "named", "Westshire Council"),
        ("The review recommends that the Trust and the Council jointly commission an audit.", "named", "Trust"),
        ("Both the ICB and the Council should review their escalation policies.", "named", "ICB"),
        ("The Police and the Probation Service should each review how they share MARAC actions.", "named", "Police"),
        # negative: classes coordinated stay generic
        ("It is recommended that schools and GPs each nominate a lead.", "generic", None),
    ],
)
def test_coordinated_subjects_with_each_or_jointly(text, status, words):
    check(text, status, words)


# --- 8. people inside a "how" clause after "Consideration should be given" are not owners -------


@pytest.mark.parametrize(
    "text",
    [
        "Consideration should be given to how older people living alone can be better supported.",
        "Consideration should be given to how carers can be helped to recognise abuse.",
        "Thought should be given to how GPs can be better involved in strategy meetings.",
    ],
)
def test_people_in_a_how_clause_are_not_owners(text):
    check(text, "missing", None)
