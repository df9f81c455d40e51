"""docgen against its peers, Carbone 3 and docxtemplater, in the same run.

Cases, each interleaved (docgen and a peer, then the reverse order; docgen has rounds
of its own with each peer, so docxtemplater's heavy work never lands on Carbone's
rounds) over --rounds rounds, reported as medians with their spread and as the median
of the per-round ratios docgen/Carbone:

1. Tables of 1,000 and 10,000 rows, render + save. docgen renders the Implementation
   Concept of a project whose requirements are all open (its open-points table has one
   row per requirement) in this process, with its template prepared and compiled
   (warm, as in a build after the first project); the cold figure (caches cleared
   before every call, the templates' parts on disk not used) is reported too. The
   peers render a 7-column table of the very same texts from JSON in a node process
   that stays up; each times its own call (render and write the file), the data
   parsed once beforehand. Every call of this comparison starts after 0.3 s of quiet.
2. End to end, whole processes: `docgen build` of a 10,000-requirement project file
   (its Implementation Concept, about 3,900 open points) against `node peers.js once
   carbone` with a 10,000-row table from a JSON file. docgen runs as installed, its
   bytecode compiled, a repeated build (the template's parts cached on disk) against the
   target, the first build of the template reported beside it (see `end_to_end`).

Targets: docgen at most Carbone's time in every case; the exit code is 1 when one is
missed. The peers come from npm (benchmarks/peers/package.json; `make bench` installs
them); without node they are left out and said to be.

    .venv/bin/python benchmarks/bench_peers.py [--rounds N] [--json]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# _common first: it puts this checkout on sys.path for the docgen imports below.
from _common import ROOT, add_json_option, base_record, paired, paired_line, print_record

from docx import Document

from docgen.models import Project
from docgen.renderers import RenderOptions, get_renderer
from docgen.cache_dir import ENV_OFF
from docgen.renderers import docx_engine
from docgen.renderers.docx_common import COMPILED
from docgen.renderers.implementation_concept import build_context
from docgen.synthetic import synthetic_project, write_synthetic_project

PEERS = ROOT / "benchmarks" / "peers"
SETTLE_S = 0.3
COLUMNS = ("id", "title", "notes", "responsible", "side", "due", "status")
OPTIONS = RenderOptions(timestamp=dt.datetime(2026, 3, 2, tzinfo=dt.timezone.utc), today=dt.date(2026, 11, 27))


def all_open(rows: int) -> Project:
    data = synthetic_project(rows)
    for requirement in data["requirements"]:
        requirement["status"] = "open"
        for done_only in ("done_on", "verified", "verified_on", "verified_by", "verified_system"):
            requirement.pop(done_only, None)  # only a done item has a done date or is re-checked
    return Project.model_validate(data)


def table_rows(project: Project) -> list[dict[str, str]]:
    """The open points exactly as docgen prints them, for the peers to print."""
    context = build_context(project, OPTIONS, None)
    return [{name: getattr(point, name) for name in COLUMNS} for point in context.open_points]


def peer_template(path: Path, cells: list[str], extra_row: list[str] | None = None) -> Path:
    document = Document()
    document.add_heading("Open points", 1)
    table = document.add_table(rows=1, cols=len(COLUMNS))
    for cell, name in zip(table.rows[0].cells, COLUMNS):
        cell.text = name.title()
    for row in [cells] + ([extra_row] if extra_row else []):
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    document.save(path)
    return path


def peer_templates(folder: Path) -> dict[str, Path]:
    carbone = [f"{{d.rows[i].{name}}}" for name in COLUMNS]
    carbone_next = [f"{{d.rows[i+1].{name}}}" for name in COLUMNS]
    docxtemplater = [f"{{{name}}}" for name in COLUMNS]
    docxtemplater[0], docxtemplater[-1] = "{#rows}" + docxtemplater[0], docxtemplater[-1] + "{/rows}"
    return {"carbone": peer_template(folder / "carbone.docx", carbone, carbone_next),
            "docxtemplater": peer_template(folder / "docxtemplater.docx", docxtemplater)}


class Node:
    """One node process that renders with the peers on request and times each render."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(["node", str(PEERS / "peers.js"), "serve"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, cwd=PEERS)
        self.seconds: list[float] = []

    def render(self, engine: str, template: Path, data: Path, out: Path) -> float:
        job = {"engine": engine, "template": str(template), "data": str(data), "out": str(out)}
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())["seconds"]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def peers_available() -> str:
    """'' when node and the peers are installed, else why not."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not (PEERS / "node_modules" / "carbone").is_dir():
        return "peers not installed (run 'make bench' or 'npm ci' in benchmarks/peers)"
    return ""


def table_case(rows: int, rounds: int, node: Node | None, folder: Path) -> dict[str, object]:
    project = all_open(rows)
    renderer = get_renderer("implementation-concept")
    data = folder / f"rows-{rows}.json"
    data.write_text(json.dumps({"rows": table_rows(project)}), encoding="utf-8")
    renderer.render(project, OPTIONS)  # warm: template prepared and compiled

    def cold() -> None:
        COMPILED.clear()
        docx_engine._PREPARED.clear()

    warm_result = paired(rounds, lambda: renderer.render(project, OPTIONS))
    with no_parts_cache():
        cold_result = paired(rounds, lambda: renderer.render(project, OPTIONS), before=cold)
    warm_result.pop("_times"), cold_result.pop("_times")
    record: dict[str, object] = {"rows": rows, "docgen_warm": warm_result, "docgen_cold": cold_result}
    if node is not None:
        templates = peer_templates(folder)
        series = []
        # docgen is paired with each peer in rounds of its own: docxtemplater's seconds
        # of work leave node busy (its garbage collector, a heap of a gigabyte) well past
        # the settling pause, and in shared rounds that lands on the other sides' clocks.
        for engine in ("carbone", "docxtemplater"):
            seconds: list[float] = []
            call = _peer_call(node, engine, templates[engine], data, folder / f"{engine}-{rows}.docx", seconds)
            # Each call starts after a quiet moment, so work a peer leaves running in the
            # background does not land on the next clock.
            result = paired(rounds, lambda: renderer.render(project, OPTIONS), call,
                            before=lambda: time.sleep(SETTLE_S))
            # Replace the peer's wall times (round trip included) by node's own timings.
            series.append(_with_node_times(result, [seconds]))
        record["versus_peers"] = _joined(*series)
    return record


def _joined(carbone: dict[str, object], docxtemplater: dict[str, object]) -> dict[str, object]:
    """One record of the two series: docgen's figure from the rounds with Carbone (the
    target's), then Carbone's, then docxtemplater's; each ratio from its own rounds."""
    return {**carbone,
            "median_s": carbone["median_s"] + docxtemplater["median_s"][1:],
            "spread_s": carbone["spread_s"] + docxtemplater["spread_s"][1:],
            "ratio_median": carbone["ratio_median"] + docxtemplater["ratio_median"],
            "ratio_spread": carbone["ratio_spread"] + docxtemplater["ratio_spread"],
            "docgen_with_docxtemplater_s": docxtemplater["median_s"][0]}


