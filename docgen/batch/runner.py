"""`run_build`: render many projects, in a process pool or in-process, and report on them."""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import queue
import sys
import tempfile
import time
import traceback
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..models import Language
from ..pdf import find_soffice
from .progress import NullReporter, Reporter
from ..renderers import Renderer, select
from .discovery import discover_projects, shard
from .outputs import compare_outputs, list_leftovers, write_outputs
from .ownership import PreviousOutputs
from .preflight import check_output_paths
from .reports import previous_manifest, write_junit, write_manifest
from .reproducible import docgen_version, render_today, source_date_epoch
from .request import BuildRequest, effective_jobs
from .results import BuildReport, ProjectResult, ProjectStatus
from .worker import ProjectRenderer, WorkerSettings, init_worker, prepare_process, render_in_worker

_POLL_SECONDS = 0.2  # how often the main process passes the workers' progress on


@dataclass
class _Plan:
    projects: list[Path]
    jobs: int
    settings: WorkerSettings


def run_build(request: BuildRequest, reporter: Reporter | None = None, *,
              renderers: list[Renderer] | None = None) -> BuildReport:
    """Build (or with `request.check`, check) every project of `request`.

    A failing project is reported and the build carries on (unless `fail_fast`);
    `BuildReport.exit_code` tells the outcome. Raises `DocgenError` only for problems
    of the request itself: no projects, a bad option, an -o or --junit path that cannot
    be written, LibreOffice missing for --pdf.
    `renderers` replaces the registry's (for tests and embedding).
    """
    reporter = reporter or NullReporter()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="docgen-build-") as scratch:
        plan = _plan(request, Path(scratch), renderers)
        report = BuildReport(out=request.out, check=request.check, jobs=plan.jobs,
                             offices=plan.jobs * plan.settings.pdf_offices if request.pdf else 0,
                             docgen_version=plan.settings.version, language=request.language)
        previous = PreviousOutputs.from_manifest(request.out, previous_manifest(request.out))
        collector = _Collector(request, report, reporter, previous)
        reporter.start(len(plan.projects))
        try:
            _run(plan, collector, renderers)
        finally:
            reporter.finish()
    collector.skip_rest(plan.projects)
    report.projects.sort(key=lambda project: project.index)
    report.seconds = time.perf_counter() - started
    _write_reports(request, report, previous)
    return report


