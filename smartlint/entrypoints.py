"""The entry points of one group, and a distribution's version, read from the metadata files.

`importlib.metadata.entry_points` costs some 25-30 ms of a cold start (importing it pulls in
`email`, `zipfile`, `csv` and more) although a run only needs the few lines under
`[smartlint.rules]`. For the usual layout, folders of `*.dist-info` / `*.egg-info` on
`sys.path` found by the standard path finder, this module reads those files itself, with
importlib.metadata's rules: the first distribution of each (normalised) name on `sys.path`
wins, and an entry point is `name = module[:attr]`. Anything else (a zip or egg on `sys.path`,
another finder that supplies distributions) falls back to importlib.metadata, unchanged.
`distribution_version` does the same for `importlib.metadata.version` (the report's tool version).
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any

_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
_SUFFIXES = (".dist-info", ".egg-info")


class Distribution:
    """The name and version a distribution's metadata states (read only when asked for)."""

    __slots__ = ("path", "_fields")

    def __init__(self, path: str) -> None:
        self.path = path
        self._fields: dict[str, str] | None = None

    def _field(self, key: str) -> str:
        if self._fields is None:
            self._fields = _headers(self.path)
        return self._fields.get(key, "")

    @property
    def name(self) -> str:
        return self._field("name")

    @property
    def version(self) -> str:
        return self._field("version")


class EntryPoint:
    """What importlib.metadata.EntryPoint offers that smartlint uses: name, value, dist, load()."""

    __slots__ = ("name", "value", "group", "dist")

    def __init__(self, name: str, value: str, group: str, dist: Distribution | None) -> None:
        self.name = name
        self.value = value
        self.group = group
        self.dist = dist

    def load(self) -> Any:
        from importlib import import_module

        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"malformed entry point value {self.value!r}")
        target: Any = import_module(match.group("module"))
        for attr in filter(None, (match.group("attr") or "").split(".")):
            target = getattr(target, attr)
        return target

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"


def entry_points(group: str) -> list[Any]:
    """The entry points of `group` of every installed distribution."""
    found = _scan(group)
    if found is None:
        from importlib.metadata import entry_points as from_metadata

        return list(from_metadata(group=group))
    return found


def distribution_version(name: str) -> str | None:
    """`importlib.metadata.version(name)`, or None if no such distribution is installed."""
    wanted = _normalise(name)
    folders = _metadata_folders()
    if folders is None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version(name)
        except PackageNotFoundError:
            return None
    for key, path in folders:
        if key == wanted:
            return Distribution(path).version
    return None


def _metadata_folders() -> list[tuple[str, str]] | None:
    """(normalised name, folder) of the first distribution of each name on sys.path, in
    importlib.metadata's order; None if the layout is unusual."""
    from importlib.machinery import PathFinder

    if any(hasattr(finder, "find_distributions") and finder is not PathFinder for finder in sys.meta_path):
        return None
    seen: set[str] = set()
    found: list[tuple[str, str]] = []
    for entry in sys.path:
        folder = entry or "."
        # a zip or an egg on the path: let importlib.metadata read it
        if os.path.isfile(folder) or folder.lower().endswith(".egg"):
            return None
        try:
            names = os.listdir(folder)  # in listing order, as importlib.metadata takes them
        except OSError:
            continue
        for name in names:
            if not name.lower().endswith(_SUFFIXES):
                continue
            key = _normalise(name.lower().rpartition(".")[0].partition("-")[0])
            if key not in seen:
                seen.add(key)
                found.append((key, os.path.join(folder, name)))
    return found


def _scan(group: str) -> list[EntryPoint] | None:
    """Entry points read from the metadata folders on sys.path; None if the layout is unusual."""
    folders = _metadata_folders()
    if folders is None:
        return None
    found: list[EntryPoint] = []
    for _, path in folders:
        text = _read(os.path.join(path, "entry_points.txt"))
        if text is None:
            continue
        pairs = _section(text, group)
        if pairs is None:
            return None
        found += [EntryPoint(ep_name, value, group, Distribution(path)) for ep_name, value in pairs]
    return found


def _normalise(name: str) -> str:
    """importlib.metadata's key for "one distribution per name"."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None


def _section(text: str, group: str) -> list[tuple[str, str]] | None:
    """`name = value` pairs under `[group]`, read as importlib.metadata reads entry_points.txt;
    None for a line it would reject."""
    pairs: list[tuple[str, str]] = []
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line.strip("[]")
            continue
        name, equals, value = line.partition("=")
        if not equals:
            return None
        if current == group:
            pairs.append((name.strip(), value.strip()))
    return pairs


def _headers(path: str) -> dict[str, str]:
    """Name and Version from METADATA (dist-info) or PKG-INFO (egg-info): email-style headers."""
    fields: dict[str, str] = {}
    for filename in ("METADATA", "PKG-INFO"):
        text = _read(os.path.join(path, filename))
        if text is None:
            continue
        for line in text.splitlines():
            if not line.strip():
                break  # the headers end at the first blank line
            key, sep, value = line.partition(":")
            if sep and key.lower() in ("name", "version") and key.lower() not in fields:
                fields[key.lower()] = value.strip()
        break
    return fields
