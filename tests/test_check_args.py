"""`smartlint check`'s own argument parser (smartlint.check_command) gives exactly what typer gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st

from smartlint import check_command
from smartlint.check_command import DEFAULTS, OPTIONS, parse_args
from smartlint.commands import app


def _typer_check():
    return typer.main.get_command(app).commands["check"]


def _kind(param) -> object:
    if param.multiple:
        return "texts"
    return {int: "number", Path: "path", str: "text"}[param.type_descriptor.annotation]


def test_the_option_table_matches_the_typer_declaration():
    declared: dict[str, tuple[str, object]] = {}
    defaults: dict[str, object] = {}
    for param in _typer_check().params:
        if param.param_type_name != "option" or param.name == "help":
            continue
        defaults[param.name] = param.default
        for opt in param.opts:
            declared[opt] = (param.name, True if param.is_flag else _kind(param))
        for opt in param.secondary_opts:
            declared[opt] = (param.name, False)
    assert OPTIONS == declared
    assert DEFAULTS == defaults


def _typer_values(args: list[str]) -> dict:
    """What typer passes to check_command.run for `smartlint check ARGS`."""
    seen: dict = {}
    real = check_command.run
    check_command.run = lambda **values: seen.update(values)
    try:
        app(["check", *args], standalone_mode=False)
    finally:
        check_command.run = real
    return seen


_WORD = st.text(alphabet="abcXYZ019_.,/: ", min_size=1, max_size=8).filter(lambda s: not s.startswith("-"))
_VALUE = {"text": _WORD, "texts": _WORD, "path": _WORD, "number": st.integers(0, 10**6).map(str)}


@st.composite
def _command_lines(draw) -> list[str]:
    args: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        name = draw(st.sampled_from(sorted(OPTIONS)))
        takes = OPTIONS[name][1]
        if type(takes) is bool:
            args.append(name)
        elif name.startswith("--") and draw(st.booleans()):
            args.append(f"{name}={draw(_VALUE[takes])}")
        else:
            args += [name, draw(_VALUE[takes])]
    for _ in range(draw(st.integers(1, 3))):
        args.insert(draw(st.integers(0, len(args))), draw(st.sampled_from(["-", "a.md", "dir/", "b c.txt"])))
    return args


@settings(max_examples=150, deadline=None)
@given(_command_lines())
def test_plain_command_lines_parse_as_typer_parses_them(args):
    ours = parse_args(args)
    # an option value placed between an option and its value changes the meaning: skip those
    if ours is None:
        return
    assert ours == _typer_values(args)


@pytest.mark.parametrize(
    "args",
    [
        ["--isolated", "a.md"],
        ["a.md", "--select", "OW,TM", "--select", "SP001", "-f", "json", "-q"],
        ["--format=sarif", "--jobs=2", "-j", "3", "-o", "out.txt", "--config", "x/cfg.toml", "-"],
        ["--no-isolated", "--isolated", "--today", "2026-01-01", "--no-no-color", "a.md", "b.md"],
        ["--fail-on", "never", "--stdin-filename", "x.txt", "--annotate", "a.docx", "a.docx"],
    ],
)
def test_usual_command_lines_take_the_fast_path_with_typer_s_values(args):
    ours = parse_args(args)
    assert ours is not None and ours == _typer_values(args)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--isolated"],
        ["--help", "a.md"],
        ["--", "a.md"],
        ["-qf", "json", "a.md"],
        ["--bogus", "a.md"],
        ["--jobs", "two", "a.md"],
        ["--jobs", "-1", "a.md"],
        ["--select", "-x", "a.md"],
        ["a.md", "--format"],
        ["--isolated=yes", "a.md"],
    ],
)
def test_anything_unusual_is_left_to_typer(args):
    assert parse_args(args) is None


def test_paths_are_paths_and_numbers_are_numbers():
    values = parse_args(["--config", "cfg.toml", "-o", "out.json", "-j", "007", "x.md"])
    assert values is not None
    assert values["config"] == Path("cfg.toml") and values["output"] == Path("out.json") and values["jobs"] == 7
    assert values["paths"] == ["x.md"] and values["select"] is None