def _plan(request: BuildRequest, scratch: Path, renderers: list[Renderer] | None) -> _Plan:
    projects = discover_projects(request.sources)
    if request.shard:
        projects = shard(projects, *request.shard)
    check_output_paths(request)
    if request.final:
        from ..drafts import refuse_drafts  # reads the projects with places: --final only

        refuse_drafts(projects, request.only)  # before any work: a final build has no drafts at all
    if renderers is None:
        select(request.only)  # unknown names fail now, and forked workers inherit the imports
    if request.pdf:
        find_soffice()  # fail once, before any work, when LibreOffice is missing
    epoch = source_date_epoch()
    settings = WorkerSettings(
        only=tuple(request.only) if request.only else None, language=_language(request.language),
        templates_dir=request.templates_dir, epoch=epoch, today=render_today(epoch), version=docgen_version(),
        pdf=request.pdf, pdf_timeout=request.pdf_timeout, scratch=scratch, credentials=request.credentials,
    )
    jobs = effective_jobs(request.jobs, len(projects))
    # Fewer projects than jobs: the jobs left over convert PDFs, a LibreOffice each.
    offices = max(1, effective_jobs(request.jobs, sys.maxsize) // jobs)
    return _Plan(projects, jobs, dataclasses.replace(settings, pdf_offices=offices))


def _language(value: str | None) -> Language | None:
    if value is None:
        return None
    try:
        return Language(value)
    except ValueError:
        known = ", ".join(language.value for language in Language)
        raise UsageError(f"--language '{value}': not supported (known: {known})") from None


def _run(plan: _Plan, collector: _Collector, renderers: list[Renderer] | None) -> None:
    if plan.jobs == 1:
        _run_in_process(plan, collector, renderers)
    else:
        _run_in_pool(plan, collector, renderers)


def _run_in_process(plan: _Plan, collector: _Collector, renderers: list[Renderer] | None) -> None:
    # -j 1 (or a single project) gains nothing from a pool and is easier to debug without one.
    worker = ProjectRenderer(plan.settings, renderers, collector.reporter.step)
    try:
        for index, path in enumerate(plan.projects):
            if collector.accept(worker.render(index, path)):
                return
    finally:
        worker.close()


def _run_in_pool(plan: _Plan, collector: _Collector, renderers: list[Renderer] | None) -> None:
    context = multiprocessing.get_context()
    sizes = [_size(path) for path in plan.projects]
    if context.get_start_method() == "fork":
        # Prepared here once, the templates and imports reach every worker copy-on-write.
        renderers = renderers if renderers is not None else select(list(plan.settings.only or []))
        prepare_process(plan.settings, renderers, _smallest(plan.projects, sizes))
    steps = context.Queue()  # the workers' progress, per document
    # Objects that exist now are never collected in a worker: frozen, a collection there
    # does not write to (and so copy) the pages they share with this process.
    gc.freeze()
    pool = ProcessPoolExecutor(max_workers=plan.jobs, mp_context=context, initializer=init_worker,
                               initargs=(plan.settings, renderers, steps))
    try:
        # Largest first: each worker takes the next project when it is done with one, so
        # the small ones fill the gaps at the end and the workers finish close together.
        order = sorted(range(len(plan.projects)), key=lambda index: -sizes[index])
        futures = {pool.submit(render_in_worker, index, plan.projects[index]): (index, plan.projects[index])
                   for index in order}
        pending = set(futures)
        while pending:
            finished, pending = wait(pending, timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
            _report_steps(steps, collector.reporter)
            for future in finished:
                if collector.accept(_result_of(future, *futures[future])):
                    return
    finally:
        # Projects not started yet are dropped; running ones finish, their results unused.
        pool.shutdown(wait=True, cancel_futures=True)
        # A worker's last steps can reach this process after its result (two pipes).
        _report_steps(steps, collector.reporter)
        steps.close()
        gc.unfreeze()


def _size(path: Path) -> int:
    """The project file's size, the best cheap guess of the work it makes; 0 when unreadable."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _smallest(projects: list[Path], sizes: list[int]) -> Path | None:
    """The project to warm the main process with: the cheapest to load."""
    if not projects:
        return None
    return projects[min(range(len(projects)), key=lambda index: sizes[index])]


def _report_steps(steps: Any, reporter: Reporter) -> None:
    """Pass on every progress step the workers have queued so far."""
    while True:
        try:
            reporter.step(*steps.get_nowait())
        except queue.Empty:
            return


def _result_of(future: Future[ProjectResult], index: int, path: Path) -> ProjectResult:
    try:
        return future.result()
    except BrokenProcessPool:
        result = ProjectResult(index, str(path))
        result.fail("internal error: a worker process died (out of memory, or killed?); "
                    "run again with -j 1 to see which project causes it", internal=True)
        return result
    except Exception as error:  # e.g. a result that cannot be sent back: a bug, not a data error
        result = ProjectResult(index, str(path))
        result.fail(f"internal error: {type(error).__name__}: {error}", internal=True,
                    detail=traceback.format_exc())
        return result


def _write_reports(request: BuildRequest, report: BuildReport, previous: PreviousOutputs) -> None:
    if not request.check:
        report.manifest = write_manifest(report, previous.carried({d.path for d in report.documents}))
    if request.junit:
        write_junit(report, request.junit)


class _Collector:
    """Takes results as they come, writes or compares them, and decides when to stop."""

    def __init__(self, request: BuildRequest, report: BuildReport, reporter: Reporter,
                 previous: PreviousOutputs | None = None) -> None:
        self.request, self.report, self.reporter = request, report, reporter
        self.previous = previous or PreviousOutputs(request.out)  # what docgen made in OUT before
        self.owners: dict[str, ProjectResult] = {}  # project id -> the project whose files those are

    def accept(self, result: ProjectResult) -> bool:
        """Handle one result; True when the build should stop (--fail-fast and it failed)."""
        self.report.projects.append(result)
        if result.status == ProjectStatus.ok:
            self._claim_id(result)
        if result.status == ProjectStatus.ok:
            self._place(result)
        self.reporter.project_done(result)
        return self.request.fail_fast and result.status != ProjectStatus.ok

    def skip_rest(self, projects: list[Path]) -> None:
        done = {project.index for project in self.report.projects}
        for index, path in enumerate(projects):
            if index not in done:
                self.report.projects.append(ProjectResult(
                    index, str(path), status=ProjectStatus.skipped,
                    error="not run: an earlier project failed and --fail-fast is set"))

    def _place(self, result: ProjectResult) -> None:
        if self.request.check:
            compare_outputs(result, self.request.out)
        else:
            write_outputs(result, self.request.out)
        if not self.request.only:  # with --only, the other documents' files are not leftovers
            list_leftovers(result, self.request.out, self.previous, self.request.check, self.request.pdf)

    def _claim_id(self, result: ProjectResult) -> None:
        """Two projects with one id would write the same files: the one named first keeps them.

        Results arrive in any order, so a later-named project may have been written
        already; the earlier one then overwrites its files and it is marked failed.
        """
        if result.project_id is None:
            raise RuntimeError(f"internal error: {result.source} rendered without a project id")
        other = self.owners.get(result.project_id)
        if other is None or other is result:
            self.owners[result.project_id] = result
            return
        first, second = sorted((other, result), key=lambda project: project.index)
        second.fail(f"project id '{second.project_id}' is also the id of {first.source}; "
                    "each project needs its own id (its output directory)")
        second.documents = []
        self.owners[result.project_id] = first
