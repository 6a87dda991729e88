"""`--format json`: the LintReport itself, and the JSON Schema it conforms to."""

from __future__ import annotations

import io
import json
from datetime import date
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TextIO

from smartlint.vocabulary import SCHEMA_VERSION

if TYPE_CHECKING:
    from smartlint.models import LintReport
    from smartlint.rule import RuleMeta

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:smartlint:report:v{SCHEMA_VERSION}"


def render(
    report: LintReport,
    *,
    color: bool = False,
    rules: Sequence[RuleMeta] = (),
    quiet: bool = False,
) -> str:
    out = io.StringIO()
    write(report, out)
    return out.getvalue()


def write(report: Any, out: TextIO, **_: Any) -> None:
    """Write the report to `out` exactly as `report.model_dump_json(indent=2)` would give it, plus
    a newline; nulls are kept so every key is always present: consumers need not guess at absence.

    It is written piece by piece, a recommendation at a time: one dump of the whole report would
    hold the output several times over (gigabytes at 100,000 recommendations)."""
    chunks = _Chunks(out)
    _write_report(report, chunks)
    chunks.write("\n")
    chunks.flush()


_INDENT = 2
_TOP_KEYS = ("schema_version", "tool")
_FILE_HEAD_KEYS = ("path", "format", "document_date")
_FILE_TAIL_KEYS = ("findings", "suppressed", "relevance", "notes", "summary")


class _Chunks:
    """Strings written to `out` in batches (one write call per few hundred recommendations)."""

    __slots__ = ("out", "pending", "size")

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.pending: list[str] = []
        self.size = 0

    def write(self, text: str) -> None:
        self.pending.append(text)
        self.size += len(text)
        if self.size >= 1 << 20:
            self.flush()

    def flush(self) -> None:
        self.out.write("".join(self.pending))
        self.pending = []
        self.size = 0


def _dump(model: Any, depth: int) -> str:
    """A pydantic `model` as JSON (its own dump), indented to sit `depth` levels deep."""
    text = model.model_dump_json(indent=_INDENT, exclude_none=False)
    return text.replace("\n", "\n" + " " * (_INDENT * depth)) if depth else text


_PADS = tuple("\n" + " " * (_INDENT * depth) for depth in range(16))


def _pad(depth: int) -> str:
    return _PADS[depth] if depth < len(_PADS) else "\n" + " " * (_INDENT * depth)


def _fields(obj: Any, names: Sequence[str], depth: int) -> list[str]:
    """`"name": value` for each of these fields of `obj`, as they sit `depth` levels deep."""
    pad = _pad(depth)
    return [f'{pad}"{name}": {_value(getattr(obj, name), depth)}' for name in names]


_encode_string = json.encoder.encode_basestring  # no ASCII escaping, as pydantic writes strings


