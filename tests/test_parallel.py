"""`--jobs`: the process pool must give exactly what a serial run gives."""

from __future__ import annotations

import pickle

from smartlint.api import lint_paths, lint_text
from smartlint.parallel import dumps_results

TEXTS = [
    "1. The Board should ensure that all agencies review training on neglect by 31 March 2026.\n"
    "2. Lessons should be learned.\n",
    "1. The Police must share information with Children's Social Care within 24 hours.\n"
    "2. Relevant practitioners should consider disguised compliance.\n",
]


def test_parallel_run_is_identical_to_serial(tmp_path):
    for n in range(10):  # above the pool's threshold of files
        (tmp_path / f"report_{n:02d}.md").write_text(TEXTS[n % 2], encoding="utf-8")
    serial = lint_paths([tmp_path], jobs=1, config={})
    parallel = lint_paths([tmp_path], jobs=2, config={})
    assert parallel.model_dump_json() == serial.model_dump_json()
    assert parallel == serial


def test_results_survive_the_compact_pickling():
    result = lint_text(TEXTS[0] + TEXTS[1])
    back = pickle.loads(dumps_results(result))
    assert back == result
    assert back.model_dump_json() == result.model_dump_json()
    assert back.recommendations[0].findings[0].model_fields_set == result.recommendations[0].findings[0].model_fields_set


# ---- the check command: files rendered in the workers print what a serial run prints ----------

import pytest

from smartlint import check_command
from smartlint.cli import CommandExit

SUPPRESSED = (
    "# Recommendations\n\n"
    "1. Lessons should be learned. <!-- smartlint: ignore ALL -- agreed wording -->\n"
    "2. Relevant practitioners should consider disguised compliance.\n"
    "<!-- smartlint: learning-point -- a theme for training -->\n"
    "3. Agencies should think about neglect.\n"
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("many")
    for n in range(9):
        (root / f"report_{n:02d}.md").write_text(TEXTS[n % 2], encoding="utf-8")
    (root / "report_09.md").write_text(SUPPRESSED, encoding="utf-8")
    (root / "report_10.txt").write_text(TEXTS[1], encoding="utf-8")
    (root / "empty.md").write_text("", encoding="utf-8")
    (root / "damaged.docx").write_bytes(b"not a zip")  # an unreadable file: an error block and exit 2
    return root


def _check(capsys, *paths, **options):
    with pytest.raises(CommandExit) as ended:
        check_command.run([str(p) for p in paths], isolated=True, **options)
    out, err = capsys.readouterr()
    return out, err, ended.value.code


CASES = [(fmt, {}) for fmt in ("text", "json", "github", "sarif", "html")] + [
    ("text", {"quiet": True}),
    ("text", {"statistics": True}),
    ("text", {"quiet": True, "statistics": True}),
    ("json", {"quiet": True, "statistics": True}),  # options that change only the text format
]


@pytest.mark.parametrize(("fmt", "extra"), CASES)
def test_check_output_with_two_jobs_is_the_serial_output(capsys, folder, fmt, extra):
    serial = _check(capsys, folder, format=fmt, jobs=1, **extra)
    parallel = _check(capsys, folder, format=fmt, jobs=2, **extra)
    assert parallel == serial
    assert serial[2] == 2 and "damaged.docx" in serial[1]


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_check_output_with_two_jobs_is_the_serial_output_without_errors_and_in_colour(capsys, monkeypatch, folder, fmt):
    monkeypatch.setattr(check_command, "use_color", lambda no_color: True)
    files = sorted(p for p in folder.iterdir() if p.suffix != ".docx")
    serial = _check(capsys, *files, format=fmt, jobs=1, statistics=True)
    parallel = _check(capsys, *files, format=fmt, jobs=2, statistics=True)
    assert parallel == serial
    assert serial[2] == 1 and not serial[1]
    if fmt == "text":
        assert "\x1b[" in serial[0]


def test_check_output_to_a_file_with_two_jobs_is_the_serial_output(capsys, folder, tmp_path):
    for fmt in ("text", "json", "github"):
        for jobs in (1, 2):
            _check(capsys, folder, format=fmt, jobs=jobs, output=tmp_path / f"{fmt}.{jobs}", fail_on="never")
        assert (tmp_path / f"{fmt}.2").read_bytes() == (tmp_path / f"{fmt}.1").read_bytes()


def test_the_workers_render_the_files_of_the_streamed_formats(folder):
    from smartlint.api import Session
    from smartlint.parallel import RenderedFile

    files = sorted(folder.iterdir())
    for fmt in ("text", "json"):
        results, errors = Session({}, light=True).lint_files(files, 2, {"fmt": fmt, "color": False, "quiet": False, "statistics": False})
        assert all(isinstance(r, RenderedFile) for r in results) and len(results) == len(files) - 1
        assert [e.path for e in errors] == [str(folder / "damaged.docx")]
    # other formats (and the library API) get the results themselves
    for fmt in ("github", "sarif"):
        results, _ = Session({}, light=True).lint_files(files, 2, {"fmt": fmt, "color": False, "quiet": False, "statistics": False})
        assert not any(isinstance(r, RenderedFile) for r in results)


def test_chunks_hold_every_file_once_biggest_first(tmp_path):
    from smartlint.parallel import plan_chunks

    sizes = [10, 5000, 10, 10, 3000] + [100] * 40
    files = []
    for n, size in enumerate(sizes):
        files.append(tmp_path / f"f{n:02d}.md")
        files[-1].write_text("x" * size, encoding="utf-8")
    files.append(tmp_path / "missing.md")  # unreadable: planned like an empty file, reported by the worker
    chunks = plan_chunks(files, 2)
    placed = [index for chunk in chunks for index, _ in chunk]
    assert sorted(placed) == list(range(len(files)))
    assert placed[:2] == [1, 4] and chunks[0] == [(1, files[1])]
    assert all(files[index] == path for chunk in chunks for index, path in chunk)


def test_a_configuration_error_is_the_one_a_serial_run_meets_first(tmp_path):
    from smartlint.api import Session
    from smartlint.errors import ConfigError

    for name, rule in (("a", None), ("b", "first"), ("c", "second")):
        (tmp_path / name).mkdir()
        if rule:
            (tmp_path / name / "smartlint.toml").write_text(f'[severity]\n{rule}rule = "info"\n', encoding="utf-8")
    (tmp_path / "a" / "one.md").write_text(TEXTS[0], encoding="utf-8")
    (tmp_path / "b" / "two.md").write_text(TEXTS[1], encoding="utf-8")
    (tmp_path / "c" / "three.md").write_text(TEXTS[0] * 40, encoding="utf-8")  # the biggest: linted first
    files = [tmp_path / "a" / "one.md", tmp_path / "b" / "two.md", tmp_path / "c" / "three.md"]
    for jobs in (1, 2):
        with pytest.raises(ConfigError, match="firstrule"):
            Session(light=True).lint_files(files, jobs, {"fmt": "text"})
