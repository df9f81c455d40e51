"""DOCX rendering: docgen's renderers against bare docxtpl with the same template and context.

Two cases, timed in the same run:

1. the whole DOCX set of the sample project (samples/mail-migration), and
2. an SOW with 1,000 work packages (the sample with a generated work-package list).

For each, (a) is `renderer.render(project, options)`: template lookup, context
building, the sandboxed strict environment, branding, document properties and the
reproducible zip. (b) is bare docxtpl: `DocxTemplate(path).render(context,
autoescape=True)` and `save()`, given the very context docgen built (built once,
outside the timing). The ratio a/b is what docgen adds. Target: ratio <= 1.2; the
exit code is 1 when a case misses it.

    .venv/bin/python benchmarks/bench_docx.py [--packages N] [--repeat N] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import docxtpl  # noqa: E402
from docxtpl import DocxTemplate  # noqa: E402

from docgen.loader import load_project  # noqa: E402
from docgen.models import Project, WorkPackage  # noqa: E402
from docgen.renderers import RenderOptions, get_renderer  # noqa: E402
from docgen.renderers.docx_common import context_dict, load_template  # noqa: E402
from docgen.renderers.docx_markdown import current_template  # noqa: E402

TARGET_RATIO = 1.2
SAMPLE = ROOT / "samples" / "mail-migration" / "project.yaml"
DOCX_SET = ["charter", "workshop-agenda", "implementation-concept", "sow", "meeting-minutes"]


def best_of(repeat: int, *funcs: Callable[[], object]) -> list[float]:
    """The fastest of `repeat` runs of each function; they take turns so load hits all alike."""
    times: list[list[float]] = [[] for _ in funcs]
    for _ in range(repeat):
        for func, spent in zip(funcs, times):
            start = time.perf_counter()
            func()
            spent.append(time.perf_counter() - start)
    return [min(spent) for spent in times]


def big_sow(project: Project, packages: int) -> Project:
    """The sample with `packages` generated work packages, each with details."""
    generated = [
        WorkPackage(id=f"WP-{n:04d}", title=f"Work package {n}: configure and document component {n % 37}",
                    description=f"Install, configure and **test** component {n % 37} on staging and production.",
                    effort_days=Decimal(n % 9 + 1) + Decimal("0.5"),
                    day_rate=Decimal(1080) if n % 5 == 0 else None,
                    deliverables=[f"Configuration of component {n % 37}", "Test report"],
                    assumptions=["Access to the staging environment is available."])
        for n in range(1, packages + 1)
    ]
    sow = project.sow.model_copy(update={"work_packages": generated})
    return project.model_copy(update={"sow": sow})


class _Capture:
    """Builds docgen's contexts once, for bare docxtpl to render."""

    def __init__(self, project: Project, options: RenderOptions) -> None:
        self.project, self.options = project, options
        self.jobs: list[tuple[Path, dict]] = []

    def add(self, name: str) -> None:
        renderer = get_renderer(name)
        source = load_template(renderer.template, self.options)
        builds = [renderer.build]
        if name == "meeting-minutes":
            builds = [lambda p, o, t, m=m: renderer.build(p, o, t, meeting=m) for m in self.project.meetings]
        for build in builds:
            context = build(self.project, self.options, DocxTemplate(io.BytesIO(source.data)))
            self.jobs.append((source.path, context_dict(context)))


def bare_render(jobs: list[tuple[Path, dict]]) -> None:
    for path, context in jobs:
        template = DocxTemplate(str(path))
        token = current_template.set(template)  # Markdown text prints into this document
        try:
            template.render(context, autoescape=True)
        finally:
            current_template.reset(token)
        template.save(io.BytesIO())


def docgen_render(project: Project, options: RenderOptions, names: list[str]) -> None:
    for name in names:
        get_renderer(name).render(project, options)


def measure_case(label: str, project: Project, names: list[str], repeat: int) -> dict[str, object]:
    options = RenderOptions(project_dir=SAMPLE.parent, timestamp=dt.datetime(2026, 3, 2, tzinfo=dt.timezone.utc),
                            today=dt.date(2026, 11, 27))
    capture = _Capture(project, options)
    for name in names:
        capture.add(name)
    docgen_s, bare_s = best_of(repeat, lambda: docgen_render(project, options, names),
                               lambda: bare_render(capture.jobs))
    return {"case": label, "documents": len(capture.jobs), "docgen_s": round(docgen_s, 4),
            "bare_docxtpl_s": round(bare_s, 4), "ratio": round(docgen_s / bare_s, 3)}


def measure(packages: int, repeat: int) -> dict[str, object]:
    project = load_project(SAMPLE)
    cases = [measure_case("sample DOCX set", project, DOCX_SET, repeat),
             measure_case(f"SOW with {packages:,} work packages", big_sow(project, packages), ["sow"], repeat)]
    return {
        "benchmark": "docx_render",
        "date": dt.date.today().isoformat(),
        "repeat": repeat,
        "cases": cases,
        "target_ratio": TARGET_RATIO,
        "python": platform.python_version(),
        "docxtpl": docxtpl.__version__,
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packages", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print one JSON record instead of text")
    args = parser.parse_args(argv)
    record = measure(args.packages, args.repeat)
    missed = any(case["ratio"] > TARGET_RATIO for case in record["cases"])
    if args.json:
        print(json.dumps(record, sort_keys=True))
        return 1 if missed else 0
    for case in record["cases"]:
        verdict = "ok" if case["ratio"] <= TARGET_RATIO else "ABOVE TARGET"
        print(f"{case['case']} ({case['documents']} documents)")
        print(f"  (a) docgen renderers      best: {case['docgen_s']:.3f} s")
        print(f"  (b) bare docxtpl + save   best: {case['bare_docxtpl_s']:.3f} s")
        print(f"  ratio a/b: {case['ratio']:.2f} (target <= {TARGET_RATIO}) {verdict}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
