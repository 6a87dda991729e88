"""Markdown segmentation: which blocks are recommendations, their ids and clean text, sections,
dates, and where each suppression directive applies."""

from __future__ import annotations

from datetime import date

import pytest
from reader_helpers import ids, read, texts

from smartlint.readers import format_for_path, read_text_document

# -- file types --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "fmt"),
    [("a.md", "md"), ("A.MARKDOWN", "md"), ("dir.x/report.txt", "txt"), ("notes.text", "txt"), ("a.docx", "docx"),
     ("README", None), ("a.md.bak", None)],
)
def test_format_for_path(path, fmt):
    assert format_for_path(path) == fmt


def test_unknown_format_is_a_programming_error():
    with pytest.raises(ValueError):
        read_text_document("x", "a.rtf", "rtf")


# -- list items ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("marker", "expected_id"),
    [
        ("1.", "1"), ("12)", "12"), ("(3)", "(3)"), ("3.2", "3.2"), ("3.2.", "3.2"), ("(a)", "(a)"), ("a)", "a"),
        ("b.", "b"), ("B.", "B"), ("i.", "i"), ("iv.", "iv"), ("(iv)", "(iv)"), ("ix)", "ix"),
    ],
)
def test_numbered_markers_give_the_authors_id(marker, expected_id):
    doc = read(f"## Recommendations\n\n{marker} The Board should review the policy.\n")
    assert ids(doc) == [expected_id]
    assert texts(doc) == ["The Board should review the policy."]


@pytest.mark.parametrize("bullet", ["-", "*", "+", "\u2022", "\u25aa", "\u2013"])
def test_bullets_are_numbered_by_position(bullet):
    doc = read(f"## Recommendations\n\n{bullet} First one.\n{bullet} Second one.\n{bullet} Third one.\n")
    assert ids(doc) == ["1", "2", "3"]
    assert texts(doc) == ["First one.", "Second one.", "Third one."]
    assert [item.index for item in doc.items] == [1, 2, 3]


def test_the_benchmark_corpus_shape():
    sections = []
    for report in range(1, 4):
        lines = [f"## Serious Case Review {report:05d}: Recommendations", ""]
        lines += [f"{n}. The LSCB should review item {n} of report {report} by March 2026." for n in range(1, 51)]
        sections.append("\n".join(lines))
    doc = read("\n\n".join(sections) + "\n")
    assert len(doc.items) == 150
    assert ids(doc)[:3] == ["1", "2", "3"] and ids(doc)[50] == "1"
    assert doc.items[-1].text == "The LSCB should review item 50 of report 3 by March 2026."
    assert [s.level for s in doc.sections] == [2, 2, 2]


def test_continuation_lines_sub_bullets_and_indented_paragraphs_belong_to_the_item():
    doc = read(
        "## Recommendations\n\n"
        "1. The Board should:\n"
        "   - revise the escalation policy;\n"
        "   - audit twenty cases.\n"
        "\n"
        "   It should report to the Partnership\n"
        "   by June 2026.\n"
        "2. The CCG should train GPs\n"
        "on neglect.\n"  # a lazy continuation line
        "\n"
        "   Training should be evaluated.\n"
    )
    assert texts(doc) == [
        "The Board should: revise the escalation policy; audit twenty cases. It should report to the Partnership by June 2026.",
        "The CCG should train GPs on neglect. Training should be evaluated.",
    ]


def test_a_sub_list_at_the_same_indent_after_a_colon_belongs_to_the_item():
    doc = read(
        "## Recommendations\n\n"
        "1. The Board should:\n"
        "a. revise the policy;\n"
        "b. audit cases.\n"
        "2. The CCG should train GPs.\n"
        "3. The Police should:\n\n"
        "- brief officers;\n\n"
        "- review the log.\n\n"
        "4. Schools should act.\n"
    )
    assert ids(doc) == ["1", "2", "3", "4"]
    assert texts(doc)[0] == "The Board should: revise the policy; audit cases."
    assert texts(doc)[2] == "The Police should: brief officers; review the log."


