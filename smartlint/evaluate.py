"""The accuracy harness: how often smartlint's assessment agrees with expert labels.

Each labelled text goes through the same reader, segmentation and rules as `check`: the
texts are written out as a Markdown recommendations list and linted as one document.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smartlint.errors import InputError
from smartlint.models import Assessment

CRITERIA: dict[str, tuple[str, ...]] = {
    "owner": ("named", "generic", "missing"),
    "timescale": ("concrete", "vague", "missing"),
    "measurable": ("true", "false"),
    "specific": ("true", "false"),
    "evidence": ("true", "false"),
}


@dataclass(slots=True)
class Example:
    id: str
    text: str
    labels: dict[str, str]


@dataclass(slots=True)
class CriterionScore:
    criterion: str
    n: int
    accuracy: float
    macro_f1: float
    per_class: dict[str, dict[str, float]]
    confusion: dict[str, dict[str, int]]  # gold -> predicted -> count
    baseline_class: str
    baseline_accuracy: float
    baseline_macro_f1: float
    errors: list[dict[str, str]] = field(default_factory=list)


def _label(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip().lower()


def load_examples(paths: Iterable[str | Path]) -> list[Example]:
    examples: list[Example] = []
    for path in paths:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read labelled corpus: {exc}") from None
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                labels = {c: _label(row[c]) for c in CRITERIA if c in row}
                examples.append(Example(id=str(row.get("id", f"{Path(path).name}:{number}")), text=str(row["text"]), labels=labels))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{number}: not a labelled recommendation ({exc})") from None
    if not examples:
        raise InputError("no labelled recommendations found")
    return examples


# A warning that is right by the guide agrees with the gold label of its criterion.
RIGHT_WHEN: dict[str, tuple[str, frozenset[str]]] = {
    "OW001": ("owner", frozenset({"missing"})),
    "OW002": ("owner", frozenset({"generic"})),
    "TM001": ("timescale", frozenset({"missing"})),
    "TM002": ("timescale", frozenset({"vague"})),
    "MS001": ("measurable", frozenset({"false"})),
    "SP001": ("specific", frozenset({"false"})),
    "SP002": ("specific", frozenset({"false"})),
    "SP003": ("specific", frozenset({"false"})),
    "SP004": ("specific", frozenset({"false"})),
    "EV001": ("evidence", frozenset({"false"})),
    "EV002": ("evidence", frozenset({"false"})),
}


@dataclass(slots=True)
class RulePrecision:
    code: str
    fired: int
    right: int

    @property
    def precision(self) -> float:
        return self.right / self.fired if self.fired else 1.0


def rule_precision(examples: Sequence[Example], findings: Sequence[Sequence[str]]) -> list[RulePrecision]:
    """For each rule judged by a label: how often its findings agree with the expert."""
    fired: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for example, codes in zip(examples, findings):
        for code in set(codes):
            if code not in RIGHT_WHEN:
                continue
            criterion, agreeing = RIGHT_WHEN[code]
            if criterion not in example.labels:
                continue
            fired[code] += 1
            right[code] += example.labels[criterion] in agreeing
    return [RulePrecision(code, fired[code], right[code]) for code in sorted(fired)]


def lint_examples(examples: Sequence[Example], config: Any = None) -> tuple[list[Assessment], list[list[str]]]:
    """Lint the texts as one Markdown recommendations list: each one's assessment and finding codes."""
    from smartlint.api import as_config
    from smartlint.engine import Linter
    from smartlint.readers import read_text_document

    lines = ["# Recommendations", ""]
    for number, example in enumerate(examples, 1):
        lines += [f"{number}. " + " ".join(example.text.split()), ""]
    document = read_text_document("\n".join(lines), "<corpus>", "md")
    result = Linter(as_config(config)).lint_document(document)
    if len(result.recommendations) != len(examples):
        raise InputError(
            f"segmentation found {len(result.recommendations)} recommendations in {len(examples)} labelled texts"
        )
    assessments = [rec.assessment for rec in result.recommendations]
    if any(a is None for a in assessments):
        raise InputError("no installed rule pack provides the SMART assessment")
    codes = [[f.code for f in rec.findings] for rec in result.recommendations]
    return assessments, codes  # type: ignore[return-value]


def predicted_labels(assessment: Assessment) -> dict[str, str]:
    return {
        "owner": assessment.owner.status,
        "timescale": assessment.timescale.status,
        "measurable": _label(assessment.measurable.status == "measurable"),
        "specific": _label(assessment.specific.status == "specific"),
        "evidence": _label(assessment.evidence.status == "cited"),
    }


