"""Deadline parsing: find the time expressions in a recommendation and normalise each to a due date.

Every form normalises to the *end* of the period it names, measured where needed from the
reference date (the document's date, else today):

- dates: "31 March 2025", "31st of March 2025", "March 31, 2025", "31/03/2025" (UK day first),
  "2025-03-31"; with no year ("by 31 March") the next such day on or after the reference date;
- months: "March 2025", "end of June 2025", "by March" (the next March);
- quarters: "Q2 2025" (calendar: April-June), "Q2 2025/26" and "the second quarter of
  2025/26" (financial: July-September 2025);
- UK financial years (ending 31 March): "2025/26", "FY 2025-26", "the end of the financial
  year", "next financial year"; academic years (ending 31 August): "the 2025/26 academic year";
- seasons and school terms: "Spring 2026" (to 31 May), "autumn term 2025" (to 31 December);
- years: "by 2026", "before the end of 2012", "the end of the year";
- periods: "within 3 months", "within six weeks of publication", "over the next 12 months",
  "in 6 months' time" (from the reference date; a range gives its upper bound); a period
  anchored to an event in each case ("within 24 hours of an absence") is reported with
  ``anchor="event"`` so the caller can tell practice from a delivery timescale;
- priority bands: "High (0-3 months)", "short term (3-6 months)";
- "immediately", "with immediate effect": the reference date;
- the next meeting or report: "by the next Board meeting" (no due date);
  "by next quarter", "in the next financial year" (the end of that period);
- recurrences: "annually", "every six months", "quarterly", "at least every 3 years",
  "an annual report": the reference date plus one period;
- labelled periods in action plans: "Timescale: 3 months".
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Literal, NamedTuple

from .grammar import lowered as grammar_lowered
from .grammar import trie_source as grammar_trie

Kind = Literal[
    "date", "month", "quarter", "financial-year", "academic-year", "season", "year", "period",
    "band", "immediate", "event", "next-period", "recurrence",
]


class TimeExpr(NamedTuple):
    """One time expression.

    - ``start``/``end``: its span in the text.
    - ``kind``: which form it is (see the module docstring).
    - ``due``: the date it normalises to (end of the period), None when it names none
      ("by the next Board meeting").
    - ``explicit``: the due date comes from a calendar date in the text, not from the reference date.
    - ``anchor``: for periods, "report" when measured from the report ("of publication"),
      "event" when measured from an event in each case ("of discharge", hours, working days), else None.
    - ``deadline``: opened by a deadline word ("by March 2012", "Deadline: 31/03/2026"), not by
      "in" or nothing ("in 2019" may tell the story rather than set a date).
    """

    start: int
    end: int
    kind: Kind
    due: date | None
    explicit: bool = False
    anchor: Literal["report", "event"] | None = None
    deadline: bool = False  # opened by a deadline word: "by", "before", "no later than", "Target date:"


# --- arithmetic -------------------------------------------------------------------------------


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]`` for a month 1-12 (without working out its first weekday)."""
    if month == 2:
        return 29 if calendar.isleap(year) else 28
    if 1 <= month <= 12:
        return _MONTH_DAYS[month]
    return calendar.monthrange(year, month)[1]  # (raises, as before)


def month_end(year: int, month: int) -> date:
    return date(year, month, _days_in(year, month))


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clipped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, _days_in(year, month)))


def add_period(day: date, n: float, unit: str) -> date:
    unit = unit.lower().rstrip("s")
    if unit in ("day", "working day"):
        return day + timedelta(days=round(n * (7 / 5 if unit == "working day" else 1)))
    if unit == "week":
        return day + timedelta(weeks=n)
    if unit == "fortnight":
        return day + timedelta(weeks=2 * n)
    if unit == "month":
        return add_months(day, round(n))
    if unit == "quarter":
        return add_months(day, round(3 * n))
    if unit == "term":
        return add_months(day, round(4 * n))
    if unit == "year":
        return add_months(day, round(12 * n))
    return day + timedelta(hours=n)


def financial_year_end(day: date) -> date:
    """The end (31 March) of the UK financial year containing ``day``."""
    return date(day.year if day.month <= 3 else day.year + 1, 3, 31)


def academic_year_end(day: date) -> date:
    """The end (31 August) of the academic year containing ``day``."""
    return date(day.year if day.month <= 8 else day.year + 1, 8, 31)


# --- vocabulary -------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18,
    "twenty": 20, "twenty-one": 21, "twenty one": 21, "twenty-four": 24, "twenty four": 24,
    "thirty": 30, "thirty-six": 36, "forty-eight": 48, "sixty": 60, "ninety": 90, "half": 0.5,
    "a couple of": 2, "couple of": 2, "other": 2,
}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4, "last": 4}

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|(?-i:May|MAY)|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
# Month names with no year are only taken capitalised: "by March", not "march".
_MONTH_CAP = r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
_YEAR = r"(?:19[89]\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_NUM = r"(?:\d{1,3}(?:\.5)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty(?:[- ](?:one|four))?|thirty(?:-six)?|forty-eight|sixty|ninety|a\s+couple\s+of|a|an)"
_UNIT = r"(?:calendar\s+|working\s+|business\s+|school\s+)?(?:hour|day|week|fortnight|month|quarter|year|term)s?"
_ANCHOR = r"(?:\s+(?P<anchor>(?:of|from|after|following|since)\s+(?:[\w'/-]+\s*){1,7}))?"

