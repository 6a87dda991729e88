"""Compiled regular-expression programs kept between runs, as `.pyc` files keep bytecode.

The rule packs compile a few hundred patterns (some are tries of whole lexicons), and both the
standard `re` module and `regex` compile in pure Python: about a quarter of a cold start. The
compiled program of a pattern (a list of integers) depends only on the pattern, its flags (and
named lists) and the library's version, so the command line stores it in the user's cache
folder and, on later runs, puts the patterns straight into `re`'s and `regex`'s own caches:
`re.compile` / `regex.compile` then return them without parsing. Rules keep calling
`re.compile` and `regex.compile` as usual and do not know about this module.

A stored `re` program is turned back into a pattern only when a run asks for it (`re`'s cache
becomes a dict that does that for a missing key), and its code is kept as bytes, which marshal
reads at memory speed: the file holds the patterns of every version of the rules run on this
machine, and a run that uses a few hundred of them pays only for those.

It is only a cache, checked like one:
- an `re` pattern is stored only if the program rebuilt from it is equal to the one `re`
  compiled (`Pattern.__eq__` compares programs); a `regex` program is the one regex's own
  compiler produced (captured when it compiles the pattern again, once, for storing);
- the file is keyed by the interpreter (version, `_sre` magic number, code size) and the
  `regex` version, in its name (one file for each environment sharing the folder); a missing, unreadable, truncated or foreign file, an unexpected library
  layout or an unwritable folder just means patterns are compiled as usual;
- a pattern is stored the second time a run compiles it, so patterns whose text changes from
  run to run (built from sets, whose order is per process) do not fill the file.
The file also keeps pattern *sources* that are costly to build (`derived`, e.g. the tries rules/grammar.py
builds from whole lexicons), keyed by everything they are built from.
`SMARTLINT_NO_CACHE=1` turns it off; `SMARTLINT_CACHE_DIR` moves it (default
`$XDG_CACHE_HOME/smartlint`, else `~/.cache/smartlint`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import cache
from typing import Any

MAX_ENTRIES = 1000  # per library (`re` itself keeps at most 512 compiled patterns at a time)
MAX_SEEN = 2000
MAX_DERIVED = 200
FORMAT = 2  # of the file: 2 stores `re` code as bytes

_active = False
_re_entries: dict[Any, Any] = {}  # (kind 0 str / 1 bytes, pattern, flags) -> _sre.compile arguments
_re_used: set[Any] = set()  # keys of _re_entries this run restored (kept longest when the file is full)
_regex_entries: dict[Any, Any] = {}  # (pattern, flags, named lists) -> _regex.compile arguments
_seen: list[int] = []  # fingerprints of patterns compiled once but not stored yet
_derived: dict[Any, Any] = {}  # derived() results: key -> value
_derived_new: list[Any] = []  # keys derived() built in this run
_derived_used: list[Any] = []  # keys derived() was asked for in this run


def _supported() -> bool:
    import re

    return (
        sys.implementation.name == "cpython"
        and (3, 11) <= sys.version_info[:2] <= (3, 12)
        and isinstance(getattr(re, "_cache", None), dict)
        and hasattr(getattr(re, "_compiler", None), "_code")
        and _code_type() is not None
    )


@cache
def _code_type() -> str | None:
    """The array type code whose items are `_sre` code words."""
    import array

    import _sre

    return next((t for t in "IL" if array.array(t).itemsize == _sre.CODESIZE), None)


def cache_file(suffix: str = "marshal") -> str | None:
    if os.environ.get("SMARTLINT_NO_CACHE"):
        return None
    import _sre

    base = os.environ.get("SMARTLINT_CACHE_DIR")
    if not base:
        root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(root, "smartlint")
    return os.path.join(base, f"re{FORMAT}-{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}-{_build_tag()}.{suffix}")


@cache
def _build_tag() -> str:
    """The interpreter's exact build and the `regex` version, in eight hex digits. They are in
    the file's name, not only checked inside it, so that two environments sharing the cache
    folder (a pre-commit hook's and a project's, say) keep a file each instead of replacing
    each other's entries on every run."""
    import binascii

    import regex

    return f"{binascii.crc32(f'{sys.version}|{regex.__version__}'.encode()):08x}"


def _read(path: str) -> Any:
    import marshal

    try:
        with open(path, "rb") as handle:
            return marshal.loads(handle.read())  # marshal.load(file) reads piecemeal: far slower
    except Exception:  # missing, unreadable, truncated or foreign
        return None


