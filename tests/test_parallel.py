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
