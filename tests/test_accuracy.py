"""Agreement with the expert labels of the dev set must not fall below the committed floor.

The figures and the command that produced them are in docs/accuracy.md. The floors are those
figures less one example in fifty (0.02), and never below the targets of the assessment issue.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from smartlint.evaluate import evaluate

DEV_SET = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "brandon2011_dev.jsonl"

# criterion: (accuracy floor, macro-F1 floor)
FLOORS = {
    "owner": (0.98, 0.95),
    "timescale": (0.98, 0.90),
    "measurable": (0.98, 0.97),
    "specific": (0.96, 0.95),
    "evidence": (0.98, 0.90),
}


@pytest.fixture(scope="module")
def scores():
    if not DEV_SET.is_file():
        pytest.skip(f"the shared dev set is not beside the checkout ({DEV_SET})")
    return evaluate([DEV_SET])


@pytest.mark.parametrize("criterion", FLOORS)
def test_dev_set_accuracy_is_at_or_above_the_floor(scores, criterion):
    accuracy_floor, f1_floor = FLOORS[criterion]
    score = next(s for s in scores.criteria if s.criterion == criterion)
    assert score.n == 50
    assert score.accuracy >= accuracy_floor, f"{criterion} accuracy {score.accuracy:.3f} < {accuracy_floor}"
    assert score.macro_f1 >= f1_floor, f"{criterion} macro-F1 {score.macro_f1:.3f} < {f1_floor}"


def test_harness_reports_baseline_and_confusion(scores):
    owner = next(s for s in scores.criteria if s.criterion == "owner")
    assert owner.baseline_class == "named" and 0 < owner.baseline_accuracy < 1
    assert sum(sum(row.values()) for row in owner.confusion.values()) == owner.n


def test_warnings_agree_with_the_labels_nine_times_in_ten(scores):
    fired = sum(r.fired for r in scores.rules if r.code != "EV002")
    right = sum(r.right for r in scores.rules if r.code != "EV002")
    assert fired and right / fired >= 0.9
    for rule in scores.rules:
        assert rule.precision >= 0.9 or rule.fired < 3, f"{rule.code}: {rule.right}/{rule.fired}"


def test_eval_command_text_and_json(tmp_path):
    import json

    from cli_helpers import run

    corpus = tmp_path / "mini.jsonl"
    rows = [
        {"id": "s1", "text": "The LSCB will publish a revised neglect protocol by 31 March 2027.", "owner": "named",
         "timescale": "concrete", "measurable": True, "specific": True, "evidence": False},
        {"id": "s2", "text": "Staff should be reminded of the importance of recording.", "owner": "missing",
         "timescale": "missing", "measurable": False, "specific": False, "evidence": False},
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    proc = run("eval", str(corpus), "--format", "json", "--show-errors")
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout)
    owner = next(c for c in data["criteria"] if c["criterion"] == "owner")
    assert owner["n"] == 2 and owner["accuracy"] == 1.0 and owner["errors"] == []
    text = run("eval", str(corpus)).stdout.decode()
    assert "macro-F1" in text and "gold \\ predicted" in text
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json}\n", encoding="utf-8")
    proc = run("eval", str(bad))
    assert proc.returncode == 2 and "bad.jsonl:1" in proc.stderr.decode()
