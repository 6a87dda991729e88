"""Word lists are data: plain text files, one term per line, `#` starts a comment."""

from __future__ import annotations

import os
from functools import lru_cache


def parse_lexicon(text: str) -> tuple[str, ...]:
    terms: list[str] = []
    for line in text.splitlines():
        term = line.split("#", 1)[0].strip()
        if term:
            terms.append(term)
    return tuple(terms)


@lru_cache(maxsize=None)
def load_lexicon(package: str, name: str) -> tuple[str, ...]:
    """Load `lexicons/<name>.txt` shipped inside `package` (e.g. "smartlint_rules")."""
    return parse_lexicon(read_lexicon_file(package, f"{name}.txt"))


def read_lexicon_file(package: str, filename: str) -> str:
    """The text of `lexicons/<filename>` in `package`."""
    folder = _lexicon_folder(package)
    if folder is not None:
        with open(os.path.join(folder, filename), encoding="utf-8") as handle:
            return handle.read()
    from importlib import resources

    return resources.files(package).joinpath("lexicons", filename).read_text(encoding="utf-8")


def lexicon_filenames(package: str) -> list[str]:
    """The names of the files in `package`'s `lexicons` folder, sorted."""
    folder = _lexicon_folder(package)
    if folder is not None:
        return sorted(os.listdir(folder))
    from importlib import resources

    return sorted(entry.name for entry in resources.files(package).joinpath("lexicons").iterdir())


@lru_cache(maxsize=None)
def _lexicon_folder(package: str) -> str | None:
    """`package`'s `lexicons` folder when the package is a plain folder of source files (what
    importlib.resources would give, without importing its readers and zipfile at start-up);
    None otherwise (a zip, a namespace package): then importlib.resources reads it."""
    import importlib
    from importlib.machinery import SourceFileLoader, SourcelessFileLoader

    spec = importlib.import_module(package).__spec__
    if spec is None or not isinstance(spec.loader, (SourceFileLoader, SourcelessFileLoader)) or not spec.origin:
        return None
    folder = os.path.join(os.path.dirname(spec.origin), "lexicons")
    return folder if os.path.isdir(folder) else None
