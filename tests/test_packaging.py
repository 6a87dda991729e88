"""smartlint installs like a real tool: the wheel carries the built-in pack as `smartlint_rules`
(with its word lists), registers it through the `smartlint.rules` entry point, and works from a
fresh virtualenv with nothing from the checkout on the path."""

from __future__ import annotations

import configparser
import json
import os
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import distribution, entry_points
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------------------------------------
# Fast: the package installed in this environment


def test_installed_registry_has_the_core_pack_and_no_failures():
    from smartlint.registry import default_registry

    registry = default_registry()
    assert registry.failures == []
    assert "core" in registry.packs
    assert registry.packs["core"].startswith("smartlint ")  # loaded from smartlint's own distribution
    core_codes = [code for code, pack in registry.pack_of.items() if pack == "core"]
    assert len(core_codes) >= 10 and "OW001" in core_codes


def test_installed_metadata_declares_the_core_entry_point_and_the_script():
    (core,) = [ep for ep in entry_points(group="smartlint.rules") if ep.name == "core"]
    assert core.value == "smartlint_rules:pack"
    assert core.dist is not None and core.dist.name == "smartlint"
    scripts = {ep.name: ep.value for ep in distribution("smartlint").entry_points if ep.group == "console_scripts"}
    assert scripts == {"smartlint": "smartlint.cli:main"}


def test_the_builtin_pack_is_imported_as_smartlint_rules_with_its_lexicons():
    import smartlint_rules
    from smartlint.rule import RulePack

    assert isinstance(smartlint_rules.pack, RulePack) and smartlint_rules.pack.name == "core"
    from importlib import resources

    lexicons = [p.name for p in resources.files("smartlint_rules").joinpath("lexicons").iterdir() if p.name.endswith(".txt")]
    assert lexicons, "smartlint_rules ships no lexicons/*.txt"


# ---------------------------------------------------------------------------------------------
# Slow: build the wheel and install it into a fresh virtualenv


