"""Rule packs plug in through the `smartlint.rules` entry-point group, each in isolation.

The fast tests fake the entry points (smartlint.registry._entry_points) to show that a broken,
mistaken or colliding pack is reported and skipped while the run goes on, and that
--require-plugins turns a missing pack into exit 2. The slow tests install the example
third-party pack (examples/custom-rules-plugin) into a fresh virtualenv next to smartlint and
drive the real `smartlint` program there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from smartlint import cli, registry as registry_module
from smartlint.document import Document, Item
from smartlint.engine import Linter
from smartlint.errors import PluginError
from smartlint.models import Criterion, Severity
from smartlint.registry import build_registry, default_registry
from smartlint.rule import RecContext, Rule, RuleMeta, RulePack, Violation

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_SRC = ROOT / "examples" / "custom-rules-plugin"


# ---------------------------------------------------------------------------------------------
# Fake packs and entry points


def make_rule(code: str, name: str, word: str = "ensure") -> type[Rule]:
    """A rule that flags `word`, so a test can see whether its pack ran."""

    class WordRule(Rule):
        meta = RuleMeta(
            code=code, name=name, criterion=Criterion.SPECIFIC, severity=Severity.WARNING,
            summary=f"{name} summary", rationale="test", fix=f"fix {name}", bad=(), good=(),
        )

        def check(self, rec: RecContext) -> Iterable[Violation]:
            start = rec.text.lower().find(word)
            if start >= 0:
                yield Violation(start, start + len(word), f"'{word}' is vague")

    WordRule.__name__ = WordRule.__qualname__ = f"Rule_{code}"
    return WordRule


def make_pack(name: str, *rules: type[Rule]) -> RulePack:
    return RulePack(name, rules=lambda: list(rules))


@dataclass
class FakeDist:
    name: str
    version: str


@dataclass
class FakeEntryPoint:
    """Quacks like importlib.metadata.EntryPoint: `load()` returns `target`, or raises it."""

    name: str
    target: object
    dist: FakeDist | None = None

    @property
    def value(self) -> str:
        return f"fake_{self.name}:pack"

    def load(self) -> object:
        if isinstance(self.target, BaseException):
            raise self.target
        return self.target


GOOD = FakeEntryPoint("good", make_pack("good", make_rule("GD001", "vague-ensure")))


@pytest.fixture
def entry_points(monkeypatch):
    """Install fake entry points; the cached default registry is rebuilt around the test."""

    def install(*eps: FakeEntryPoint) -> None:
        monkeypatch.setattr(registry_module, "_entry_points", lambda: list(eps))
        default_registry.cache_clear()

    yield install
    default_registry.cache_clear()


def lint_one(registry, text: str = "Staff should ensure information is shared."):
    doc = Document(path="t.md", format="md", source=text, items=[Item(id="1", index=1, text=text, pieces=[(0, 0)])])
    return Linter(registry=registry).lint_document(doc)


def run_cli(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """Run smartlint's real `main()` in this process, so the fake entry points apply."""
    monkeypatch.setattr(sys, "argv", ["smartlint", *args])
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("SMARTLINT_DEBUG", raising=False)
    try:
        cli.main()
        code = 0  # a command that succeeds may simply return
    except SystemExit as exited:
        code = exited.code or 0
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------------------------------------
# A broken pack is reported and skipped; the run goes on


def test_a_pack_that_fails_to_import_is_reported_and_skipped(entry_points):
    broken = FakeEntryPoint("broken", ModuleNotFoundError("No module named 'acme_missing'"),
                            FakeDist("acme-smartlint", "0.3.0"))
    entry_points(GOOD, broken)
    registry = build_registry()
    (failure,) = registry.failures
    assert "'broken'" in failure and "acme-smartlint 0.3.0" in failure
    assert "No module named 'acme_missing'" in failure and "skipped" in failure
    assert "broken" not in registry.packs
    assert registry.pack_of["GD001"] == "good"
    # The run goes on with the packs that did load.
    result = lint_one(registry)
    assert [f.code for f in result.recommendations[0].findings] == ["GD001"]