def _value(value: Any, depth: int) -> str:
    """A value as pydantic writes it, indented to sit `depth` levels deep: the light records of
    the check path (smartlint.records, file_records, report_record) are written here, field by
    field in their declared order (the models' order); pydantic models write themselves."""
    kind = type(value)
    # the commonest exact types first, by identity; anything else (subclasses included) below
    if kind is str:
        return _encode_string(value)
    if value is None:
        return "null"
    writer = _RECORD_KEYS.get((kind, depth))
    if writer is not None:
        return _record(value, depth, *writer)
    if kind is int:
        return str(value)
    if isinstance(value, str):  # enums included: they are str
        return _encode_string(str(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = depth + 1
        pad = _pad(inner)
        return "[" + ",".join([
            pad + (_encode_string(item) if type(item) is str else _value(item, inner)) for item in value
        ]) + _pad(depth) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        pad = _pad(depth + 1)
        return "{" + ",".join(f"{pad}{_encode_string(k)}: {_value(v, depth + 1)}" for k, v in value.items()) + _pad(depth) + "}"
    if isinstance(value, date):
        return f'"{value.isoformat()}"'
    names = _record_fields(kind)
    if names is None:
        return _dump(value, depth)
    pad = _pad(depth + 1)
    keys = tuple(f'{pad}"{name}": ' for name in names)
    getter = attrgetter(*names) if len(names) > 1 else (lambda obj, _get=attrgetter(*names): (_get(obj),))
    writer = _RECORD_KEYS[(kind, depth)] = (keys, getter, _pad(depth) + "}")
    return _record(value, depth, *writer)


def _record(value: Any, depth: int, keys: tuple[str, ...], getter: Callable[[Any], tuple], close: str) -> str:
    """A record's fields in order (strings and nulls, most of them, written here directly)."""
    inner = depth + 1
    return "{" + ",".join([
        key + (
            _encode_string(v) if (kind := type(v)) is str
            else "null" if v is None
            else str(v) if kind is int
            else _encode_string(str(v)) if isinstance(v, str)  # enums: they are str
            else _value(v, inner)
        )
        for key, v in zip(keys, getter(value))
    ]) + close


_RECORD_FIELDS: dict[type, tuple[str, ...] | None] = {}
# (record class, depth) -> (each field's '"name": ' with the line break and indent before it, a
# getter of the fields' values, the closing brace on its line)
_RECORD_KEYS: dict[tuple[type, int], tuple[tuple[str, ...], Callable[[Any], tuple], str]] = {}


def _record_fields(cls: type) -> tuple[str, ...] | None:
    """The fields a record is written with (a file record's counts are not part of the report)."""
    names = _RECORD_FIELDS.get(cls)
    if names is None and cls not in _RECORD_FIELDS:
        fields = getattr(cls, "__dataclass_fields__", None)
        names = None if fields is None else tuple(name for name in fields if name != "counts")
        _RECORD_FIELDS[cls] = names
    return names


def _list(items: Any, depth: int, out: _Chunks) -> None:
    """A JSON list at `depth`, each item written as soon as it is dumped."""
    first = True
    pad = _pad(depth + 1)
    for item in items:
        out.write("[" + pad if first else "," + pad)
        first = False
        out.write(_value(item, depth + 1))
    out.write("[]" if first else _pad(depth) + "]")


def _write_file(result: Any, depth: int, out: _Chunks) -> None:
    out.write("{" + ",".join(_fields(result, _FILE_HEAD_KEYS, depth + 1)) + "," + _pad(depth + 1) + '"recommendations": ')
    recs = result.recommendations
    packed = getattr(recs, "packed", None)  # file_records.SpooledRecommendations: write the spool's tuples
    if packed is None:
        _list(recs, depth + 1, out)
    else:
        _list_packed(packed(), depth + 1, out)
    out.write("," + ",".join(_fields(result, _FILE_TAIL_KEYS, depth + 1)) + _pad(depth) + "}")


# ---- recommendations straight from the spool's tuples (records.pack), without making records ----
# Each writer gives exactly what _value gives for the record records.unpack would make of the
# tuple (tests/test_fast_paths_engine.py holds them to it): the fields in the record's order,
# strings, nulls and whole numbers written here, anything else handed to _value.


def _scalar(v: Any, depth: int) -> str:
    kind = type(v)
    if kind is str:
        return _encode_string(v)
    if v is None:
        return "null"
    if kind is int:
        return str(v)
    return _value(v, depth)


def _strings(values: Any, depth: int) -> str:
    """A list of (mostly) strings, as _value writes it."""
    if not values:
        return "[]"
    pad = _pad(depth + 1)
    return "[" + ",".join([
        pad + (_encode_string(item) if type(item) is str else _value(item, depth + 1)) for item in values
    ]) + _pad(depth) + "]"


def _keys(depth: int, *names: str) -> list[str]:
    pad = _pad(depth + 1)
    return [f'{pad}"{name}": ' for name in names]


class _PackedWriter:
    """Writes a packed recommendation sitting `depth` levels deep (its key strings made once)."""

    __slots__ = ("depth", "rec", "assessment", "owner", "timescale", "measurable", "specific", "evidence",
                 "profile", "finding", "span", "closes", "finding_pad", "findings_close")

    def __init__(self, depth: int) -> None:
        d = self.depth = depth
        self.rec = _keys(d, "id", "index", "text", "line", "column", "end_line", "ref", "learning_point",
                         "assessment", "profile", "findings")
        self.assessment = _keys(d + 1, "owner", "timescale", "measurable", "specific", "evidence", "score")
        self.owner = _keys(d + 2, "status", "text")
        self.timescale = _keys(d + 2, "status", "text", "due")
        self.measurable = _keys(d + 2, "status", "kind", "text")
        self.specific = _keys(d + 2, "status", "reasons")
        self.evidence = _keys(d + 2, "status", "text")
        self.profile = _keys(d + 1, "themes", "remedy", "agencies")
        self.finding = _keys(d + 2, "code", "name", "criterion", "severity", "message", "quote", "span", "suggestion",
                             "recommendation_id", "line", "column", "ref", "suppressed_by")
        self.span = _keys(d + 3, "start", "end")
        self.closes = [_pad(d + k) + "}" for k in range(4)]
        self.finding_pad = _pad(d + 2)  # before each finding in the list
        self.findings_close = _pad(d + 1) + "]"

    def write(self, t: tuple) -> str:
        d = self.depth
        k = self.rec
        rec_id, index, text, line, column, end_line, ref, learning, assessment, profile, findings = t
        inner = d + 1
        enc = _encode_string
        if findings:
            finding = self._finding
            listed = "[" + ",".join([self.finding_pad + finding(f) for f in findings]) + self.findings_close
        else:
            listed = "[]"
        return "".join((
            "{", k[0], enc(rec_id) if type(rec_id) is str else _scalar(rec_id, inner),
            ",", k[1], str(index) if type(index) is int else _scalar(index, inner),
            ",", k[2], enc(text) if type(text) is str else _scalar(text, inner),
            ",", k[3], str(line) if type(line) is int else _scalar(line, inner),
            ",", k[4], str(column) if type(column) is int else _scalar(column, inner),
            ",", k[5], str(end_line) if type(end_line) is int else _scalar(end_line, inner),
            ",", k[6], "null" if ref is None else _scalar(ref, inner),
            ",", k[7], "null" if learning is None else _scalar(learning, inner),
            ",", k[8], "null" if assessment is None else self._assessment(assessment),
            ",", k[9], "null" if profile is None else self._profile(profile),
            ",", k[10], listed, self.closes[0],
        ))

    def _assessment(self, a: tuple) -> str:
        d = self.depth + 1  # the assessment's depth
        k = self.assessment
        closes = self.closes
        owner, timescale, measurable, specific, evidence, score = a
        sub = d + 1
        leaf = d + 2
        ko, kt, km, ks, ke = self.owner, self.timescale, self.measurable, self.specific, self.evidence
        close = closes[2]
        due = timescale[2]
        return "".join((
            "{", k[0], "{", ko[0], _scalar(owner[0], leaf), ",", ko[1], _scalar(owner[1], leaf), close,
            ",", k[1], "{", kt[0], _scalar(timescale[0], leaf), ",", kt[1], _scalar(timescale[1], leaf), ",",
            kt[2], "null" if due is None else f'"{date.fromordinal(due).isoformat()}"', close,
            ",", k[2], "{", km[0], _scalar(measurable[0], leaf), ",", km[1], _scalar(measurable[1], leaf), ",",
            km[2], _scalar(measurable[2], leaf), close,
            ",", k[3], "{", ks[0], _scalar(specific[0], leaf), ",", ks[1], _strings(specific[1], leaf), close,
            ",", k[4], "{", ke[0], _scalar(evidence[0], leaf), ",", ke[1], _scalar(evidence[1], leaf), close,
            ",", k[5], str(score) if type(score) is int else _scalar(score, sub), closes[1],
        ))

    def _profile(self, p: tuple) -> str:
        leaf = self.depth + 2
        k = self.profile
        themes, remedy, agencies = p
        return ("{" + k[0] + _strings(themes, leaf) + "," + k[1] + _scalar(remedy, leaf) + "," + k[2]
                + _strings(agencies, leaf) + self.closes[1])

    def _finding(self, f: tuple) -> str:
        leaf = self.depth + 3
        k = self.finding
        enc = _encode_string
        code, name, criterion, severity, message, quote, span, suggestion, rec_id, line, column, ref, by = f
        if span is None:
            span_text = "null"
        else:
            ks = self.span
            start, end = span
            span_text = "".join((
                "{", ks[0], str(start) if type(start) is int else _scalar(start, leaf + 1),
                ",", ks[1], str(end) if type(end) is int else _scalar(end, leaf + 1), self.closes[3],
            ))
        return "".join((
            "{", k[0], enc(code) if type(code) is str else _scalar(code, leaf),
            ",", k[1], enc(name) if type(name) is str else _scalar(name, leaf),
            ",", k[2], enc(criterion) if type(criterion) is str else _scalar(criterion, leaf),
            ",", k[3], enc(severity) if type(severity) is str else _scalar(severity, leaf),
            ",", k[4], enc(message) if type(message) is str else _scalar(message, leaf),
            ",", k[5], enc(quote) if type(quote) is str else "null" if quote is None else _scalar(quote, leaf),
            ",", k[6], span_text,
            ",", k[7], enc(suggestion) if type(suggestion) is str else _scalar(suggestion, leaf),
            ",", k[8], enc(rec_id) if type(rec_id) is str else _scalar(rec_id, leaf),
            ",", k[9], str(line) if type(line) is int else _scalar(line, leaf),
            ",", k[10], str(column) if type(column) is int else _scalar(column, leaf),
            ",", k[11], "null" if ref is None else _scalar(ref, leaf),
            ",", k[12], "null" if by is None else _scalar(by, leaf), self.closes[2],
        ))


_PACKED_WRITERS: dict[int, _PackedWriter] = {}


def _list_packed(items: Any, depth: int, out: _Chunks) -> None:
    """_list over the spool's packed recommendations (a record among them is written by _value)."""
    inner = depth + 1
    writer = _PACKED_WRITERS.get(inner)
    if writer is None:
        writer = _PACKED_WRITERS[inner] = _PackedWriter(inner)
    write = writer.write
    first = True
    pad = _pad(inner)
    for item in items:
        out.write("[" + pad if first else "," + pad)
        first = False
        out.write(write(item) if type(item) is tuple else _value(item, inner))
    out.write("[]" if first else _pad(depth) + "]")


def write_file(file: Any, out: TextIO) -> None:
    """Write one file's object of the report's "files" list, as `write` does."""
    chunks = _Chunks(out)
    _write_file(file, 2, chunks)
    chunks.flush()


def _write_report(report: Any, out: _Chunks) -> None:
    out.write("{" + ",".join(_fields(report, _TOP_KEYS, 1)) + "," + _pad(1) + '"files": ')
    first = True
    for result in report.files:
        out.write("[" + _pad(2) if first else "," + _pad(2))
        first = False
        block = getattr(result, "block", None)  # written already by write_file, in a worker process (smartlint.parallel)
        if block is None:
            _write_file(result, 2, out)
        else:
            out.write(block)
    out.write("[]" if first else _pad(1) + "]")
    out.write("," + ",".join(_fields(report, ("errors", "summary"), 1)) + _pad(0) + "}")


def json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12, as pydantic writes it) of the output of `render`."""
    from smartlint.models import LintReport

    generated = LintReport.model_json_schema(mode="serialization")
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": "smartlint report",
        "description": (
            f"The output of `smartlint check --format json` (schema_version {SCHEMA_VERSION}): "
            "every file checked, its recommendations with their SMART assessment and findings, "
            "whole-document findings, and summaries."
        ),
    }
    schema.update({key: value for key, value in generated.items() if key not in ("title", "description")})
    return schema
