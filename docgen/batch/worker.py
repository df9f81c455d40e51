"""Rendering one project into finished bytes. Runs in a worker process or, with -j 1, in-process.

A worker returns bytes and never touches OUT: the main process alone writes or compares
files, so it can see every result before anything lands on disk.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing.util
import os
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..display_cuts import collecting
from ..errors import DocgenError, RenderError
from ..loader import load_project
from ..models import Language, Project
from .. import pdf_office
from ..pdf import convert_to_pdf, reproducible_pdf
from ..renderers import Output, Renderer, RenderOptions, select
from ..renderers.package import NO_TEMPLATE, finalize_package
from ..renderers.selection import selected_items
from .reproducible import (PROP_DATA_HASH, PROP_TEMPLATE_HASH, PROP_VERSION, document_timestamp, project_today,
                           sha256_hex)
from .results import DocumentResult, ProjectResult

Progress = Callable[[str, str, float], None]


@dataclass(frozen=True)
class WorkerSettings:
    """Everything a worker needs besides the project path; picklable for the process pool."""

    only: tuple[str, ...] | None
    language: Language | None
    templates_dir: Path | None
    epoch: dt.datetime | None  # SOURCE_DATE_EPOCH, read once by the main process
    today: dt.date  # for "overdue"; fixed once, so a build that runs past midnight is consistent
    version: str
    pdf: bool
    pdf_timeout: float
    scratch: Path  # a directory private to this build, for PDF conversion
    credentials: str = "reference"  # see RenderOptions.credentials
    # LibreOffices per worker for --pdf: more than one when there are more jobs than
    # projects (-j 2 on one project), so each core converts.
    pdf_offices: int = 1


class ProjectRenderer:
    """Renders projects with one set of renderers, imported once per process."""

    def __init__(self, settings: WorkerSettings, renderers: list[Renderer] | None = None,
                 progress: Progress | None = None) -> None:
        self.settings = settings
        self.renderers = renderers if renderers is not None else select(list(settings.only or []))
        self.progress = progress  # told (project, document, share of the project done) per step
        # One LibreOffice profile per process: parallel conversions must never share one.
        self.profile_dir = settings.scratch / f"lo-profile-{os.getpid()}"
        self._office: pdf_office.WarmOffices | None = None  # started with the first PDF

    def close(self) -> None:
        """End this process's LibreOffice, if one was started (a worker that exits ends it too)."""
        if self._office is not None:
            self._office.close()
            self._office = None

    def render(self, index: int, source: Path) -> ProjectResult:
        """The project's finished outputs, or a failed result; never raises for a bad project."""
        result = ProjectResult(index, str(source))
        started = time.perf_counter()
        try:
            self._render_into(result, source)
        except DocgenError as error:
            result.fail(error.format_message())
        except Exception as error:  # a bug in docgen: report it and carry on with the other projects
            result.fail(f"internal error: {type(error).__name__}: {error}", internal=True,
                        detail=traceback.format_exc())
        if result.error:
            result.documents = []  # a failed project writes nothing, not a partial set
        result.seconds = time.perf_counter() - started
        return result

    def _render_into(self, result: ProjectResult, source: Path) -> None:
        project = load_project(source)
        result.project_id = project.project.id
        result.language = project.project.language.value
        result.data_hash = sha256_hex(source.read_bytes())
        options = self._options(project, source, result.data_hash)
        rendering = 0.5 if self.settings.pdf else 1.0  # share of the project's work; PDFs take the rest
        for number, renderer in enumerate(self.renderers, 1):
            documents = self._render_one(renderer, project, options)
            result.documents.extend(documents)
            self._step(result, _step_name(renderer, documents), rendering * number / len(self.renderers))
        _refuse_duplicate_paths(result.documents)
        if self.settings.pdf:
            result.documents.extend(self._pdfs(result, options.timestamp))

    def _step(self, result: ProjectResult, document: str, share: float) -> None:
        if self.progress is not None:
            self.progress(result.name, document, share)

    def _options(self, project: Project, source: Path, data_hash: str) -> RenderOptions:
        epoch = self.settings.epoch
        return RenderOptions(
            language=self.settings.language,
            templates_dir=self.settings.templates_dir,
            project_dir=source.parent,
            timestamp=document_timestamp(project, epoch),
            today=project_today(project, epoch, self.settings.today),
            properties={PROP_VERSION: self.settings.version, PROP_DATA_HASH: data_hash},
            credentials=self.settings.credentials,
            items=selected_items(self.settings.only),
        )

    def _render_one(self, renderer: Renderer, project: Project, options: RenderOptions) -> list[DocumentResult]:
        started = time.perf_counter()
        with collecting() as cuts:
            outputs = renderer.render(project, options)
        documents = [self._finish(output, project.project.id, options) for output in outputs]
        for document in documents:
            document.note = "; ".join(cuts)  # values shortened for display, never silently
        share = (time.perf_counter() - started) / max(len(documents), 1)
        for document in documents:
            document.seconds = share
        return documents

    def _finish(self, output: Output, project_id: str, options: RenderOptions) -> DocumentResult:
        props = {**options.properties, PROP_TEMPLATE_HASH: output.template_hash or NO_TEMPLATE}
        # A final output already carries these properties: zipping it again would only cost.
        data = output.data if output.final else finalize_package(output.data, props, options.timestamp)
        return DocumentResult(
            document=output.document, path=f"{project_id}/{_checked_filename(output)}",
            sha256=sha256_hex(data), size=len(data), template_hash=output.template_hash, data=data,
        )

    def _pdfs(self, result: ProjectResult, timestamp: dt.datetime) -> list[DocumentResult]:
        documents = list(result.documents)
        converted = [0]

        def done(document: DocumentResult) -> None:
            converted[0] += 1
            name = PurePosixPath(document.path).with_suffix(".pdf").name
            self._step(result, name, 0.5 + 0.5 * converted[0] / len(documents))

        with tempfile.TemporaryDirectory(dir=self.settings.scratch, prefix="pdf-") as tmp:
            return [pdf for group in _by_directory(documents).values()
                    for pdf in self._convert_group(group, Path(tmp), timestamp, done)]

    def _convert_group(self, group: list[DocumentResult], tmp: Path, timestamp: dt.datetime,
                       done: Callable[[DocumentResult], None] | None = None) -> list[DocumentResult]:
        source_dir, pdf_dir = tmp / "source", tmp / "pdf"
        source_dir.mkdir(exist_ok=True)
        files = [source_dir / PurePosixPath(document.path).name for document in group]
        _refuse_same_stems(files)
        for document, file in zip(group, files):
            file.write_bytes(document.data or b"")
        started = time.perf_counter()
        on_converted = (lambda index: done(group[index])) if done else None
        pdfs = self._convert(files, pdf_dir, on_converted)
        share = (time.perf_counter() - started) / len(files)
        results = [_pdf_result(document, pdf, timestamp, share) for document, pdf in zip(group, pdfs)]
        for path in [*files, *pdfs]:
            path.unlink()  # the next group reuses the directories
        return results


    def _convert(self, files: list[Path], pdf_dir: Path,
                 on_converted: Callable[[int], None] | None = None) -> list[Path]:
        """A warm LibreOffice kept for all projects of this process where UNO is at hand,
        else one LibreOffice start per project."""
        if self._office is None and pdf_office.available():
            self._office = pdf_office.WarmOffices([self.profile_dir.with_name(f"{self.profile_dir.name}-uno-{n}")
                                                   for n in range(max(1, self.settings.pdf_offices))])
        if self._office is not None:
            return self._office.convert(files, pdf_dir, self.settings.pdf_timeout, on_converted)
        return convert_to_pdf(files, pdf_dir, profile_dir=self.profile_dir, timeout=self.settings.pdf_timeout,
                              on_converted=on_converted)