def _run(args: list[str | os.PathLike[str]], cwd: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    # The child must see only what is installed where it runs, not this process's import path.
    for name in ("SMARTLINT_DEBUG", "PYTHONPATH", "PYTHONHOME"):
        env.pop(name, None)
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def _smartlint_source(dest: Path) -> Path:
    """A copy of what the wheel is built from, so building never writes into the work tree."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".hypothesis", ".pytest_cache")
    dest.mkdir()
    for name in os.listdir(ROOT):
        if name in ("pyproject.toml", "smartlint", "rules") or name.startswith(("README", "LICENSE")):
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, dest / name, ignore=ignore)
            else:
                shutil.copy2(source, dest / name)
    return dest


def _setuptools_is_enough(python: str | Path, minimum: tuple[int, ...]) -> bool:
    """Whether `python` can build without pip fetching setuptools/wheel into an isolated env."""
    probe = (
        "import importlib.metadata as m, importlib.util as u, re\n"
        "v = tuple(int(x) for x in re.findall(r'\\d+', m.version('setuptools'))[:3])\n"
        f"print('yes' if v >= {minimum!r} and (v >= (70, 1) or u.find_spec('wheel')) else 'no')\n"
    )
    return _run([python, "-c", probe]).stdout.strip() == "yes"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    source = _smartlint_source(base / "src")
    flags = ["--no-build-isolation"] if _setuptools_is_enough(sys.executable, (69,)) else []
    proc = _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", *flags, "-w", base / "dist", source], cwd=base)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (built,) = (base / "dist").glob("smartlint-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(tmp_path_factory, wheel) -> Path:
    """A fresh virtualenv with the wheel (and only the wheel) installed from it."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    proc = _run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv])
    assert proc.returncode == 0, proc.stderr
    python = venv / "bin" / "python"
    if sys.prefix != sys.base_prefix:
        # Inside a virtualenv --system-site-packages reaches the base Python, not this environment:
        # add this environment's site-packages so smartlint's dependencies need no download.
        import site

        purelib = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
        lines = "; ".join(f"site.addsitedir({d!r})" for d in site.getsitepackages() if os.path.isdir(d))
        Path(purelib, "_outer_environment.pth").write_text(f"import site; {lines}\n", encoding="utf-8")
    proc = _run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", wheel], cwd=venv)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return venv


@pytest.mark.slow
def test_wheel_ships_the_builtin_pack_as_smartlint_rules_with_its_lexicons(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    top_level = {n.split("/", 1)[0] for n in names if "/" in n and ".dist-info/" not in n}
    assert top_level == {"smartlint", "smartlint_rules"}, top_level  # in particular, no `rules/`
    lexicons = {n for n in names if n.startswith("smartlint_rules/lexicons/") and n.endswith(".txt")}
    expected = {f"smartlint_rules/lexicons/{p.name}" for p in (ROOT / "rules" / "lexicons").glob("*.txt")}
    assert lexicons and lexicons == expected
    assert "smartlint/py.typed" in names


@pytest.mark.slow
def test_wheel_contains_every_module_of_the_checkout(wheel):
    """pyproject lists packages by hand: a new sub-package left off the list would be missed."""
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, package in (("smartlint", "smartlint"), ("rules", "smartlint_rules")):
        for path in (ROOT / folder).rglob("*.py"):
            if "__pycache__" in path.parts:
                continue
            inside = f"{package}/{path.relative_to(ROOT / folder).as_posix()}"
            assert inside in names, f"{inside} is missing from the wheel"


@pytest.mark.slow
def test_wheel_metadata_declares_the_entry_points(wheel):
    archive = zipfile.ZipFile(wheel)
    (entry_points_txt,) = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
    parser = configparser.ConfigParser()
    parser.optionxform = str  # keep entry point names as written
    parser.read_string(archive.read(entry_points_txt).decode("utf-8"))
    assert dict(parser["smartlint.rules"]) == {"core": "smartlint_rules:pack"}
    assert dict(parser["console_scripts"]) == {"smartlint": "smartlint.cli:main"}


@pytest.mark.slow
def test_installed_wheel_loads_the_builtin_rules_in_a_fresh_venv(venv, tmp_path):
    probe = """
import json, smartlint, smartlint_rules
from smartlint.lexicon import load_lexicon
from smartlint.registry import default_registry
from importlib import resources
registry = default_registry()
lexicons = [p.name[:-4] for p in resources.files("smartlint_rules").joinpath("lexicons").iterdir() if p.name.endswith(".txt")]
print(json.dumps({
    "smartlint": smartlint.__file__,
    "smartlint_rules": smartlint_rules.__file__,
    "packs": registry.packs,
    "failures": registry.failures,
    "core": sorted(c for c, p in registry.pack_of.items() if p == "core"),
    "lexicons_loaded": all(load_lexicon("smartlint_rules", name) for name in lexicons),
    "findings": [f.code for f in smartlint.lint_text(
        "# Recommendations\\n\\n1. Staff should be reminded of the importance of information sharing.\\n"
    ).all_findings()],
}))
"""
    # Run from an empty folder so nothing in the checkout can be imported by accident.
    proc = _run([venv / "bin" / "python", "-c", probe], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    facts = json.loads(proc.stdout)
    assert Path(facts["smartlint"]).is_relative_to(venv), facts["smartlint"]
    assert Path(facts["smartlint_rules"]).is_relative_to(venv), facts["smartlint_rules"]
    assert facts["failures"] == []
    assert facts["packs"]["core"].startswith("smartlint ")  # from the wheel's own metadata
    assert "OW001" in facts["core"] and len(facts["core"]) >= 10
    assert facts["lexicons_loaded"]
    assert facts["findings"], "the installed wheel found nothing wrong with a weak recommendation"


@pytest.mark.slow
def test_installed_console_script_lists_and_checks(venv, tmp_path):
    smartlint = venv / "bin" / "smartlint"
    listed = _run([smartlint, "rules"], cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "OW001" in listed.stdout and listed.stderr == ""
    rows = json.loads(_run([smartlint, "rules", "--format", "json"], cwd=tmp_path).stdout)
    assert len([r for r in rows if r["pack"] == "core"]) >= 10

    weak = tmp_path / "weak.md"
    weak.write_text("# Recommendations\n\n1. Staff should be reminded of the importance of information sharing.\n", encoding="utf-8")
    checked = _run([smartlint, "check", "--isolated", weak], cwd=tmp_path)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "OW001" in checked.stdout
    version = _run([smartlint, "--help"], cwd=tmp_path)
    assert version.returncode == 0 and "check" in version.stdout
