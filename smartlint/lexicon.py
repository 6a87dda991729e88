"""Word lists are data: plain text files, one term per line, `#` starts a comment."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


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
    path = resources.files(package).joinpath("lexicons", f"{name}.txt")
    return parse_lexicon(path.read_text(encoding="utf-8"))