@contextlib.contextmanager
def no_parts_cache():
    """Cold means nothing kept, the templates' parts on disk included (docx_story_cache.py)."""
    saved = os.environ.get(ENV_OFF)
    os.environ[ENV_OFF] = "1"
    try:
        yield
    finally:
        if saved is None:
            del os.environ[ENV_OFF]
        else:
            os.environ[ENV_OFF] = saved


def _peer_call(node: Node, engine: str, template: Path, data: Path, out: Path, seconds: list[float]):
    def call() -> None:
        seconds.append(node.render(engine, template, data, out))
    return call


def _with_node_times(result: dict[str, object], peer_times: list[list[float]]) -> dict[str, object]:
    """paired() timed the peers from Python; their own timings are the fair figure."""
    ours = result["_times"][0]
    medians = [result["median_s"][0]] + [round(statistics.median(t), 4) for t in peer_times]
    spreads = [result["spread_s"][0]] + [[round(min(t), 4), round(max(t), 4)] for t in peer_times]
    ratios = [[a / b for a, b in zip(ours, t)] for t in peer_times]
    return {**{k: v for k, v in result.items() if k != "_times"}, "median_s": medians, "spread_s": spreads,
            "ratio_median": [round(statistics.median(r), 3) for r in ratios],
            "ratio_spread": [[round(min(r), 3), round(max(r), 3)] for r in ratios]}


def end_to_end(rounds: int, folder: Path) -> dict[str, object]:
    """Whole processes; docgen as installed: its bytecode compiled (pip compiles it; a
    checkout run with PYTHONDONTWRITEBYTECODE=1 compiles some 80 modules from source in
    every process) and, for a repeated build, the templates' parts cached from the first
    (docx_story_cache.py). The first build of a template (parts not cached) is a third
    side of the same rounds. Both caches live in `folder`, made by an untimed first run."""
    project_file = write_synthetic_project(folder / "e2e" / "project.yaml", requirements=10_000)
    data = folder / "rows-10000.json"
    template = peer_templates(folder)["carbone"]
    docgen = [sys.executable, "-m", "docgen", "build", str(project_file), "--only", "implementation-concept",
              "-j", "1", "-o", str(folder / "e2e-out")]
    carbone = ["node", str(PEERS / "peers.js"), "once", "carbone", str(template), str(data),
               str(folder / "e2e-carbone.docx")]
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPYCACHEPREFIX=str(folder / "pycache"), DOCGEN_CACHE_DIR=str(folder / "docgen-cache"))
    first_build = {**env, ENV_OFF: "1"}
    subprocess.run(docgen, check=True, capture_output=True, env=env)  # writes the bytecode and the parts
    cpu: list[list[float]] = [[], [], []]  # user + sys of each process, all its threads
    result = paired(rounds, _child(cpu[0], docgen, env=env), _child(cpu[1], carbone, cwd=PEERS),
                    _child(cpu[2], docgen, env=first_build))
    times = result.pop("_times")
    result["first_build_ratio"] = _ratio(times[2], times[1])
    result["cpu_median_s"] = [round(statistics.median(seconds), 4) for seconds in cpu]
    result["cpu_ratio"] = _ratio(cpu[0], cpu[1])
    result["cpu_first_build_ratio"] = _ratio(cpu[2], cpu[1])
    return result