def test_an_unindented_paragraph_after_a_blank_line_ends_the_item():
    doc = read("## Recommendations\n\n1. The Board should act.\n\nThis is because of finding 3.\n\n2. The CCG should act.\n")
    assert texts(doc) == ["The Board should act.", "The CCG should act."]


def test_a_dash_or_initial_starting_a_wrapped_line_does_not_start_an_item():
    doc = read(
        "## Recommendations\n\n"
        "1. The Board should adopt the model developed by\n"
        "A. Smith and report on it\n"
        "\u2013 with partners \u2013 by June.\n"
    )
    assert texts(doc) == ["The Board should adopt the model developed by A. Smith and report on it \u2013 with partners \u2013 by June."]


def test_numbers_inside_wrapped_lines_are_not_markers():
    doc = read("## Recommendations\n\n- The Board should cut the 4.5\nmillion backlog by 2026 and 1.5 more.\n")
    assert texts(doc) == ["The Board should cut the 4.5 million backlog by 2026 and 1.5 more."]


def test_an_empty_list_item_is_skipped():
    doc = read("## Recommendations\n\n1. First.\n2.\n3. Third.\n")
    assert ids(doc) == ["1", "3"] and [i.index for i in doc.items] == [1, 2]


# -- "Recommendation N" paragraphs ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "expected_id"),
    [
        ("Recommendation 1:", "1"), ("Recommendation 3.2 -", "3.2"), ("Recommendation 3.2 \u2013", "3.2"),
        ("RECOMMENDATION 4.", "4"), ("Recommendation 12", "12"), ("Recommendation No. 5:", "5"),
        ("Recommendation two:", "2"), ("Recommendation R3:", "R3"), ("R1.", "R1"), ("R1:", "R1"), ("R10 -", "R10"),
        ("Rec 1 -", "1"), ("Rec. 2:", "2"), ("**Recommendation 6:**", "6"), ("**Recommendation 7**:", "7"),
    ],
)
def test_recommendation_labels_give_the_id_and_are_removed_from_the_text(label, expected_id):
    doc = read(f"Intro paragraph.\n\n{label} The Board should review the policy.\n\nAnother paragraph.\n")
    assert ids(doc) == [expected_id]
    assert texts(doc) == ["The Board should review the policy."]


def test_label_paragraphs_take_their_continuation_and_sub_lists():
    doc = read(
        "Recommendation 1: The Board should:\n"
        "- revise the policy;\n"
        "- audit cases.\n\n"
        "Recommendation 2: The CCG should\ntrain GPs.\n\n"
        "The panel thanks everyone.\n"
    )
    assert texts(doc) == ["The Board should: revise the policy; audit cases.", "The CCG should train GPs."]


def test_a_label_alone_takes_the_next_paragraph_as_its_text():
    doc = read(
        "## Recommendations\n\n"
        "### Recommendation 1\n\nThe Board should review the policy.\n\n"
        "**Recommendation 2**\n\nThe CCG should train GPs.\n\n"
        "Recommendation 3: Information sharing\n\nThe Police should share logs.\n\n"
        "Recommendation 4\n----------------\n\nSchools should act.\n"
    )
    assert ids(doc) == ["1", "2", "3", "4"]
    assert texts(doc) == [
        "The Board should review the policy.",
        "The CCG should train GPs.",
        "Information sharing The Police should share logs.",
        "Schools should act.",
    ]
    # a heading that is a label does not end the recommendations section or become a section
    assert [s.title for s in doc.sections] == ["Recommendations"]


def test_sentences_that_mention_a_recommendation_are_not_labels():
    doc = read("- Real one.\n\nRecommendation 3 of the last review was not implemented.\n\nRecommendation 4 is done.\n")
    assert texts(doc) == ["Real one."]


def test_a_label_with_no_text_is_skipped_with_a_note():
    doc = read("Recommendation 1: The Board should act.\n\nRecommendation 2:\n\nRecommendation 3: The CCG should act.\n")
    assert ids(doc) == ["1", "3"]
    assert any("Recommendation 2" in note for note in doc.notes)


def test_a_list_item_starting_with_a_label_takes_the_label_id():
    doc = read("## Recommendations\n\n1. R4: The Board should act.\n")
    assert ids(doc) == ["R4"] and texts(doc) == ["The Board should act."]


