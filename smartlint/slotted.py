"""Bases for slotted dataclasses whose methods are written out instead of generated.

`@dataclass` writes `__init__`, `__repr__`, `__eq__` (and, frozen, `__setattr__`, `__delattr__`,
`__hash__`) as source text and compiles it with `exec` in every process: about 0.2 ms a method,
0.5-1.5 ms a class, which for the 30 classes every `smartlint check` defines was some 20 ms of a
cold start (issue 6). The classes on that path are still dataclasses, with the same fields
(`dataclasses.fields`, `replace`, pydantic and the JSON writer read them), declared with
`dataclass(init=False, repr=False, eq=False, slots=True)`, which compiles nothing; each writes its
own `__init__` and takes `__repr__` and `__eq__` (and the frozen methods) from these bases, which
behave as the generated ones:

- `repr` is `Name(field=value, ...)` over the fields shown in repr;
- instances are equal when of the same class with equal compared fields;
- `Record`s are unhashable (as a dataclass with eq and not frozen); `FrozenRecord`s hash their
  fields, refuse assignment and deletion with `FrozenInstanceError`, and pickle.

Only `__dataclass_params__` tells them apart (init, repr, eq and frozen there are False: the
methods are these). A class's `__init__` must take its fields in order, with their defaults, a
new empty list or dict where a field has a factory: tests/test_slotted.py checks each against
what `dataclass` would generate.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass, fields
from typing import Any

# The fields as declared (defaults and `field(...)` included); the decorator makes the slots.
described_with_slots = dataclass(init=False, repr=False, eq=False, slots=True)
described_keywords = dataclass(init=False, repr=False, eq=False, slots=True, kw_only=True)


class Record:
    __slots__ = ()

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{self.__class__.__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return _compared(self) == _compared(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class FrozenRecord(Record):
    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, f.name) for f in fields(self) if (f.compare if f.hash is None else f.hash)))  # type: ignore[arg-type]

    # slots and a refusing __setattr__: pickle needs these (as the generated frozen ones)
    def __getstate__(self) -> list[Any]:
        return [getattr(self, f.name) for f in fields(self)]  # type: ignore[arg-type]

    def __setstate__(self, state: list[Any]) -> None:
        for f, value in zip(fields(self), state):  # type: ignore[arg-type]
            object.__setattr__(self, f.name, value)


def _compared(record: Any) -> tuple[Any, ...]:
    return tuple(getattr(record, f.name) for f in fields(record) if f.compare)
