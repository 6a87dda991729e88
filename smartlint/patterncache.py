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
        if not fresh:
            return
        # least recently used first, so that trimming drops patterns this run did not need
        used = {(0 if kind is str else 1, pattern, flags) for kind, pattern, flags in cache}
        entries = {k: v for k, v in _loaded.items() if k not in used}
        entries.update((k, v) for k, v in _loaded.items() if k in used)
        entries.update(fresh)
        entries = dict(list(entries.items())[-MAX_ENTRIES:])
        _write(entries)
        _loaded.update(fresh)
    except Exception:  # a cache must never fail a run
        return


def _write(entries: dict[tuple[int, Any, int], tuple[Any, ...]]) -> None:
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
            marshal.dump({"python": sys.version, "entries": entries}, out)
        os.replace(temp, path)  # atomic: concurrent runs never see half a file
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
