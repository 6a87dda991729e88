"""The garbage collector paused while the command line starts.

Start-up (the pattern cache, smartlint's modules, `regex` and the rule packs) allocates some
30,000 objects that live for the whole run and next to no garbage (a few hundred objects in
cycles), yet the collector ran about 35 times over them: some 4 ms of a cold start (issue 6).
The command line pauses it on entry (`pause`), and building the rule registry, the last of
start-up, resumes it (`resume`), before any document is read. The first resume in a
process first freezes what start-up built (`gc.freeze`, as smartlint.api does when linting
begins), else the first collection would walk all of it. A program that uses the library never
pauses the collector, and `resume` only undoes a `pause`.
"""

from __future__ import annotations

import gc

_paused = False
_frozen = False


def pause() -> None:
    """Stop automatic collection until `resume` (if it is running)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Restart automatic collection, if `pause` stopped it, with what was built meanwhile frozen."""
    global _paused, _frozen
    if _paused:
        _paused = False
        if not _frozen:
            gc.freeze()
            _frozen = True
        gc.enable()
