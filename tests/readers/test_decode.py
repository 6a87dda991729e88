"""Bytes to text: the encodings a report arrives in, and one clear line for anything else."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartlint.errors import InputError
from smartlint.readers.decode import decode_bytes

TEXT = "# Recommendations\n\n1. The Board will review the policy by March 2026 \u2014 \u00e9t\u00e9.\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16"),  # Python writes the platform's BOM
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
        TEXT.encode("utf-16-le"),  # no BOM, but plainly UTF-16
        TEXT.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16", "utf32le-bom", "utf16le-nobom", "utf16be-nobom"],
)
def test_text_encodings_decode_to_the_same_text(data):
    assert decode_bytes(data, "r.md") == TEXT


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a\r\nb\r\n", "a\nb\n"),
        (b"a\rb\r", "a\nb\n"),
        (b"a\r\n\rb\n", "a\n\nb\n"),
        (codecs.BOM_UTF16_LE + "a\r\nb".encode("utf-16-le"), "a\nb"),
        (b"", ""),
        (codecs.BOM_UTF8, ""),
    ],
)
def test_line_endings_are_normalised(data, expected):
    assert decode_bytes(data, "r.txt") == expected


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02binary\x00" * 20,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        b"PK\x03\x04\x14\x00\x06\x00",  # a .docx renamed .md
        b"\x89PNG\r\n\x1a\n",
        bytes(range(256)) * 4,
        b"text with a NUL \x00 in the middle of it",
        b"\x01\x02\x03\x04\x05\x06\x07\x08 control characters" * 10,
    ],
)
def test_binary_files_are_refused_in_one_line(data):
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "draft.md")
    assert str(caught.value) == "draft.md: looks like a binary file, not text"


def test_invalid_utf8_says_where_and_what_to_do():
    data = b"# Recommendations\n\n1. The Board will r" + b"\xe9view it.\n"
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "draft.md")
    message = str(caught.value)
    assert message.startswith("draft.md: ")
    assert "not valid UTF-8" in message and "line 3, column 20" in message and "0xE9" in message
    assert "re-save it as UTF-8" in message and "\n" not in message


def test_invalid_utf8_column_counts_characters_not_bytes():
    data = "\u00e9\u00e9\u00e9 x".encode() + b"\xff"
    with pytest.raises(InputError, match="line 1, column 6"):
        decode_bytes(data, "d.txt")


def test_invalid_utf8_line_counts_old_mac_line_endings():
    with pytest.raises(InputError, match="line 3, column 2"):
        decode_bytes(b"one\rtwo\r\nx\x92", "d.txt")


def test_invalid_utf8_after_a_bom_is_reported_too():
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode_bytes(codecs.BOM_UTF8 + b"caf\xe9", "d.txt")


def test_broken_utf16_is_refused():
    with pytest.raises(InputError, match="not valid UTF-16"):
        decode_bytes(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", "d.md")  # a lone surrogate


@given(st.text(max_size=200).filter(lambda t: "\x00" not in t))
def test_any_text_round_trips_through_utf8_and_utf16(text):
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    for data in (text.encode("utf-8"), codecs.BOM_UTF8 + text.encode("utf-8"), text.encode("utf-16")):
        try:
            assert decode_bytes(data, "t.txt") == expected
        except InputError as exc:  # only texts made mostly of control characters are refused
            assert "binary" in str(exc)


@given(st.binary(max_size=300))
def test_any_bytes_decode_or_raise_input_error(data):
    try:
        decode_bytes(data, "t.md")
    except InputError as exc:
        assert str(exc).startswith("t.md: ") and "\n" not in str(exc)