# -- sections -----------------------------------------------------------------------------------

REPORT = """\
# Serious Case Review: Child D

## Background

- The family moved in 2019.
- Three agencies were involved.

## Findings

1. Information was not shared.
2. Fathers were not seen.

## Recommendations

The review makes the following recommendations:

1. The Partnership should revise the information sharing protocol by June 2026.
2. Health visitors should record fathers' details.

### Police

3. The Police should share domestic abuse notifications within 24 hours.

## Appendix

- Glossary item, not a recommendation.
"""


def test_only_items_under_a_recommendations_heading_count():
    doc = read(REPORT)
    assert ids(doc) == ["1", "2", "3"]
    assert texts(doc)[0].startswith("The Partnership")
    assert texts(doc)[2].startswith("The Police")


def test_sections_have_title_level_line_and_text():
    doc = read(REPORT)
    assert [(s.title, s.level, s.line) for s in doc.sections] == [
        ("Serious Case Review: Child D", 1, 1),
        ("Background", 2, 3),
        ("Findings", 2, 8),
        ("Recommendations", 2, 13),
        ("Police", 3, 20),
        ("Appendix", 2, 24),
    ]
    findings = doc.sections[2]
    assert findings.text == "1. Information was not shared.\n2. Fathers were not seen."
    assert "### Police" in doc.sections[3].text and "Appendix" not in doc.sections[3].text


def test_several_recommendation_sections_all_count():
    doc = read(
        "## Recommendations for the Partnership\n\n1. One.\n\n## Findings\n\n- not this\n\n"
        "## Summary of recommendations\n\n- Two.\n\n## Single-agency recommendations\n\n- Three.\n"
    )
    assert texts(doc) == ["One.", "Two.", "Three."]


@pytest.mark.parametrize(
    "heading",
    [
        "# Recommendations", "## 5. Recommendations", "Recommendations\n===============",
        "Recommendations\n---------------", "**Recommendations**", "Recommendations", "Recommendations:",
        "RECOMMENDATIONS", "Summary of recommendations", "Recommendations for the LSCP",
    ],
)
def test_heading_forms_that_name_recommendations(heading):
    doc = read(f"## Findings\n\n- Information was not shared.\n\n{heading}\n\n1. The Board should act.\n")
    assert texts(doc) == ["The Board should act."]


def test_previous_recommendations_are_not_this_reviews():
    doc = read("## Progress on previous recommendations\n\n- Old one.\n\n## Actions\n\n- New one.\n")
    assert texts(doc) == ["Old one.", "New one."]  # no heading names this review's: every item counts


def test_without_a_recommendations_heading_every_list_item_counts():
    doc = read("# Review\n\nSome text.\n\n- One.\n- Two.\n\n## Later\n\n1. Three.\n")
    assert texts(doc) == ["One.", "Two.", "Three."]


def test_without_a_recommendations_heading_lists_in_background_or_findings_do_not_count():
    doc = read(
        "# Review of Child G\n\n## Terms of reference\n\n- Scope item.\n\n## Findings\n\n1. A finding.\n\n"
        "### Finding 2: late referral\n\n- Detail.\n\n## Actions\n\n1. The Board should act.\n"
    )
    assert texts(doc) == ["The Board should act."]
    assert any("'Findings'" in note and "were not read" in note for note in doc.notes)


def test_prose_under_background_is_never_read_as_recommendations():
    doc = read("# Background\n\nThe family moved to the area in 2019.\n\n## Findings\n\n")
    assert doc.items == []
    assert any("no recommendations" in note for note in doc.notes)


def test_a_recommendations_section_without_a_list_reads_each_paragraph():
    doc = read(
        "## Findings\n\n- A finding.\n\n## Recommendations\n\nThe review makes the following recommendations:\n\n"
        "The Board should revise the policy\nby June 2026.\n\nThe CCG should train GPs.\n\n## Appendix\n\nText.\n"
    )
    assert texts(doc) == ["The Board should revise the policy by June 2026.", "The CCG should train GPs."]
    assert any("each paragraph" in note for note in doc.notes)