def test_an_entry_point_that_is_not_a_rule_pack_is_reported_and_skipped(entry_points):
    entry_points(GOOD, FakeEntryPoint("mistaken", [make_rule("MK001", "mistaken-rule")]))
    registry = build_registry()
    (failure,) = registry.failures
    assert "'mistaken'" in failure and "not a smartlint.rule.RulePack" in failure
    assert "MK001" not in registry.rules and "GD001" in registry.rules


def test_a_pack_whose_rules_raise_is_reported_and_skipped(entry_points):
    def explode():
        raise RuntimeError("lexicon file missing")

    entry_points(GOOD, FakeEntryPoint("exploding", RulePack("exploding", rules=explode)))
    registry = build_registry()
    (failure,) = registry.failures
    assert "'exploding'" in failure and "lexicon file missing" in failure
    assert "exploding" not in registry.packs and "GD001" in registry.rules


def test_a_rule_without_rule_meta_is_reported_and_its_whole_pack_skipped(entry_points):
    class NoMeta(Rule):
        pass

    pack = make_pack("half", make_rule("HF001", "half-good"), NoMeta)
    entry_points(GOOD, FakeEntryPoint("half", pack))
    registry = build_registry()
    (failure,) = registry.failures
    assert "'half'" in failure and "RuleMeta" in failure
    # A pack is added whole or not at all: its valid rule is not half-registered.
    assert "HF001" not in registry.rules and "half" not in registry.packs


def test_two_packs_claiming_one_code_are_reported_naming_both(entry_points):
    alpha = FakeEntryPoint("alpha", make_pack("alpha", make_rule("ZZ001", "alpha-rule")))
    beta = FakeEntryPoint("beta", make_pack("beta", make_rule("ZZ001", "beta-rule", "share"),
                                            make_rule("ZZ002", "beta-other")))
    entry_points(alpha, beta)
    registry = build_registry()
    (failure,) = registry.failures
    assert "ZZ001" in failure and "'alpha'" in failure and "'beta'" in failure
    # The first pack keeps the code; none of the second pack's rules are merged in.
    assert registry.pack_of["ZZ001"] == "alpha" and registry.rules["ZZ001"].meta.name == "alpha-rule"
    assert "ZZ002" not in registry.rules and "beta" not in registry.packs


def test_two_packs_claiming_one_rule_name_are_reported(entry_points):
    alpha = FakeEntryPoint("alpha", make_pack("alpha", make_rule("ZZ001", "vague-verb")))
    beta = FakeEntryPoint("beta", make_pack("beta", make_rule("YY001", "vague-verb")))
    entry_points(alpha, beta)
    registry = build_registry()
    (failure,) = registry.failures
    assert "'beta'" in failure and "vague-verb" in failure and "ZZ001" in failure
    assert "YY001" not in registry.rules


def test_a_plugin_claiming_a_core_code_is_reported_and_core_keeps_it(entry_points):
    """The built-in pack loads first whatever the plugin is called, so it keeps OW001."""
    (core,) = [ep for ep in registry_module._entry_points() if ep.name == "core"]
    squatter = FakeEntryPoint("aaa", make_pack("aaa", make_rule("OW001", "aaa-owner")),
                              FakeDist("aaa-smartlint", "1.0"))
    entry_points(squatter, core)
    registry = build_registry()
    (failure,) = registry.failures
    assert "OW001" in failure and "'aaa'" in failure and "'core'" in failure
    assert registry.pack_of["OW001"] == "core"
    assert registry.rules["OW001"].meta.name != "aaa-owner"


def test_a_plugin_cannot_collide_with_the_engines_own_rules(entry_points):
    entry_points(FakeEntryPoint("shadow", make_pack("shadow", make_rule("SL001", "shadow-rule"))))
    registry = build_registry()
    (failure,) = registry.failures
    assert "SL001" in failure and "'smartlint'" in failure and "'shadow'" in failure


# ---------------------------------------------------------------------------------------------
# require / --require-plugins


def test_requiring_a_broken_pack_raises_plugin_error_with_the_reason(entry_points):
    entry_points(GOOD, FakeEntryPoint("broken", ImportError("cannot import name 'Rule'")))
    with pytest.raises(PluginError) as raised:
        build_registry(require=["broken"])
    message = str(raised.value)
    assert "broken" in message and "cannot import name 'Rule'" in message
    assert "\n" not in message  # one line for the user


def test_requiring_a_pack_that_is_not_installed_says_so(entry_points):
    entry_points(GOOD)
    with pytest.raises(PluginError, match=r"acme.*not installed"):
        build_registry(require=["acme"])


