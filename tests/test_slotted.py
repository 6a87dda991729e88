"""The dataclasses whose methods are written out (smartlint.slotted) behave as if `dataclass`
had generated them: the same `__init__` parameters as their fields, repr, equality, hashing,
immutability when frozen, `replace` and pickling."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
import sys

import pytest

import smartlint.config
import smartlint.document
import smartlint.engine
import smartlint.file_records
import smartlint.readers.segment
import smartlint.records
import smartlint.report_record
import smartlint.rule
from smartlint.slotted import FrozenRecord, Record


def _written_out() -> list[type]:
    found, todo = [], [Record]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            # (the decorator replaces each class by a slotted copy: the module holds the one in use;
            # a plain dataclass subclass, such as readers.plan.PlanItem, has generated methods)
            in_use = getattr(sys.modules[sub.__module__], sub.__qualname__, None) is sub
            if sub is not FrozenRecord and in_use and not sub.__dataclass_params__.init:
                found.append(sub)
    return sorted(set(found), key=lambda c: (c.__module__, c.__qualname__))


CLASSES = _written_out()


def test_the_check_path_classes_are_found():
    names = {c.__qualname__ for c in CLASSES}
    assert {"FindingRecord", "Config", "RuleMeta", "Item", "Document", "FileRecord", "Overrides", "ReportRecord", "_Block"} <= names


def _generated(cls: type) -> type:
    """The dataclass `dataclass` itself would make of the same fields."""
    frozen = issubclass(cls, FrozenRecord)
    spec = []
    for f in dataclasses.fields(cls):
        kwargs = {"repr": f.repr, "compare": f.compare, "hash": f.hash, "kw_only": f.kw_only}
        if f.default is not dataclasses.MISSING:
            kwargs["default"] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            kwargs["default_factory"] = f.default_factory
        spec.append((f.name, f.type, dataclasses.field(**kwargs)))
    return dataclasses.make_dataclass(cls.__name__, spec, frozen=frozen, slots=True)


def _sample(cls: type, seed: int) -> dict:
    """Values for every field (hashable where that is possible), different for each seed."""
    values = {}
    for i, f in enumerate(dataclasses.fields(cls)):
        values[f.name] = f"{f.name}-{seed}-{i}"
    return values


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_written_out_methods_match_the_generated_ones(cls):
    ref = _generated(cls)
    ours = inspect.signature(cls.__init__).parameters
    theirs = inspect.signature(ref.__init__).parameters
    assert [(p.name, p.kind, p.default is p.empty) for p in ours.values()] == [
        (p.name, p.kind, p.default is p.empty) for p in theirs.values()
    ], "the __init__ must take the fields, in order, with defaults where they have them"
    for f in dataclasses.fields(cls):  # a field's default, or None for a factory's (a new value)
        default = ours[f.name].default
        if f.default_factory is not dataclasses.MISSING:
            assert default is None, f.name
        elif f.default is not dataclasses.MISSING:
            assert default == f.default, f.name
    assert cls.__slots__ == ref.__slots__ and cls.__match_args__ == ref.__match_args__

    def build(kind: type, seed: int):
        values = _sample(cls, seed)
        if any(f.kw_only for f in dataclasses.fields(cls)):
            return kind(**values)
        return kind(*values.values())

    if cls is smartlint.rule.RuleMeta:  # validated when built: give it valid values
        kw = dict(code="AB123", name="a-b", criterion="owner", summary="s", rationale="r", fix="f", bad=("b",), good=("g",))
        a, b, c, r = cls(**kw), cls(**kw), cls(**{**kw, "fix": "other"}), ref(**kw)
        object.__setattr__(r, "criterion", a.criterion)
        object.__setattr__(r, "severity", a.severity)
    else:
        a, b, c, r = build(cls, 1), build(cls, 1), build(cls, 2), build(ref, 1)
    assert repr(a).replace(cls.__qualname__, "X") == repr(r).replace(ref.__qualname__, "X")
    assert a == b and not (a != b) and a != c and a != r and (a == 1) is False
    if issubclass(cls, FrozenRecord):
        assert hash(a) == hash(b) == hash(r)
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(a, dataclasses.fields(cls)[0].name, "x")
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(a, dataclasses.fields(cls)[0].name)
    else:
        with pytest.raises(TypeError):
            hash(a)
    with pytest.raises(AttributeError):
        a.not_a_field = 1
    last = "fix" if cls is smartlint.rule.RuleMeta else dataclasses.fields(cls)[-1].name
    changed = dataclasses.replace(a, **{last: "changed"})
    assert getattr(changed, last) == "changed" and changed != a and type(changed) is cls
    assert pickle.loads(pickle.dumps(a)) == a


def test_a_list_default_is_a_new_list_each_time():
    one, two = smartlint.records.Profile(), smartlint.records.Profile()
    assert one.themes == [] and one.themes is not two.themes
    assert smartlint.config.Config().lexicons is not smartlint.config.Config().lexicons