_PREP = r"(?:by|before|until|till|no\s+later\s+than|not\s+later\s+than|on|in|during|for|from|target(?:\s+date)?:?|deadline:?|due:?|timescale:?)"
_PATTERN_SOURCE = (
    rf"""(?<![\w/.-])(?:(?P<prep>{_PREP})\s+)?(?:
      (?P<iso>)(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?![\w/-])
    | (?P<numeric>)(?P<d>[0-3]?\d)[/.](?P<m>[0-3]?\d)[/.](?P<y>{_YEAR}|\d\d)(?![\w/]|\.\d)
    | (?P<dmy>)(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<mon>{_MONTH})\.?,?\s+(?P<y>{_YEAR})(?!\s*[/-]\d)
    | (?P<mdy>)(?P<mon>{_MONTH})\.?\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})
    | (?P<edge_my>)(?:the\s+)?(?P<edge>end|close|beginning|start|middle)\s+of\s+(?P<mon>{_MONTH})\.?,?\s+(?P<y>{_YEAR})(?!\s*[/-]\d)
    | (?P<quarter>)(?:Q|quarter\s*)(?P<q>[1-4])\s*(?:of\s+)?(?:FY\s*|financial\s+year\s+)?(?P<y>{_YEAR})(?:\s*[/-]\s*(?P<y2>\d\d(?:\d\d)?))?(?!\d)
    | (?P<quarter_fy>)(?:Q|quarter\s*)(?P<q>[1-4])\s*(?:of\s+)?(?P<fy>FY\s*)(?P<y>\d\d)\s*[/-]\s*(?P<y2>\d\d)(?!\d)
    | (?P<quarter_w>)(?:the\s+)?(?:end\s+of\s+the\s+)?(?P<qw>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+quarter\s+of\s+(?:the\s+)?(?:(?:financial\s+year\s+)?(?P<y>{_YEAR})(?:\s*[/-]\s*(?P<y2>\d\d(?:\d\d)?))?|(?P<which>current|this|next)\s+financial\s+year)
    | (?P<my>)(?P<mon>{_MONTH})\.?,?\s+(?P<y>{_YEAR})(?!\s*[/-]\d)
    | (?P<fy_span>)(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?(?:(?P<fylead>(?:financial|fiscal|business|academic|school)\s+year|FY)\s*)?(?P<y>{_YEAR})\s*[/-]\s*(?P<y2>\d\d(?:\d\d)?)(?!\d)(?:\s+(?P<fytail>(?:financial|fiscal|business|academic|school)\s+year))?
    | (?P<fy_short>)FY\s*(?P<y>\d\d)\s*[/-]\s*(?P<y2>\d\d)(?!\d)
    | (?P<fy_rel>)(?:(?:the\s+)?(?P<edge>end|close)\s+of\s+)?(?:the\s+)?(?P<which>current|this|next|following|coming)?\s*(?P<yk>financial|fiscal|business|academic|school)\s+year(?:\s+end)?
    | (?P<season>)(?:(?P<sedge>end\s+of)\s+)?(?:the\s+)?(?P<sn>spring|summer|autumn|fall|winter)(?P<term>\s+(?:school\s+)?term)?(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?(?!\s*[/-]\d)
    | (?P<end_year>)(?:the\s+)?(?:end|close)\s+of\s+(?:(?P<y>{_YEAR})(?!\s*[/-]\d)|(?:the\s+)?(?P<which>this|current|next|calendar)?\s*(?:calendar\s+)?(?P<unit>year|month|quarter))
    | (?P<year_end>)(?:(?:calendar\s+)?year[- ]end|end[- ]of[- ]year)
    | (?P<year_only>)(?:the\s+end\s+of\s+)?(?P<y>{_YEAR})(?!\s*[/-]\d)(?!\s+(?:[\w-]+\s+){{0,2}}(?:guidance|report|review|act|strategy|plan|statute|regulations?|standards|census|framework|edition|version|inspection|data|figures|cohort|survey))
    | (?P<dm>)(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<mon>{_MONTH_CAP})\b
    | (?P<m_only>)(?:(?P<medge>(?:the\s+)?(?:end|close)\s+of)\s+)?(?P<mon>{_MONTH_CAP})\b
    | (?P<rel>)(?P<relprep>within|in|over|during|for)\s+(?:the\s+)?(?:next|following|coming|first|a\s+period\s+of)?\s*(?:(?P<n>{_NUM})\s*(?:(?:-|to|or)\s*(?P<n2>{_NUM})\s*)?)?(?P<unit>{_UNIT})(?:'s?)?(?P<time>\s+time)?{_ANCHOR}
    | (?P<rel_after>)(?:no\s+later\s+than\s+|not\s+later\s+than\s+)?(?P<n>{_NUM})\s+(?P<unit>{_UNIT})\s+(?P<anchor>(?:of|from|after|following)\s+(?:[\w'/-]+\s*){{1,7}})
    | (?P<band>)(?P<bw>high|medium|low|urgent|critical|immediate|short[- ]term|medium[- ]term|long[- ]term|priority(?:\s*(?:[1-4]|one|two|three|four|[abc]))?)(?:\s+priority)?\s*[:-]?\s*[(\[]?\s*(?:within\s+|timescale:?\s*)?(?P<n>\d{{1,2}})\s*(?:-|to)\s*(?P<n2>\d{{1,2}})\s*(?P<unit>months?|weeks?|days?|years?)\s*[)\]]?
    | (?P<immediate>)(?:with\s+immediate\s+effect|immediately|forthwith|with\s+effect\s+from\s+(?:today|now|publication))
    | (?P<quarter_bare>)(?:the\s+)?(?:end\s+of\s+)?(?:Q|quarter\s*)(?P<q>[1-4])(?![\w/-])(?!\s*(?:of\s+)?(?:FY|financial|\d))
    | (?P<each_meeting>)(?:at|by|for)\s+(?:each|every)\s+(?:[\w'-]+\s+){{0,3}}?(?:meeting|(?:board|sub-?group|executive)(?:\s+meeting)?)s?\b
    | (?P<event>)(?:at|in\s+time\s+for|to)?\s*(?:the|its|their|his|her)\s+next\s+(?:[\w'-]+\s+){{0,4}}?(?:meetings?|reports?|inspection|conference|audit|board(?:\s+meeting)?|sub-?group(?:\s+meeting)?|executive(?:\s+meeting)?|away\s*day|development\s+day|session)\b
    | (?P<next>)(?:within|over)?\s*(?:the\s+)?next\s+(?P<nu>month|quarter|year|financial\s+year|academic\s+year|school\s+year)\b
    | (?P<every>)(?:at\s+least\s+)?(?:once\s+)?every\s+(?:(?P<n>{_NUM})\s+)?(?P<unit>day|week|fortnight|month|quarter|year|term)s?\b
    | (?P<freq>)(?:at\s+least\s+)?(?P<fw>annually|yearly|bi-?annually|biennially|triennially|six-?monthly|half-?yearly|quarterly|monthly|bi-?monthly|fortnightly|weekly|termly|twice[- ]yearly|twice\s+annually|each\s+year|each\s+term|each\s+quarter|each\s+month)\b
    | (?P<times>)(?:at\s+least\s+)?(?P<tn>once|twice|three\s+times|four\s+times|\d+\s+times)\s+(?:a|per|each|every)\s+(?P<unit>year|month|quarter|term|week)\b
    | (?P<basis>)(?:on|at)\s+an?\s+(?P<fw>annual|yearly|quarterly|monthly|six-?monthly|bi-?annual|termly|weekly|fortnightly)\s+basis
    | (?P<adj>)(?:an?\s+|the\s+)?(?P<fw>annual|quarterly|six-?monthly|bi-?annual|monthly|termly|yearly)\s+(?:[\w-]+\s+)?(?:reports?|audits?|reviews?|updates?|surveys?|assurance|returns?|statements?|summary|cycle|checks?|reporting|refreshers?|training|meetings?|supervision|self-assessments?|assessments?|evaluations?|monitoring)\b
    | (?P<label>)(?P<lab>timescales?|time\s*frames?|target\s+dates?|deadlines?|due\s+dates?|completion\s+dates?|by\s+when|date\s+for\s+completion|target)\s*[:-]\s*(?P<n>{_NUM})\s*(?:(?:-|to)\s*(?P<n2>{_NUM})\s*)?(?P<unit>{_UNIT})
    )"""
)