def _f1_scores(gold: list[str], pred: list[str], classes: Sequence[str]) -> tuple[float, dict[str, dict[str, float]]]:
    per_class: dict[str, dict[str, float]] = {}
    present = [c for c in classes if c in gold or c in pred]
    for c in present:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[c] = {"precision": precision, "recall": recall, "f1": f1, "support": float(tp + fn)}
    macro = sum(v["f1"] for v in per_class.values()) / len(per_class) if per_class else 0.0
    return macro, per_class


def score(examples: Sequence[Example], assessments: Sequence[Assessment]) -> list[CriterionScore]:
    predictions = [predicted_labels(a) for a in assessments]
    scores = []
    for criterion, classes in CRITERIA.items():
        pairs = [(ex, p[criterion]) for ex, p in zip(examples, predictions) if criterion in ex.labels]
        if not pairs:
            continue
        gold = [ex.labels[criterion] for ex, _ in pairs]
        pred = [p for _, p in pairs]
        n = len(gold)
        accuracy = sum(g == p for g, p in zip(gold, pred)) / n
        macro, per_class = _f1_scores(gold, pred, classes)
        majority = Counter(gold).most_common(1)[0][0]
        baseline_macro, _ = _f1_scores(gold, [majority] * n, classes)
        confusion = {g: {p: 0 for p in classes} for g in classes}
        for g, p in zip(gold, pred):
            confusion.setdefault(g, {}).setdefault(p, 0)
            confusion[g][p] += 1
        errors = [
            {"id": ex.id, "gold": g, "predicted": p, "text": ex.text}
            for (ex, p), g in zip(pairs, gold)
            if g != p
        ]
        scores.append(
            CriterionScore(
                criterion=criterion,
                n=n,
                accuracy=accuracy,
                macro_f1=macro,
                per_class=per_class,
                confusion=confusion,
                baseline_class=majority,
                baseline_accuracy=gold.count(majority) / n,
                baseline_macro_f1=baseline_macro,
                errors=errors,
            )
        )
    return scores


@dataclass(slots=True)
class Evaluation:
    criteria: list[CriterionScore]
    rules: list[RulePrecision]


def evaluate(paths: Iterable[str | Path], config: Any = None) -> Evaluation:
    examples = load_examples(paths)
    assessments, codes = lint_examples(examples, config)
    return Evaluation(score(examples, assessments), rule_precision(examples, codes))


def render_text(evaluation: Evaluation, *, show_errors: bool = False) -> str:
    scores = evaluation.criteria
    out = [f"{'criterion':<11} {'n':>4} {'accuracy':>9} {'macro-F1':>9}   baseline (majority class)"]
    for s in scores:
        out.append(
            f"{s.criterion:<11} {s.n:>4} {s.accuracy:>9.3f} {s.macro_f1:>9.3f}   "
            f"{s.baseline_accuracy:.3f} acc / {s.baseline_macro_f1:.3f} F1 ('{s.baseline_class}')"
        )
    for s in scores:
        out += ["", f"{s.criterion}:"]
        out.append("  " + " ".join(f"{c}: P={v['precision']:.2f} R={v['recall']:.2f} F1={v['f1']:.2f} (n={int(v['support'])})" for c, v in s.per_class.items()))
        classes = [c for c in s.confusion if any(s.confusion[c].values()) or any(row.get(c) for row in s.confusion.values())]
        width = max(len(c) for c in classes) + 2
        out.append("  gold \\ predicted".ljust(width + 2) + "".join(c.rjust(width) for c in classes))
        for g in classes:
            out.append(f"  {g}".ljust(width + 2) + "".join(str(s.confusion[g].get(p, 0)).rjust(width) for p in classes))
        if show_errors and s.errors:
            out.append("  disagreements:")
            for err in s.errors:
                out.append(f"    {err['id']}: gold {err['gold']}, smartlint {err['predicted']}: {err['text']}")
    if evaluation.rules:
        out += ["", "findings that agree with the label (precision by rule):"]
        for rule in evaluation.rules:
            out.append(f"  {rule.code}  {rule.right}/{rule.fired}  {rule.precision:.3f}")
    return "\n".join(out)


def render_json(evaluation: Evaluation, *, show_errors: bool = False) -> str:
    from dataclasses import asdict

    rows = []
    for s in evaluation.criteria:
        row = asdict(s)
        if not show_errors:
            row.pop("errors")
        rows.append(row)
    rules = [{"code": r.code, "fired": r.fired, "right": r.right, "precision": r.precision} for r in evaluation.rules]
    return json.dumps({"criteria": rows, "rules": rules}, indent=2)
