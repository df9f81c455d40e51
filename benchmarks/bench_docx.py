"""DOCX rendering: docgen's renderers against bare docxtpl with the same template and context.

Two cases, timed in the same run:

1. the whole DOCX set of the sample project (samples/mail-migration), and
2. an SOW with 1,000 work packages (the sample with a generated work-package list).

For each, (a) is `renderer.render(project, options)`: template lookup, context
building, the sandboxed strict environment, branding, document properties and the
reproducible zip, measured twice: warm (the template prepared and compiled by an
earlier render, as for every project of a build after the first) and cold (every
cache cleared before each call, as bare docxtpl always is). (b) is bare docxtpl:
`DocxTemplate(path).render(context, autoescape=True)` and `save()`, given the very
context docgen built (built once, outside the timing; its Markdown prints without
hyperlinks, which need docgen's render session). All three interleaved over
--repeat rounds, with the same garbage-collector state; paired medians. Target: both
ratios a/b <= 1.2; the exit code is 1 when a case misses it.

    .venv/bin/python benchmarks/bench_docx.py [--packages N] [--repeat N] [--json]
"""

from __future__ import annotations

import datetime as dt
import io
import os
from decimal import Decimal
from pathlib import Path

# _common first: it puts this checkout on sys.path for the docgen imports below.
from _common import ROOT, add_json_option, base_record, make_parser, paired, paired_line, print_record, ratio_line

import docxtpl
from docxtpl import DocxTemplate

from docgen.loader import load_project
from docgen.models import Project, WorkPackage
from docgen.renderers import RenderOptions, get_renderer
from docgen.cache_dir import ENV_OFF
from docgen.renderers import docx_engine
from docgen.renderers.docx_common import COMPILED, context_dict, load_template

TARGET_RATIO = 1.2
SAMPLE = ROOT / "samples" / "mail-migration" / "project.yaml"
DOCX_SET = ["charter", "workshop-agenda", "implementation-concept", "sow", "meeting-minutes"]


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
            context = build(self.project, self.options, None)
            self.jobs.append((source.path, context_dict(context)))


def bare_render(jobs: list[tuple[Path, dict]]) -> None:
    for path, context in jobs:
        template = DocxTemplate(str(path))
        template.render(context, autoescape=True)
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
    docgen_render(project, options, names)  # warm-up: templates prepared and compiled

    result = paired(repeat, lambda: docgen_render(project, options, names), lambda: bare_render(capture.jobs))
    cold_result = paired(repeat, lambda: _cold_render(project, options, names), lambda: bare_render(capture.jobs))
    result.pop("_times"), cold_result.pop("_times")
    return {"case": label, "documents": len(capture.jobs), "warm": result, "cold": cold_result,
            "ratio": result["ratio_median"][0], "cold_ratio": cold_result["ratio_median"][0]}


def _cold_render(project: Project, options: RenderOptions, names: list[str]) -> None:
    """As a fresh process renders the first time: nothing prepared, nothing compiled, no
    template's parts kept on disk (docx_story_cache.py)."""
    COMPILED.clear()
    docx_engine._PREPARED.clear()
    saved = os.environ.get(ENV_OFF)
    os.environ[ENV_OFF] = "1"
    try:
        docgen_render(project, options, names)
    finally:
        if saved is None:
            del os.environ[ENV_OFF]
        else:
            os.environ[ENV_OFF] = saved


def measure(packages: int, repeat: int) -> dict[str, object]:
    project = load_project(SAMPLE)
    cases = [measure_case("sample DOCX set", project, DOCX_SET, repeat),
             measure_case(f"SOW with {packages:,} work packages", big_sow(project, packages), ["sow"], repeat)]
    return {
        **base_record("docx_render"),
        "repeat": repeat,
        "cases": cases,
        "target_ratio": TARGET_RATIO,
        "docxtpl": docxtpl.__version__,
    }


def main(argv: list[str] | None = None) -> int:
    parser = make_parser(__doc__, ("--packages", 1_000), repeat=7)
    add_json_option(parser)
    args = parser.parse_args(argv)
    record = measure(args.packages, args.repeat)
    print_record(record, args.json, _report)
    missed = any(max(case["ratio"], case["cold_ratio"]) > TARGET_RATIO for case in record["cases"])
    return 1 if missed else 0


def _report(record: dict[str, object]) -> None:
    for case in record["cases"]:
        print(f"{case['case']} ({case['documents']} documents)")
        print("  " + paired_line("(a) docgen, warm        ", case["warm"], 0))
        print("  " + paired_line("(b) bare docxtpl + save ", case["warm"], 1))
        print(f"  warm {ratio_line(case['ratio'], TARGET_RATIO)}")
        print("  " + paired_line("(a) docgen, cold        ", case["cold"], 0))
        print("  " + paired_line("(b) bare docxtpl + save ", case["cold"], 1))
        print(f"  cold {ratio_line(case['cold_ratio'], TARGET_RATIO)}")


if __name__ == "__main__":
    raise SystemExit(main())