def _compile_alternatives(source: str) -> tuple[re.Pattern[str], dict[str, dict[str, str]]]:
    """The standard ``re`` module (much faster here than ``regex``) allows no repeated group names,
    so each alternative's groups are renamed ``name__alt``; an empty group ``(?P<alt>)`` opens
    each alternative."""
    groups: dict[str, dict[str, str]] = {}
    current = ""

    def rename(m: re.Match[str]) -> str:
        nonlocal current
        name = m.group(1)
        if m.group(2):
            current = name
            groups[current] = {}
            return m.group(0)
        if not current:
            return m.group(0)
        groups[current][name] = f"{name}__{current}"
        return f"(?P<{name}__{current}>"

    renamed = re.sub(r"\(\?P<(\w+)>(\))?", rename, source)
    return re.compile(renamed, re.IGNORECASE | re.VERBOSE), groups


_PATTERN, _ALT_GROUPS = _compile_alternatives(_PATTERN_SOURCE)


class _Match:
    """A match of ``_PATTERN`` read with the alternatives' own group names."""

    __slots__ = ("alt", "m", "names", "string")

    def __init__(self, m: re.Match[str]) -> None:
        self.m = m
        self.string = m.string
        # The alternative's groups are named "<name>__<alternative>", and the last group closed is
        # the alternative's own or one of those: a guess checked, else every alternative is tried.
        last = m.lastgroup
        alt = last.rpartition("__")[2] if last is not None else None
        if alt not in _ALT_GROUPS or m.group(alt) is None:
            alt = next(a for a in _ALT_GROUPS if m.group(a) is not None)
        self.alt = alt
        self.names = _ALT_GROUPS[alt]

    def group(self, name: str | None = None) -> str | None:
        if name is None:
            return self.m.group()
        if name == self.alt:
            return ""
        full = self.names.get(name)
        if full is not None:
            return self.m.group(full)
        return self.m.group(name) if name == "prep" else None

    def start(self, name: str | None = None) -> int:
        return self.m.start() if name is None else self.m.start(self.names.get(name, name))

    def end(self) -> int:
        return self.m.end()

    def span(self) -> tuple[int, int]:
        return self.m.span()


