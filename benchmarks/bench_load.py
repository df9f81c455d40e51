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

import tempfile
from pathlib import Path

# _common first: it puts this checkout on sys.path for the docgen imports below.
from _common import add_json_option, base_record, best_of, make_parser, print_record, ratio_line

import yaml

from docgen.loader import load_project
from docgen.models import Project
from docgen.synthetic import write_synthetic_project

TARGET_RATIO = 1.3


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
        **base_record("load_and_validate"),
        "requirements": requirements,
        "file_bytes": size,
        "repeat": repeat,
        "docgen_load_s": round(docgen_s, 4),
        "bare_yaml_pydantic_s": round(bare_s, 4),
        "ratio": round(docgen_s / bare_s, 3),
        "target_ratio": TARGET_RATIO,
        "pyyaml": yaml.__version__,
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = make_parser(__doc__, ("--requirements", 10_000))
    add_json_option(parser)
    args = parser.parse_args(argv)
    print_record(measure(args.requirements, args.repeat), args.json, _report)
    return 0


def _report(record: dict[str, object]) -> None:
    repeat = record["repeat"]
    print(f"file: {record['requirements']:,} requirements, {record['file_bytes']:,} bytes")
    print(f"(a) docgen.loader.load_project      best of {repeat}: {record['docgen_load_s']:.3f} s")
    print(f"(b) yaml CSafeLoader + model_validate best of {repeat}: {record['bare_yaml_pydantic_s']:.3f} s")
    print(ratio_line(record["ratio"], TARGET_RATIO))


if __name__ == "__main__":
    raise SystemExit(main())
