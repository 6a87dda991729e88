#!/usr/bin/env python3
"""smartlint's speed benchmark (issue 6): smartlint and proselint on the same corpus, in one run.

    python bench/run.py                 # full run: 5 runs per case, medians, budgets, bench/results.md
    python bench/run.py --quick         # development: 3 runs, no 100,000 file, proselint once per file
    python bench/run.py --profile       # also cProfile smartlint (bench/out/profile_*.txt)

The corpus comes from make_corpus.py in the shared folder beside the checkout (../shared/bench;
--shared to point elsewhere) so every figure is measured on the same text as the peers' figures
in its README. Every measurement is a whole process (start-up included) run several times; the
median is reported and the budgets of issue 6 are checked against it. proselint runs on the same
files in the same rounds, interleaved with smartlint, so the ratio holds on a noisy machine.

Exit status: 0 when every budget that was measured passes, 1 when one fails, 2 on an error.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SIZES = (1, 1000, 10000, 100000)
SPLIT = 10000  # cut into one file per 50-recommendation report: 200 files
PROSELINT_RC = {"max_errors": 100000000}  # proselint stops at 1,000 findings otherwise

# Budgets of issue 6.
COLD_START_S = 0.150
PEER_RATIO = 10.0
WRITE_GOOD_RECS_PER_S = 11000  # write-good's library on this corpus (shared README)
AIM_RECS_PER_S = 50000
LINEAR_FACTOR = 11.0
PEAK_MIB = 200.0
JOBS_SPEEDUP = 1.6

# Modules only some commands need: they should not be in the start-up path of `check`.
OPTIONAL_HEAVY = ("rich", "docx", "openpyxl", "pypdf", "rapidfuzz", "jsonschema", "pydantic", "typer", "click")


class BenchError(Exception):
    pass


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---- running processes --------------------------------------------------------------------


@dataclass
class Sample:
    seconds: float
    peak_kib: int | None
    code: int


@dataclass
class Case:
    key: str
    label: str
    cmd: list[str]
    ok_codes: tuple[int, ...] = (0, 1)  # both linters exit 1 when they find problems
    peer: bool = False
    capture: Path | None = None  # the first measured run's output goes here, to be checked
    samples: list[Sample] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak_mib(self) -> float | None:
        peaks = [s.peak_kib for s in self.samples if s.peak_kib is not None]
        return max(peaks) / 1024 if peaks else None

    def spread(self) -> str:
        times = [s.seconds for s in self.samples]
        return f"{fmt_s(min(times))}–{fmt_s(max(times))} ({len(times)} runs)"


def run_once(cmd: list[str], env: dict[str, str], cwd: Path, ok_codes: tuple[int, ...], stdout: Path | None = None) -> Sample:
    """Run `cmd` to completion, output discarded (or written to `stdout`); wall time and the
    child's peak RSS."""
    with tempfile.TemporaryFile() as err, open(stdout or os.devnull, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env, cwd=cwd)
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            proc.returncode = code  # reaped here: stop Popen from waiting again
            # ru_maxrss is KiB on Linux, bytes on macOS
            peak = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
        else:  # no per-child rusage (Windows): time only
            code = proc.wait()
            seconds = time.perf_counter() - start
            peak = None
        if code not in ok_codes:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace").strip().splitlines()[-5:]
            raise BenchError(f"`{' '.join(cmd)}` exited {code}:\n  " + "\n  ".join(tail))
    return Sample(seconds, peak, code)


def measure(cases: list[Case], runs: int, peer_runs: int, env: dict[str, str], cwd: Path, warmup: bool,
            case_budget: float) -> None:
    """Interleave the cases round by round so that a burst of machine noise hits them all alike.

    A case whose runs have taken `case_budget` seconds in all is not run again (it keeps at least
    one run): a tool that takes minutes a run would otherwise hold the benchmark for hours."""
    if warmup:
        for case in cases:
            run_once(case.cmd, env, cwd, case.ok_codes)
    for round_no in range(runs):
        for case in cases:
            if case.peer and round_no >= peer_runs:
                continue
            if case.samples and sum(s.seconds for s in case.samples) >= case_budget:
                continue
            sample = run_once(case.cmd, env, cwd, case.ok_codes, case.capture if not case.samples else None)
            case.samples.append(sample)
            log(f"  {case.label:<44} run {round_no + 1}: {fmt_s(sample.seconds)}")


