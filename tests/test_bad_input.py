"""Every bad input: one clear line on stderr, the right exit code, never a traceback, inputs untouched."""

from __future__ import annotations

import hashlib

import pytest

from cli_helpers import run

WEAK = "# Recommendations\n\n1. Staff should be reminded of the importance of information sharing.\n"


def one_line_error(proc, code: int = 2) -> str:
    err = proc.stderr.decode()
    assert proc.returncode == code, (proc.returncode, err, proc.stdout.decode())
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


def test_nonexistent_path(tmp_path):
    line = one_line_error(run("check", "--isolated", str(tmp_path / "nope.md")))
    assert "no such file" in line


def test_folder_with_nothing_to_lint(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    line = one_line_error(run("check", "--isolated", str(tmp_path)))
    assert "no lintable files" in line


def test_binary_file(tmp_path):
    path = tmp_path / "draft.md"
    path.write_bytes(b"\x00\x01\x02binary\x00" * 20)
    assert "binary" in one_line_error(run("check", "--isolated", str(path)))


def test_invalid_utf8_says_where(tmp_path):
    path = tmp_path / "draft.md"
    path.write_bytes(b"# Recommendations\n\n1. The Board will r\xe9view it.\n")
    line = one_line_error(run("check", "--isolated", str(path)))
    assert "UTF-8" in line and "line 3" in line


def test_unsupported_file_type(tmp_path):
    path = tmp_path / "draft.rtf"
    path.write_text("{\\rtf1}", encoding="utf-8")
    assert "not a file type" in one_line_error(run("check", "--isolated", str(path)))


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_file_exits_zero_with_a_note(tmp_path, content):
    path = tmp_path / "draft.md"
    path.write_bytes(content)
    proc = run("check", "--isolated", str(path))
    assert proc.returncode == 0 and "no recommendations" in proc.stdout.decode()


def test_file_without_recommendations_exits_zero_with_a_note(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text("# Background\n\nThe family moved to the area in 2019.\n\n## Findings\n\n", encoding="utf-8")
    proc = run("check", "--isolated", str(path))
    assert proc.returncode == 0, proc.stdout.decode()


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("select = [\n", "invalid TOML"),
        ('selct = ["OW"]\n', "unknown key 'selct'"),
        ('select = ["OW9999"]\n', "unknown rule selector"),
        ('fail-on = "sometimes"\n', "fail-on"),
        ("[rules.missing-owner]\nfrobnicate = 1\n", "unknown option 'frobnicate'"),
    ],
)
def test_malformed_configuration(tmp_path, config, expected):
    (tmp_path / "smartlint.toml").write_text(config, encoding="utf-8")
    (tmp_path / "draft.md").write_text(WEAK, encoding="utf-8")
    line = one_line_error(run("check", "draft.md", cwd=tmp_path))
    assert expected in line and "smartlint.toml" in line


def test_missing_config_path(tmp_path):
    (tmp_path / "draft.md").write_text(WEAK, encoding="utf-8")
    line = one_line_error(run("check", "--config", str(tmp_path / "none.toml"), str(tmp_path / "draft.md")))
    assert "not found" in line


@pytest.mark.parametrize(
    "encoded",
    [WEAK.encode("utf-8-sig"), WEAK.encode("utf-16"), WEAK.replace("\n", "\r\n").encode("utf-16-be").join([b"\xfe\xff", b""])],
)
def test_boms_are_read(tmp_path, encoded):
    path = tmp_path / "draft.md"
    path.write_bytes(encoded)
    proc = run("check", "--isolated", "--format", "json", str(path))
    assert proc.returncode == 1, proc.stderr.decode()
    assert b"reminded" in proc.stdout


def test_inputs_are_byte_identical_afterwards(tmp_path):
    path = tmp_path / "draft.md"
    original = WEAK.encode("utf-8") + b"<!-- smartlint: ignore missing-owner -->\n"
    path.write_bytes(original)
    digest = hashlib.sha256(original).hexdigest()
    for fmt in ("text", "json", "sarif", "github"):
        run("check", "--isolated", "--format", fmt, str(path))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_refuses_to_write_report_over_the_input(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(WEAK, encoding="utf-8")
    line = one_line_error(run("check", "--isolated", "-o", str(path), str(path)))
    assert "refusing to overwrite" in line
    assert path.read_text(encoding="utf-8") == WEAK
