"""A write-once, read-many sequence of packed records that moves to a temporary file once it
grows past a few batches, so a file's results cost disk rather than memory.

The whole-document rules run after every recommendation has been checked, and their findings
join the recommendations' own, so a file's results cannot be written out as they are made; the
spool holds them until then. `marshal` is used because the records are plain tuples: it is
several times faster than pickle, and the data never leaves this process.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterator
from typing import IO, Any

# Records per marshal call, and how many stay in memory before the spool spills to disk.
BATCH = 256
IN_MEMORY = 4 * BATCH


class Spool:
    __slots__ = ("_batches", "_pending", "_file", "_written", "_count")

    def __init__(self) -> None:
        self._batches: list[list[Any]] = []  # full batches still in memory
        self._pending: list[Any] = []
        self._file: IO[bytes] | None = None
        self._written = 0  # batches on disk
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def append(self, packed: Any) -> None:
        self._pending.append(packed)
        self._count += 1
        if len(self._pending) >= BATCH:
            self._batches.append(self._pending)
            self._pending = []
            if len(self._batches) * BATCH >= IN_MEMORY or self._file is not None:
                self._spill()

    def _spill(self) -> None:
        if self._file is None:
            import tempfile  # only long documents spill: kept off the start-up path

            self._file = tempfile.TemporaryFile(prefix="smartlint-")
        for batch in self._batches:
            data = marshal.dumps(batch)
            self._file.write(len(data).to_bytes(8, "little"))
            self._file.write(data)
            self._written += 1
        self._batches = []

    def __iter__(self) -> Iterator[Any]:
        """Every record in the order appended (the spool can be read any number of times, but
        not while it is being read)."""
        if self._file is not None:
            self._file.flush()
            self._file.seek(0)
            read = self._file.read
            for _ in range(self._written):
                # whole batches: marshal.load on a file reads it a few bytes at a time
                yield from marshal.loads(read(int.from_bytes(read(8), "little")))
            self._file.seek(0, 2)
        for batch in self._batches:
            yield from batch
        yield from self._pending

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
            self._written = 0

    def __del__(self) -> None:
        self.close()
