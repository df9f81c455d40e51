"""What a build did, per document and per project, and the report over all of them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EXIT_FAILED, EXIT_OK

MESSAGE_LIMIT = 300  # characters of a stored message; the full text stays in `detail`


def short_message(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """The first line of `text`, cut to `limit` characters ending in '…' when longer.

    Messages may quote the user's data (a 20,000-character title); reports, the
    manifest and the summary keep one readable line.
    """
    lines = text.strip().splitlines()
    first = lines[0].rstrip() if lines else ""
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


class DocumentStatus(str, enum.Enum):
    rendered = "rendered"  # in memory, not yet written or compared
    written = "written"  # new or changed bytes written to OUT
    unchanged = "unchanged"  # OUT already held these bytes; the file was left alone
    same = "same"  # --check: OUT holds these bytes
    differs = "differs"  # --check: OUT holds other bytes
    missing = "missing"  # --check: OUT has no such file
    extra = "extra"  # --check: in OUT/<project-id>/, but the build does not produce it
    stale = "stale"  # in OUT/<project-id>/, not produced, and not docgen's (or changed since): left alone
    removed = "removed"  # build: docgen made it earlier, this build no longer produces it: deleted


class ProjectStatus(str, enum.Enum):
    ok = "ok"
    failed = "failed"  # the project could not be loaded, rendered, converted or written
    differs = "differs"  # --check: at least one output differs from OUT
    skipped = "skipped"  # not run because --fail-fast stopped the build


@dataclass
class DocumentResult:
    document: str  # renderer name, e.g. "charter"
    path: str  # relative to OUT, with '/' separators: "<project-id>/<filename>"
    sha256: str
    size: int
    template_hash: str = ""
    seconds: float = 0.0  # render time (the renderer's time, shared among its outputs)
    status: DocumentStatus = DocumentStatus.rendered
    note: str = ""  # --check: what differs, when only part of the file does
    detail: str = ""  # --check: which package parts differ
    data: bytes | None = field(default=None, repr=False)  # dropped once written or compared

    @property
    def is_pdf(self) -> bool:
        return self.path.endswith(".pdf")

    @property
    def produced(self) -> bool:
        """An output of this build, not a file found in OUT that the build would not produce."""
        return self.status not in (DocumentStatus.extra, DocumentStatus.stale, DocumentStatus.removed)

    @property
    def failed(self) -> bool:
        return self.status in (DocumentStatus.differs, DocumentStatus.missing, DocumentStatus.extra)

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "path": self.path,
            "status": self.status.value,
            "note": self.note or None,
            "sha256": self.sha256,
            "size": self.size,
            "template_hash": self.template_hash or None,
            "seconds": round(self.seconds, 4),
        }


@dataclass
class ProjectResult:
    index: int  # position in the discovery order; reports are sorted by it
    source: str  # the project file as named by the user
    project_id: str | None = None
    data_hash: str = ""
    status: ProjectStatus = ProjectStatus.ok
    error: str = ""  # the user-facing message: one line, at most MESSAGE_LIMIT characters
    internal: bool = False  # the error is a bug in docgen, not in the data
    detail: str = ""  # the full message when `error` is cut short; a traceback for internal errors
    documents: list[DocumentResult] = field(default_factory=list)
    seconds: float = 0.0
    language: str = ""  # project.language of the data, "" when it could not be read

    @property
    def name(self) -> str:
        return self.project_id or self.source

    @property
    def outputs(self) -> list[DocumentResult]:
        """The documents this build produced (not the extra or stale files found in OUT)."""
        return [d for d in self.documents if d.produced]

    def fail(self, message: str, *, internal: bool = False, detail: str = "") -> None:
        """Mark the project failed; `message` is cut to one line, its full text kept in `detail`."""
        self.status, self.internal = ProjectStatus.failed, internal
        self.error = short_message(message)
        self.detail = detail or (message if message.strip() != self.error else "")

    def more_lines(self) -> list[str]:
        """The further lines of a data error (its other problems), each cut short; never a traceback."""
        if self.internal or not self.detail:
            return []
        return [short_message(line) for line in self.detail.strip().splitlines()[1:] if line.strip()]

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "id": self.project_id,
            "status": self.status.value,
            "error": self.error or None,
            "data_hash": self.data_hash or None,
            "seconds": round(self.seconds, 4),
            "documents": [d.to_json() for d in self.documents],
        }


@dataclass
class BuildReport:
    out: Path
    check: bool
    jobs: int
    projects: list[ProjectResult] = field(default_factory=list)
    # LibreOffices converting PDFs (0 without --pdf): more than `jobs` when jobs left
    # over by too few projects convert too.
    offices: int = 0
    seconds: float = 0.0
    docgen_version: str = ""
    manifest: Path | None = None  # where the manifest was written, if it was
    language: str | None = None  # --lang, when given

    def language_note(self) -> str:
        """With --lang, one line naming the projects whose data is in another language:
        labels and dates follow --lang, the texts from the data stay as written."""
        others = [f"{p.name} ({p.language})" for p in self.projects if p.language and p.language != self.language]
        if not self.language or not others:
            return ""
        return (f"note: --lang {self.language} translates labels and dates; the texts from the data stay in "
                f"its own language: {', '.join(others)}")

    @property
    def exit_code(self) -> int:
        return EXIT_OK if all(p.status == ProjectStatus.ok for p in self.projects) else EXIT_FAILED

    @property
    def documents(self) -> list[DocumentResult]:
        return [d for p in self.projects for d in p.documents]

    @property
    def outputs(self) -> list[DocumentResult]:
        """Every document the build produced, without extra or stale files found in OUT."""
        return [d for d in self.documents if d.produced]

    def differences(self) -> list[str]:
        """--check: OUT-relative paths of every output that differs or is missing, and of extra files."""
        return [d.path for d in self.documents if d.failed]

    def difference_lines(self) -> list[str]:
        """--check: 'differs: path (what differs)', 'missing: path', 'extra: path', one per file."""
        return [f"{d.status.value}: {d.path}" + (f" ({d.note})" if d.note else "")
                for d in self.documents if d.failed]

    def removed(self) -> list[str]:
        """Build: OUT-relative paths of the files docgen made earlier and this build deleted."""
        return [d.path for d in self.documents if d.status == DocumentStatus.removed]

    def stale(self) -> list[str]:
        """OUT-relative paths of files in OUT/<project-id>/ that this build did not produce and
        docgen did not make (or someone changed since): left alone."""
        return [d.path for d in self.documents if d.status == DocumentStatus.stale]

    def details(self) -> str:
        """The full text behind the one-line messages: tracebacks of internal errors, every
        problem of a failed project, the differing parts of a document; "" when there is none."""
        return format_details(self)

    def counts(self) -> dict[str, int]:
        counts = {status.value: 0 for status in ProjectStatus}
        for project in self.projects:
            counts[project.status.value] += 1
        return counts

    def summary_table(self) -> str:
        return format_summary(self)

    def to_json(self) -> dict[str, Any]:
        return {
            "exit_code": self.exit_code,
            "check": self.check,
            "out": str(self.out),
            "jobs": self.jobs,
            "pdf_offices": self.offices,
            "docgen_version": self.docgen_version,
            "seconds": round(self.seconds, 3),
            "counts": self.counts(),
            "differences": self.differences(),
            "manifest": str(self.manifest) if self.manifest else None,
            "projects": [p.to_json() for p in self.projects],
        }


# --- the table a build ends with (one row per project, then the totals) and the details behind it

_HEADERS = ("project", "docs", "status", "time", "message")
STALE_HINT = "remove them or build into a clean directory"
_CHECK_WORDS = {DocumentStatus.differs: "output(s) differ from the files on disk",
                DocumentStatus.missing: "missing", DocumentStatus.extra: "extra file(s) on disk"}


def format_summary(report: BuildReport) -> str:
    rows = [_row(project) for project in report.projects]
    lines = _table([_HEADERS, *rows]) if rows else []
    lines.append(_totals(report))
    lines.extend(report.difference_lines())
    lines.extend(f"removed: {path}" for path in report.removed())
    lines.extend(_stale_lines(report))
    if note := report.language_note():
        lines.append(note)
    return "\n".join(lines)


def format_details(report: BuildReport) -> str:
    """A block per failed project or document that has more to say than its one-line message."""
    blocks = [_block(project.source, project.status.value, project.detail)
              for project in report.projects if project.status != ProjectStatus.ok and project.detail]
    blocks += [_block(document.path, document.status.value, document.detail)
               for document in report.documents if document.failed and document.detail]
    return "\n\n".join(blocks)


def check_message(documents: list[DocumentResult]) -> str:
    """'2 output(s) differ from the files on disk, 1 missing, 1 extra file(s) on disk'."""
    counts = [(sum(1 for d in documents if d.status == status), words) for status, words in _CHECK_WORDS.items()]
    return ", ".join(f"{count} {words}" for count, words in counts if count)


def _block(name: str, status: str, detail: str) -> str:
    return f"--- {name} ({status}) ---\n{detail.rstrip()}"


def _row(project: ProjectResult) -> tuple[str, ...]:
    documents = [d for d in project.outputs if not d.is_pdf]
    return (project.name, str(len(documents)), project.status.value, f"{project.seconds:.2f}s",
            _message(project))


def _message(project: ProjectResult) -> str:
    if project.status == ProjectStatus.differs:
        return check_message(project.documents)
    stale = sum(1 for d in project.documents if d.status == DocumentStatus.stale)
    if stale:
        return f"{stale} stale file(s), see below"
    more = len(project.more_lines())
    return project.error + (f" (+{more} more)" if more else "")


def _stale_lines(report: BuildReport) -> list[str]:
    stale = report.stale()
    if not stale:
        return []
    return [f"stale: {path}" for path in stale] + [
        f"{len(stale)} stale file(s) in OUT that docgen did not make or that were changed since, "
        f"left alone: {STALE_HINT}"]


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEADERS) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return lines


def _totals(report: BuildReport) -> str:
    counts = ", ".join(f"{n} {status}" for status, n in report.counts().items() if n)
    documents = sum(1 for d in report.outputs if not d.is_pdf)
    pdfs = sum(1 for d in report.outputs if d.is_pdf)
    pdf_part = f" and {pdfs} PDF(s)" if pdfs else ""
    verb = "checked" if report.check else "built"
    offices = f" and {report.offices} LibreOffices" if report.offices > report.jobs else ""
    return (f"{len(report.projects)} project(s): {counts or 'none'}; {documents} document(s){pdf_part} "
            f"{verb} in {report.seconds:.1f}s with {report.jobs} job(s){offices}")
