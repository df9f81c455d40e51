"""What the benchmark scripts share: the import path, paired interleaved timing under
equal conditions, the command line, the record's common fields and the report.

Importing this module puts the repository root on `sys.path`, so a script run as
`.venv/bin/python benchmarks/bench_x.py` imports this checkout's docgen.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _nothing() -> None:
    return None


@contextlib.contextmanager
def gc_state(paused: bool):
    """The garbage collector paused (after a full collection) or running, for one call."""
    gc.collect()
    if not paused:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def paired(rounds: int, *funcs: Callable[[], object], gc_paused: bool = False,
           before: Callable[[], object] = _nothing) -> dict[str, Any]:
    """Interleaved rounds (a, b, ... then b, a, ... in turn) under the same conditions.

    Every call gets the same garbage-collector state and the same untimed `before`
    (a cache reset, say). Returns per function the median and the spread (min, max) of
    its times, and for each function after the first the median of the per-round
    ratios first/other with their spread: the figure a noisy shared machine distorts
    least, since both calls of a round see the same load.
    """
    times: list[list[float]] = [[] for _ in funcs]
    order = list(range(len(funcs)))
    for round_ in range(rounds):
        for index in (order if round_ % 2 == 0 else order[::-1]):
            before()
            with gc_state(gc_paused):
                start = time.perf_counter()
                funcs[index]()
                times[index].append(time.perf_counter() - start)
    result: dict[str, Any] = {"rounds": rounds, "gc_paused": gc_paused,
                              "median_s": [round(statistics.median(t), 4) for t in times],
                              "spread_s": [[round(min(t), 4), round(max(t), 4)] for t in times]}
    ratios = [[a / b for a, b in zip(times[0], other)] for other in times[1:]]
    result["ratio_median"] = [round(statistics.median(r), 3) for r in ratios]
    result["ratio_spread"] = [[round(min(r), 3), round(max(r), 3)] for r in ratios]
    result["_times"] = times  # the raw figures, for a caller that substitutes some; not reported
    return result


def paired_line(label: str, result: dict[str, Any], index: int) -> str:
    """`label: median 0.123 s (0.110-0.140)` for function `index` of a paired result."""
    low, high = result["spread_s"][index]
    return f"{label}: median {result['median_s'][index]:.3f} s ({low:.3f}-{high:.3f}, {result['rounds']} rounds)"


def base_record(benchmark: str) -> dict[str, Any]:
    """The fields every record has: what ran, when, and on which machine."""
    return {"benchmark": benchmark, "date": dt.date.today().isoformat(), "python": platform.python_version(),
            "cpus": os.cpu_count(), "machine": platform.machine()}


def make_parser(doc: str, *sizes: tuple[str, int], repeat: int = 5) -> argparse.ArgumentParser:
    """A parser described by the first paragraph of `doc`, with integer options
    `sizes` (name and default, e.g. ("--requirements", 10_000)) and `--repeat`."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    for name, default in sizes:
        parser.add_argument(name, type=int, default=default)
    parser.add_argument("--repeat", type=int, default=repeat)
    return parser


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON record instead of text")


def print_record(record: dict[str, Any], as_json: bool, text: Callable[[dict[str, Any]], None]) -> None:
    """One JSON record (keys sorted) when asked for, else the script's text summary."""
    if as_json:
        print(json.dumps(record, sort_keys=True))
    else:
        text(record)


def verdict(ok: bool, missed: str = "ABOVE TARGET") -> str:
    return "ok" if ok else missed


def ratio_line(ratio: float, target: float, ok: bool | None = None) -> str:
    """`ratio a/b: 1.07 (target <= 1.3) ok`; `ok` defaults to the ratio being within target."""
    return f"ratio a/b: {ratio:.2f} (target <= {target}) {verdict(ratio <= target if ok is None else ok)}"
