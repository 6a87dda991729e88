"""Plain-text segmentation: headings without markup, word-processor exports, paragraphs as
recommendations, and directive lines."""

from __future__ import annotations

from datetime import date

import pytest
from reader_helpers import ids, read, texts

from smartlint.readers import read_text_document


def txt(text: str):
    return read(text, "txt")


WRAPPED = """\
SERIOUS CASE REVIEW: CHILD E

Date: 3 June 2024

FINDINGS

1. Information was not shared between the
   health visitor and the GP.

RECOMMENDATIONS

The review makes the following recommendations:

1. The Partnership should revise the information
   sharing protocol by March 2025.
2. The CCG should audit twenty cases of missed
   appointments.

Police

3. The Police should share notifications within
   24 hours of an incident.

APPENDIX A

- Not a recommendation.
"""


def test_wrapped_report_with_capital_headings_and_an_agency_subheading():
    doc = txt(WRAPPED)
    assert ids(doc) == ["1", "2", "3"]
    assert texts(doc) == [
        "The Partnership should revise the information sharing protocol by March 2025.",
        "The CCG should audit twenty cases of missed appointments.",
        "The Police should share notifications within 24 hours of an incident.",
    ]
    assert [(s.title, s.line) for s in doc.sections] == [
        ("SERIOUS CASE REVIEW: CHILD E", 1),
        ("FINDINGS", 5),
        ("RECOMMENDATIONS", 10),
        ("Police", 19),
        ("APPENDIX A", 24),
    ]
    assert doc.sections[3].level > doc.sections[2].level  # the agency heading sits inside the section
    assert doc.date == date(2024, 6, 3)


EXPORTED = (
    "Serious Case Review: Child F\n"
    "Published: March 2025\n"
    "Contents\n"
    "1. Introduction\n"
    "2. Findings\n"
    "3. Recommendations\n"
    "Introduction\n"
    "This review was commissioned by the Partnership after the death of Child F and it considers the work of "
    "every agency that knew the family over the three years before.\n"
    "Findings\n"
    "Finding 1: Information sharing between health and police was poor and delayed the response by weeks.\n"
    "Recommendations\n"
    "The review makes the following recommendations:\n"
    "1. The Partnership should review the information sharing protocol between health and police by June 2025.\n"
    "2. The CCG should audit twenty cases of missed health appointments within six months of publication.\n"
    "Police\n"
    "3. The Police should train all officers in the MASH on the thresholds document by December 2025.\n"
    "Appendix A: Glossary\n"
    "MASH - Multi-Agency Safeguarding Hub\n"
)


def test_word_processor_export_with_one_paragraph_per_line():
    doc = txt(EXPORTED)
    assert ids(doc) == ["1", "2", "3"]
    assert texts(doc)[2].startswith("The Police should train")
    titles = [s.title for s in doc.sections]
    assert "Recommendations" in titles and "Police" in titles and "Appendix A: Glossary" in titles
    finding = next(s for s in doc.sections if s.title.startswith("Finding 1"))
    assert finding.level > next(s for s in doc.sections if s.title == "Findings").level
    assert doc.date == date(2025, 3, 1)


def test_word_processor_export_without_markers_reads_each_line_as_a_paragraph():
    long = " and report progress to the Partnership Board at each of its quarterly meetings until complete."
    doc = txt(
        "Recommendations\n"
        "The review makes the following recommendations:\n"
        f"The Partnership should revise the protocol{long}\n"
        f"The CCG should audit twenty cases{long}\n"
    )
    assert texts(doc) == [f"The Partnership should revise the protocol{long}", f"The CCG should audit twenty cases{long}"]


def test_word_processor_export_lines_after_an_item_are_paragraphs_of_their_own():
    long = " and report progress to the Partnership Board at each of its quarterly meetings until complete."
    doc = txt(
        "Recommendations\n"
        f"1. The Partnership should revise the protocol{long}\n"
        "This recommendation arises from finding 2 of the review.\n"
        f"2. The CCG should audit twenty cases{long}\n"
        "    An indented line still belongs to its item.\n"
        "Recommendation 3: The Police should share notifications within a day.\n"
        "The panel heard that notifications took a week to arrive.\n"
    )
    assert texts(doc) == [
        f"The Partnership should revise the protocol{long}",
        f"The CCG should audit twenty cases{long} An indented line still belongs to its item.",
        "The Police should share notifications within a day.",
    ]


def test_paragraphs_are_recommendations_when_there_are_no_markers():
    doc = txt(
        "Recommendations\n\n"
        "The review makes the following recommendations:\n\n"
        "The Partnership should revise\nthe protocol by June 2026.\n\n"
        "Health visitors\n\n"
        "The CCG should audit twenty\ncases.\n\n"
        "Signed\n"
    )
    assert texts(doc) == ["The Partnership should revise the protocol by June 2026.", "The CCG should audit twenty cases."]
    assert ids(doc) == ["1", "2"]


def test_plain_text_with_no_headings_and_no_markers():
    doc = txt("The Partnership should revise the protocol.\n\nThe CCG should audit cases.\n")
    assert texts(doc) == ["The Partnership should revise the protocol.", "The CCG should audit cases."]
    assert any("each paragraph" in note for note in doc.notes)


@pytest.mark.parametrize(
    "heading",
    [
        "Recommendations", "Recommendations:", "RECOMMENDATIONS", "Summary of recommendations",
        "Recommendations for the LSCP", "5. Recommendations", "5 Recommendations",
        "Recommendations\n===============", "Recommendations\n---------------", "# Recommendations",
    ],
)
def test_heading_lines_that_name_recommendations(heading):
    doc = txt(f"Findings\n\n- Information was not shared.\n\n{heading}\n\n1. The Board should act.\n\nAppendix\n\n- Glossary.\n")
    assert texts(doc) == ["The Board should act."]


