"""bench/analyzers.py: the per-analyzer timing script used for docs/performance.md runs and
names the analyzers the built-in pack runs. It patches RecContext.analysis, so it runs in its
own process."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_analyzer_timing_lists_each_analyzer(tmp_path: Path) -> None:
    document = tmp_path / "recs.md"
    document.write_text(
        "## Recommendations\n\n"
        "1. The Safeguarding Partnership should audit 20 cases by 31 March 2026.\n"
        "2. Agencies should consider raising awareness of neglect as appropriate.\n",
        encoding="utf-8",
    )
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "analyzers.py"), str(document)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("2 recommendations")
    listed = {line.split()[0] for line in lines[1:]}
    assert {"owner.detail", "timescale.detail", "measurable.detail", "core.actions", "document:duplicates"} <= listed
    assert lines[-1].split()[0] == "(all"