def _step_name(renderer: Renderer, documents: list[DocumentResult]) -> str:
    """'charter.docx'; 'meeting-minutes (5 files)' for a renderer of several; its name for none."""
    if len(documents) == 1:
        return PurePosixPath(documents[0].path).name
    return f"{renderer.name} ({len(documents)} files)" if documents else renderer.name


def _refuse_duplicate_paths(documents: list[DocumentResult]) -> None:
    paths = [document.path for document in documents]
    duplicates = sorted({path for path in paths if paths.count(path) > 1})
    if duplicates:
        raise RenderError(f"two documents would both be written to {', '.join(duplicates)}")


def _refuse_same_stems(files: list[Path]) -> None:
    # charter.docx and charter.xlsx would both become charter.pdf.
    stems = [file.stem for file in files]
    clashes = sorted({file.name for file in files if stems.count(file.stem) > 1})
    if clashes:
        raise RenderError(f"{', '.join(clashes)} would convert to the same PDF; rename one of them")


def _pdf_result(document: DocumentResult, pdf: Path, timestamp: dt.datetime, seconds: float) -> DocumentResult:
    data = reproducible_pdf(pdf.read_bytes(), timestamp)
    path = str(PurePosixPath(document.path).with_suffix(".pdf"))
    return DocumentResult(document=document.document, path=path, sha256=sha256_hex(data), size=len(data),
                          template_hash=document.template_hash, seconds=seconds, data=data)


