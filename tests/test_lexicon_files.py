"""Lexicon files are read straight from a pack's folder; importlib.resources gives the same."""

from importlib import resources

import pytest

from smartlint import lexicon

PACKAGE = "smartlint_rules"


def _via_resources(name: str) -> str:
    return resources.files(PACKAGE).joinpath("lexicons", name).read_text(encoding="utf-8")


def test_folder_listing_matches_importlib_resources() -> None:
    expected = sorted(entry.name for entry in resources.files(PACKAGE).joinpath("lexicons").iterdir())
    assert lexicon.lexicon_filenames(PACKAGE) == expected


def test_every_file_reads_as_importlib_resources_reads_it() -> None:
    for name in lexicon.lexicon_filenames(PACKAGE):
        assert lexicon.read_lexicon_file(PACKAGE, name) == _via_resources(name)


def test_packages_not_in_a_plain_folder_are_read_through_importlib_resources(monkeypatch: pytest.MonkeyPatch) -> None:
    names = lexicon.lexicon_filenames(PACKAGE)
    monkeypatch.setattr(lexicon, "_lexicon_folder", lambda package: None)
    assert lexicon.lexicon_filenames(PACKAGE) == names
    assert lexicon.read_lexicon_file(PACKAGE, names[0]) == _via_resources(names[0])


def test_a_missing_lexicon_is_an_error() -> None:
    with pytest.raises(FileNotFoundError):
        lexicon.read_lexicon_file(PACKAGE, "no_such_lexicon.txt")
