"""The main process's side of a result: write its outputs to OUT, or compare them (--check)."""

from __future__ import annotations

from pathlib import Path

from ..atomic import write_bytes_atomic
from ..renderers.package import CUSTOM_PART, differing_parts
from .results import DocumentStatus, ProjectResult, ProjectStatus


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
            document.note = _what_differs(out / document.path, document.data or b"")
        document.data = None
    if any(document.failed for document in result.documents):
        result.status = ProjectStatus.differs


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


def _what_differs(path: Path, data: bytes) -> str:
    # Any change to project.yaml changes the data hash in every document; say when
    # that is all that changed, so the documents whose content changed stand out.
    parts = differing_parts(path.read_bytes(), data)
    if parts == [CUSTOM_PART]:
        return "document properties only"
    return ""


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except FileNotFoundError:
        return False