def _by_directory(documents: list[DocumentResult]) -> dict[str, list[DocumentResult]]:
    """Documents grouped so that no group holds two files of the same name (one --outdir each)."""
    groups: dict[str, list[DocumentResult]] = {}
    for document in documents:
        groups.setdefault(str(PurePosixPath(document.path).parent), []).append(document)
    return groups


def _checked_filename(output: Output) -> str:
    """The output's file name, refused when it could escape OUT/<project-id>/."""
    path = PurePosixPath(output.filename)
    if path.is_absolute() or ".." in path.parts or "\\" in output.filename or not path.name:
        raise RenderError(f"renderer '{output.document}' produced an unsafe file name '{output.filename}'")
    return str(path)


# --- the process pool's side ---------------------------------------------------------


def prepare_process(settings: WorkerSettings, renderers: list[Renderer], sample: Path | None) -> None:
    """Do in the main process, before the workers fork from it, what each of them would
    otherwise repeat: every template read and compiled, the renderers' lazy imports, the
    model validators built (by loading `sample`, a small project of the build).

    The workers inherit the result copy-on-write. A failure here changes nothing: the
    project that meets the bad template or file reports it, as without this step.
    """
    for renderer in renderers:
        prepare = getattr(renderer, "prepare", None)
        if prepare is not None:
            try:
                prepare(settings.templates_dir)
            except Exception:  # noqa: BLE001 - reported by the first project that renders it
                pass
    if sample is not None:
        try:
            load_project(sample)
        except Exception:  # noqa: BLE001 - reported by the project itself
            pass


_WORKER: ProjectRenderer | None = None


def init_worker(settings: WorkerSettings, renderers: list[Renderer] | None = None, steps: Any = None) -> None:
    """Pool initializer: import the renderers once per process, not once per project.
    `steps`: a multiprocessing queue for progress, read by the main process."""
    global _WORKER
    _WORKER = ProjectRenderer(settings, renderers, _queue_progress(steps) if steps is not None else None)
    # A pool worker leaves without running atexit; multiprocessing's finalizers do run.
    # The LibreOffice must be gone before the build removes its scratch directory.
    multiprocessing.util.Finalize(_WORKER, _WORKER.close, exitpriority=10)


def _queue_progress(steps: Any) -> Progress:
    steps.cancel_join_thread()  # progress may be dropped at exit; a worker must never hang on it

    def put(project: str, document: str, share: float) -> None:
        steps.put((project, document, share))

    return put


def render_in_worker(index: int, source: Path) -> ProjectResult:
    if _WORKER is None:
        raise RuntimeError("internal error: init_worker did not run in this worker process")
    return _WORKER.render(index, source)