# ---- formatting ---------------------------------------------------------------------------


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def fmt_n(value: float) -> str:
    return f"{value:,.0f}"


# ---- machine ------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    info = {"cpu": platform.processor() or platform.machine(), "memory": "unknown"}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory"] = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    cores = os.cpu_count() or 1
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    info["cores"] = f"{cores}" + (f" ({usable} usable)" if usable != cores else "")
    info["python"] = f"{platform.python_implementation()} {platform.python_version()}"
    info["os"] = platform.platform()
    return info


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def git_revision() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO, capture_output=True, text=True).stdout.strip()
        return rev + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def dist_version(python: str, name: str) -> str:
    code = f"import importlib.metadata as m; print(m.version({name!r}))"
    done = subprocess.run([python, "-c", code], capture_output=True, text=True)
    return done.stdout.strip() or "not installed"


# ---- tools --------------------------------------------------------------------------------


def console_script(name: str) -> Path | None:
    """The tool's console script beside this interpreter (not a pyenv/asdf shim on PATH, whose
    own start-up would be counted as the tool's)."""
    scripts = Path(sysconfig.get_path("scripts"))
    for candidate in (scripts / name, scripts / f"{name}.exe"):
        if candidate.is_file():
            return candidate
    return None


def smartlint_command() -> list[str]:
    script = console_script("smartlint")
    return [str(script)] if script else [sys.executable, "-m", "smartlint"]


def proselint_command(install: bool) -> list[str] | None:
    script = console_script("proselint")
    if script is None and install:
        log("installing proselint into the bench environment (not a smartlint dependency)")
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "proselint"], check=True)
        script = console_script("proselint")
    if script is not None:
        return [str(script)]
    found = shutil.which("proselint")
    return [found] if found else None


# ---- corpus -------------------------------------------------------------------------------


