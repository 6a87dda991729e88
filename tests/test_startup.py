"""The start-up path of `smartlint check` (issue 6: cold start), guarded without timing it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cli_helpers import EXAMPLE_MD, ROOT, run

ONE = "## Recommendations\n\n1. Adult Social Care is asked to strengthen its arrangements as soon as possible.\n"

# Optional or command-specific packages that a check of a Markdown file must not pay for.
HEAVY = ("rich", "rapidfuzz", "docx", "openpyxl", "pypdf", "jsonschema")


def _python(code: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "NO_COLOR": "1", **env}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=120)


def test_checking_one_markdown_recommendation_imports_no_heavy_optional_module(tmp_path):
    (tmp_path / "one.md").write_text(ONE, encoding="utf-8")
    proc = _python(
        f"""
        import sys
        from smartlint.cli import main
        sys.argv = ["smartlint", "check", "--isolated", "one.md"]
        try:
            main()
        except SystemExit as exc:
            code = exc.code
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r})
        # a plain `check` command line is parsed without typer (smartlint.check_command)
        heavy += [m for m in ("typer", "typer._adapters") if m in sys.modules]
        print("RESULT", code, ",".join(heavy), file=sys.stderr)
        """,
        {"SMARTLINT_CACHE_DIR": str(tmp_path / "cache")},
        tmp_path,
    )
    result = [line for line in proc.stderr.splitlines() if line.startswith("RESULT")]
    assert result, proc.stderr
    _, code, *heavy = result[0].split(" ")
    assert code == "1" and "Recommendation 1" in proc.stdout
    assert heavy in ([], [""]), f"imported on the start-up path: {heavy}"


def test_pattern_cache_gives_the_same_reports_and_survives_a_corrupt_file(tmp_path):
    cache = tmp_path / "cache"
    env = {"SMARTLINT_CACHE_DIR": str(cache)}
    args = ("check", "--isolated", "--format", "json", str(EXAMPLE_MD))
    plain = run(*args, env={"SMARTLINT_NO_CACHE": "1"})
    first = run(*args, env=env)  # compiles, notes each pattern as seen
    second = run(*args, env=env)  # compiles again and stores the programs
    stored = list(cache.glob("re*.marshal"))
    assert len(stored) == 1
    third = run(*args, env=env)  # uses the stored programs
    for proc in (first, second, third):
        assert proc.returncode == plain.returncode and proc.stderr == plain.stderr
        assert json.loads(proc.stdout)["files"] == json.loads(plain.stdout)["files"]
    stored[0].write_bytes(b"\x00not a cache")
    broken = run(*args, env=env)
    assert broken.returncode == plain.returncode and json.loads(broken.stdout)["files"] == json.loads(plain.stdout)["files"]


def test_environments_sharing_the_cache_folder_keep_a_file_each(monkeypatch, tmp_path):
    # a pre-commit hook's environment and a project's, with different regex versions, would
    # otherwise replace each other's stored programs on every run
    import regex

    from smartlint import patterncache

    monkeypatch.setenv("SMARTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("SMARTLINT_NO_CACHE", raising=False)
    patterncache._build_tag.cache_clear()
    ours = patterncache.cache_file()
    monkeypatch.setattr(regex, "__version__", regex.__version__ + ".other")
    patterncache._build_tag.cache_clear()
    try:
        other = patterncache.cache_file()
    finally:
        patterncache._build_tag.cache_clear()
    assert ours != other and Path(ours).parent == Path(other).parent == tmp_path


def test_stored_programs_equal_freshly_compiled_ones(tmp_path):
    cache = tmp_path / "cache"
    for _ in range(2):  # a pattern is stored the second time it is compiled
        assert run("check", "--isolated", str(EXAMPLE_MD), env={"SMARTLINT_CACHE_DIR": str(cache)}).returncode == 1
    proc = _python(
        f"""
        import marshal, re, sys
        from pathlib import Path
        import _sre
        import regex
        from smartlint import patterncache
        data = marshal.loads(next(Path({str(cache)!r}).glob("re*.marshal")).read_bytes())
        assert len(data["re"]) > 50 and len(data["regex"]["entries"]) > 10
        for (kind, pattern, flags), args in data["re"].items():
            assert patterncache.restore_re(pattern, args) == re._compiler.compile(pattern, flags), pattern
        sample = Path({str(EXAMPLE_MD)!r}).read_text(encoding="utf-8")
        for (pattern, flags, needed), args in data["regex"]["entries"].items():
            stored = regex._main._regex.compile(*args)
            fresh = regex.compile(pattern, flags, cache_pattern=False, **dict(needed))
            assert (stored.pattern, stored.flags, stored.groupindex) == (fresh.pattern, fresh.flags, fresh.groupindex)
            found = [m.span() for m in stored.finditer(sample)]
            assert found == [m.span() for m in fresh.finditer(sample)], pattern
        import dataclasses  # (load imports it: the patterns it compiles are not the one picked)
        (kind, pattern, flags) = next(k for k in data["re"] if k[0] == 0 and (str, k[1], k[2]) not in re._cache)
        patterncache.load()  # re's own cache now restores the stored patterns when asked for them
        assert (str, pattern, flags) not in dict(re._cache)  # not compiled until asked for
        assert re.compile(pattern, flags) is re._cache[(str, pattern, flags)]
        assert (str, "never (stored|compiled)", 0) not in re._cache
        print("OK")
        """,
        {"SMARTLINT_CACHE_DIR": str(cache)},
        ROOT,
    )
    assert proc.stdout.strip() == "OK", proc.stderr


def _reference_trie(terms: list[str], guard: str = "") -> str:
    """The plain recursive form of rules/grammar.py:_trie, which walks letter chains in a loop."""
    import re

    root: dict = {}
    for term in terms:
        node = root
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict, top: bool = False) -> str:
        ends = "" in node
        alts = [re.escape(ch) + (guard if top else "") + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if ends:
            return "(?:" + body + ")?" if len(alts) == 1 else body[:-1] + ")?"
        return body

    return build(root, top=True)


@given(st.sets(st.text(alphabet="ab c.-é'", min_size=1, max_size=8), max_size=25),
       st.sampled_from(["", r"(?<![\w-].)", r"(?<!\w.)"]))
def test_trie_source_is_the_same_as_the_plain_recursive_trie(terms, guard):
    from smartlint_rules import grammar

    words = sorted({" ".join(t.lower().split()) for t in terms if t.strip()})
    assert grammar._trie(words, guard) == _reference_trie(words, guard)


def test_trie_of_the_owner_lexicon_is_unchanged():
    from smartlint_rules import grammar, owner

    _, entries = owner._lexicon()
    words = sorted({" ".join(t.lower().split()) for t in entries})
    assert grammar._trie(words, grammar.WORD_START_GUARD) == _reference_trie(words, grammar.WORD_START_GUARD)


def test_a_cached_trie_source_is_not_rebuilt_and_is_the_same(tmp_path):
    code = """
        import sys
        from smartlint import patterncache
        patterncache.load()
        from smartlint_rules import grammar
        terms = ["the board", "Board", "boards", "local authority", "la"]
        plain = "(?:" + grammar._trie(sorted({" ".join(t.lower().split()) for t in terms}), "g").replace(r"\\ ", r"\\s+") + ")"
        if sys.argv[-1] == "again":
            grammar._trie_code()  # the key names the real code...
            grammar._trie = None  # ...and a cache hit must not build the trie
        assert grammar.trie_source(terms, "g") == plain
        assert grammar.trie_source(terms, "") != plain  # the guard is part of the key
        patterncache.save()
        print("OK")
        """
    env = {"SMARTLINT_CACHE_DIR": str(tmp_path / "cache")}
    first = _python(code, env, ROOT)
    assert first.stdout.strip() == "OK", first.stderr
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code), "again"], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=120)
    assert proc.stdout.strip() == "OK", proc.stderr


def test_the_start_up_modules_need_neither_pydantic_nor_typer_nor_importlib_metadata(tmp_path):
    proc = _python(
        """
        import sys
        import smartlint.check_command, smartlint.cli, smartlint.docs, smartlint.meta_rules, smartlint.selection
        from smartlint.config import Config, parse_config
        from smartlint.entrypoints import entry_points
        from smartlint.registry import Registry, _add_pack
        from smartlint.meta_rules import engine_pack

        Config(), parse_config({}, "smartlint.toml"), entry_points("smartlint.rules")
        parse_config({"ignore": ["DC"], "fail-on": "error", "rules": {"distant-deadline": {"max-months": 18}}}, "x.toml")
        _add_pack(Registry(), engine_pack, "smartlint")
        smartlint.check_command.parse_args(["--isolated", "-f", "json", "x.md"])
        print("LOADED", [m for m in ("pydantic", "typer", "importlib.metadata") if m in sys.modules])
        """,
        {"SMARTLINT_CACHE_DIR": str(tmp_path / "cache")},
        tmp_path,
    )
    assert "LOADED []" in proc.stdout, proc.stdout + proc.stderr


def test_checking_a_markdown_file_loads_no_action_plan_reader_nor_importlib_resources(tmp_path):
    (tmp_path / "recs.md").write_text("# Recommendations\n\n1. The Board should review the policy by March 2026.\n")
    proc = _python(
        """
        import runpy, sys
        at_start = set(sys.modules)  # what site and .pth files loaded is not smartlint's doing
        sys.argv = ["smartlint", "check", "--isolated", "recs.md"]
        try:
            runpy.run_module("smartlint", run_name="__main__")
        except SystemExit:
            pass
        unwanted = ("smartlint.readers.plan", "importlib.resources.readers", "zipfile", "difflib")
        print("LOADED", [m for m in unwanted if m in sys.modules and m not in at_start])
        """,
        {"SMARTLINT_CACHE_DIR": str(tmp_path / "cache")},
        tmp_path,
    )
    assert "LOADED []" in proc.stdout, proc.stdout + proc.stderr


def test_a_second_start_rebuilds_nothing_kept_in_the_cache(tmp_path):
    """Every derived table (tries, theme tables, owner entries, verb forms) is found under the
    same key by the next process (keys must not follow the per-process hash order)."""
    (tmp_path / "recs.md").write_text("# Recommendations\n\n1. The Board should review the policy by March 2026.\n")
    code = """
        import runpy, sys
        from smartlint import patterncache
        sys.argv = ["smartlint", "check", "--isolated", "recs.md"]
        try:
            runpy.run_module("smartlint", run_name="__main__")
        except SystemExit:
            pass
        print("USED", len(patterncache._derived_used), "NEW", [key[0] for key in patterncache._derived_new])
        """
    env = {"SMARTLINT_CACHE_DIR": str(tmp_path / "cache")}
    first = _python(code, {**env, "PYTHONHASHSEED": "1"}, tmp_path)
    assert "USED" in first.stdout and "NEW []" not in first.stdout, first.stdout + first.stderr
    second = _python(code, {**env, "PYTHONHASHSEED": "2"}, tmp_path)
    assert "NEW []" in second.stdout, second.stdout + second.stderr


def test_the_command_line_collects_garbage_again_before_it_reads_a_document(tmp_path):
    # start-up runs with the collector paused (smartlint.startup); linting a long document must not
    (tmp_path / "one.md").write_text(ONE, encoding="utf-8")
    proc = _python(
        """
        import gc, sys
        from smartlint import engine, startup
        from smartlint.cli import main
        seen = []
        check = engine.Linter.check_document
        def checked(self, document):
            seen.append(("check", gc.isenabled()))
            return check(self, document)
        engine.Linter.check_document = checked
        startup.pause()
        seen.append(("paused", gc.isenabled()))
        startup.resume()
        sys.argv = ["smartlint", "check", "--isolated", "one.md"]
        try:
            main()
        except SystemExit:
            pass
        gc.disable()  # a program's own choice is left alone
        startup.resume()
        print("SEEN", seen, gc.isenabled(), file=sys.stderr)
        """,
        {"SMARTLINT_CACHE_DIR": str(tmp_path / "cache")},
        tmp_path,
    )
    line = next((line for line in proc.stderr.splitlines() if line.startswith("SEEN")), proc.stderr)
    assert line == "SEEN [('paused', False), ('check', True)] False", line
