"""The owner analyzer run on one recommendation, shared by the owner generalisation tests."""

from __future__ import annotations

from datetime import date

from smartlint_rules import owner

from smartlint.document import Document, Item
from smartlint.rule import DocContext, Settings


def assess(text: str):
    doc = Document(path="t.md", format="md", source=text, items=[Item(id="1", index=1, text=text, pieces=[(0, 0)])])
    ctx = DocContext(doc, Settings(today=date(2026, 1, 15)), owner.ANALYZERS).recommendations[0]
    return ctx.analysis("owner"), ctx.analysis("owner.detail")


def check(text: str, status: str, words: str | None) -> None:
    """The owner's status is ``status`` and, when given, its words include ``words``."""
    got, detail = assess(text)
    assert got.status == status, (text, got, detail)
    if words is not None:
        assert got.text is not None and words.lower() in got.text.lower(), (text, got)