def test_requiring_loaded_packs_succeeds(entry_points):
    entry_points(GOOD, FakeEntryPoint("broken", ImportError("no")))
    registry = build_registry(require=["good"])
    assert "good" in registry.packs and registry.failures  # the unrequired failure is still recorded


def test_cli_require_plugins_exits_2_with_one_line(entry_points, monkeypatch, capsys, tmp_path):
    entry_points(GOOD, FakeEntryPoint("broken", ImportError("cannot import name 'Rule'")))
    report = tmp_path / "report.md"
    report.write_text("# Recommendations\n\n1. Staff should ensure information is shared.\n", encoding="utf-8")
    code, out, err = run_cli(monkeypatch, capsys, "check", "--isolated", "--require-plugins", "broken", str(report))
    assert code == 2
    assert err.startswith("smartlint: error:") and "broken" in err and "cannot import name 'Rule'" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_cli_check_warns_about_a_broken_pack_and_goes_on(entry_points, monkeypatch, capsys, tmp_path):
    entry_points(GOOD, FakeEntryPoint("broken", ImportError("cannot import name 'Rule'")))
    report = tmp_path / "report.md"
    report.write_text("# Recommendations\n\n1. Staff should ensure information is shared.\n", encoding="utf-8")
    code, out, err = run_cli(monkeypatch, capsys, "check", "--isolated", "--format", "json", str(report))
    assert "smartlint: warning: rule pack 'broken'" in err
    codes = [f["code"] for rec in json.loads(out)["files"][0]["recommendations"] for f in rec["findings"]]
    assert "GD001" in codes
    assert code == 1  # GD001 is a warning: the findings decide the exit code, not the broken pack


def test_cli_rules_warns_about_a_broken_pack_and_lists_the_rest(entry_points, monkeypatch, capsys):
    entry_points(GOOD, FakeEntryPoint("broken", ImportError("cannot import name 'Rule'")))
    code, out, err = run_cli(monkeypatch, capsys, "rules", "--format", "json")
    assert code == 0
    assert "smartlint: warning: rule pack 'broken'" in err
    rows = json.loads(out)
    assert {"code": "GD001", "pack": "good"}.items() <= next(r for r in rows if r["code"] == "GD001").items()


# ---------------------------------------------------------------------------------------------
# Slow: the example third-party pack, installed for real


def _copy_tree(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns(
        "__pycache__", "*.pyc", "*.egg-info", "build", "dist", ".pytest_cache", ".hypothesis", ".venv", "venv"))
    return dest


def _smartlint_source(dest: Path) -> Path:
    """A copy of what a wheel of smartlint is built from, so builds never touch the work tree."""
    dest.mkdir()
    for name in os.listdir(ROOT):
        if name in ("pyproject.toml", "smartlint", "rules") or name.startswith(("README", "LICENSE")):
            source = ROOT / name
            if source.is_dir():
                _copy_tree(source, dest / name)
            else:
                shutil.copy2(source, dest / name)
    return dest


def _site_packages_pth() -> str:
    """When the tests run inside a virtualenv, --system-site-packages reaches the base Python's
    packages, not this environment's; a .pth line adds this environment's (smartlint's
    dependencies, pytest) so nothing is downloaded."""
    import site

    dirs = [p for p in site.getsitepackages() if os.path.isdir(p)]
    return "import site; " + "; ".join(f"site.addsitedir({d!r})" for d in dirs) + "\n"


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _venv_script(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / (name + (".exe" if os.name == "nt" else ""))


def _run(args: list[str | os.PathLike[str]], cwd: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    # The child must see only what is installed where it runs, not this process's import path.
    for name in ("SMARTLINT_DEBUG", "PYTHONPATH", "PYTHONHOME"):
        env.pop(name, None)
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def make_venv(venv: Path) -> Path:
    proc = _run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv])
    assert proc.returncode == 0, proc.stderr
    python = _venv_python(venv)
    if sys.prefix != sys.base_prefix:
        purelib = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
        Path(purelib, "_outer_environment.pth").write_text(_site_packages_pth(), encoding="utf-8")
    return python


