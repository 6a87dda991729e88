"""Compiled regular-expression programs kept between runs, as `.pyc` files keep bytecode.

The rule packs compile a few hundred patterns (some are tries of whole lexicons), and the
standard library compiles each one in pure Python: about a fifth of a cold start. The compiled
program of a pattern (a list of integers) depends only on the pattern, its flags and the
interpreter, so the command line stores it in the user's cache folder and, on the next run,
puts the patterns straight into `re`'s own cache. `re.compile` then returns them without
parsing; every rule keeps calling `re.compile` as usual.

It is only a cache: a pattern is stored only if the program rebuilt from it is equal to the one
`re` compiled (`Pattern.__eq__` compares the programs), the file is keyed by the interpreter's
version and the `_sre` magic number, and any problem (no cache folder, an unreadable or foreign
file, an interpreter whose `re` works differently) just means patterns are compiled as usual.
`SMARTLINT_NO_CACHE=1` turns it off; `SMARTLINT_CACHE_DIR` moves it.
"""

from __future__ import annotations

import os
import sys
from typing import Any

# The most recently used patterns kept; `re` itself caches at most 512.
MAX_ENTRIES = 400
_loaded: dict[tuple[int, Any, int], tuple[Any, ...]] = {}
_active = False


def _supported() -> bool:
    import re

    return (
        sys.implementation.name == "cpython"
        and (3, 11) <= sys.version_info[:2] <= (3, 12)
        and isinstance(getattr(re, "_cache", None), dict)
        and hasattr(getattr(re, "_compiler", None), "_code")
    )


def cache_file() -> str | None:
    if os.environ.get("SMARTLINT_NO_CACHE"):
        return None
    import _sre

    base = os.environ.get("SMARTLINT_CACHE_DIR")
    if not base:
        root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(root, "smartlint")
    return os.path.join(base, f"re-{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}.marshal")


def load() -> None:
    """Put the stored patterns into `re`'s cache (once per process; quietly does nothing on any problem)."""
    global _active
    if _active or not _supported():
        return
    path = cache_file()
    if path is None:
        return
    _active = True
    import marshal
    import re

    import _sre

    try:
        with open(path, "rb") as handle:
            data = marshal.loads(handle.read())  # marshal.load(file) reads piecemeal: 20x slower
        if data.get("python") != sys.version:
            return
        entries = data["entries"]
    except Exception:  # missing, unreadable, truncated or foreign: compile as usual
        return
    _load_regex(data.get("regex"))
    cache = re._cache  # type: ignore[attr-defined]
    try:
        for (kind, pattern, flags), args in entries.items():
            key = (str if kind == 0 else bytes, pattern, flags)
            if key not in cache:
                cache[key] = _sre.compile(pattern, *args)
            _loaded[(kind, pattern, flags)] = args
    except Exception:
        for kind, pattern, flags in _loaded:
            cache.pop((str if kind == 0 else bytes, pattern, flags), None)
        _loaded.clear()


