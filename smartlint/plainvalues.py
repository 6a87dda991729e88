"""Configuration values checked without pydantic when they are plainly right.

Importing pydantic and building the validator for the settings costs some 100 ms, more than
the rest of a check's start-up, on every run in a project with a configuration file. Most
configurations hold plain TOML values of exactly the declared types, so `convert` checks them
against the dataclass's annotations for a small vocabulary of types (text, whole numbers,
numbers, true/false, dates, Literal choices, enums, lists, tables, optional values, Any and
nested dataclasses, with pattern and bound constraints) and gives what pydantic would give.
Anything else, a wrong value included, gives DECLINED and the caller asks pydantic, whose
messages the user then sees. tests/test_plainvalues.py checks the two agree.
"""

from __future__ import annotations

import dataclasses
import re
import sys
import types
import typing
from datetime import date
from enum import Enum
from functools import cache
from typing import Any, Literal, Union


class _Declined(Exception):
    pass


DECLINED: Any = object()


def convert(cls: type, data: Any, alias: Any) -> Any:
    """An instance of dataclass `cls` from `data`, or DECLINED. `alias(name)` is a field's key
    (names are accepted too, as pydantic's populate_by_name does)."""
    try:
        return _dataclass(cls, data, alias)
    except _Declined:
        return DECLINED


def check_fields(specs: dict[str, tuple[Any, dict[str, Any]]], data: Any, alias: Any) -> dict[str, Any] | Any:
    """{name: value} for a table of fields given as {name: (type, constraints)}, or DECLINED."""
    try:
        return _fields(specs, data, alias)
    except _Declined:
        return DECLINED


def _dataclass(cls: type, data: Any, alias: Any) -> Any:
    hints = _hints(cls)
    specs = {f.name: (hints[f.name], f.metadata) for f in dataclasses.fields(cls) if f.init}
    return cls(**_fields(specs, data, alias))


def _fields(specs: dict[str, tuple[Any, Any]], data: Any, alias: Any) -> dict[str, Any]:
    if type(data) is not dict:
        raise _Declined
    by_key = {alias(name): name for name in specs}
    values: dict[str, Any] = {}
    for key, value in data.items():
        name = by_key.get(key) or (key if key in specs else None)
        if name is None or name in values:  # unknown, or given twice (name and alias)
            raise _Declined
        kind, constraints = specs[name]
        values[name] = _constrained(_value(kind, value, alias), constraints)
    return values


def _constrained(value: Any, constraints: Any) -> Any:
    for key, bound in constraints.items():
        if key == "description":
            continue
        if key == "pattern" and type(value) is str and re.search(bound, value):
            continue
        if key in _BOUNDS and type(value) in (int, float) and _BOUNDS[key](value, bound):
            continue
        raise _Declined
    return value


_BOUNDS = {
    "ge": lambda v, b: v >= b,
    "gt": lambda v, b: v > b,
    "le": lambda v, b: v <= b,
    "lt": lambda v, b: v < b,
}


def _value(kind: Any, value: Any, alias: Any) -> Any:
    if kind is Any:
        return value
    if kind in (str, bool, date) or kind is int:
        if type(value) is not kind:
            raise _Declined
        return value
    if kind is float:
        if type(value) not in (int, float):
            raise _Declined
        return float(value)
    if isinstance(kind, type) and issubclass(kind, Enum):
        if isinstance(value, kind):
            return value
        if type(value) is str and value in kind._value2member_map_:
            return kind(value)
        raise _Declined
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass(kind, value, alias)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is Literal:
        if type(value) is str and value in args and all(type(a) is str for a in args):
            return value
        raise _Declined
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1:
            raise _Declined
        return _value(rest[0], value, alias)
    if origin is list and type(value) is list:
        return [_value(args[0], item, alias) for item in value]
    if origin is dict and type(value) is dict and args[0] is str and all(type(key) is str for key in value):
        return {key: _value(args[1], item, alias) for key, item in value.items()}
    raise _Declined


@cache
def _hints(cls: type) -> dict[str, Any]:
    """The dataclass's annotations, evaluated in its module (they are strings there)."""
    return typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
