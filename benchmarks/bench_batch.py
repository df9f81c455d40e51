"""Batch builds: `docgen build -j 1` against `-j 2` on many projects.

Writes N variants of the sample project (samples/mail-migration) to a temporary
directory: each with its own id and title, alternating English and German, and
0-19 extra checklist items, so the documents differ in size and content. Then
measures, serial and parallel taking turns (a, b, then b, a) over --repeat rounds:

(whole process) `python -m docgen build DIR -o OUT -j N`, as a user runs it: start-up,
    template preparation, rendering and writing (the issue's figure);
(in process) `run_build` in a process that has built before (imports done, templates
    compiled), serial in-process against the process pool: the build proper.

For each: the medians of wall and CPU time (user + system of the build and all its
workers), the median of the per-round speed-ups serial/parallel with their spread, the
CPU ratio parallel/serial (what the pool costs), and, measured in every round, the
speed-up the machine gives plain busy loops at that moment (`ceiling`): while other
sessions keep the cores busy no build can scale beyond it. From CPU times alone the
script also estimates the speed-up of an idle machine (`quiet_estimate`). Target:
whole process >= 1.8 with -j 2 on two cores, on a quiet machine; exit code 1 when the
measured speed-up misses it.

    .venv/bin/python benchmarks/bench_batch.py [--projects 100] [--jobs 2] [--repeat 7]
        [--only a,b] [--mode both|process|inprocess] [--json]
"""

from __future__ import annotations

import copy
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# _common first: it puts this checkout on sys.path for the docgen imports below.
from _common import ROOT, add_json_option, base_record, make_parser, print_record, verdict

import yaml

from docgen.batch import BuildRequest, run_build

SAMPLE = ROOT / "samples" / "mail-migration" / "project.yaml"
TARGET_SPEEDUP = 1.8


def variant(base: dict[str, Any], index: int) -> dict[str, Any]:
    """The sample with a new id and title, a language and `index % 20` extra checklist items."""
    data = copy.deepcopy(base)
    info = data["project"]
    info["id"] = f"{info['id']}-{index:03d}"
    info["title"] = f"{info['title']} (wave {index})"
    info["language"] = "de" if index % 2 else "en"
    extra = [dict(item, id=f"{item['id']}-x{n}") for n, item in enumerate(data["requirements"][: index % 20])]
    data["requirements"] = data["requirements"] + extra
    return data