def make_corpus(shared: Path, corpus: Path, sizes: list[int]) -> None:
    script = shared / "bench" / "make_corpus.py"
    if not script.is_file():
        raise BenchError(f"{script}: not found (pass --shared PATH to the shared folder)")
    corpus.mkdir(parents=True, exist_ok=True)
    stale = corpus / f"split_{SPLIT}"
    if stale.exists():
        shutil.rmtree(stale)  # a split from another corpus version must not linger
    cmd = [sys.executable, str(script), str(corpus), *map(str, sizes), "--split", str(SPLIT)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def json_count(path: Path) -> int:
    """summary.recommendations of a `--format json` report, read from its tail (the summary is
    the report's last key), so a report of hundreds of megabytes need not be parsed."""
    with path.open("rb") as f:
        f.seek(max(0, path.stat().st_size - 8192))
        tail = f.read().decode("utf-8", "replace")
    found = re.search(r'"summary":\s*\{\s*"files":\s*\d+,\s*"recommendations":\s*(\d+)', tail)
    if not found:
        raise BenchError(f"{path}: no summary at the end of the json report")
    return int(found.group(1))


def precheck(smartlint: list[str], corpus: Path, env: dict[str, str]) -> None:
    """Fail fast, before minutes of timing, when smartlint cannot lint the corpus."""
    out = subprocess.run([*smartlint, "check", "--isolated", "--format", "json", "recs_1000.md"], cwd=corpus, env=env, capture_output=True)
    if out.returncode not in (0, 1):
        raise BenchError(f"smartlint failed on recs_1000.md (exit {out.returncode}): {out.stderr.decode()[-400:]}")
    got = json.loads(out.stdout)["summary"]["recommendations"]
    if got != 1000:
        raise BenchError(f"recs_1000.md: smartlint found {got} recommendations, expected 1000")


def verify(cases: dict[str, Case], sizes: list[int]) -> list[str]:
    """Check the outputs captured from the first measured runs: every recommendation read, and
    --jobs 2 printing byte for byte what --jobs 1 prints. A timing of a run that silently did
    less would be worthless. Returns one line per check; raises on a failed check."""
    notes, failures = [], []
    for n in sizes:
        case = cases[f"sl_json_{n}"]
        assert case.capture is not None
        got = json_count(case.capture)
        line = f"recs_{n}.md: --format json reports {got:,} recommendation(s) of {n:,}"
        (notes if got == n else failures).append(line)
    one, two = cases["sl_jobs1"].capture, cases["sl_jobs2"].capture
    assert one is not None and two is not None
    same = one.read_bytes() == two.read_bytes()
    line = f"split_{SPLIT}/ (200 files): --jobs 2 output {'identical' if same else 'DIFFERENT'} to --jobs 1"
    (notes if same else failures).append(line)
    for case in cases.values():
        if case.capture is not None:
            case.capture.unlink(missing_ok=True)  # a 100,000-recommendation json report is large
    if failures:
        raise BenchError("output check failed: " + "; ".join(failures))
    return notes


# ---- in-process and import time ----------------------------------------------------------

IN_PROCESS = r"""
import json, statistics, sys, time
t0 = time.perf_counter()
from smartlint.api import lint_text
import_s = time.perf_counter() - t0
runs, budget = int(sys.argv[1]), float(sys.argv[2])
one = open(sys.argv[3], encoding="utf-8").read()
t0 = time.perf_counter(); lint_text(one); first_s = time.perf_counter() - t0
result = {"import_s": import_s, "first_call_s": first_s, "sizes": {}}
for path in sys.argv[4:]:
    text = open(path, encoding="utf-8").read()
    times = []
    while len(times) < runs and sum(times) < budget:
        t0 = time.perf_counter(); report = lint_text(text); times.append(time.perf_counter() - t0)
        del report
    result["sizes"][path.rsplit("_", 1)[-1].removesuffix(".md")] = times
calls = 300
t0 = time.perf_counter()
for _ in range(calls):
    lint_text(one)
result["one_rec_call_s"] = (time.perf_counter() - t0) / calls
print(json.dumps(result))
"""


def in_process(corpus: Path, sizes: list[int], runs: int, budget: float, env: dict[str, str]) -> dict:
    paths = [str(corpus / f"recs_{n}.md") for n in sizes if n >= 1000]
    done = subprocess.run([sys.executable, "-c", IN_PROCESS, str(runs), str(budget), str(corpus / "recs_1.md"), *paths],
                          env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BenchError(f"lint_text benchmark failed: {done.stderr[-600:]}")
    return json.loads(done.stdout)


IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")


def import_times(corpus: Path, env: dict[str, str], runs: int) -> dict:
    """`python -X importtime -m smartlint check` on one recommendation, median per module."""
    per_module: dict[str, list[tuple[int, int, int]]] = {}
    totals = []
    for _ in range(runs + 1):  # the first run (pyc and page cache) is discarded
        done = subprocess.run([sys.executable, "-X", "importtime", "-m", "smartlint", "check", "--isolated", "recs_1.md"],
                              cwd=corpus, env=env, capture_output=True, text=True)
        rows = [IMPORT_LINE.match(line) for line in done.stderr.splitlines()]
        rows = [m for m in rows if m]
        if not rows:
            raise BenchError(f"-X importtime printed nothing: {done.stderr[-400:]}")
        totals.append(sum(int(m.group(1)) for m in rows))
        if len(totals) == 1:
            continue
        for m in rows:
            per_module.setdefault(m.group(4), []).append((int(m.group(1)), int(m.group(2)), len(m.group(3)) // 2))
    modules = {
        name: {"self_ms": statistics.median(r[0] for r in rec) / 1000,
               "cumulative_ms": statistics.median(r[1] for r in rec) / 1000,
               "depth": rec[0][2]}
        for name, rec in per_module.items()
    }
    loaded = sorted({name.split(".")[0] for name in modules} & set(OPTIONAL_HEAVY))
    return {"total_ms": statistics.median(totals[1:]) / 1000, "modules": modules, "heavy_loaded": loaded}


# ---- profiling ------------------------------------------------------------------------------


def profile(corpus: Path, sizes: list[int], env: dict[str, str], outdir: Path) -> list[Path]:
    import pstats

    written = []
    for n in sizes:
        prof = outdir / f"profile_{n}.prof"
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "smartlint", "check", "--isolated", f"recs_{n}.md"],
                       cwd=corpus, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        report = outdir / f"profile_{n}.txt"
        with report.open("w") as out:
            stats = pstats.Stats(str(prof), stream=out).strip_dirs()
            out.write(f"# cProfile of `smartlint check --isolated recs_{n}.md`\n\n## by own time\n")
            stats.sort_stats("tottime").print_stats(30)
            out.write("\n## by cumulative time\n")
            stats.sort_stats("cumulative").print_stats(40)
        written.append(report)
        log(f"  wrote {report}")
    return written


# ---- budgets and report -------------------------------------------------------------------


@dataclass
class Budget:
    name: str
    target: str
    measured: str
    verdict: str  # PASS, FAIL or SKIP


def check_budgets(cases: dict[str, Case], quick: bool) -> list[Budget]:
    budgets = []
    cold = cases["sl_text_1"].median
    floor = f" (`python -c pass`: {fmt_s(cases['py_pass'].median)})" if "py_pass" in cases else ""
    budgets.append(Budget("cold start, 1 recommendation", f"≤ {COLD_START_S * 1000:.0f} ms median", fmt_s(cold) + floor,
                          "PASS" if cold <= COLD_START_S else "FAIL"))
    if quick or "sl_text_100000" not in cases:
        for name in ("100,000 vs proselint", "100,000 throughput", "linear 10,000 → 100,000", "peak memory at 100,000"):
            budgets.append(Budget(name, "", "not measured (--quick)", "SKIP"))
    else:
        big = cases["sl_text_100000"].median
        ten = cases.get("sl_text_10000_paired", cases["sl_text_10000"]).median
        peer = cases.get("pl_100000")
        if peer and peer.samples:
            ratio = peer.median / big
            budgets.append(Budget("100,000 vs proselint (same file, same run)", f"≥ {PEER_RATIO:.0f}× faster",
                                  f"{ratio:.1f}× ({fmt_s(peer.median)} vs {fmt_s(big)})", "PASS" if ratio >= PEER_RATIO else "FAIL"))
        else:
            budgets.append(Budget("100,000 vs proselint (same file, same run)", f"≥ {PEER_RATIO:.0f}× faster", "proselint not run", "SKIP"))
        rate = 100000 / big
        aim = "aim met" if rate >= AIM_RECS_PER_S else f"aim {fmt_n(AIM_RECS_PER_S)}/s not yet met"
        budgets.append(Budget("100,000 throughput (whole process)", f"> {fmt_n(WRITE_GOOD_RECS_PER_S)} recs/s (write-good library)",
                              f"{fmt_n(rate)} recs/s ({aim})", "PASS" if rate > WRITE_GOOD_RECS_PER_S else "FAIL"))
        factor = big / ten
        budgets.append(Budget("linear: t(100,000) / t(10,000), same rounds", f"≤ {LINEAR_FACTOR:.0f}",
                              f"{factor:.1f} ({fmt_s(big)} / {fmt_s(ten)})",
                              "PASS" if factor <= LINEAR_FACTOR else "FAIL"))
        peaks = {fmt: cases[f"sl_{fmt}_100000"].peak_mib for fmt in ("text", "json")}
        if all(p is not None for p in peaks.values()):
            worst = max(peaks.values())
            budgets.append(Budget("peak memory at 100,000 (text and json)", f"≤ {PEAK_MIB:.0f} MiB",
                                  f"{peaks['text']:.0f} MiB text, {peaks['json']:.0f} MiB json", "PASS" if worst <= PEAK_MIB else "FAIL"))
        else:
            budgets.append(Budget("peak memory at 100,000", f"≤ {PEAK_MIB:.0f} MiB", "no rusage on this OS", "SKIP"))
    one, two = cases["sl_jobs1"].median, cases["sl_jobs2"].median
    speedup = one / two
    budgets.append(Budget(f"--jobs 2 vs --jobs 1, {SPLIT:,} recs in 200 files", f"≥ {JOBS_SPEEDUP}× faster",
                          f"{speedup:.2f}× ({fmt_s(one)} → {fmt_s(two)})", "PASS" if speedup >= JOBS_SPEEDUP else "FAIL"))
    return budgets


def markdown(meta: dict, cases: dict[str, Case], sizes: list[int], inproc: dict, imports: dict,
             budgets: list[Budget], notes: list[str], runs: int, peer_runs: int) -> str:
    out = ["# smartlint benchmark results", ""]
    out.append(f"Written by `{meta['command']}` on {meta['date']} (smartlint {meta['smartlint']} at {meta['git']}, "
               f"proselint {meta['proselint']}).")
    out.append("")
    out.append("| machine | |")
    out.append("|---|---|")
    for key in ("cpu", "cores", "memory", "python", "os"):
        out.append(f"| {key} | {meta['machine'][key]} |")
    out.append(f"| load average (start → end) | {meta['load_start']} → {meta['load_end']} |")
    out.append("")
    out.append(f"Whole processes (`smartlint check --isolated`, `NO_COLOR=1`, output to /dev/null), median of {runs} runs "
               f"(proselint: {peer_runs}), interleaved round by round. The corpus is `make_corpus.py` from the shared "
               f"folder, about 220 bytes per recommendation.")
    out.append("")
    out.append("| corpus | smartlint text | smartlint json | text spread (min–max) | smartlint recs/s | peak RSS text / json | proselint | proselint ÷ smartlint |")
    out.append("|---|---|---|---|---|---|---|---|")

    def row(label: str, n: int, text: Case, json_case: Case | None, peer: Case | None) -> str:
        rate = fmt_n(n / text.median)
        peak = f"{text.peak_mib:.0f}" if text.peak_mib is not None else "–"
        if json_case is not None and json_case.peak_mib is not None:
            peak += f" / {json_case.peak_mib:.0f}"
        peak += " MiB"
        has_peer = peer is not None and peer.samples
        ratio = f"{peer.median / text.median:.1f}×" if has_peer else "–"
        return (f"| {label} | {fmt_s(text.median)} | {fmt_s(json_case.median) if json_case else '–'} | {text.spread()} | "
                f"{rate} | {peak} | {fmt_s(peer.median) if has_peer else '–'} | {ratio} |")

    for n in sizes:
        label = "1 recommendation (cold start)" if n == 1 else f"{n:,} recommendations, one file"
        out.append(row(label, n, cases[f"sl_text_{n}"], cases[f"sl_json_{n}"], cases.get(f"pl_{n}")))
    split_peer = cases.get("pl_split")
    out.append(row(f"{SPLIT:,} in 200 files, `--jobs 1`", SPLIT, cases["sl_jobs1"], None, split_peer))
    out.append(row(f"{SPLIT:,} in 200 files, `--jobs 2`", SPLIT, cases["sl_jobs2"], None, split_peer))
    if "py_pass" in cases:
        out.append(f"| `python -c pass` (floor: interpreter, site and .pth files) | {fmt_s(cases['py_pass'].median)} | | | | | | |")
        out.append(f"| `python -I -S -c pass` (bare interpreter) | {fmt_s(cases['py_bare'].median)} | | | | | | |")
    out.append("")
    out.append("proselint is run as `proselint check --config rc.json FILE` with `{\"max_errors\": 100000000}`; on the "
               "folder it is given the folder. write-good's library (Node, one process) is quoted from the shared "
               f"README for reference only: about {fmt_n(WRITE_GOOD_RECS_PER_S)} recommendations a second on this corpus.")
    out.append("")
    out.append("## Budgets (issue 6)")
    out.append("")
    out.append("| budget | target | measured | result |")
    out.append("|---|---|---|---|")
    for b in budgets:
        out.append(f"| {b.name} | {b.target} | {b.measured} | **{b.verdict}** |")
    out.append("")
    out.append("## `lint_text` in one process")
    out.append("")
    out.append(f"`from smartlint.api import lint_text` takes {fmt_s(inproc['import_s'])}; the first call (rules and "
               f"lexicons load) {fmt_s(inproc['first_call_s'])}; later one-recommendation calls "
               f"{inproc['one_rec_call_s'] * 1000:.2f} ms each ({fmt_n(1 / inproc['one_rec_call_s'])} calls/s).")
    out.append("")
    out.append("| document | median | runs | recommendations/s |")
    out.append("|---|---|---|---|")
    for n, times in inproc["sizes"].items():
        med = statistics.median(times)
        out.append(f"| {int(n):,} recommendations | {fmt_s(med)} | {len(times)} | {fmt_n(int(n) / med)} |")
    out.append("")
    out.append("## Start-up: `python -X importtime -m smartlint check --isolated recs_1.md`")
    out.append("")
    out.append(f"All imports: {imports['total_ms']:.0f} ms (median). Heavy or optional packages loaded at start-up: "
               f"{', '.join(imports['heavy_loaded']) or 'none'}.")
    out.append("")
    out.append("| top-level import | cumulative | | heaviest module (own time) | self |")
    out.append("|---|---|---|---|---|")
    mods = imports["modules"]
    top = sorted((m for m in mods.items() if m[1]["depth"] == 0), key=lambda m: -m[1]["cumulative_ms"])[:12]
    own = sorted(mods.items(), key=lambda m: -m[1]["self_ms"])[:12]
    for (tname, t), (oname, o) in zip(top, own):
        out.append(f"| `{tname}` | {t['cumulative_ms']:.1f} ms | | `{oname}` | {o['self_ms']:.1f} ms |")
    out.append("")
    out.append("## Checks")
    out.append("")
    out.extend(f"- {note}" for note in notes)
    out.append("")
    return "\n".join(out)


# ---- main ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs per case; the median is reported (default 5)")
    parser.add_argument("--peer-runs", type=int, default=None, help="runs per proselint case (default: --runs; proselint takes minutes on 100,000)")
    parser.add_argument("--case-budget", type=float, default=600, help="stop repeating a case once its runs have taken this many seconds in all (default 600; at least one run)")
    parser.add_argument("--quick", action="store_true", help="3 runs, proselint once, no 100,000 file: for development")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder holding bench/make_corpus.py (default: ../shared beside the checkout)")
    parser.add_argument("--workdir", type=Path, default=REPO / "bench" / "out", help="where the corpus and profiles go (default bench/out, gitignored)")
    parser.add_argument("--results", type=Path, default=REPO / "bench" / "results.md", help="the Markdown table to write (default bench/results.md)")
    parser.add_argument("--no-peers", action="store_true", help="do not run proselint")
    parser.add_argument("--install-peers", action="store_true", help="pip-install proselint into this environment if it is missing")
    parser.add_argument("--profile", action="store_true", help="also cProfile smartlint on 1, 10,000 and 100,000 recommendations")
    args = parser.parse_args(argv)

    runs = 3 if args.quick and args.runs == 5 else args.runs
    peer_runs = args.peer_runs if args.peer_runs is not None else (1 if args.quick else runs)
    sizes = [n for n in SIZES if not (args.quick and n == 100000)]
    workdir = args.workdir.resolve()
    corpus = workdir / "corpus"
    # Bytecode caching on, as an installed smartlint has it (pip compiles on install); the cache
    # goes to bench/out so the checkout is not littered with __pycache__ folders.
    env = dict(os.environ, NO_COLOR="1", PYTHONPYCACHEPREFIX=str(workdir / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    smartlint = smartlint_command()
    proselint = None if args.no_peers else proselint_command(args.install_peers)
    if proselint is None and not args.no_peers:
        log("proselint is not installed: `pip install proselint` (or --install-peers), or pass --no-peers")
        return 2

    try:
        log(f"corpus: {corpus} (sizes {', '.join(map(str, sizes))}; {SPLIT} split into 200 files)")
        make_corpus(args.shared.resolve(), corpus, sizes)
        rc = corpus / "rc.json"
        rc.write_text(json.dumps(PROSELINT_RC))
        load_start = load_average()
        precheck(smartlint, corpus, env)
        captures = workdir / "captured"
        captures.mkdir(exist_ok=True)

        cases: dict[str, Case] = {}

        def add(key: str, label: str, cmd: list[str], peer: bool = False, capture: bool = False) -> Case:
            cases[key] = Case(key, label, cmd, peer=peer, capture=captures / f"{key}.out" if capture else None)
            return cases[key]

        def group(n: int) -> list[Case]:
            name = f"recs_{n}.md"
            members = [add(f"sl_text_{n}", f"smartlint text {name}", [*smartlint, "check", "--isolated", name]),
                       add(f"sl_json_{n}", f"smartlint json {name}", [*smartlint, "check", "--isolated", "--format", "json", name], capture=True)]
            if proselint:
                members.append(add(f"pl_{n}", f"proselint {name}", [*proselint, "check", "--config", "rc.json", name], peer=True))
            return members

        for n in sizes:
            log(f"measuring {n:,}")
            members = group(n)
            if n == 100000:
                # 10,000 again in the same rounds as 100,000, so the linearity ratio compares runs
                # made under the same machine load rather than minutes apart
                members.append(add("sl_text_10000_paired", "smartlint text recs_10000.md (paired)",
                                   [*smartlint, "check", "--isolated", "recs_10000.md"]))
            if n == 1:
                members.append(add("py_pass", "python -c pass", [sys.executable, "-c", "pass"]))
                members.append(add("py_bare", "python -I -S -c pass", [sys.executable, "-I", "-S", "-c", "pass"]))
            measure(members, runs, peer_runs, env, corpus, warmup=(n == 1), case_budget=args.case_budget)
        log(f"measuring {SPLIT:,} in 200 files")
        folder = f"split_{SPLIT}"
        members = [add("sl_jobs1", "smartlint --jobs 1 folder", [*smartlint, "check", "--isolated", "--jobs", "1", folder], capture=True),
                   add("sl_jobs2", "smartlint --jobs 2 folder", [*smartlint, "check", "--isolated", "--jobs", "2", folder], capture=True)]
        if proselint:
            members.append(add("pl_split", "proselint folder", [*proselint, "check", "--config", "rc.json", folder], peer=True))
        measure(members, runs, peer_runs, env, corpus, warmup=False, case_budget=args.case_budget)

        notes = verify(cases, sizes)
        for note in notes:
            log(f"  {note}")
        log("measuring lint_text in one process")
        inproc = in_process(corpus, sizes, runs, args.case_budget, env)
        log("measuring import time")
        imports = import_times(corpus, env, runs)
        if args.profile:
            log("profiling")
            profile(corpus, [n for n in sizes if n != 1000], env, workdir)
    except BenchError as exc:
        log(f"bench: error: {exc}")
        return 2

    budgets = check_budgets(cases, args.quick)
    meta = {
        "command": " ".join(["python", "bench/run.py", *(argv if argv is not None else sys.argv[1:])]),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "smartlint": dist_version(sys.executable, "smartlint"),
        "proselint": dist_version(sys.executable, "proselint") if proselint else "not run",
        "git": git_revision(),
        "machine": machine(),
        "load_start": load_start,
        "load_end": load_average(),
    }
    text = markdown(meta, cases, sizes, inproc, imports, budgets, notes, runs, peer_runs if proselint else 0)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(text, encoding="utf-8")
    raw = {"meta": meta, "cases": {k: [s.__dict__ for s in c.samples] for k, c in cases.items()},
           "in_process": inproc, "imports": imports, "budgets": [b.__dict__ for b in budgets]}
    (workdir / "results.json").write_text(json.dumps(raw, indent=1))
    print(text)
    for b in budgets:
        print(f"{b.verdict:<4}  {b.name}: {b.measured} (target {b.target or '–'})")
    log(f"wrote {args.results} and {workdir / 'results.json'}")
    return 1 if any(b.verdict == "FAIL" for b in budgets) else 0


if __name__ == "__main__":
    sys.exit(main())
