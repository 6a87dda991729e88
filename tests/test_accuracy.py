"""Agreement with the labels must not fall below the committed floors.

Four labelled sets: the real dev set (shared/, beside the checkout) and three synthetic sets in
tests/data, written and labelled by the SMART guide by people who had not read the rules (see
docs/accuracy.md for their history). The figures and the command that produced them are in
docs/accuracy.md; the floors are those figures less 0.02, and never below the targets of the
assessment issue.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from smartlint.evaluate import evaluate

DEV_SET = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "brandon2011_dev.jsonl"
DATA = Path(__file__).resolve().parent / "data"

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


# set file: (number of rows, {criterion: (accuracy floor, macro-F1 floor)}): the figures in
# docs/accuracy.md less 0.02.
SYNTHETIC_FLOORS = {
    "synthetic_labelled.jsonl": (
        80,
        {
            "owner": (0.98, 0.98),
            "timescale": (0.98, 0.98),
            "measurable": (0.98, 0.98),
            "specific": (0.98, 0.98),
            "evidence": (0.98, 0.98),
        },
    ),
    "holdout_1.jsonl": (
        100,
        {
            "owner": (0.96, 0.96),
            "timescale": (0.98, 0.98),
            "measurable": (0.98, 0.98),
            "specific": (0.95, 0.95),
            "evidence": (0.96, 0.95),
        },
    ),
    "holdout_2.jsonl": (
        100,
        {
            "owner": (0.96, 0.96),
            "timescale": (0.98, 0.98),
            "measurable": (0.96, 0.96),
            "specific": (0.98, 0.98),
            "evidence": (0.98, 0.98),
        },
    ),
    "holdout_3.jsonl": (
        100,
        {
            "owner": (0.96, 0.96),
            "timescale": (0.94, 0.93),
            "measurable": (0.97, 0.97),
            "specific": (0.90, 0.90),
            "evidence": (0.96, 0.94),
        },
    ),
    "holdout_4.jsonl": (
        100,
        {
            "owner": (0.96, 0.96),
            "timescale": (0.97, 0.97),
            "measurable": (0.91, 0.91),
            "specific": (0.93, 0.93),
            "evidence": (0.96, 0.94),
        },
    ),
}

# Warnings must be right 9 times in 10. On the last blind set two rules fell short when it was first
# measured and nobody has tuned them on it since (docs/accuracy.md): their floor is the measured figure.
PRECISION_FLOOR = 0.9
KNOWN_SHORTFALLS = {("holdout_4.jsonl", "MS001"): 0.85, ("holdout_4.jsonl", "SP004"): 0.6}


@pytest.fixture(scope="module", params=sorted(SYNTHETIC_FLOORS))
def synthetic(request):
    return request.param, evaluate([DATA / request.param])


def test_synthetic_sets_accuracy_is_at_or_above_the_floor(synthetic):
    name, scores = synthetic
    rows, floors = SYNTHETIC_FLOORS[name]
    for criterion, (accuracy_floor, f1_floor) in floors.items():
        score = next(s for s in scores.criteria if s.criterion == criterion)
        assert score.n == rows
        assert score.accuracy >= accuracy_floor, f"{name} {criterion} accuracy {score.accuracy:.3f} < {accuracy_floor}"
        assert score.macro_f1 >= f1_floor, f"{name} {criterion} macro-F1 {score.macro_f1:.3f} < {f1_floor}"


def test_synthetic_sets_warnings_are_right_nine_times_in_ten(synthetic):
    name, scores = synthetic
    for rule in scores.rules:
        if rule.code.startswith("EV002") or rule.code == "MS002":
            continue  # information-level notes
        floor = KNOWN_SHORTFALLS.get((name, rule.code), PRECISION_FLOOR)
        assert rule.precision >= floor or rule.fired < 3, f"{name} {rule.code}: {rule.right}/{rule.fired}"
