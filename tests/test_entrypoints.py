"""smartlint.entrypoints finds what importlib.metadata finds, without importing it."""

from __future__ import annotations

import sys
from importlib import metadata

import pytest

from smartlint import entrypoints


def _described(found) -> list[tuple[str, str, str, str]]:
    return sorted((ep.name, ep.value, ep.dist.name, ep.dist.version) for ep in found)


@pytest.mark.parametrize("group", ["smartlint.rules", "console_scripts", "pytest11", "no.such.group"])
def test_the_installed_entry_points_are_importlib_metadata_s(group):
    assert _described(entrypoints._scan(group)) == _described(metadata.entry_points(group=group))


def _dist(folder, dirname: str, name: str, version: str, entry_points: str | None) -> None:
    info = folder / dirname
    info.mkdir(parents=True)
    (info / ("PKG-INFO" if dirname.endswith(".egg-info") else "METADATA")).write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nName: not a header\n", encoding="utf-8"
    )
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def test_a_made_up_path_reads_as_importlib_metadata_reads_it(tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    pack = "# a comment\n[smartlint.rules]\nacme = acme_smartlint:pack\n\n[console_scripts]\nacme = acme:main\n"
    _dist(first, "Acme_Smartlint-1.0.dist-info", "Acme-Smartlint", "1.0", pack)
    _dist(second, "acme.smartlint-2.0.dist-info", "acme.smartlint", "2.0", pack.replace("acme_smartlint", "shadowed"))
    _dist(second, "other-0.3.egg-info", "other", "0.3", "[smartlint.rules]\n  other=other.rules : pack [extra]\n")
    _dist(second, "plain-1.dist-info", "plain", "1", None)
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])
    for group in ("smartlint.rules", "console_scripts"):
        ours = entrypoints._scan(group)
        assert ours is not None
        assert _described(ours) == _described(metadata.entry_points(group=group))
    [acme, other] = sorted(entrypoints._scan("smartlint.rules"), key=lambda ep: ep.name)
    assert (acme.value, acme.dist.name, acme.dist.version) == ("acme_smartlint:pack", "Acme-Smartlint", "1.0")
    assert other.value == "other.rules : pack [extra]"


def test_load_imports_the_module_and_follows_the_attributes():
    ep = entrypoints.EntryPoint("x", "os.path : join", "g", None)
    import os.path

    assert ep.load() is os.path.join
    assert entrypoints.EntryPoint("x", "smartlint_rules:pack", "g", None).load().name == "core"


def test_unusual_layouts_are_left_to_importlib_metadata(tmp_path, monkeypatch):
    archive = tmp_path / "pack.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # an empty zip file
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert entrypoints._scan("smartlint.rules") is None
    assert entrypoints.entry_points("smartlint.rules") == list(metadata.entry_points(group="smartlint.rules"))
    broken = tmp_path / "broken"
    _dist(broken, "bad-1.dist-info", "bad", "1", "[smartlint.rules]\nno equals sign\n")
    monkeypatch.setattr(sys, "path", [str(broken)])
    assert entrypoints._scan("smartlint.rules") is None


@pytest.mark.parametrize("name", ["smartlint", "pydantic", "typing_extensions", "typing-extensions", "PyYAML", "no-such-dist"])
def test_versions_are_importlib_metadata_s(name):
    try:
        expected = metadata.version(name)
    except metadata.PackageNotFoundError:
        expected = None
    assert entrypoints.distribution_version(name) == expected