# After "in 2026" / "during 2026": punctuation, the end, or a word that cannot make the year a modifier.
_YEAR_END_OK = re.compile(r"\s*(?:[.,;:)]|\Z|(?:and|or|to|with|at|as|so|when|where|if|by|for|in|on)\b)", re.IGNORECASE)
_REPORT_ANCHOR = re.compile(
    r"""\A(?:of|from|after|following|since)\s+(?:the\s+)?(?:
        (?:date\s+of\s+)?(?:this|the|its)?\s*(?:publication|published)|
        (?:receipt|receiving|acceptance|accepting|approval|approving|agreement|agreeing|adoption|sign[- ]?off|signing\s+off|completion|publication|publishing|circulation|endorsement)\s+(?:of\s+)?(?:this|the|these|its)?|
        (?:this|the)\s+(?:date|report|review|overview|scr|sar|dhr|cspr|lcspr|recommendations?|action\s+plan|plan|board|partnership|panel|executive)|
        (?:its|their|the|this)\s+(?:[\w-]+\s+){0,2}?(?:launch|implementation|introduction|roll-?out|go-?live|commencement|adoption|approval)\b|
        (?:this|the)\s+(?:serious\s+case|safeguarding\s+adults|domestic\s+homicide|child\s+safeguarding\s+practice)|
        (?:report|review|publication|sign-?off|approval|agreement|now|today|the\s+date)\b)""",
    re.IGNORECASE | re.VERBOSE,
)
_EVENT_UNIT = re.compile(r"hour|working|business|school", re.IGNORECASE)
_ANCHOR_TRIM = re.compile(
    r"\s+(?:and|or|but|to|so|which|that|where|when|whether|if|unless|until|before|after|as|at|on|then|should|must|will|"
    r"is|are|was|were|with|by|in|for)\b.*\Z",
    re.IGNORECASE | re.DOTALL,
)


# (compiled once: re's own cache costs a lookup per call)
_SPACES = re.compile(r"\s+")
_NON_DIGITS = re.compile(r"\D")
_NEXT_WORD = re.compile(r"\b(?:next|following|coming)\b", re.IGNORECASE)
_NEXT_OR_FIRST = re.compile(r"\b(?:next|following|coming|first)\b", re.IGNORECASE)
_CALENDAR_SCHOOL = re.compile(r"^(?:calendar|school)\s+")
_EVENT_OPENER = re.compile(r"(?:at|in\s+time\s+for|to)\b", re.IGNORECASE)
_NEXT_OPENER = re.compile(r"(?:within|over)\b", re.IGNORECASE)


def _num(word: str | None) -> float | None:
    if word is None:
        return None
    w = _SPACES.sub(" ", word.lower().strip())
    if w in _NUMBERS:
        return _NUMBERS[w]
    try:
        return float(w)
    except ValueError:
        return None


def _year(text: str) -> int:
    y = int(text)
    return y + 2000 if y < 100 else y


def _month(text: str) -> int:
    key = text.lower().rstrip(".")
    return _MONTHS[key] if key in _MONTHS else _MONTHS[key[:3]]


def _day(text: str) -> int:
    return int(_NON_DIGITS.sub("", text))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _next_month_end(month: int, ref: date) -> date:
    end = month_end(ref.year, month)
    return end if end >= ref else month_end(ref.year + 1, month)


_SEASON_END = {"spring": (5, 0), "summer": (8, 0), "autumn": (11, 0), "fall": (11, 0), "winter": (2, 1)}
_TERM_END = {"spring": (3, 0), "summer": (7, 0), "autumn": (12, 0), "fall": (12, 0), "winter": (3, 0)}
_FREQ = {
    "annually": (1, "year"), "yearly": (1, "year"), "annual": (1, "year"), "each year": (1, "year"),
    "biannually": (6, "month"), "bi-annually": (6, "month"), "biannual": (6, "month"), "bi-annual": (6, "month"),
    "twice yearly": (6, "month"), "twice-yearly": (6, "month"), "twice annually": (6, "month"),
    "biennially": (2, "year"), "triennially": (3, "year"), "six-monthly": (6, "month"), "sixmonthly": (6, "month"),
    "six monthly": (6, "month"), "half-yearly": (6, "month"), "halfyearly": (6, "month"), "half yearly": (6, "month"),
    "quarterly": (3, "month"), "each quarter": (3, "month"), "monthly": (1, "month"), "each month": (1, "month"),
    "bimonthly": (2, "month"), "bi-monthly": (2, "month"), "fortnightly": (2, "week"), "weekly": (1, "week"),
    "termly": (4, "month"), "each term": (4, "month"),
}


