"""The main process's side of a result: write its outputs to OUT, or compare them (--check).

Either way, files in OUT/<project-id>/ that the build does not produce (minutes of a
deleted meeting, PDFs of an earlier --pdf build) are listed. Those an earlier build
made (ownership.py) a build removes (`removed`) and --check reports as `extra`, which
fails it; any other file is someone else's: `stale`, left alone and named.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..atomic import write_bytes_atomic
from ..renderers.package import CUSTOM_PART, differing_parts
from .ownership import PreviousOutputs, remove_output
from .results import DocumentResult, DocumentStatus, ProjectResult, ProjectStatus


def write_outputs(result: ProjectResult, out: Path) -> None:
    """Write every output of `result` below `out`; files that already hold the bytes stay untouched."""
    try:
        for document in result.documents:
            document.status = _write_if_changed(out / document.path, document.data or b"")
            document.data = None  # written: no need to keep the bytes until the end of the build
    except OSError as error:
        result.fail(f"cannot write {error.filename or out}: {error.strerror}; check permissions and free space")


def compare_outputs(result: ProjectResult, out: Path) -> None:
    """--check: mark each output same, differs or missing against `out`, and the project by them."""
    for document in result.documents:
        document.status = _compare(out / document.path, document.data or b"")
        if document.status == DocumentStatus.differs and not document.is_pdf:
            _describe_difference(document, out / document.path)
        document.data = None
    if any(document.failed for document in result.documents):
        result.status = ProjectStatus.differs


def list_leftovers(result: ProjectResult, out: Path, previous: PreviousOutputs, check: bool,
                   pdf: bool = True) -> None:
    """Add the files below OUT/<project-id>/ that `result` does not produce: docgen's own are
    removed (or with --check, `extra`, which makes the project differ), others are `stale`.
    A build without PDFs leaves the PDFs of the documents it still produces alone: leaving
    out --pdf is no request to delete them."""
    if result.project_id is None or result.status == ProjectStatus.failed:
        return
    produced = {document.path for document in result.documents}
    if not pdf:
        produced |= {str(PurePosixPath(path).with_suffix(".pdf")) for path in set(produced)}
    for path in _files_below(out, result.project_id):
        if path not in produced:
            result.documents.append(_leftover(out, path, _leftover_status(path, previous, check)))
    for document in result.documents:
        if document.status == DocumentStatus.removed:
            remove_output(out, document.path)
    if check and any(document.failed for document in result.documents):
        result.status = ProjectStatus.differs


def _leftover_status(path: str, previous: PreviousOutputs, check: bool) -> DocumentStatus:
    if not previous.made_by_docgen(path):
        return DocumentStatus.stale
    return DocumentStatus.extra if check else DocumentStatus.removed


def atomic_write(path: Path, data: bytes) -> None:
    """Outputs are rebuilt on demand, so they skip the fsync (see docgen.atomic)."""
    write_bytes_atomic(path, data, durable=False)


def _write_if_changed(path: Path, data: bytes) -> DocumentStatus:
    if _holds(path, data):
        return DocumentStatus.unchanged
    atomic_write(path, data)
    return DocumentStatus.written


def _compare(path: Path, data: bytes) -> DocumentStatus:
    if not path.is_file():
        return DocumentStatus.missing
    return DocumentStatus.same if _holds(path, data) else DocumentStatus.differs


def _describe_difference(document: DocumentResult, path: Path) -> None:
    # Any change to project.yaml changes the data hash in every document; say when
    # that is all that changed, so the documents whose content changed stand out.
    parts = differing_parts(path.read_bytes(), document.data or b"")
    if parts == [CUSTOM_PART]:
        document.note = "document properties only"
    document.detail = "parts that differ: " + ", ".join(parts) if parts else ""


def _files_below(out: Path, project_id: str) -> list[str]:
    """OUT-relative paths, with '/', of the files below OUT/<project-id>/; [] when it does not exist."""
    directory = out / project_id
    if not directory.is_dir():
        return []
    return sorted(path.relative_to(out).as_posix() for path in directory.rglob("*") if path.is_file())


def _leftover(out: Path, path: str, status: DocumentStatus) -> DocumentResult:
    try:
        size = (out / path).stat().st_size
    except OSError:  # removed meanwhile
        size = 0
    return DocumentResult(document="", path=path, sha256="", size=size, status=status)


def _holds(path: Path, data: bytes) -> bool:
    if path.is_symlink():
        return False  # a link planted in OUT is replaced by the document, whatever it points to
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except FileNotFoundError:
        return False