def _program(pattern: Any, flags: int) -> tuple[Any, ...]:
    """What `re._compiler.compile` passes to `_sre.compile` after the pattern (same steps)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = parsed.state.groupdict
    indexgroup: list[Any] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (flags | parsed.state.flags, code, parsed.state.groups - 1, dict(groupindex), tuple(indexgroup))


def save() -> None:
    """Store the patterns this process compiled that the file lacks (only after `load`)."""
    if not _active:
        return
    import re

    import _sre

    try:
        cache = dict(re._cache)  # type: ignore[attr-defined]
        fresh: dict[tuple[int, Any, int], tuple[Any, ...]] = {}
        for (kind, pattern, flags), compiled in cache.items():
            if kind not in (str, bytes) or not isinstance(flags, int):
                continue
            key = (0 if kind is str else 1, pattern, flags)
            if key in _loaded:
                continue
            args = _program(pattern, flags)
            if _sre.compile(pattern, *args) == compiled:  # the very same program
                fresh[key] = args
        fresh_regex = _fresh_regex()
        if not fresh and not fresh_regex:
            return
        # least recently used first, so that trimming drops patterns this run did not need
        used = {(0 if kind is str else 1, pattern, flags) for kind, pattern, flags in cache}
        entries = {k: v for k, v in _loaded.items() if k not in used}
        entries.update((k, v) for k, v in _loaded.items() if k in used)
        entries.update(fresh)
        entries = dict(list(entries.items())[-MAX_ENTRIES:])
        regex_entries = {k: v for k, v in _loaded_regex.items() if k not in fresh_regex}
        regex_entries.update(fresh_regex)
        regex_entries = dict(list(regex_entries.items())[-MAX_ENTRIES:])
        _write(entries, regex_entries)
        _loaded.update(fresh)
        _loaded_regex.update(fresh_regex)
    except Exception:  # a cache must never fail a run
        return


def _write(entries: dict[tuple[int, Any, int], tuple[Any, ...]], regex_entries: dict[Any, Any]) -> None:
    import marshal
    import tempfile

    path = cache_file()
    if path is None:
        return
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".re-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            regex_part = {"version": _regex_version(), "entries": regex_entries}
            marshal.dump({"python": sys.version, "entries": entries, "regex": regex_part}, out)
        os.replace(temp, path)  # atomic: concurrent runs never see half a file
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


# The `regex` module (named lists, fuzzy matching) compiles in Python too. It has no public way to
# rebuild a pattern from its program, so the program is captured from regex's own compiler (by
# recompiling the pattern once, when it is first stored) and handed to `_regex.compile` later.
_loaded_regex: dict[Any, Any] = {}


def _regex_version() -> Any:
    import regex

    return (regex.__version__, int(regex.DEFAULT_VERSION))


def _load_regex(part: Any) -> None:
    try:
        import regex
        from regex import _main

        if not part or part.get("version") != _regex_version() or not _regex_layout_ok(_main):
            return
        version = regex.DEFAULT_VERSION
        restored = []
        for (pattern, flags, args_needed), (inline_locale, args) in part["entries"].items():
            compiled = _main._regex.compile(*args)
            restored.append((pattern, flags, args_needed, inline_locale, compiled))
        with _main._cache_lock:
            for pattern, flags, args_needed, inline_locale, compiled in restored:
                if inline_locale:
                    continue
                _main._locale_sensitive.setdefault((str, pattern), inline_locale)
                _main._named_args.setdefault((pattern, str, flags), args_needed)
                _main._cache.setdefault((pattern, str, flags, args_needed, version, None), compiled)
        _loaded_regex.update(part["entries"])
    except Exception:  # anything unexpected: regex compiles as usual
        return


def _regex_layout_ok(main: Any) -> bool:
    return all(hasattr(main, name) for name in ("_cache", "_named_args", "_locale_sensitive", "_cache_lock", "_regex", "_compile"))


def _fresh_regex() -> dict[Any, Any]:
    """The `regex` patterns compiled in this process that the file lacks, with their programs."""
    regex_module = sys.modules.get("regex")
    if regex_module is None:
        return {}
    from regex import _main

    if not _regex_layout_ok(_main):
        return {}
    version = regex_module.DEFAULT_VERSION
    fresh: dict[Any, Any] = {}
    for key in list(_main._cache):
        pattern, kind, flags, args_needed, default_version, locale = key
        if kind is not str or locale is not None or default_version != version:
            continue
        store_key = (pattern, int(flags), args_needed)
        if store_key in _loaded_regex:
            continue
        if _main._locale_sensitive.get((str, pattern), True):
            continue
        kwargs = {name: values for name, values in args_needed}
        captured: list[tuple[Any, ...]] = []
        real = _main._regex

        class _Recorder:
            def __getattr__(self, name: str) -> Any:
                return getattr(real, name)

            @staticmethod
            def compile(*args: Any) -> Any:
                captured.append(args)
                return real.compile(*args)

        _main._regex = _Recorder()
        try:
            _main._compile(pattern, flags, True, kwargs, False)
        finally:
            _main._regex = real
        if len(captured) != 1:
            continue
        args = _plain(captured[0])
        try:
            import marshal

            marshal.dumps(args)
        except ValueError:
            continue
        fresh[store_key] = (False, args)
    return fresh


def _plain(value: Any) -> Any:
    """Int subclasses (flags, opcodes) as plain ints, so that marshal can store them."""
    if isinstance(value, bool) or value is None or isinstance(value, (str, bytes, float)):
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