def write_projects(directory: Path, count: int) -> list[Path]:
    base = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    paths = []
    for index in range(count):
        path = directory / f"project-{index:03d}" / "project.yaml"
        path.parent.mkdir(parents=True)
        path.write_text(yaml.safe_dump(variant(base, index), allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


Timing = tuple[float, float]  # wall seconds, CPU seconds


def build_in_process(projects: Path, out: Path, jobs: int, only: list[str] | None) -> Timing:
    """One `run_build` here; CPU counts this process and its workers (reaped by then)."""
    started, cpu_before = time.perf_counter(), _cpu_seconds(os.times())
    report = run_build(BuildRequest(sources=[projects], out=out, jobs=jobs, only=only))
    elapsed, cpu = time.perf_counter() - started, _cpu_seconds(os.times()) - cpu_before
    if report.exit_code != 0:
        raise SystemExit(f"the build failed:\n{report.summary_table()}")
    return elapsed, cpu


def build_process(projects: Path, out: Path, jobs: int, only: list[str] | None) -> Timing:
    """One `python -m docgen build`; CPU from the rusage of the process and its workers."""
    command = [sys.executable, "-m", "docgen", "build", str(projects), "-o", str(out), "-j", str(jobs)]
    if only:
        command += ["--only", ",".join(only)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"the build failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _cpu_seconds(times: os.times_result) -> float:
    return times.user + times.system + times.children_user + times.children_system


def alternate(rounds: int, build: Callable[[Path, int], Timing], jobs: int) -> dict[str, list[Timing]]:
    """Serial and parallel taking turns, a-b then b-a, so load from elsewhere hits both alike;
    each round also measures the machine's own ceiling (see `ceiling`)."""
    runs: dict[str, list[Timing]] = {"serial": [], "parallel": [], "ceiling": []}
    order = [("serial", 1), ("parallel", jobs)]
    for round_ in range(rounds):
        runs["ceiling"].append((ceiling(jobs), 0.0))
        for side, side_jobs in (order if round_ % 2 == 0 else order[::-1]):
            runs[side].append(build(Path(f"{side}-{round_}"), side_jobs))
    return runs


def ceiling(jobs: int, loops: int = 3_000_000) -> float:
    """The speed-up the machine gives `jobs` busy loops now: work that needs no
    coordination at all, in `jobs` processes against one process doing all of it.

    On an idle machine this is about `jobs`. Linux shares the CPUs between sessions
    (sched_autogroup), not processes, so while other sessions keep the cores busy a
    session's extra processes gain it little; no build can scale beyond this figure.
    """
    context = multiprocessing.get_context("fork")
    started = time.perf_counter()
    for _ in range(jobs):
        _spin(loops)
    serial = time.perf_counter() - started
    workers = [context.Process(target=_spin, args=(loops,)) for _ in range(jobs)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return serial / (time.perf_counter() - started)


def _spin(loops: int) -> None:
    total = 0
    for number in range(loops):
        total += number


def summary(runs: dict[str, list[Timing]], jobs: int, documents: int, fixed_cpu: float) -> dict[str, Any]:
    """Medians, paired speed-ups and the quiet-machine estimate of one mode."""
    ceilings = [c for c, _ in runs.pop("ceiling")]
    wall = {side: [t for t, _ in timings] for side, timings in runs.items()}
    cpu = {side: [c for _, c in timings] for side, timings in runs.items()}
    # Paired: each round's serial and parallel build ran back to back under the same load.
    speedups = [a / b for a, b in zip(wall["serial"], wall["parallel"])]
    serial_cpu, parallel_cpu = statistics.median(cpu["serial"]), statistics.median(cpu["parallel"])
    return {
        "serial_runs_s": [round(t, 2) for t in wall["serial"]],
        "parallel_runs_s": [round(t, 2) for t in wall["parallel"]],
        "serial_s": round(statistics.median(wall["serial"]), 2),
        "parallel_s": round(statistics.median(wall["parallel"]), 2),
        "serial_docs_per_s": round(documents / statistics.median(wall["serial"]), 1),
        "parallel_docs_per_s": round(documents / statistics.median(wall["parallel"]), 1),
        "speedup": round(statistics.median(speedups), 2),
        "speedup_spread": [round(min(speedups), 2), round(max(speedups), 2)],
        "serial_cpu_s": round(serial_cpu, 2),
        "parallel_cpu_s": round(parallel_cpu, 2),
        "cpu_ratio": round(statistics.median([p / s for s, p in zip(cpu["serial"], cpu["parallel"])]), 3),
        "fixed_cpu_s": round(fixed_cpu, 2),
        "quiet_estimate": round(quiet_estimate(serial_cpu, parallel_cpu, fixed_cpu, jobs), 2),
        "machine_ceiling": round(statistics.median(ceilings), 2),
        "machine_ceiling_spread": [round(min(ceilings), 2), round(max(ceilings), 2)],
        # The build's speed-up as a share of what the machine gave busy loops in the same round.
        "of_ceiling": round(statistics.median([s / c for s, c in zip(speedups, ceilings)]), 2),
    }


def quiet_estimate(serial_cpu: float, parallel_cpu: float, fixed_cpu: float, jobs: int) -> float:
    """The speed-up on an idle machine with `jobs` cores, from CPU times (Amdahl).

    Idle, a serial build takes its CPU time; a parallel one runs `fixed_cpu` (start-up
    and preparation, before the workers fork) alone, then the rest spread over the
    workers. It assumes the workers finish together; largest-first ordering keeps them
    within about one small project of each other.
    """
    fixed = min(fixed_cpu, parallel_cpu)
    return serial_cpu / (fixed + (parallel_cpu - fixed) / jobs)


def measure(count: int, jobs: int, repeat: int, only: list[str] | None, modes: list[str]) -> dict[str, Any]:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    record: dict[str, Any] = {**base_record("batch_build"), "projects": count, "jobs": jobs, "repeat": repeat,
                              "load_average_1m_start": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        root = Path(tmp)
        projects = root / "projects"
        paths = write_projects(projects, count)
        warm = run_build(BuildRequest(sources=[projects], out=root / "count", jobs=1, only=only))
        record["documents"] = documents = len(warm.documents)
        if "process" in modes:
            # Start-up and preparation: a one-project build, less one project's share of a full one.
            single = statistics.median(build_process(paths[0], root / f"single-{n}", 1, only)[1] for n in range(3))
            runs = alternate(repeat, lambda name, n: build_process(projects, root / name, n, only), jobs)
            per_project = statistics.median(c for _, c in runs["serial"]) / count
            record["process"] = summary(runs, jobs, documents, max(single - per_project, 0.0))
        if "inprocess" in modes:
            # This process built everything once above: imports and templates are warm for both sides.
            runs = alternate(repeat, lambda name, n: build_in_process(projects, root / f"in-{name}", n, only), jobs)
            record["inprocess"] = summary(runs, jobs, documents, 0.0)
    record["load_average_1m_end"] = round(os.getloadavg()[0], 2)
    record["target_speedup"] = TARGET_SPEEDUP
    return record


def main(argv: list[str] | None = None) -> int:
    parser = make_parser(__doc__, ("--projects", 100), ("--jobs", 2), repeat=7)
    parser.add_argument("--only", help="comma-separated documents (default: all)")
    parser.add_argument("--mode", choices=["both", "process", "inprocess"], default="both")
    add_json_option(parser)
    args = parser.parse_args(argv)
    only = args.only.split(",") if args.only else None
    modes = ["process", "inprocess"] if args.mode == "both" else [args.mode]
    record = measure(args.projects, args.jobs, args.repeat, only, modes)
    print_record(record, args.json, _report)
    judged = record.get("process") or record["inprocess"]
    return 0 if judged["speedup"] >= TARGET_SPEEDUP else 1


def _report(record: dict[str, Any]) -> None:
    jobs = record["jobs"]
    print(f"{record['projects']} projects, {record['documents']} documents, medians of {record['repeat']} "
          f"paired rounds; load average {record['load_average_1m_start']} at the start, "
          f"{record['load_average_1m_end']} at the end")
    for mode, label in (("process", "whole process (python -m docgen build)"),
                        ("inprocess", "in process, warm (run_build)")):
        result = record.get(mode)
        if result is None:
            continue
        low, high = result["speedup_spread"]
        print(f"{label}:")
        print(f"  -j 1: {result['serial_s']:.1f} s wall ({result['serial_docs_per_s']} documents/s), "
              f"{result['serial_cpu_s']:.1f} s CPU")
        print(f"  -j {jobs}: {result['parallel_s']:.1f} s wall ({result['parallel_docs_per_s']} documents/s), "
              f"{result['parallel_cpu_s']:.1f} s CPU (CPU ratio {result['cpu_ratio']:.3f})")
        ok = result["speedup"] >= TARGET_SPEEDUP
        print(f"  speed-up: {result['speedup']:.2f}x, spread {low:.2f}-{high:.2f} "
              f"(target >= {TARGET_SPEEDUP}) {verdict(ok, 'BELOW TARGET')}")
        low, high = result["machine_ceiling_spread"]
        print(f"  the machine's ceiling (busy loops, same rounds): {result['machine_ceiling']:.2f}x "
              f"({low:.2f}-{high:.2f}); the build reached {result['of_ceiling']:.2f} of it")
        print(f"  idle-machine estimate from CPU times: {result['quiet_estimate']:.2f}x "
              f"(start-up and preparation {result['fixed_cpu_s']:.2f} s CPU, run before the workers fork)")


if __name__ == "__main__":
    raise SystemExit(main())
