"""Properties of segmentation over any text: no exception, an exact source map, determinism."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from reader_helpers import read

from smartlint.readers import read_text_document
from smartlint.readers.markdown import markdown_deletions
from smartlint.readers.segment import clean_ranges, emit

FORMATS = st.sampled_from(["md", "txt"])

# Pieces of Markdown and report structure, so random documents reach every branch.
FRAGMENTS = [
    "1. ", "2) ", "(a) ", "b. ", "iv. ", "(ii) ", "- ", "* ", "+ ", "\u2022 ", "\u2013 ", "3.2 ", "R1: ",
    "Recommendation 4: ", "Rec. 2 - ", "# ", "## ", "### Recommendation 5", "Recommendations", "RECOMMENDATIONS",
    "Findings", "Summary of recommendations", "The review makes the following recommendations:", "---", "===",
    "```", "~~~", "> ", "| a | b |", "|---|---|", "<!-- ", " -->", "<!-- smartlint: ignore OW001 -- why -->",
    "smartlint: disable ALL", "# smartlint: enable", "<!-- smartlint: learning-point", "**", "__", "*", "_", "`",
    "[", "](http://x.y)", "]", "![", "<br>", "<span>", "&amp;", "&nbsp;", "\\", "\\*", "[^1]", "The LSCB should",
    "review the policy", "by 31 March 2026.", "Date: 12 March 2025", "Police", ":", ".", ";", "\t", "  ", "    ",
    "\n", "\n", "\n", "\n\n", "\r\n", "\x00", "\ufeff", "\u00a0", "\u2028", "é", "word",
]
documents = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
any_text = st.text(max_size=300)


@given(documents | any_text, FORMATS)
def test_segmenting_never_fails_and_pieces_map_exactly(text, fmt):
    doc = read(text, fmt)
    assert [item.index for item in doc.items] == list(range(1, len(doc.items) + 1))
    assert all(item.text for item in doc.items)
    for directive in doc.directives:
        assert directive.line >= 1 and directive.column >= 1
        assert directive.item is None or 1 <= directive.item <= len(doc.items)
        assert (directive.kind == "invalid") == (directive.error is not None)
    for section in doc.sections:
        assert 1 <= section.line <= doc.source.count("\n") + 1


@given(documents | any_text, FORMATS)
def test_segmenting_is_deterministic(text, fmt):
    first = read_text_document(text, "a", fmt)
    second = read_text_document(text, "a", fmt)
    assert first == second


@given(st.lists(st.sampled_from(FRAGMENTS + ["a", "b", " ", "\n"]), max_size=40).map("".join))
def test_markdown_cleaning_maps_every_run_back(raw):
    text, runs = emit(raw, markdown_deletions(raw))
    covered = 0
    for at, src, length in runs:
        assert text[at : at + length] == raw[src : src + length]
        assert at >= covered
        # anything between runs is a single joining space
        assert text[covered:at] in ("", " ")
        covered = at + length
    assert text[covered:] == ""


@given(st.lists(st.text(alphabet="ab *_`[]()\n\t\x00", max_size=12), min_size=1, max_size=5))
def test_cleaning_several_lines_maps_to_source(lines):
    source = "\n".join(lines)
    ranges, offset = [], 0
    for line in lines:
        ranges.append((offset, offset + len(line)))
        offset += len(line) + 1
    for cleaner in (None, markdown_deletions):
        text, runs = clean_ranges(source, ranges, cleaner)
        for at, src, length in runs:
            assert text[at : at + length] == source[src : src + length]