# Every time expression holds one of these words within its first few words. Matching the full
# pattern only at the word starts just before them is some twenty times faster than scanning
# the whole text with it, and finds the same expressions.
_TRIGGER_WORDS = """
within next every each meeting immediate forthwith effect basis end close quarter q1 q2 q3 q4 fy financial fiscal academic school
spring summer autumn fall winter annual bi-annual biannual biennial triennial yearly six-monthly sixmonthly
half-yearly monthly bi-monthly bimonthly fortnightly weekly termly twice once hour day week fortnight month year
term timescale deadline target due priority high medium low urgent critical short long
jan feb mar apr may jun jul aug sep oct nov dec
""".split()
# Stems: "month" also finds "months" and "monthly"; a stray hit ("market") only costs a try.
# "not after a word character" tested before the trie (not after its first letter): the engine
# then rejects a position inside a word with one test instead of trying every first letter
_TRIGGER = re.compile(r"\d+|(?<!\w)" + grammar_trie(_TRIGGER_WORDS))
_LOOK_BACK = 40
# The same trigger starts as _TRIGGER's scan, found by two scans the regular expression engine runs
# much faster, because each opens with a set of characters it can skip to: the trigger words after
# a non-word character (the character is part of the match: the word starts one after it), and
# digit runs. The two kinds never overlap, except where a digit run follows a "q" ("q12": "q1" is
# a trigger word), and then _TRIGGER itself is used.
_TRIGGER_WORD_AFTER = re.compile(r"\W" + grammar_trie(_TRIGGER_WORDS))
_TRIGGER_WORD_FIRST = re.compile(grammar_trie(_TRIGGER_WORDS))
_DIGIT_RUN = re.compile(r"\d\d*")  # (not "\d+", which the engine cannot skip to)


def _trigger_starts(lowered: str) -> list[int]:
    """``[m.start() for m in _TRIGGER.finditer(lowered)]``."""
    digits = [m.start() for m in _DIGIT_RUN.finditer(lowered)]
    for i in digits:
        if i and lowered[i - 1] == "q":
            return [m.start() for m in _TRIGGER.finditer(lowered)]
    first = _TRIGGER_WORD_FIRST.match(lowered)
    if first is None:
        words = [m.start() + 1 for m in _TRIGGER_WORD_AFTER.finditer(lowered)]
    else:
        words = [0]
        words += [m.start() + 1 for m in _TRIGGER_WORD_AFTER.finditer(lowered, first.end())]
    return sorted(words + digits) if digits else words

_WORD_START = re.compile(r"(?<![^\W_])[^\W_]+|[(\[]")
# The first words an expression can open with (numbers always can).
_START_WORDS = frozenset(
    """by before until till no not on in during for from target deadline deadlines due timescale timescales time
    timeframe timeframes completion date the end close beginning start middle q1 q2 q3 q4 quarter first second
    third fourth final last 1st 2nd 3rd 4th fy financial fiscal business academic school spring summer autumn fall
    winter calendar year within over high medium low urgent critical immediate short long priority with immediately
    forthwith at to its their his her next every once twice three four at annually yearly biannually bi-annually
    biennially triennially six-monthly sixmonthly half-yearly quarterly monthly bimonthly bi-monthly fortnightly
    weekly termly each an a annual bi-annual biannual end-of-year year-end one two five six seven eight nine ten
    eleven twelve fifteen eighteen twenty thirty forty-eight sixty ninety jan january feb february mar march apr
    april may jun june jul july aug august sep sept september oct october nov november dec december""".split()
)


def _may_start(word: str) -> bool:
    lowered = word.lower()
    # "q2" and "fy26" are start words as written; "1st" and "2nd" once their digits are stripped
    return word[0].isdigit() or word[0] in "([" or lowered in _START_WORDS or lowered.rstrip("0123456789") in _START_WORDS


# Necessary conditions for _PATTERN to match at a word that is only a small word: what must follow it.
# The words before a trigger are mostly such words ("to the Board", "in practice"), and a failed try
# of the full pattern is its most expensive outcome (every alternative is tried, twice after a
# preposition). Each condition is read off the pattern: e.g. an expression opening with "the" goes on
# with a day, "end", an ordinal, a season, "next", ...; "to" only opens "to the next <meeting>";
# after a preposition comes an alternative's first word (_ALT_FIRST, as word beginnings). A word not
# listed is tried as before. tests/test_fast_paths_time.py checks that no match is lost.
_ALT_FIRST = (
    r"(?:\d|"
    + grammar_trie(
        """the jan feb mar apr may jun jul aug sep oct nov dec end close beginning start middle q first second third
        fourth final last financial fiscal business academic fy next following coming spring summer autumn fall winter
        calendar year within in over during for one two three four five six seven eight nine ten eleven twelve fifteen
        eighteen twenty thirty forty sixty ninety at annual high medium low urgent critical immediate short long
        priority with forthwith by to its their his her once every bi half monthly fortnightly weekly termly twice tri
        each on time target deadline due completion date hour day week fortnight month working term when""".split()
    )
    # "a"/"an" as a number or article: a unit, a frequency, "a couple of", "a period of", "a to 3", ... or
    # no space after it ("a-2 weeks")
    + r"|(?>an?)(?:\s+(?:period|couple|to|or|-|calendar|working|business|school|hour|day|week|fortnight|month|quarter"
    r"|year|term|annual|quarterly|six|bi|monthly|termly|yearly)|(?!\s))"
    # "this"/"current" only open "this financial year"; "school" is followed by "year" or a unit; "no"/"not" by "later"
    r"|(?:this|current)\s*(?:financial|fiscal|business|academic|school)|school\s|not?\s+later"
    r")"
)
_POSSESSIVE_NEXT = r"\s*(?:the|its|their|his|her)\s+next"
_NEEDS: dict[str, re.Pattern[str]] = {
    "the": re.compile(
        r"the\s+(?:\d|end|close|beginning|start|middle|first|second|third|fourth|final|last|financial|fiscal|business"
        r"|academic|school|fy|current|this|next|following|coming|spring|summer|autumn|fall|winter|q|annual|six|bi"
        r"|monthly|termly|yearly)",
        re.IGNORECASE,
    ),
    "to": re.compile("to" + _POSSESSIVE_NEXT, re.IGNORECASE),
    "at": re.compile(r"at\s+(?:each|every|least|an?\s)|at" + _POSSESSIVE_NEXT, re.IGNORECASE),
    "not": re.compile(r"not\s+later\s+than", re.IGNORECASE),
    "no": re.compile(r"no\s+later\s+than", re.IGNORECASE),
}
for _ordinal in ("first", "second", "third", "fourth", "final", "last"):
    _NEEDS[_ordinal] = re.compile(_ordinal + r"\s+quarter", re.IGNORECASE)  # only "the first quarter of ..."