def test_without_any_list_each_paragraph_is_a_recommendation():
    doc = read("# Draft\n\nThe Board should revise the policy.\n\nThe CCG should train GPs.\n")
    assert texts(doc) == ["The Board should revise the policy.", "The CCG should train GPs."]
    assert ids(doc) == ["1", "2"]
    assert any("each paragraph" in note for note in doc.notes)


def test_a_recommendations_heading_with_nothing_under_it_falls_back_to_every_list_item():
    doc = read("## Contents\n\n- Findings\n\n## Recommendations\n\n## Actions\n\n- Do this.\n")
    assert texts(doc) == ["Findings", "Do this."]
    assert any("nothing under it" in note for note in doc.notes)


def test_a_recommendations_section_holding_only_a_table_reads_nothing_else():
    doc = read(
        "## Findings\n\n- A finding, not a recommendation.\n\n## Recommendations\n\n"
        "| No. | Recommendation | Owner |\n|---|---|---|\n| 1 | Revise the policy | LSCB |\n"
    )
    assert doc.items == []
    assert any("tables are not read" in note for note in doc.notes)


@pytest.mark.parametrize("text", ["", "\n\n  \n", "# Just a heading\n", "<!-- only a comment -->\n"])
def test_a_document_without_recommendations_has_a_note(text):
    doc = read(text)
    assert doc.items == []
    assert any("no recommendations" in note for note in doc.notes)


# -- what is not prose --------------------------------------------------------------------------


def test_front_matter_code_quotes_tables_and_comments_are_not_items():
    doc = read(
        "---\ntitle: Review\n- not an item\n---\n"
        "## Recommendations\n\n"
        "```text\n1. not an item\n```\n\n"
        "~~~\n- nor this\n~~~\n\n"
        "> 1. a quoted recommendation\n> - from elsewhere\n\n"
        "| No. | Recommendation |\n|---|---|\n| 1. | not an item |\n\n"
        "+----+------+\n| 2. | grid |\n+====+======+\n\n"
        "<!--\n1. commented out\n-->\n\n"
        "1. The only item.\n"
    )
    assert texts(doc) == ["The only item."]


def test_an_unclosed_code_fence_runs_to_the_end_with_a_note():
    doc = read("## Recommendations\n\n1. Before.\n\n```\n2. inside\n")
    assert texts(doc) == ["Before."]
    assert any("never closed" in note for note in doc.notes)


def test_inline_backticks_are_not_a_fence():
    doc = read("## Recommendations\n\n```x``` is code\n\n1. Item.\n")
    assert texts(doc) == ["Item."]


# -- clean text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "clean"),
    [
        ("The **Board** should *act* __now__ and _soon_.", "The Board should act now and soon."),
        ("Use `the_tool` here.", "Use the_tool here."),
        ("See [the guidance](https://example.org/g \"title\") now.", "See the guidance now."),
        ("See [the guidance][ref] and ![a chart](c.png).", "See the guidance and a chart."),
        ("Mail <https://example.org/x> now.", "Mail https://example.org/x now."),
        ("A<br>B and <span class='x'>C</span>.", "A B and C."),
        ("Health &amp; care&nbsp;teams.", "Health & care teams."),
        ("Keep \\*stars\\* and snake_case_names.", "Keep *stars* and snake_case_names."),
        ("5 * 3 = 15 and 2*4.", "5 * 3 = 15 and 2*4."),
        ("Cite the review.[^1]", "Cite the review.[^1]"),
        ("Hide <!-- a note --> this.", "Hide this."),
        ("Tabs\tand   spaces.", "Tabs and spaces."),
        ("***Both*** kinds.", "Both kinds."),
        ("An unmatched ** stays.", "An unmatched ** stays."),
    ],
)
def test_markup_is_removed_from_item_text(markdown, clean):
    doc = read(f"## Recommendations\n\n1. {markdown}\n")
    assert texts(doc) == [clean]


def test_emphasis_and_links_may_span_lines():
    doc = read("## Recommendations\n\n1. The **Board\n   should** see [the\n   guidance](http://x.y).\n")
    assert texts(doc) == ["The Board should see the guidance."]