def load() -> None:
    """Put the stored patterns into `re`'s and `regex`'s caches (once per process; on any
    problem it quietly leaves them to compile as usual)."""
    global _active
    if _active or not _supported():
        return
    path = cache_file()
    if path is None:
        return
    _active = True
    seen = _read(path[: -len("marshal")] + "seen")
    if isinstance(seen, list):
        _seen.extend(seen)
    data = _read(path)
    valid = isinstance(data, dict) and data.get("python") == sys.version
    if not valid:
        return
    try:
        _load_re(data["re"])
        _load_regex(data["regex"])
        derived = data.get("derived")
        if isinstance(derived, dict):
            _derived.update(derived)
    except Exception:
        return


def derived(key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
    """`build()`, kept between runs under `key`, which must hold everything the result depends
    on (the inputs, and the code that builds it: see `code_version`; strings, bytes, numbers in
    a tuple). The result must be something marshal stores (str, numbers, and plain tuples, lists,
    dicts, sets of them; no subclasses such as named tuples) and is shared: never change it."""
    if not _active:
        return build()
    value = _derived.get(key)
    if value is None:
        value = _derived[key] = build()
        _derived_new.append(key)
    _derived_used.append(key)
    return value


def save() -> None:
    """Store the patterns this process compiled that the file lacks (only after `load`)."""
    if not _active:
        return
    try:
        seen = set(_seen)
        promoted = 0
        new_seen: list[int] = []
        for entries, fresh in ((_re_entries, _fresh_re()), (_regex_entries, _fresh_regex())):
            for key, fingerprint, program in fresh:
                if fingerprint not in seen:
                    new_seen.append(fingerprint)
                    continue
                args = program()
                if args is not None:
                    entries[key] = args
                    promoted += 1
        if promoted or _derived_new:
            for key in _derived_used:  # this run's are the newest
                _derived[key] = _derived.pop(key)
            for key in list(_derived)[: max(0, len(_derived) - MAX_DERIVED)]:
                del _derived[key]
            for key in [key for key in _re_entries if key in _re_used]:
                _re_entries[key] = _re_entries.pop(key)  # this run's patterns are the newest
            for entries in (_re_entries, _regex_entries):
                for key in list(entries)[: max(0, len(entries) - MAX_ENTRIES)]:
                    del entries[key]
            data = {
                "python": sys.version,
                "re": _re_entries,
                "regex": {"version": _regex_version(), "entries": _regex_entries},
                "derived": _derived,
            }
            _write(cache_file(), data)
        if new_seen:
            _write(cache_file("seen"), (_seen + new_seen)[-MAX_SEEN:])
    except Exception:  # a cache must never fail a run
        return


def code_version(*functions: Any) -> tuple[Any, ...]:
    """What the functions' code is, the same in every process (marshal's bytes of a code object
    are not: they depend on reference counts): bytecode, names and constants, nested code too."""

    def constant(value: Any) -> str:
        # a set literal is a frozenset constant, whose repr follows the per-process hash order
        return "frozenset(" + repr(sorted(value, key=repr)) + ")" if isinstance(value, frozenset) else repr(value)

    def describe(code: Any) -> tuple[Any, ...]:
        consts = tuple(describe(c) if hasattr(c, "co_code") else constant(c) for c in code.co_consts)
        return (code.co_code, code.co_names, code.co_varnames, consts)

    return tuple(describe(function.__code__) for function in functions)


def _write(path: str | None, data: Any) -> None:
    import marshal
    import tempfile

    if path is None:
        return
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".re-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            marshal.dump(data, out)
        os.replace(temp, path)  # atomic: concurrent runs never see half a file
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def _fingerprint(*parts: Any) -> int:
    import zlib

    text = "\x00".join(p.decode("latin-1") if isinstance(p, bytes) else str(p) for p in parts)
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


# --- re ---------------------------------------------------------------------------------------


def _load_re(entries: dict[Any, Any]) -> None:
    import re

    stored = {(str if kind == 0 else bytes, pattern, flags): args for (kind, pattern, flags), args in entries.items()}
    re._cache = _RestoringCache(re._cache, stored)  # type: ignore[attr-defined]
    _re_entries.update(entries)


class _RestoringCache(dict):  # type: ignore[type-arg]
    """`re`'s pattern cache (`re._compile` looks patterns up in it by (type, pattern, flags)):
    a pattern it lacks is rebuilt from its stored program, if there is one, instead of being
    compiled by `re`'s pure-Python compiler."""

    __slots__ = ("stored",)

    def __init__(self, cached: dict[Any, Any], stored: dict[Any, Any]) -> None:
        super().__init__(cached)
        self.stored = stored

    def __missing__(self, key: Any) -> Any:
        args = self.stored.get(key)
        if args is None:
            raise KeyError(key)
        kind, pattern, flags = key
        compiled = self[key] = restore_re(pattern, args)
        _re_used.add((0 if kind is str else 1, pattern, flags))
        return compiled


def restore_re(pattern: Any, args: tuple[Any, ...]) -> Any:
    """The compiled pattern from its stored `_sre.compile` arguments (code as bytes)."""
    import array

    import _sre

    flags, code, *rest = args
    return _sre.compile(pattern, flags, array.array(_code_type(), code).tolist(), *rest)  # type: ignore[arg-type]


def _fresh_re() -> list[tuple[Any, int, Any]]:
    import re

    fresh = []
    for kind, pattern, flags in list(re._cache):  # type: ignore[attr-defined]
        if kind not in (str, bytes) or type(flags) is not int:
            continue
        key = (0 if kind is str else 1, pattern, flags)
        if key not in _re_entries:
            fresh.append((key, _fingerprint("re", pattern, flags), lambda p=pattern, f=flags: _re_program(p, f)))
    return fresh


def _re_program(pattern: Any, flags: int) -> tuple[Any, ...] | None:
    """What `re._compiler.compile` passes to `_sre.compile` after the pattern (the same steps),
    or None unless that gives the very program `re` compiled."""
    import re
    from re import _compiler, _parser  # type: ignore[attr-defined]

    import _sre

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = parsed.state.groupdict
    indexgroup: list[Any] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    args = (flags | parsed.state.flags, code, parsed.state.groups - 1, dict(groupindex), tuple(indexgroup))
    compiled = re._cache.get((type(pattern), pattern, flags))  # type: ignore[attr-defined]
    if compiled is None or _sre.compile(pattern, *args) != compiled:
        return None
    import array

    return (args[0], array.array(_code_type(), code).tobytes(), *args[2:])  # type: ignore[arg-type]


# --- regex ------------------------------------------------------------------------------------
# The `regex` module has no public way to rebuild a pattern from its program, so the program is
# captured from regex's own compiler, by compiling the pattern once more when it is stored.


def _regex_version() -> Any:
    import regex

    return (regex.__version__, int(regex.DEFAULT_VERSION))


def _regex_main() -> Any:
    from regex import _main

    names = ("_cache", "_named_args", "_locale_sensitive", "_cache_lock", "_regex", "_compile")
    return _main if all(hasattr(_main, name) for name in names) else None


def _load_regex(part: dict[str, Any]) -> None:
    import regex

    main = _regex_main()
    if main is None or part.get("version") != _regex_version():
        return
    version = regex.DEFAULT_VERSION
    restored = [(key, main._regex.compile(*args)) for key, args in part["entries"].items()]
    with main._cache_lock:
        for (pattern, flags, needed), compiled in restored:
            # the three keys regex._main._compile looks a pattern up by (not locale-sensitive)
            main._locale_sensitive.setdefault((str, pattern), False)
            main._named_args.setdefault((pattern, str, flags), needed)
            main._cache.setdefault((pattern, str, flags, needed, version, None), compiled)
    _regex_entries.update(part["entries"])


def _fresh_regex() -> list[tuple[Any, int, Any]]:
    regex_module = sys.modules.get("regex")
    main = _regex_main() if regex_module is not None else None
    if main is None:
        return []
    fresh = []
    for pattern, kind, flags, needed, default_version, locale in list(main._cache):
        if kind is not str or locale is not None or default_version != regex_module.DEFAULT_VERSION:
            continue
        if main._locale_sensitive.get((str, pattern), True):
            continue
        key = (pattern, int(flags), needed)
        if key in _regex_entries:
            continue
        lists = sorted((name, sorted(values)) for name, values in needed)
        fresh.append((key, _fingerprint("regex", pattern, int(flags), lists), lambda k=key: _regex_program(main, *k)))
    return fresh


def _regex_program(main: Any, pattern: str, flags: int, needed: Any) -> tuple[Any, ...] | None:
    import marshal

    captured: list[tuple[Any, ...]] = []
    real = main._regex

    class Recorder:
        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

        @staticmethod
        def compile(*args: Any) -> Any:
            captured.append(args)
            return real.compile(*args)

    main._regex = Recorder()
    try:
        main._compile(pattern, flags, True, dict(needed), False)
    finally:
        main._regex = real
    if len(captured) != 1:
        return None
    args = _plain(captured[0])
    try:
        marshal.dumps(args)
    except ValueError:
        return None
    return args


def _plain(value: Any) -> Any:
    """Int subclasses (flags, opcodes) as plain ints, so that marshal can store them."""
    if value is None or isinstance(value, (bool, str, bytes, float)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, frozenset):
        return frozenset(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    return value