def build_isolation_flags(python: Path, min_setuptools: tuple[int, ...]) -> list[str]:
    """--no-build-isolation when `python` already has what the builds need, else let pip fetch it."""
    probe = (
        "import importlib.metadata as m, importlib.util as u, re\n"
        "v = tuple(int(x) for x in re.findall(r'\\d+', m.version('setuptools'))[:3])\n"
        f"ok = v >= {min_setuptools!r} and (v >= (70, 1) or u.find_spec('wheel') is not None)\n"
        "print('yes' if ok else 'no')\n"
    )
    proc = _run([python, "-c", probe])
    return ["--no-build-isolation"] if proc.stdout.strip() == "yes" else []


@pytest.fixture(scope="module")
def plugin_venv(tmp_path_factory) -> Path:
    """One virtualenv for this module: smartlint from the checkout plus the example pack."""
    base = tmp_path_factory.mktemp("plugin")
    venv = base / "venv"
    python = make_venv(venv)
    smartlint_src = _smartlint_source(base / "smartlint-src")
    plugin_src = _copy_tree(PLUGIN_SRC, base / "custom-rules-plugin")
    flags = build_isolation_flags(python, (69,))
    proc = _run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", *flags,
                 smartlint_src, plugin_src], cwd=base)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # The venv must run its own copies, not the checkout this test runs from.
    where = _run([python, "-c", "import smartlint, acme_smartlint; print(smartlint.__file__); print(acme_smartlint.__file__)"], cwd=base)
    assert where.returncode == 0, where.stderr
    assert all(Path(p).is_relative_to(venv) for p in where.stdout.split()), where.stdout
    return venv


@pytest.fixture
def report_with_acronym(tmp_path) -> Path:
    report = tmp_path / "report.md"
    report.write_text(
        "# Recommendations\n\n"
        "1. The LADO will audit 20 allegations against staff by 31 March 2027 and report the findings "
        "to the Safeguarding Partnership (Working Together 2023).\n",
        encoding="utf-8",
    )
    return report


@pytest.mark.slow
def test_installed_plugin_is_listed_by_smartlint_rules(plugin_venv):
    proc = _run([_venv_script(plugin_venv, "smartlint"), "rules"])
    assert proc.returncode == 0, proc.stderr
    assert "warning" not in proc.stderr
    assert "AC001" in proc.stdout and "undefined-acronym" in proc.stdout
    assert "OW001" in proc.stdout  # beside the built-in rules
    rows = json.loads(_run([_venv_script(plugin_venv, "smartlint"), "rules", "--format", "json"]).stdout)
    assert {r["code"]: r["pack"] for r in rows}["AC001"] == "acme"


@pytest.mark.slow
def test_installed_plugin_finds_its_problem_in_smartlint_check(plugin_venv, report_with_acronym):
    smartlint = _venv_script(plugin_venv, "smartlint")
    proc = _run([smartlint, "check", "--isolated", "--today", "2026-11-01", report_with_acronym], cwd=report_with_acronym.parent)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "AC001" in proc.stdout and "LADO" in proc.stdout
    proc = _run([smartlint, "check", "--isolated", "--today", "2026-11-01", "--require-plugins", "acme",
                 "--format", "json", report_with_acronym], cwd=report_with_acronym.parent)
    assert proc.returncode == 1, proc.stderr
    findings = [f for f in json.loads(proc.stdout)["files"][0]["recommendations"][0]["findings"] if f["code"] == "AC001"]
    assert [f["quote"] for f in findings] == ["LADO"]
    explained = _run([smartlint, "explain", "undefined-acronym"])
    assert explained.returncode == 0 and "AC001" in explained.stdout


@pytest.mark.slow
def test_installed_plugin_can_be_ignored_like_a_built_in_rule(plugin_venv, report_with_acronym):
    proc = _run([_venv_script(plugin_venv, "smartlint"), "check", "--isolated", "--today", "2026-11-01",
                 "--ignore", "AC", "--format", "json", report_with_acronym])
    assert proc.returncode in (0, 1), proc.stderr
    assert "AC001" not in proc.stdout


@pytest.mark.slow
def test_the_plugins_own_tests_pass_where_it_is_installed(plugin_venv, tmp_path):
    tests = _copy_tree(PLUGIN_SRC / "tests", tmp_path / "tests")
    proc = _run([_venv_python(plugin_venv), "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", tmp_path, tests],
                cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout
