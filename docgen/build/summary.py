"""The table a build ends with (one row per project, then the totals), and the details behind it."""

from __future__ import annotations

from .results import BuildReport, DocumentResult, DocumentStatus, ProjectResult, ProjectStatus

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
    return (f"{len(report.projects)} project(s): {counts or 'none'}; {documents} document(s){pdf_part} "
            f"{verb} in {report.seconds:.1f}s with {report.jobs} job(s)")