def test_numbered_section_headings_followed_by_prose_are_not_items():
    doc = txt(
        "1. Introduction\n\nThe review was commissioned in 2024.\n\n"
        "2. Background\n\nThe family moved often.\n\n"
        "3. Actions\n\n"
        "3.1 The Partnership should revise the protocol.\n"
        "3.2 The CCG should audit cases.\n"
    )
    assert ids(doc) == ["3.1", "3.2"]
    assert [s.title for s in doc.sections][:3] == ["1. Introduction", "2. Background", "3. Actions"]


def test_short_list_items_are_still_items():
    doc = txt("Recommendations\n\n1. Training on neglect\n2. Audit of cases\n")
    assert texts(doc) == ["Training on neglect", "Audit of cases"]


def test_labels_in_plain_text():
    doc = txt(
        "RECOMMENDATIONS\n\n"
        "Recommendation 1: The Board should do X.\n\n"
        "Recommendation 2\nThe CCG should do Y.\n\n"
        "R3. Police to do Z\nand more.\n"
    )
    assert ids(doc) == ["1", "2", "R3"]
    assert texts(doc) == ["The Board should do X.", "The CCG should do Y.", "Police to do Z and more."]


def test_markdown_characters_are_literal_in_plain_text():
    doc = txt("Recommendations\n\n1. The **Board** should see [the guidance](http://x.y) <!-- not a comment -->.\n")
    assert texts(doc) == ["The **Board** should see [the guidance](http://x.y) <!-- not a comment -->."]


def test_word_plain_text_bullets():
    doc = txt("Recommendations\n\n\u2022\tThe Board should act:\n\to\tby revising the policy.\n\u2022\tThe CCG should act.\n")
    assert texts(doc) == ["The Board should act: by revising the policy.", "The CCG should act."]


def test_windows_line_endings_and_tabs():
    doc = read_text_document("Recommendations\r\n\r\n1.\tThe Board\r\n\tshould act.\r\n", "w.txt", "txt")
    assert texts(doc) == ["The Board should act."]


# -- directive lines ----------------------------------------------------------------------------


def test_directive_lines_in_every_carrier():
    doc = txt(
        "Recommendations\n"  # 1
        "# smartlint: ignore OW001\n"  # 2
        "1. One\n"  # 3
        "   // smartlint: learning-point -- a culture change\n"  # 4
        "   more of one.\n"  # 5
        "2. Two.\n"  # 6
        "% smartlint: disable TM\n"  # 7
        "  smartlint: enable\n"  # 8
        "SMARTLINT: file-ignore EV001\n"  # 9
        "## smartlint: ignore SP -- reason\n"  # 10
        "3. Three.\n"  # 11
        "smartlint: nonsense\n"  # 12
    )
    assert texts(doc) == ["One more of one.", "Two.", "Three."]
    assert [(d.kind, d.selectors, d.reason, d.line, d.column, d.item) for d in doc.directives] == [
        ("ignore", ["OW001"], None, 2, 1, 1),
        ("learning-point", [], "a culture change", 4, 4, 1),
        ("disable", ["TM"], None, 7, 1, None),
        ("enable", [], None, 8, 3, None),
        ("file-ignore", ["EV001"], None, 9, 1, None),
        ("ignore", ["SP"], "reason", 10, 1, 3),
        ("invalid", [], None, 12, 1, None),
    ]
    assert doc.directives[1].raw == "// smartlint: learning-point -- a culture change"


def test_a_directive_line_inside_a_paragraph_applies_to_that_paragraph():
    doc = txt("The Board should\nsmartlint: learning-point\nreflect on practice.\n\nThe CCG should audit cases.\n")
    assert texts(doc) == ["The Board should reflect on practice.", "The CCG should audit cases."]
    assert doc.directives[0].item == 1


def test_prose_mentioning_smartlint_is_not_a_directive():
    doc = txt("Recommendations\n\n1. Run smartlint: it checks the text.\n")
    assert doc.directives == [] and texts(doc) == ["Run smartlint: it checks the text."]


@pytest.mark.parametrize("text", ["", "\n", "   \n\n", "Just a title\n", "smartlint: ignore OW001\n"])
def test_nothing_to_read(text):
    doc = txt(text)
    assert doc.items == []
    assert any("no recommendations" in note for note in doc.notes)


def test_inquiry_chapters_with_numbered_recommendations():
    doc = txt(
        "Chapter 3: Recommendations\n\n"
        "3.1 The Home Office should publish guidance by 2026.\n\n"
        "3.2 The Department for Education should fund the scheme.\n\n"
        "Chapter 4: Conclusions\n\n"
        "4.1 The inquiry concluded that the system failed.\n"
    )
    assert ids(doc) == ["3.1", "3.2"]


def test_domestic_homicide_review_with_agency_subheadings():
    doc = txt(
        "DOMESTIC HOMICIDE REVIEW\n\nEXECUTIVE SUMMARY\n\n"
        "The review panel identified the following lessons:\n\n- Lesson one was identified.\n\n"
        "RECOMMENDATIONS\n\nSingle-agency recommendations\n\n"
        "Police\n1. The Police should review risk assessment practice.\n\n"
        "Health\n2. The GP practice should ask about domestic abuse.\n\n"
        "Multi-agency recommendations\n\n"
        "3. The Community Safety Partnership should publish a strategy.\n\n"
        "APPENDIX 1: ACTION PLAN\n"
    )
    assert ids(doc) == ["1", "2", "3"]
    assert texts(doc)[0] == "The Police should review risk assessment practice."
    assert {"Police", "Health"} <= {s.title for s in doc.sections}