_NEEDS["a"] = _NEEDS["an"] = re.compile(
    r"an?\s+(?:couple|calendar|working|business|school|hour|day|week|fortnight|month|quarter|year|term|annual|quarterly"
    r"|six|bi|monthly|termly|yearly)",
    re.IGNORECASE,
)
for _prep in ("by", "before", "until", "till", "on", "in", "during", "for", "from"):
    _NEEDS[_prep] = re.compile(_prep + r"\s+" + _ALT_FIRST, re.IGNORECASE)


def find_deadlines(text: str, reference: date) -> list[TimeExpr]:
    """Every time expression in ``text`` with the date it normalises to (see ``TimeExpr``)."""
    found: list[TimeExpr] = []
    triggers = _trigger_starts(grammar_lowered(text))
    if not triggers:
        return found
    pos = 0  # nothing before this can start a new expression
    tried = -1  # word starts up to here have been tried
    match = _PATTERN.match
    needs = _NEEDS
    for p in triggers:
        if p < pos:
            continue
        lo = max(pos, tried + 1, p - _LOOK_BACK)
        # Only the words in the window before the trigger are read (the look-behind of
        # _WORD_START sees text before `lo`, so a word cut by the window is not taken as one).
        for word in _WORD_START.finditer(text, lo):
            i = word.start()
            if i > p:
                break
            w = word.group()
            lw = w.lower()
            # (_may_start, inline)
            if not (w[0].isdigit() or w[0] in "([" or lw in _START_WORDS or lw.rstrip("0123456789") in _START_WORDS):
                continue
            tried = i
            need = needs.get(lw)
            if need is not None and need.match(text, i) is None:
                continue  # the full pattern cannot match here
            m = match(text, i)
            if m is None:
                continue
            expr = _interpret(_Match(m), reference)
            if expr is not None:
                found.append(expr)
            pos = m.end()
            break
    return found


# A calendar date that tells the story rather than sets a deadline: "published in March 2019",
# "the inspection of 3 May 2019", "(Ofsted, March 2019)".
_NARRATIVE_BEFORE = re.compile(
    r"""(?:\b(?:published|dated|issued|since|from|between|revised|updated|inspected|introduced|launched|produced|
          written|received|held|occurred|died|was|were|had|has\s+been|have\s+been|report\s+of|review\s+of|
          inspection\s+of|letter\s+of|meeting\s+of|last|previous|earlier|until)\s+(?:in\s+|on\s+|of\s+|the\s+)*
      | \(\s*(?:[A-Z][\w&.'-]*\s*){1,5},?\s*
      | \b(?:19|20)\d\d\s+(?:and|to|-)\s+
    )\Z""",
    re.VERBOSE,
)
# "from the September 2026 inspection cycle", "from the April 2027 intake": a calendar anchor for when
# the change takes effect, not a date in the story
_FROM_THE = re.compile(r"\b(?:from|starting)\s+(?:the|its)\s+\Z", re.IGNORECASE)
_COMMENCING = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:cycle|round|intake|cohort\s+onwards|onwards)\b", re.IGNORECASE)
# an action plan row pasted as text: "<action> – <owner> – Q4"; the last field is its deadline
_FIELD_BEFORE = re.compile(r"(?:\s[-–—]|[|–—])\s*\Z")
_FIELD_AFTER = re.compile(r"\s*(?:[.;|–—]|\s-\s|\Z)")


def _row_field(text: str, start: int, end: int) -> bool:
    return _FIELD_BEFORE.search(text, max(0, start - 4), start) is not None and _FIELD_AFTER.match(text, end) is not None


_DEADLINE_PREPS = ("by", "before", "until", "till", "no", "not", "target", "deadline", "due", "timescale")
_CALENDAR_KINDS = frozenset({"date", "month", "quarter", "year", "season", "financial-year", "academic-year"})


def _interpret(m: _Match, ref: date) -> TimeExpr | None:
    expr = _interpret_form(m, ref)
    if expr is None:
        return None
    prep = (m.group("prep") or "").lower()
    if prep.startswith(_DEADLINE_PREPS):
        return TimeExpr(expr.start, expr.end, expr.kind, expr.due, expr.explicit, expr.anchor, True)
    if (
        expr.explicit
        and expr.kind in _CALENDAR_KINDS
        and _NARRATIVE_BEFORE.search(m.string, max(0, expr.start - 40), expr.start)
        and not (_FROM_THE.search(m.string, max(0, expr.start - 12), expr.start) and _COMMENCING.match(m.string, expr.end))
    ):
        return None
    if not prep and expr.kind == "date" and expr.explicit:
        return TimeExpr(expr.start, expr.end, expr.kind, expr.due, expr.explicit, expr.anchor, True)  # a full date standing alone, as in an action plan's column
    return expr


