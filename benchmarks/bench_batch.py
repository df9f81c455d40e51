"""Batch builds: `run_build` serial (-j 1) against parallel (-j 2) on many projects.

Writes N variants of the sample project (samples/mail-migration) to a temporary
directory: each with its own id and title, alternating English and German, and
0-19 extra checklist items, so the documents differ in size and content. Then times
`run_build` into a fresh output directory, serial and parallel taking turns over
--repeat rounds. The speed-up is the median of the per-round ratios serial/parallel,
reported with its spread. Target: >= 1.8 with -j 2 on two cores (on a quiet machine;
on a shared one the figure says more about the neighbours); exit code 1 when missed.

    .venv/bin/python benchmarks/bench_batch.py [--projects 40] [--jobs 2] [--repeat 7] [--only a,b] [--json]
"""

from __future__ import annotations

import copy
import os
import statistics
import tempfile
import time
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


def timed_build(projects: Path, out: Path, jobs: int, only: list[str] | None) -> tuple[float, float, int]:
    """Wall time, CPU time (this process and its finished workers) and documents of one build."""
    started, cpu_before = time.perf_counter(), _cpu_seconds()
    report = run_build(BuildRequest(sources=[projects], out=out, jobs=jobs, only=only))
    elapsed, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_before
    if report.exit_code != 0:
        raise SystemExit(f"the build failed:\n{report.summary_table()}")
    return elapsed, cpu, len(report.documents)


def _cpu_seconds() -> float:
    # Pool workers count once they have exited, which run_build waits for.
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def measure(count: int, jobs: int, repeat: int, only: list[str] | None) -> dict[str, Any]:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")
    serial: list[float] = []
    parallel: list[float] = []
    cpu: dict[str, list[float]] = {"serial": [], "parallel": []}
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        projects = Path(tmp) / "projects"
        first = write_projects(projects, count)[0]
        # Imports, templates and locale data load once per process; not part of the comparison.
        timed_build(first, Path(tmp) / "warm-up", 1, only)
        for run in range(repeat):  # taking turns, so other load on the machine hits both alike
            seconds, used, documents = timed_build(projects, Path(tmp) / f"serial-{run}", 1, only)
            serial.append(seconds)
            cpu["serial"].append(used)
            seconds, used, _ = timed_build(projects, Path(tmp) / f"parallel-{run}", jobs, only)
            parallel.append(seconds)
            cpu["parallel"].append(used)
    # Paired: each round's serial and parallel build ran back to back under the same load;
    # minima from different rounds would divide one quiet moment by another.
    speedups = [a / b for a, b in zip(serial, parallel)]
    best_serial, best_parallel = statistics.median(serial), statistics.median(parallel)
    return {
        **base_record("batch_build"),
        "projects": count,
        "documents": documents,
        "jobs": jobs,
        "repeat": repeat,
        "serial_runs_s": [round(t, 2) for t in serial],
        "parallel_runs_s": [round(t, 2) for t in parallel],
        "load_average_1m": round(os.getloadavg()[0], 2),
        "serial_s": round(best_serial, 2),
        "parallel_s": round(best_parallel, 2),
        "serial_docs_per_s": round(documents / best_serial, 1),
        "parallel_docs_per_s": round(documents / best_parallel, 1),
        "speedup": round(statistics.median(speedups), 2),
        "speedup_spread": [round(min(speedups), 2), round(max(speedups), 2)],
        # CPU time of the parallel build over the serial one: what the pool itself costs.
        # With it, speed-up on an otherwise idle machine is at most jobs / cpu_ratio.
        "serial_cpu_s": round(statistics.median(cpu["serial"]), 2),
        "parallel_cpu_s": round(statistics.median(cpu["parallel"]), 2),
        "cpu_ratio": round(statistics.median([p / s for s, p in zip(cpu["serial"], cpu["parallel"])]), 3),
        "target_speedup": TARGET_SPEEDUP,
    }


def main(argv: list[str] | None = None) -> int:
    parser = make_parser(__doc__, ("--projects", 40), ("--jobs", 2), repeat=7)
    parser.add_argument("--only", help="comma-separated documents (default: all)")
    add_json_option(parser)
    args = parser.parse_args(argv)
    only = args.only.split(",") if args.only else None
    record = measure(args.projects, args.jobs, args.repeat, only)
    print_record(record, args.json, _report)
    return 0 if record["speedup"] >= TARGET_SPEEDUP else 1


def _report(record: dict[str, Any]) -> None:
    jobs = record["jobs"]
    print(f"{record['projects']} projects, {record['documents']} documents, medians of {record['repeat']} paired rounds")
    print(f"-j 1: {record['serial_s']:.1f} s ({record['serial_docs_per_s']} documents/s)")
    print(f"-j {jobs}: {record['parallel_s']:.1f} s ({record['parallel_docs_per_s']} documents/s)")
    print(f"CPU time: -j 1 {record['serial_cpu_s']:.1f} s, -j {jobs} {record['parallel_cpu_s']:.1f} s "
          f"(ratio {record['cpu_ratio']:.3f}); load average at the end: {record['load_average_1m']}")
    ok = record["speedup"] >= TARGET_SPEEDUP
    low, high = record["speedup_spread"]
    print(f"speed-up: {record['speedup']:.2f}x, spread {low:.2f}-{high:.2f} (target >= {TARGET_SPEEDUP}) {verdict(ok, 'BELOW TARGET')}")


if __name__ == "__main__":
    raise SystemExit(main())
