"""Load and validate: docgen's loader against bare PyYAML (C loader) + pydantic.

Writes the 10,000-requirement synthetic project to a temporary directory, then times
(a) `docgen.loader.load_project(path)` and
(b) `yaml.load(text, Loader=yaml.CSafeLoader)` + `Project.model_validate(data)`,
each best of N runs with `time.perf_counter`. The ratio a/b shows what docgen's
extras (line/column bookkeeping, duplicate keys, YAML 1.2 booleans, cross-reference
checks) cost on top of the bare minimum. Target: ratio <= 1.3.

    .venv/bin/python benchmarks/bench_load.py [--requirements N] [--repeat N] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from docgen.loader import load_project  # noqa: E402
from docgen.models import Project  # noqa: E402
from docgen.synthetic import write_synthetic_project  # noqa: E402

TARGET_RATIO = 1.3


def best_of(repeat: int, *funcs: Callable[[], object]) -> list[float]:
    """The fastest of `repeat` runs of each of `funcs`, in seconds.

    The functions take turns (a, b, a, b, ...) so that load from other processes on
    the machine affects all of them alike instead of skewing the ratio.
    """
    times: list[list[float]] = [[] for _ in funcs]
    for _ in range(repeat):
        for func, spent in zip(funcs, times):
            start = time.perf_counter()
            func()
            spent.append(time.perf_counter() - start)
    return [min(spent) for spent in times]


def bare_load(path: Path) -> Project:
    text = path.read_text(encoding="utf-8")
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    return Project.model_validate(data)


def measure(requirements: int, repeat: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        path = write_synthetic_project(Path(tmp) / "project.yaml", requirements=requirements)
        size = path.stat().st_size
        loaded = load_project(path)  # also proves the file is valid
        assert len(loaded.requirements) == requirements
        docgen_s, bare_s = best_of(repeat, lambda: load_project(path), lambda: bare_load(path))
    return {
        "benchmark": "load_and_validate",
        "date": dt.date.today().isoformat(),
        "requirements": requirements,
        "file_bytes": size,
        "repeat": repeat,
        "docgen_load_s": round(docgen_s, 4),
        "bare_yaml_pydantic_s": round(bare_s, 4),
        "ratio": round(docgen_s / bare_s, 3),
        "target_ratio": TARGET_RATIO,
        "python": platform.python_version(),
        "pyyaml": yaml.__version__,
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requirements", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print one JSON record instead of text")
    args = parser.parse_args(argv)
    record = measure(args.requirements, args.repeat)
    if args.json:
        print(json.dumps(record, sort_keys=True))
    else:
        print(f"file: {record['requirements']:,} requirements, {record['file_bytes']:,} bytes")
        print(f"(a) docgen.loader.load_project      best of {args.repeat}: {record['docgen_load_s']:.3f} s")
        print(f"(b) yaml CSafeLoader + model_validate best of {args.repeat}: {record['bare_yaml_pydantic_s']:.3f} s")
        verdict = "ok" if record["ratio"] <= TARGET_RATIO else "ABOVE TARGET"
        print(f"ratio a/b: {record['ratio']:.2f} (target <= {TARGET_RATIO}) {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