def _child(cpu: list[float], command: list[str], **options: object):
    """A call that runs `command` and notes the CPU time it took (less load-dependent than wall)."""
    def call() -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, check=True, capture_output=True, **options)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return call


def _ratio(ours: list[float], theirs: list[float]) -> list[object]:
    """The median of the per-round ratios, with their spread."""
    ratios = [a / b for a, b in zip(ours, theirs)]
    return [round(statistics.median(ratios), 3), [round(min(ratios), 3), round(max(ratios), 3)]]


def measure(rounds: int) -> dict[str, object]:
    missing = peers_available()
    record: dict[str, object] = {**base_record("peers"), "rounds": rounds, "peers_missing": missing}
    with tempfile.TemporaryDirectory(prefix="docgen-peers-") as tmp:
        folder = Path(tmp)
        node = None if missing else Node()
        try:
            record["tables"] = [table_case(rows, rounds, node, folder) for rows in (1_000, 10_000)]
        finally:
            if node is not None:
                node.close()
        if not missing:
            record["end_to_end"] = end_to_end(rounds, folder)
    return record


def missed_targets(record: dict[str, object]) -> list[str]:
    missed = []
    for case in record["tables"]:
        peers = case.get("versus_peers")
        if peers and peers["ratio_median"][0] > 1.0:
            missed.append(f"{case['rows']:,} rows: docgen/Carbone {peers['ratio_median'][0]:.2f} > 1.0")
    e2e = record.get("end_to_end")
    if e2e and e2e["ratio_median"][0] > 1.0:
        missed.append(f"end to end: docgen/Carbone {e2e['ratio_median'][0]:.2f} > 1.0")
    return missed


def main(argv: list[str] | None = None) -> int:
    import argparse
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    add_json_option(parser)
    args = parser.parse_args(argv)
    record = measure(args.rounds)
    record["missed"] = missed_targets(record)
    print_record(record, args.json, _report)
    return 1 if record["missed"] else 0


def _report(record: dict[str, object]) -> None:
    if record["peers_missing"]:
        print(f"peers left out: {record['peers_missing']}")
    for case in record["tables"]:
        print(f"table of {case['rows']:,} rows, render + save")
        print("  " + paired_line("docgen warm (in-process, alone)", case["docgen_warm"], 0))
        print("  " + paired_line("docgen cold (caches cleared)   ", case["docgen_cold"], 0))
        peers = case.get("versus_peers")
        if peers:
            for index, name in enumerate(("docgen", "Carbone 3", "docxtemplater")):
                print("  " + paired_line(f"{name:<14}", peers, index))
            low, high = peers["ratio_spread"][0]
            print(f"  docgen/Carbone paired median {peers['ratio_median'][0]:.2f} ({low:.2f}-{high:.2f}) "
                  f"target <= 1.0; docgen/docxtemplater {peers['ratio_median'][1]:.2f}")
    e2e = record.get("end_to_end")
    if e2e:
        print("end to end, whole processes (10,000-requirement file -> Implementation Concept; "
              "Carbone: 10,000-row JSON)")
        print("  " + paired_line("docgen build, repeated     ", e2e, 0))
        print("  " + paired_line("node + Carbone             ", e2e, 1))
        print("  " + paired_line("docgen build, first (no parts cached)", e2e, 2))
        low, high = e2e["ratio_spread"][0]
        print(f"  docgen/Carbone paired median {e2e['ratio_median'][0]:.2f} ({low:.2f}-{high:.2f}) target <= 1.0")
        first, (low, high) = e2e["first_build_ratio"]
        print(f"  first build/Carbone paired median {first:.2f} ({low:.2f}-{high:.2f})")
        ours, theirs, first_cpu = e2e["cpu_median_s"]
        (cpu, (low, high)), (cpu_first, _) = e2e["cpu_ratio"], e2e["cpu_first_build_ratio"]
        print(f"  CPU (user+sys): docgen repeated {ours:.3f} s, first {first_cpu:.3f} s, node + Carbone "
              f"{theirs:.3f} s; docgen/Carbone {cpu:.2f} ({low:.2f}-{high:.2f}), first build {cpu_first:.2f}")
    for line in record["missed"]:
        print(f"MISSED: {line}")


if __name__ == "__main__":
    raise SystemExit(main())