def test_each_quoted_span_maps_back_to_the_source():
    source = "## Recommendations\n\n1. The **Local Safeguarding Board** should `review` the\n   [policy](http://x) by June.\n"
    doc = read(source)
    (item,) = doc.items
    for word in ("Local Safeguarding Board", "review", "policy", "by June."):
        start = item.text.index(word)
        offset = item.source_offset(start)
        assert source[offset : offset + len(word)] == word
    line, column = doc.position(item.source_offset(item.text.index("policy")))
    assert (line, column) == (4, 5)


def test_windows_line_endings():
    doc = read_text_document("## Recommendations\r\n\r\n1. The Board should\r\n   act.\r\n2. Two.\r\n", "w.md", "md")
    assert texts(doc) == ["The Board should act.", "Two."]
    assert "\r" not in doc.source


def test_a_bom_left_in_the_text_does_not_hide_the_first_line():
    doc = read("\ufeff# Recommendations\n\n1. One.\n")
    assert texts(doc) == ["One."] and doc.sections[0].title == "Recommendations"


# -- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Date: 12 March 2025", date(2025, 3, 12)),
        ("**Date:** 12th March 2025", date(2025, 3, 12)),
        ("Published: March 2025", date(2025, 3, 1)),
        ("Report date: 2025-03-12", date(2025, 3, 12)),
        ("Date of publication: 12/03/2025", date(2025, 3, 12)),
        ("Final version \u2013 5 Sept 2024", date(2024, 9, 5)),
        ("Dated March 12, 2025", date(2025, 3, 12)),
        ("March 2025", date(2025, 3, 1)),
        ("Date of death: 1 May 2024", None),
        ("The family moved in March 2019.", None),
        ("Date: 31 February 2025", None),
    ],
)
def test_the_documents_own_date(head, expected):
    doc = read(f"# Serious Case Review\n\n{head}\n\n## Recommendations\n\n1. Act.\n")
    assert doc.date == expected


def test_front_matter_date():
    doc = read("---\ntitle: Review\ndate: '2025-03-12'\n---\n\n# Review\n\nPublished: 1 January 2020\n")
    assert doc.date == date(2025, 3, 12)


def test_a_date_far_down_the_document_is_not_its_date():
    doc = read("# Review\n\n" + "Some text.\n\n" * 60 + "Date: 12 March 2025\n")
    assert doc.date is None


# -- directives ---------------------------------------------------------------------------------


def directive_map(doc):
    return [(d.kind, d.selectors, d.reason, d.line, d.item) for d in doc.directives]


def test_directives_apply_to_the_item_they_sit_in_or_the_next_one():
    doc = read(
        "<!-- smartlint: file-ignore EV -- no citations in this report -->\n"  # 1
        "## Recommendations\n"  # 2
        "<!-- smartlint: ignore OW001 -->\n"  # 3: on its own line: the next item
        "1. One. <!-- smartlint: ignore TM001, SP -- inline -->\n"  # 4: inside item 1
        "2. Two\n"  # 5
        "   <!-- smartlint: learning-point -- culture change -->\n"  # 6: between lines of item 2
        "   continued.\n"  # 7
        "<!-- smartlint: disable ALL -->\n"  # 8
        "3. Three.\n"  # 9
        "<!--\nsmartlint: enable\n-->\n"  # 10-12
        "4. Four.\n"  # 13
        "   <!-- smartlint: ignore OW001 -->\n"  # 14: after item 4's last line: the next item
        "5. Five.\n"  # 15
        "<!-- smartlint: ignore ALL -->\n"  # 16: nothing follows
    )
    assert texts(doc) == ["One.", "Two continued.", "Three.", "Four.", "Five."]
    assert directive_map(doc) == [
        ("file-ignore", ["EV"], "no citations in this report", 1, None),
        ("ignore", ["OW001"], None, 3, 1),
        ("ignore", ["TM001", "SP"], "inline", 4, 1),
        ("learning-point", [], "culture change", 6, 2),
        ("disable", ["ALL"], None, 8, None),
        ("enable", [], None, 10, None),
        ("ignore", ["OW001"], None, 14, 5),
        ("ignore", ["ALL"], None, 16, None),
    ]
    assert doc.directives[2].column == 9
    assert doc.directives[0].raw == "<!-- smartlint: file-ignore EV -- no citations in this report -->"


