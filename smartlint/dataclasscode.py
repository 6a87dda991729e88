"""The code `dataclasses` generates, kept between runs (in smartlint.patterncache's file).

`dataclasses` writes each class's __init__, __repr__, __eq__, ... as source text and compiles it
with exec: about 0.1 ms a function, some 25 ms over the hundred-odd dataclasses a run defines.
The compiled code depends only on that text and the interpreter (which keys the file), so it can
be kept like `.pyc` files keep bytecode: `install` points `dataclasses`' own name `exec` at a
function that takes the code from the file, or compiles the text exactly as exec would (no
inherited __future__ flags), then runs it as exec does. Classes behave exactly as before.
"""

from __future__ import annotations

from typing import Any

MAX_ENTRIES = 3000

_stored: dict[str, bytes] = {}  # generated source text -> marshal'ed code object
fresh: dict[str, Any] = {}  # source text -> code compiled in this run


def install(stored: Any) -> None:
    """Use (and collect) stored code from now on; `stored` is what `to_store` gave, or None."""
    import builtins
    import dataclasses
    import marshal

    if "exec" in vars(dataclasses) or not hasattr(dataclasses, "_create_fn"):  # installed, or another layout
        return
    if isinstance(stored, dict):
        _stored.update(stored)
    run = builtins.exec

    def exec_with_stored_code(source: Any, globals: Any = None, locals: Any = None) -> None:
        if type(source) is str:
            data = _stored.get(source)
            if data is not None:
                code = marshal.loads(data)
            else:
                code = fresh[source] = compile(source, "<string>", "exec", dont_inherit=True)
            source = code
        run(source, globals, locals)

    dataclasses.exec = exec_with_stored_code  # type: ignore[attr-defined]


def to_store() -> dict[str, bytes]:
    """The stored code with this run's added (the oldest dropped past MAX_ENTRIES)."""
    import marshal

    for source, code in fresh.items():
        _stored[source] = marshal.dumps(code)
    for source in list(_stored)[: max(0, len(_stored) - MAX_ENTRIES)]:
        del _stored[source]
    return _stored