def _interpret_form(m: _Match, ref: date) -> TimeExpr | None:
    g = m.group
    alt = m.alt  # which alternative of _PATTERN matched (its empty group is the only one set)
    s, e = m.span()

    def out(kind: Kind, due: date | None, explicit: bool = False, anchor=None, start: int = s, end: int = e) -> TimeExpr:
        return TimeExpr(start, end, kind, due, explicit, anchor)

    prep = _SPACES.sub(" ", (g("prep") or "").lower())
    before = prep == "before"
    if alt == "iso" or alt == "numeric" or alt == "dmy" or alt == "mdy":
        y = _year(g("y"))
        if alt == "numeric":
            d, mo = int(g("d")), int(g("m"))
            due = _safe_date(y, mo, d) or _safe_date(y, d, mo)  # UK day first; US order only if impossible
        elif alt == "iso":
            due = _safe_date(y, int(g("m")), int(g("d")))
        else:
            due = _safe_date(y, _month(g("mon")), _day(g("d")))
        if due is None:
            return None
        return out("date", due, True)
    if alt == "edge_my":
        y, mo = _year(g("y")), _month(g("mon"))
        edge = g("edge").lower()
        due = date(y, mo, 1) if edge in ("beginning", "start") else date(y, mo, 15) if edge == "middle" else month_end(y, mo)
        return out("month", due, True)
    if alt == "my":
        y, mo = _year(g("y")), _month(g("mon"))
        if before:
            return out("month", date(y, mo, 1) - timedelta(days=1), True)
        return out("month", month_end(y, mo), True)
    if alt == "quarter" or alt == "quarter_w" or alt == "quarter_fy":
        q = int(g("q")) if g("qw") is None else _ORDINALS[g("qw").lower()]
        if g("which") is not None:
            fy_end = financial_year_end(ref)
            if g("which").lower() == "next":
                fy_end = date(fy_end.year + 1, 3, 31)
            return out("quarter", month_end(fy_end.year - 1 + (q == 4), (3 + 3 * q) % 12 or 12), False)
        y = _year(g("y"))
        if g("y2") is not None or g("fy") is not None:
            # A financial-year quarter: Q1 = April-June of the first year.
            month = 3 + 3 * q
            return out("quarter", month_end(y + (month > 12), (month - 1) % 12 + 1), True)
        return out("quarter", month_end(y, 3 * q), True)
    if alt == "fy_span" or alt == "fy_short":
        y = _year(g("y"))
        y2 = _year(g("y2")) if len(g("y2")) == 4 else (y // 100) * 100 + int(g("y2"))
        if y2 != y + 1:
            return None
        kind_words = ((g("fylead") or "") + " " + (g("fytail") or "")).lower()
        if "academic" in kind_words or "school" in kind_words:
            return out("academic-year", date(y2, 8, 31), True)
        return out("financial-year", date(y2, 3, 31), True)
    if alt == "fy_rel":
        if g("edge") is None and g("which") is None:
            return None
        academic = g("yk").lower() in ("academic", "school")
        end = academic_year_end(ref) if academic else financial_year_end(ref)
        if (g("which") or "").lower() in ("next", "following", "coming") and not ((g("which") or "").lower() == "coming" and g("edge") is None):
            end = date(end.year + 1, end.month, end.day)
        return out("academic-year" if academic else "financial-year", end)
    if alt == "season":
        name = g("sn").lower()
        if g("y") is None and g("term") is None and not prep and g("sedge") is None:
            return None
        month, carry = (_TERM_END if g("term") else _SEASON_END)[name]
        if g("y") is not None:
            return out("season", month_end(_year(g("y")) + carry, month), True)
        due = month_end(ref.year + carry, month)
        if due < ref:
            due = month_end(ref.year + 1 + carry, month)
        return out("season", due)
    if alt == "end_year":
        if g("y") is not None:
            return out("year", date(_year(g("y")), 12, 31), True)
        unit = g("unit").lower()
        nxt = (g("which") or "").lower() == "next"
        if unit == "year":
            return out("year", date(ref.year + nxt, 12, 31))
        if unit == "month":
            base = add_months(ref.replace(day=1), 1 if nxt else 0)
            return out("month", month_end(base.year, base.month))
        q_end_month = ((ref.month - 1) // 3 + 1) * 3
        base = add_months(date(ref.year, q_end_month, 1), 3 if nxt else 0)
        return out("quarter", month_end(base.year, base.month))
    if alt == "year_end":
        return out("year", date(ref.year, 12, 31))
    if alt == "year_only":
        y = _year(g("y"))
        if prep in ("", "on", "for", "from") or "end of" not in m.group().lower() and prep in ("in", "during") and not _YEAR_END_OK.match(m.string, e):
            return None  # "in 2018 the review found", "for 2025": not a deadline
        if before and "end of" not in m.group().lower():
            return out("year", date(y - 1, 12, 31), True)
        return out("year", date(y, 12, 31), True)
    if alt == "dm":
        if prep in ("in", "during", "for", "from"):
            return None
        mo, d = _month(g("mon")), _day(g("d"))
        due = _safe_date(ref.year, mo, d)
        if due is None:
            return None
        if due < ref:
            due = _safe_date(ref.year + 1, mo, d) or due
        return out("date", due)
    if alt == "m_only":
        mo = _month(g("mon"))
        if not prep and g("medge") is None or prep in ("on", "for", "from"):
            return None
        if before:
            end = _next_month_end(mo, ref)
            return out("month", date(end.year, end.month, 1) - timedelta(days=1))
        return out("month", _next_month_end(mo, ref))
    if alt == "rel" or alt == "rel_after" or alt == "label":
        n = _num(g("n")) if g("n") is not None else 1.0
        n2 = _num(g("n2"))
        unit = g("unit").lower()
        if n is None:
            return None
        if alt == "rel":
            prep = g("relprep").lower()
            if g("n") is None and not _NEXT_WORD.search(m.group()):
                return None  # "within the year", "in the week": not a period
            if prep == "for" or (prep == "during" and g("n") is not None and not _NEXT_OR_FIRST.search(m.group())):
                return None  # "for 6 months": a duration, not a deadline
        unit = _CALENDAR_SCHOOL.sub("", unit)
        if unit.startswith(("working", "business")):
            unit = "working day"
        due = add_period(ref, n2 if n2 is not None and n2 > n else n, unit)
        anchor: Literal["report", "event"] | None = None
        end = e
        if g("anchor"):
            a_start = m.start("anchor")
            trimmed = _ANCHOR_TRIM.sub("", g("anchor"))
            if _REPORT_ANCHOR.match(trimmed):
                anchor = "report"
                end = _report_anchor_end(m.string, a_start, a_start + len(trimmed))
            else:
                anchor = "event"
                end = a_start + len(trimmed)
        if _EVENT_UNIT.search(unit) and anchor != "report":
            anchor = "event"
        return out("period", due, anchor=anchor, end=end)
    if alt == "band":
        n2 = _num(g("n2"))
        if n2 is None:
            return None
        return out("band", add_period(ref, n2, g("unit")))
    if alt == "immediate":
        return out("immediate", ref)
    if alt == "quarter_bare":
        if not prep and "end" not in m.group().lower() and not _row_field(m.string, s, e):
            return None  # "Q2" alone may be a question number; an action plan's last field is a deadline
        q_end = month_end(ref.year, 3 * int(g("q")))
        return out("quarter", q_end if q_end >= ref else month_end(ref.year + 1, 3 * int(g("q"))))
    if alt == "each_meeting":
        return out("recurrence", None)
    if alt == "event":
        # (m.group("event") is the empty marker group: the words are read from where it starts)
        if not prep and not _EVENT_OPENER.match(m.string, m.start("event")):
            return None
        return out("event", None)
    if alt == "next":
        nu = _SPACES.sub(" ", g("nu").lower())
        if not prep and not _NEXT_OPENER.match(m.string, m.start("next")):
            return None
        if nu == "month":
            base = add_months(ref.replace(day=1), 1)
            return out("next-period", month_end(base.year, base.month))
        if nu == "quarter":
            q_end_month = ((ref.month - 1) // 3 + 1) * 3
            base = add_months(date(ref.year, q_end_month, 1), 3)
            return out("next-period", month_end(base.year, base.month))
        if nu == "year":
            return out("next-period", date(ref.year + 1, 12, 31))
        end = academic_year_end(ref) if "academic" in nu or "school" in nu else financial_year_end(ref)
        return out("next-period", date(end.year + 1, end.month, end.day))
    if alt == "every":
        n = _num(g("n")) if g("n") is not None else 1.0
        if n is None:
            return None
        return out("recurrence", add_period(ref, n, g("unit")))
    if alt == "freq" or alt == "basis" or alt == "adj":
        word = _SPACES.sub(" ", g("fw").lower())
        n, unit = _FREQ.get(word, _FREQ.get(word.replace("-", ""), (1, "year")))
        return out("recurrence", add_period(ref, n, unit))
    if alt == "times":
        unit = g("unit").lower()
        count = {"once": 1, "twice": 2, "three times": 3, "four times": 4}.get(_SPACES.sub(" ", g("tn").lower()))
        if count is None:
            count = int(_NON_DIGITS.sub("", g("tn")) or 1)
        months = {"year": 12, "quarter": 3, "term": 4, "month": 1}.get(unit)
        if months is None:
            return out("recurrence", add_period(ref, 7 / count, "day"))
        return out("recurrence", add_period(ref, max(1, round(months / count)), "month"))
    return None


_REPORT_ANCHOR_END = re.compile(
    r"(?:of|from|after|following|since)\s+(?:the\s+)?(?:date\s+of\s+)?(?:(?:receipt|acceptance|approval|agreement|adoption|sign[- ]?off|completion|publication|circulation|endorsement)(?:\s+of)?\s+)?(?:(?:this|the|its)\s+)?(?:[\w'-]+\s+){0,3}?(?:publication|published|report|review|recommendations?|plan|scr|sar|dhr|cspr|lcspr|board|partnership|panel|sign-?off|approval|agreement|acceptance|now|today|date|launch|implementation|introduction|roll-?out|go-?live|commencement|adoption)(?:\s+being\s+(?:published|agreed|accepted|approved))?",
    re.IGNORECASE,
)


def _report_anchor_end(text: str, start: int, end: int) -> int:
    """Keep the report anchor short: "of publication", "of this report", "of the review being published"."""
    m = _REPORT_ANCHOR_END.match(text, start, end)
    return m.end() if m else end
