"""Deadline parsing (rules/dates.py): every form normalises to the end of the period it names."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from smartlint_rules.dates import (
    TimeExpr,
    add_months,
    financial_year_end,
    find_deadlines,
    month_end,
)

REF = date(2026, 1, 15)


def one(text: str, ref: date = REF) -> TimeExpr:
    found = find_deadlines(text, ref)
    assert len(found) == 1, (text, found)
    return found[0]


@pytest.mark.parametrize(
    ("text", "due", "kind", "quote"),
    [
        # dates, UK day first
        ("by 31 March 2025", date(2025, 3, 31), "date", "by 31 March 2025"),
        ("by the 31st of March 2025", date(2025, 3, 31), "date", "by the 31st of March 2025"),
        ("by March 31, 2025", date(2025, 3, 31), "date", "by March 31, 2025"),
        ("by 31/03/2025", date(2025, 3, 31), "date", "by 31/03/2025"),
        ("by 03/04/2026", date(2026, 4, 3), "date", "by 03/04/2026"),
        ("by 12/31/2026", date(2026, 12, 31), "date", "by 12/31/2026"),
        ("by 31.03.26", date(2026, 3, 31), "date", "by 31.03.26"),
        ("by 2026-03-31", date(2026, 3, 31), "date", "by 2026-03-31"),
        ("by 1 April", date(2026, 4, 1), "date", "by 1 April"),
        ("by 10 January", date(2027, 1, 10), "date", "by 10 January"),
        # months
        ("by March 2025", date(2025, 3, 31), "month", "by March 2025"),
        ("by Feb 2028", date(2028, 2, 29), "month", "by Feb 2028"),
        ("by the end of June 2025", date(2025, 6, 30), "month", "by the end of June 2025"),
        ("by the start of April 2026", date(2026, 4, 1), "month", "by the start of April 2026"),
        ("before April 2026", date(2026, 3, 31), "month", "before April 2026"),
        ("by March", date(2026, 3, 31), "month", "by March"),
        ("by the end of December", date(2026, 12, 31), "month", "by the end of December"),
        # quarters: calendar, and financial when written with a financial year
        ("by Q2 2025", date(2025, 6, 30), "quarter", "by Q2 2025"),
        ("in Q4 of 2026", date(2026, 12, 31), "quarter", "in Q4 of 2026"),
        ("by Q2 2025/26", date(2025, 9, 30), "quarter", "by Q2 2025/26"),
        ("by Q4 2025/26", date(2026, 3, 31), "quarter", "by Q4 2025/26"),
        ("in Q3 FY26/27", date(2026, 12, 31), "quarter", "in Q3 FY26/27"),
        ("by the second quarter of 2026", date(2026, 6, 30), "quarter", "by the second quarter of 2026"),
        # financial and academic years
        ("in 2025/26", date(2026, 3, 31), "financial-year", "in 2025/26"),
        ("during the 2026-27 financial year", date(2027, 3, 31), "financial-year", "during the 2026-27 financial year"),
        ("in financial year 2026/2027", date(2027, 3, 31), "financial-year", "in financial year 2026/2027"),
        ("FY26/27", date(2027, 3, 31), "financial-year", "FY26/27"),
        ("by the end of the financial year", date(2026, 3, 31), "financial-year", "by the end of the financial year"),
        ("in the next financial year", date(2027, 3, 31), "financial-year", "in the next financial year"),
        ("in the 2026/27 academic year", date(2027, 8, 31), "academic-year", "in the 2026/27 academic year"),
        # seasons and terms
        ("by Spring 2026", date(2026, 5, 31), "season", "by Spring 2026"),
        ("by winter 2026", date(2027, 2, 28), "season", "by winter 2026"),
        ("by the autumn term 2026", date(2026, 12, 31), "season", "by the autumn term 2026"),
        ("by the summer", date(2026, 8, 31), "season", "by the summer"),
        # years
        ("by 2027", date(2027, 12, 31), "year", "by 2027"),
        ("before 2027", date(2026, 12, 31), "year", "before 2027"),
        ("before the end of 2012", date(2012, 12, 31), "year", "before the end of 2012"),
        ("by the end of the year", date(2026, 12, 31), "year", "by the end of the year"),
        ("in 2026.", date(2026, 12, 31), "year", "in 2026"),
        # periods from the reference date
        ("within 3 months", date(2026, 4, 15), "period", "within 3 months"),
        ("within six weeks of publication", date(2026, 2, 26), "period", "within six weeks of publication"),
        ("within three months of the publication of this report", date(2026, 4, 15), "period",
         "within three months of the publication of this report"),
        ("within twelve months of the review being published", date(2027, 1, 15), "period",
         "within twelve months of the review being published"),
        ("within a year", date(2027, 1, 15), "period", "within a year"),
        ("within the next year", date(2027, 1, 15), "period", "within the next year"),
        ("over the next 12 months", date(2027, 1, 15), "period", "over the next 12 months"),
        ("in 6 months' time", date(2026, 7, 15), "period", "in 6 months' time"),
        ("within 3-6 months", date(2026, 7, 15), "period", "within 3-6 months"),
        ("within 3 to 6 months", date(2026, 7, 15), "period", "within 3 to 6 months"),
        ("no later than six months after publication", date(2026, 7, 15), "period",
         "no later than six months after publication"),
        ("Timescale: 3 months", date(2026, 4, 15), "period", "Timescale: 3 months"),
        # priority bands
        ("High (0-3 months)", date(2026, 4, 15), "band", "High (0-3 months)"),
        ("Medium priority: 3-6 months", date(2026, 7, 15), "band", "Medium priority: 3-6 months"),
        ("short term (3 to 6 months)", date(2026, 7, 15), "band", "short term (3 to 6 months)"),
        # immediately
        ("immediately", REF, "immediate", "immediately"),
        ("with immediate effect", REF, "immediate", "with immediate effect"),
        # next periods and meetings
        ("by next quarter", date(2026, 6, 30), "next-period", "by next quarter"),
        ("by the next Board meeting", None, "event", "by the next Board meeting"),
        ("at its next meeting", None, "event", "at its next meeting"),
        # recurrences: the reference date plus one period
        ("annually", date(2027, 1, 15), "recurrence", "annually"),
        ("every six months", date(2026, 7, 15), "recurrence", "every six months"),
        ("quarterly", date(2026, 4, 15), "recurrence", "quarterly"),
        ("at least every 3 years", date(2029, 1, 15), "recurrence", "at least every 3 years"),
        ("twice a year", date(2026, 7, 15), "recurrence", "twice a year"),
        ("on an annual basis", date(2027, 1, 15), "recurrence", "on an annual basis"),
        ("an annual report to the Board", date(2027, 1, 15), "recurrence", "an annual report"),
        ("six-monthly", date(2026, 7, 15), "recurrence", "six-monthly"),
        ("at each Board meeting", None, "recurrence", "at each Board meeting"),
        ("by the end of Q2", date(2026, 6, 30), "quarter", "by the end of Q2"),
    ],
)
def test_forms_normalise_to_the_end_of_the_period(text, due, kind, quote):
    expr = one(text)
    assert (expr.due, expr.kind, text[expr.start : expr.end]) == (due, kind, quote)


@pytest.mark.parametrize(
    "text",
    [
        "Working Together 2018",
        "the Children Act 1989",
        "as set out in 2018 guidance",
        "children under 2 years",
        "children aged 0-5 years",
        "for 6 months",
        "The Board may 2026 review",
        "she had been known for 6 months",
        "999 calls",
        "24/7 cover",
        "in 2019 the review found",
        "the last 12 months",
        # dates that tell the story, not set a deadline
        "the guidance published in March 2019",
        "the guidance was revised in 2019",
        "the inspection of 3 May 2019 found",
        "as Ofsted found (Ofsted, March 2019)",
        "question Q3 of the survey",
    ],
)
def test_numbers_that_are_not_deadlines(text):
    assert [text[e.start : e.end] for e in find_deadlines(text, REF) if e.kind != "period" or e.anchor != "event"] == []


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("within 24 hours of an absence", "event"),
        ("within 28 days of discharge", "event"),
        ("within 5 working days", "event"),
        ("within 10 days of the strategy discussion", "event"),
        ("within six weeks of publication", "report"),
        ("within 3 months of receipt of this report", "report"),
        ("within 3 months of the Board accepting the recommendations", "report"),
        ("within 3 months", None),
    ],
)
def test_periods_know_what_they_are_measured_from(text, anchor):
    assert one(text).anchor == anchor


def test_explicit_dates_are_marked_explicit_and_relative_ones_not():
    assert one("by March 2012").explicit
    assert not one("within 3 months").explicit
    assert not one("by the end of the financial year").explicit


def test_financial_year_ends_on_31_march():
    assert financial_year_end(date(2026, 3, 31)) == date(2026, 3, 31)
    assert financial_year_end(date(2026, 4, 1)) == date(2027, 3, 31)
    assert one("by the end of the financial year", date(2026, 4, 1)).due == date(2027, 3, 31)


def test_add_months_clips_to_the_month_end():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_several_expressions_are_found_in_order():
    text = "Review the policy by 1 April 2026, then report annually, and within six months of publication."
    kinds = [e.kind for e in find_deadlines(text, REF)]
    assert kinds == ["date", "recurrence", "period"]


# --- properties -------------------------------------------------------------------------------

DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))
MONTHS = list(calendar.month_name)[1:]


@given(DATES)
def test_numeric_dates_round_trip(day):
    assert one(f"by {day.day:02d}/{day.month:02d}/{day.year}").due == day


@given(DATES)
def test_written_dates_round_trip(day):
    assert one(f"by {day.day} {MONTHS[day.month - 1]} {day.year}").due == day


@given(DATES)
def test_month_year_is_the_last_day_of_the_month(day):
    assert one(f"by {MONTHS[day.month - 1]} {day.year}").due == month_end(day.year, day.month)


@given(DATES, st.integers(min_value=1, max_value=36))
def test_within_n_months_counts_from_the_reference_date(ref, n):
    assert one(f"within {n} months", ref).due == add_months(ref, n)


@given(DATES, st.integers(min_value=1, max_value=52))
def test_within_n_weeks_counts_from_the_reference_date(ref, n):
    if ref + timedelta(weeks=n) <= date.max:
        assert one(f"within {n} weeks", ref).due == ref + timedelta(weeks=n)


@given(st.text(max_size=200), DATES)
def test_parsing_never_fails_and_spans_are_in_the_text(text, ref):
    for expr in find_deadlines(text, ref):
        assert 0 <= expr.start < expr.end <= len(text)


TIME_WORDS = st.sampled_from(
    "by before within the next end of 31 March 2026 31/03/2026 Q2 2025/26 FY26/27 financial year annually every six "
    "months weeks 3 twice a year Spring term immediately with immediate effect at its meeting Board High (0-3 months) "
    "of publication discharge no later than after launch in 2026 , . published since".split()
)


@given(st.lists(TIME_WORDS, max_size=18).map(" ".join))
def test_trigger_anchored_matching_finds_what_a_full_scan_finds(text):
    # find_deadlines only tries the full pattern near trigger words; it must lose nothing by it.
    from smartlint_rules import dates

    full = []
    for m in dates._PATTERN.finditer(text):
        expr = dates._interpret(dates._Match(m), REF)
        if expr is not None:
            full.append((expr.start, expr.end, expr.kind, expr.due))
    assert [(e.start, e.end, e.kind, e.due) for e in find_deadlines(text, REF)] == full


def test_a_quarter_closing_an_action_plan_row_is_its_deadline():
    assert one("Audit the referral pathway – Designated Nurse – Q3").due == date(2026, 9, 30)
    assert one("Revise the escalation policy | Business Unit | Q1").due == date(2026, 3, 31)
    assert find_deadlines("Question Q3 asks about parental consent.", REF) == []


def test_a_calendar_month_opening_an_inspection_cycle_is_an_anchor():
    assert one("Inspectors should sample ten records from the March 2027 inspection cycle.").due == date(2027, 3, 31)
    assert find_deadlines("The letter published in the March 2019 inspection round was clear.", REF) == []
