"""Rule options: declared as plain class attributes, validated only when a configuration sets them.

    class Options(RuleOptions):
        max_months: int = option(12, ge=1, description="How many months ...")

Declaring them costs nothing at start-up (no pydantic). When `[tool.smartlint.rules.<rule>]`
sets options, `model_validate` checks them: plainly right values without pydantic
(smartlint.plainvalues), anything else with a pydantic model built from the declarations on first
use, so the messages (and the engine's handling of `ValidationError`) are pydantic's, as they were
when options were pydantic models.
Keys are kebab-case in configuration (snake_case is accepted too); unknown keys are errors.
"""

from __future__ import annotations

from typing import Any, ClassVar


class Option:
    """One option's default (or a factory making it, for a list or dict), its one-line
    description and its bounds (ge, gt, le, lt...: any constraint pydantic's `Field` takes),
    which are checked when a configuration sets it. `field` is a pydantic `FieldInfo` when a
    pack declared the option with pydantic's `Field` (still accepted: it is used as given)."""

    __slots__ = ("default", "factory", "description", "constraints", "field")

    def __init__(self, default: Any, description: str | None = None, constraints: dict[str, Any] | None = None,
                 factory: Any = None, field: Any = None) -> None:
        self.default = default
        self.factory = factory
        self.description = description
        self.constraints = constraints or {}
        self.field = field

    def value(self) -> Any:
        return self.factory() if self.factory is not None else self.default


def option(default: Any = None, *, default_factory: Any = None, description: str | None = None,
           **constraints: Any) -> Any:
    """Declare a rule option with a default; see `Option`."""
    return Option(default, description, constraints, default_factory)


def _from_pydantic(value: Any) -> Option | None:
    """An Option for a pydantic `Field(...)` default, recognised without importing pydantic."""
    kind = type(value)
    if kind.__name__ != "FieldInfo" or not kind.__module__.startswith("pydantic"):
        return None
    factory = value.default_factory
    default = None if factory is not None else value.default
    return Option(default, value.description, None, factory, field=value)


def kebab(name: str) -> str:
    return name.replace("_", "-")


class RuleOptions:
    """Base for a rule's options. Annotated class attributes are the options, their values (or
    `option(...)`) the defaults. Instances are read-only by convention; a mutable default is
    shared between instances, so prefer tuples and frozensets."""

    # name -> Option, in declaration order (inherited options first); filled per subclass
    option_specs: ClassVar[dict[str, Option]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        specs = dict(cls.option_specs)
        for name, annotation in cls.__dict__.get("__annotations__", {}).items():
            if "ClassVar" in str(annotation):
                continue
            value = cls.__dict__.get(name)
            spec = value if isinstance(value, Option) else _from_pydantic(value) or Option(value)
            specs[name] = spec
            # the class attribute is the default an instance reads, unless each needs its own
            setattr(cls, name, spec.default)
        cls.option_specs = specs

    def __init__(self, **values: Any) -> None:
        for name, value in values.items():
            if name not in self.option_specs:
                raise TypeError(f"{type(self).__name__} has no option {name!r}")
            setattr(self, name, value)
        for name, spec in self.option_specs.items():
            if spec.factory is not None and name not in values:
                setattr(self, name, spec.factory())

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.option_specs)

    __hash__ = None  # type: ignore[assignment]  # equal by value, like the pydantic models they replace

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.option_specs)
        return f"{type(self).__name__}({values})"

    @classmethod
    def model_validate(cls, data: Any) -> RuleOptions:
        """Options from configuration, checked; raises pydantic's `ValidationError`."""
        values = _plain_values(cls, data)
        if values is None:  # not plainly right: pydantic decides, and words the error
            validated = _validator(cls).model_validate(data)
            values = {name: getattr(validated, name) for name in cls.option_specs}
        return cls(**values)


class NoOptions(RuleOptions):
    """A rule without options: any key set for it is an unknown option."""


def _plain_values(cls: type[RuleOptions], data: Any) -> dict[str, Any] | None:
    """The options, if they are plainly right (smartlint.plainvalues), without pydantic."""
    from typing import get_type_hints

    from smartlint import plainvalues

    if any(spec.field is not None or spec.factory is not None for spec in cls.option_specs.values()):
        return None  # declared with pydantic's Field, or made by a factory: pydantic's business
    hints = get_type_hints(cls)
    specs = {name: (hints[name], spec.constraints) for name, spec in cls.option_specs.items()}
    values = plainvalues.check_fields(specs, data, kebab)
    return None if values is plainvalues.DECLINED else values


_VALIDATORS: dict[type, Any] = {}


def _validator(cls: type[RuleOptions]) -> Any:
    """The pydantic model checking `cls`'s options, built on first use (pydantic loads only then)."""
    model = _VALIDATORS.get(cls)
    if model is None:
        from typing import get_type_hints

        from pydantic import ConfigDict, Field, create_model

        hints = get_type_hints(cls)
        fields = {name: (hints[name], spec.field or _field(Field, spec)) for name, spec in cls.option_specs.items()}
        config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=kebab)
        model = _VALIDATORS[cls] = create_model(cls.__name__, __config__=config, **fields)  # type: ignore[call-overload]
    return model


def _field(field: Any, spec: Option) -> Any:
    if spec.factory is not None:
        return field(default_factory=spec.factory, description=spec.description, **spec.constraints)
    return field(spec.default, description=spec.description, **spec.constraints)
