"""smartlint as a pre-commit hook, driven by the real pre-commit in a throwaway git repository.

The hook repository is a snapshot of this checkout's working tree (so uncommitted work is what
is tested), committed in its own git repository and named by path and commit in the throwaway
repository's .pre-commit-config.yaml, exactly as a user names a release. pre-commit then
installs it into a virtualenv of its own (this needs PyPI for smartlint's dependencies) under a
PRE_COMMIT_HOME kept for the session, so the hook environment is built once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

WEAK = "# Recommendations\n\n1. Staff should be reminded of the importance of information sharing.\n"
STRONG = (
    "# Recommendations\n\n"
    "1. The Safeguarding Partnership will publish a revised neglect protocol by 31 March 2027 and audit "
    "20 cases against it by 30 September 2027 (Working Together 2023).\n"
)
# Deadlines are measured from the draft's date; fixing it keeps the test true after 2027.
SMARTLINT_TOML = 'document-date = 2026-11-01\nfail-on = "warning"\n'


def _git_env(home: Path, precommit_home: Path) -> dict[str, str]:
    """Isolate git from the developer's own configuration (hooksPath, signing, templates)."""
    env = {**os.environ, "NO_COLOR": "1", "PRE_COMMIT_HOME": str(precommit_home), "PRE_COMMIT_COLOR": "never",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": str(home / "gitconfig"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "SMARTLINT_DEBUG", "PRE_COMMIT", "SKIP", "PYTHONPATH", "PYTHONHOME"):
        env.pop(name, None)
    return env


def _run(args: list[str | os.PathLike[str]], cwd: Path, env: dict[str, str], timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def _git(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    proc = _run(["git", *args], repo, env)
    assert proc.returncode == 0, f"git {' '.join(args)} failed:\n{proc.stdout}{proc.stderr}"
    return proc


def _init_repo(repo: Path, env: dict[str, str]) -> None:
    repo.mkdir(parents=True, exist_ok=True)
    _git(repo, env, "init", "--quiet")
    _git(repo, env, "config", "user.name", "smartlint tests")
    _git(repo, env, "config", "user.email", "tests@smartlint.invalid")
    _git(repo, env, "config", "commit.gpgsign", "false")


@pytest.fixture(scope="session")
def hook_env(tmp_path_factory) -> dict[str, str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed; pre-commit needs it")
    home = tmp_path_factory.mktemp("precommit-home")
    (home / "gitconfig").write_text("", encoding="utf-8")
    return _git_env(home, home / "cache")


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory, hook_env) -> tuple[Path, str]:
    """The working tree's hook definition and package, committed in a repository of their own."""
    repo = tmp_path_factory.mktemp("hook-repo") / "smartlint"
    _init_repo(repo, hook_env)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".hypothesis", ".pytest_cache")
    for name in os.listdir(ROOT):
        if name in ("pyproject.toml", ".pre-commit-hooks.yaml", "smartlint", "rules") or name.startswith(("README", "LICENSE")):
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, repo / name, ignore=ignore)
            else:
                shutil.copy2(source, repo / name)
    _git(repo, hook_env, "add", ".")
    _git(repo, hook_env, "commit", "--quiet", "--no-verify", "-m", "snapshot of the smartlint working tree")
    sha = _git(repo, hook_env, "rev-parse", "HEAD").stdout.strip()
    return repo, sha


@pytest.fixture
def project(tmp_path, hook_env, hook_repo) -> Path:
    """A user's repository with smartlint installed as a pre-commit hook."""
    repo_path, sha = hook_repo
    project = tmp_path / "reviews"
    _init_repo(project, hook_env)
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo_path.as_posix()}\n    rev: {sha}\n    hooks:\n      - id: smartlint\n",
        encoding="utf-8",
    )
    (project / "smartlint.toml").write_text(SMARTLINT_TOML, encoding="utf-8")
    proc = _run([sys.executable, "-m", "pre_commit", "install"], project, hook_env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # The first commit builds the hook environment (once per session); no file matches the hook.
    proc = _commit(project, hook_env, ".pre-commit-config.yaml", "smartlint.toml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return project


def _commit(project: Path, env: dict[str, str], *files: str) -> subprocess.CompletedProcess[str]:
    _git(project, env, "add", *files)
    return _run(["git", "commit", "-m", f"add {', '.join(files)}"], project, env)


def _head(project: Path, env: dict[str, str]) -> str:
    return _git(project, env, "rev-parse", "HEAD").stdout.strip()


def _expected_codes(path: Path) -> set[str]:
    """What smartlint itself reports at warning or above for the file (with its configuration)."""
    from smartlint.api import lint_paths
    from smartlint.models import Severity

    report = lint_paths([path])
    return {f.code for result in report.files for f in result.all_findings() if Severity(f.severity).rank >= Severity.WARNING.rank}


def test_hook_manifest_is_valid_and_matches_review_documents():
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "smartlint" and hook["entry"] == "smartlint check" and hook["language"] == "python"
    assert hook["require_serial"] is False and hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    for name in ("report.md", "docs/draft.markdown", "notes.txt", "Review.docx", "OVERVIEW.MD"):
        assert files.search(name), name
    for name in ("setup.py", "report.md.bak", "data.csv", "docx", "report.pdf"):
        assert not files.search(name), name


@pytest.mark.slow
def test_commit_with_a_weak_recommendation_is_refused_with_the_finding(project, hook_env):
    before = _head(project, hook_env)
    (project / "review.md").write_text(WEAK, encoding="utf-8")
    expected = _expected_codes(project / "review.md")
    assert expected, "smartlint reports nothing at warning level for the weak recommendation"
    proc = _commit(project, hook_env, "review.md")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert re.search(r"^smartlint\.+Failed$", output, re.MULTILINE), output
    assert "- hook id: smartlint" in output and "- exit code: 1" in output
    assert "review.md" in output
    for code in expected:
        assert code in output, f"{code} missing from the hook output:\n{output}"
    assert _head(project, hook_env) == before  # nothing was committed


@pytest.mark.slow
def test_commit_with_a_strong_recommendation_passes(project, hook_env):
    before = _head(project, hook_env)
    (project / "review.md").write_text(STRONG, encoding="utf-8")
    assert _expected_codes(project / "review.md") == set()
    proc = _commit(project, hook_env, "review.md")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert re.search(r"^smartlint\.+Passed$", output, re.MULTILINE), output
    assert _head(project, hook_env) != before


@pytest.mark.slow
def test_files_the_hook_does_not_read_are_skipped(project, hook_env):
    (project / "notes.py").write_text(f"# {WEAK}", encoding="utf-8")
    proc = _commit(project, hook_env, "notes.py")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert re.search(r"^smartlint\.+\(no files to check\)Skipped$", output, re.MULTILINE), output


@pytest.mark.slow
def test_a_word_document_with_a_weak_recommendation_is_refused(project, hook_env):
    from smartlint.readers import format_for_path

    if format_for_path("review.docx") != "docx":
        pytest.skip("smartlint does not read .docx files yet (readers.FORMATS has no .docx entry)")
    docx = pytest.importorskip("docx", reason="python-docx (a test dependency) writes the Word file")
    document = docx.Document()
    document.add_heading("Recommendations", level=1)
    document.add_paragraph("Staff should be reminded of the importance of information sharing.", style="List Number")
    document.save(project / "review.docx")
    proc = _commit(project, hook_env, "review.docx")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert re.search(r"^smartlint\.+Failed$", output, re.MULTILINE), output
    assert "- exit code: 1" in output  # findings, not a usage error (2) such as a missing reader
    assert re.search(r"\b[A-Z]{2}\d{3}\b", output), output
