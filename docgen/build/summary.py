"""The table a build ends with: one row per project, then the totals."""

from __future__ import annotations

from .results import BuildReport, ProjectResult, ProjectStatus

_HEADERS = ("project", "docs", "status", "time", "message")


def format_summary(report: BuildReport) -> str:
    rows = [_row(project) for project in report.projects]
    lines = _table([_HEADERS, *rows]) if rows else []
    lines.append(_totals(report))
    lines.extend(f"differs: {line}" for line in report.difference_lines())
    return "\n".join(lines)


def _row(project: ProjectResult) -> tuple[str, ...]:
    documents = [d for d in project.documents if not d.is_pdf]
    return (project.name, str(len(documents)), project.status.value, f"{project.seconds:.2f}s",
            _first_line(project))


def _first_line(project: ProjectResult) -> str:
    if project.status == ProjectStatus.differs:
        changed = [d for d in project.documents if d.failed]
        return f"{len(changed)} output(s) differ from the files on disk"
    lines = project.error.splitlines()
    if not lines:
        return ""
    more = f" (+{len(lines) - 1} more)" if len(lines) > 1 else ""
    return lines[0] + more


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEADERS) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return lines


def _totals(report: BuildReport) -> str:
    counts = ", ".join(f"{n} {status}" for status, n in report.counts().items() if n)
    documents = sum(1 for d in report.documents if not d.is_pdf)
    pdfs = sum(1 for d in report.documents if d.is_pdf)
    pdf_part = f" and {pdfs} PDF(s)" if pdfs else ""
    verb = "checked" if report.check else "built"
    return (f"{len(report.projects)} project(s): {counts or 'none'}; {documents} document(s){pdf_part} "
            f"{verb} in {report.seconds:.1f}s with {report.jobs} job(s)")