def test_directive_in_a_label_heading_applies_to_that_recommendation():
    doc = read("### Recommendation 1 <!-- smartlint: learning-point -->\n\nThe Board should reflect.\n")
    assert doc.directives[0].item == 1 and texts(doc) == ["The Board should reflect."]


def test_malformed_directives_are_kept_as_invalid():
    doc = read(
        "- One. <!-- smartlint: bogus X -->\n- Two. <!-- smartlint ignore X -->\n- Three. <!-- smartlint: ignore -->\n"
        "<!-- SmartLint: Ignore OW001 -->\n- Four.\n"
    )
    assert [d.kind for d in doc.directives] == ["invalid", "invalid", "invalid", "ignore"]
    assert all(d.error for d in doc.directives[:3]) and doc.directives[3].item == 4


def test_comments_that_are_not_directives_are_dropped_silently():
    doc = read("- One <!-- smartlinting is fun --> two.\n<!-- note: smartlint: ignore X -->\n- Three.\n")
    assert doc.directives == [] and texts(doc) == ["One two.", "Three."]


def test_a_directive_in_code_is_not_a_directive():
    doc = read("- Use `<!-- smartlint: ignore OW001 -->` to hide it.\n\n```\n<!-- smartlint: disable ALL -->\n```\n")
    assert doc.directives == []
    assert texts(doc) == ["Use <!-- smartlint: ignore OW001 --> to hide it."]


def test_an_unclosed_comment_ends_with_its_line_and_is_reported():
    doc = read("## Recommendations\n\n1. One <!-- smartlint: ignore OW001\n2. Two.\n")
    assert texts(doc) == ["One", "Two."]
    (directive,) = doc.directives
    assert directive.kind == "invalid" and "never closed" in directive.error
    assert any("never closed" in note for note in doc.notes)


def test_an_unclosed_comment_alone_on_its_line_ends_with_its_paragraph():
    doc = read("## Recommendations\n\n1. One.\n\n<!--\n2. Hidden.\n\n3. Three.\n")
    assert texts(doc) == ["One.", "Three."]
    assert any("line 5 (to the end of its paragraph)" in note for note in doc.notes)


def test_many_comments_inside_code_spans_on_one_line_stay_linear():
    doc = read("- " + "`<!--` " * 20000 + "\n")
    assert doc.directives == [] and doc.items[0].text.count("<!--") == 20000


def test_many_unclosed_comments_stay_linear():
    doc = read("- item <!-- x\n" * 5000)
    assert len(doc.items) == 5000 and len(doc.directives) == 0
    (note,) = doc.notes
    assert "line 1 (to the end of its line)" in note and "and 4995 more" in note


def test_safeguarding_adults_review_with_headed_recommendations_and_sub_bullets():
    doc = read(
        "# Safeguarding Adults Review: Mr A\n\n"
        "| Report date | 4 November 2024 |\n|---|---|\n\n"
        "## 7. Recommendations\n\n"
        "### Recommendation 1 (Safeguarding Adults Board)\n\n"
        "The Board should seek assurance that partner agencies:\n\n"
        "* apply the Mental Capacity Act in cases of self-neglect;\n"
        "* record capacity assessments.\n\n"
        "### Recommendation 2 (ICB)\n\n"
        "The ICB should commission training on self-neglect by March 2025.\n\n"
        "## 8. Glossary\n\n- MCA: Mental Capacity Act\n"
    )
    assert ids(doc) == ["1", "2"]
    assert texts(doc) == [
        (
            "(Safeguarding Adults Board) The Board should seek assurance that partner agencies: "
            "apply the Mental Capacity Act in cases of self-neglect; record capacity assessments."
        ),
        "(ICB) The ICB should commission training on self-neglect by March 2025.",
    ]
    assert doc.date == date(2024, 11, 4)
