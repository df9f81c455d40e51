"""Load and validate: docgen's loader against bare PyYAML (C loader) + pydantic.

Writes the 10,000-requirement synthetic project to a temporary directory, then times
(a) `docgen.loader.load_project(path)` and
(b) `yaml.load(text, Loader=yaml.CSafeLoader)` + `Project.model_validate(data)`,
interleaved over N rounds with the garbage collector paused on both sides (docgen's
loader pauses it itself, so the bare side gets the same), reported as medians with
their spread and the median of the per-round ratios a/b: what docgen's extras
(line/column bookkeeping, duplicate keys, YAML 1.2 booleans, cross-reference checks)
cost on top of the bare minimum. Target: ratio <= 0.5 (a compiled parser for the
common valid case would have to do it); the exit code is 1 when missed.

    .venv/bin/python benchmarks/bench_load.py [--requirements N] [--repeat N] [--json]
"""

from __future__ import annotations

import tempfile
from pathlib import Path

# _common first: it puts this checkout on sys.path for the docgen imports below.
from _common import add_json_option, base_record, make_parser, paired, paired_line, print_record, ratio_line

import yaml

from docgen.loader import load_project
from docgen.models import Project
from docgen.synthetic import write_synthetic_project

TARGET_RATIO = 0.5  # issue 15: at most half the bare floor (1.3 before)


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
        result = paired(repeat, lambda: load_project(path), lambda: bare_load(path), gc_paused=True)
    return {
        **base_record("load_and_validate"),
        "requirements": requirements,
        "file_bytes": size,
        "rounds": repeat,
        "gc_paused_both_sides": True,
        "docgen_load_s": result["median_s"][0],
        "bare_yaml_pydantic_s": result["median_s"][1],
        "spread_s": result["spread_s"],
        "ratio": result["ratio_median"][0],
        "ratio_spread": result["ratio_spread"][0],
        "target_ratio": TARGET_RATIO,
        "pyyaml": yaml.__version__,
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = make_parser(__doc__, ("--requirements", 10_000), repeat=7)
    add_json_option(parser)
    args = parser.parse_args(argv)
    record = measure(args.requirements, args.repeat)
    print_record(record, args.json, _report)
    return 0 if record["ratio"] <= TARGET_RATIO else 1


def _report(record: dict[str, object]) -> None:
    print(f"file: {record['requirements']:,} requirements, {record['file_bytes']:,} bytes; GC paused on both sides")
    result = {"median_s": [record["docgen_load_s"], record["bare_yaml_pydantic_s"]],
              "spread_s": record["spread_s"], "rounds": record["rounds"]}
    print(paired_line("(a) docgen.loader.load_project       ", result, 0))
    print(paired_line("(b) yaml CSafeLoader + model_validate", result, 1))
    low, high = record["ratio_spread"]
    print(ratio_line(record["ratio"], TARGET_RATIO) + f" (paired median; spread {low:.2f}-{high:.2f})")


if __name__ == "__main__":
    raise SystemExit(main())
