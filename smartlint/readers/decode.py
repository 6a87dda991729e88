"""Bytes to text for the text formats: UTF-8 (with or without BOM) and UTF-16/32 with a BOM.

Anything else is refused with one line saying what is wrong and what to do.
"""

from __future__ import annotations

import codecs
import re

from smartlint.errors import InputError

_BOMS = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Signatures of common binary files that may contain no NUL byte near the start.
_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\xd0\xcf\x11\xe0", b"{\\rtf")
# Control characters that no text document contains (tab, newlines, form feed and escape are fine).
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_SAMPLE = 65536


def _binary(path: str) -> InputError:
    return InputError(f"{path}: looks like a binary file, not text")


def _normalise(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _looks_like_utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is NUL, as in mostly-ASCII UTF-16."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) >= 0.9 * half and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * half and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _too_many_controls(text: str) -> bool:
    sample = text[:_SAMPLE]
    return len(_CONTROL.findall(sample)) > max(8, len(sample) // 100)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte `offset`, all bytes before it being valid UTF-8."""
    before = data[:offset]
    breaks = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n")
    start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    return breaks + 1, len(before[start:].decode("utf-8", "replace")) + 1


def decode_bytes(data: bytes, path: str) -> str:
    """Decode a Markdown or plain-text file; newlines come back as '\\n' and any BOM is dropped."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                name = encoding.split("-le")[0].split("-be")[0].upper()
                raise InputError(
                    f"{path}: starts with a {name} byte-order mark but is not valid {name}; re-save it as UTF-8"
                ) from None
            if "\x00" in text or _too_many_controls(text):
                raise _binary(path)
            return _normalise(text)

    if data.startswith(_MAGIC):
        raise _binary(path)
    if b"\x00" in data:
        encoding = _looks_like_utf16_without_bom(data)
        if encoding is None:
            raise _binary(path)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise _binary(path) from None
        if "\x00" in text or _too_many_controls(text):
            raise _binary(path)
        return _normalise(text)

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Many bad bytes early on means a binary file; a few means text in another encoding.
        sample = data[:_SAMPLE].decode("utf-8", "replace")
        if sample.count("\ufffd") > max(8, len(sample) // 20) or _too_many_controls(sample):
            raise _binary(path) from None
        line, column = _position(data, exc.start)
        raise InputError(
            f"{path}: is not valid UTF-8 (byte 0x{data[exc.start]:02X} at line {line}, column {column}); "
            "it may be in an older encoding such as Windows-1252: re-save it as UTF-8"
        ) from None
    if _too_many_controls(text):
        raise _binary(path)
    return _normalise(text)
