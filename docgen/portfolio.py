"""The portfolio as one static HTML page for CI artifacts: no server, no external assets.

Every project is a row: the traffic light, phase, Go decision, the gate that ends the
phase, progress bars for the checklist, the tests and the effort booked against the
SOW (with the work packages over budget), overdue counts, and links to
the documents built next to the page (`<page dir>/<project id>/*.docx|xlsx|pdf`, as
`docgen build -o` writes them). All text from project files is HTML-escaped; styles
are inline in the page, so it renders the same from a zip, a file URL or a CI server.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote

from .atomic import write_bytes_atomic
from .errors import UsageError
from .status import ProjectStatus

DOCUMENT_SUFFIXES = (".docx", ".xlsx", ".pdf")
_LIGHT_COLORS = {"red": "#C0392B", "amber": "#E6A100", "green": "#2E8B57"}

_STYLE = """
body{font-family:"Liberation Sans",Arial,sans-serif;margin:2rem;color:#1b1b1b;background:#fff}
h1{font-size:1.5rem;margin:0 0 .25rem}p.meta{color:#555;margin:0 0 1.5rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.5rem .6rem;vertical-align:top;
border-bottom:1px solid #d8dde3}th{background:#1F4E79;color:#fff;font-weight:600}
.light{display:inline-block;width:1rem;height:1rem;border-radius:50%;vertical-align:middle;margin-right:.4rem}
.bar{width:10rem;height:.7rem;background:#e4e8ec;border-radius:.35rem;overflow:hidden}
.bar span{display:block;height:100%;background:#1F4E79}.small{font-size:.85rem;color:#555}
.late{color:#C0392B;font-weight:600}.nowrap{white-space:nowrap}ul.docs{margin:.3rem 0 0;padding-left:1rem}summary{cursor:pointer;white-space:nowrap}
"""


def write_portfolio(statuses: list[ProjectStatus], target: Path) -> Path:
    """Write the page to `target` (atomically) and return its path."""
    target = Path(target)
    page = portfolio_html(statuses, target.parent).encode("utf-8")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(target, page)
    except OSError as error:
        raise UsageError(f"--html {target}: cannot write: {error.strerror or error}") from None
    return target


def portfolio_html(statuses: list[ProjectStatus], out_dir: Path) -> str:
    rows = "\n".join(_row(status, _documents(out_dir, status.id)) for status in statuses)
    counts = {light: len([s for s in statuses if s.light == light]) for light in _LIGHT_COLORS}
    summary = ", ".join(f"{n} {light}" for light, n in counts.items())
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>Project portfolio</title><style>{_STYLE}</style></head><body>\n"
        f"<h1>Project portfolio</h1><p class=\"meta\">{len(statuses)} project(s): {_e(summary)}; "
        "worst first</p>\n<table id=\"portfolio\"><thead><tr><th>Status</th><th>Project</th><th>Phase</th>"
        "<th>Gate</th><th>Checklist</th><th>Tests</th><th>Effort</th><th>Overdue</th><th>Documents</th></tr></thead>\n"
        f"<tbody>\n{rows}\n</tbody></table></body></html>\n"
    )


def _row(status: ProjectStatus, documents: list[str]) -> str:
    if status.problems:
        cells = [_light("red"), f"<td>{_e(status.file)}</td>",
                 f"<td colspan=\"7\" class=\"late\">not a valid project file: {_e(str(status.problems[0]))}</td>"]
    else:
        cells = [_light(status.light), _project_cell(status), _phase_cell(status), _gate_cell(status),
                 _progress(status.done, status.items, "done"),
                 _progress(status.tests_with("passed"), sum(r.total for r in status.tests), "passed"),
                 _effort_cell(status), _overdue_cell(status), _documents_cell(status.id, documents)]
    return f"<tr class=\"project\" data-id=\"{_e(status.id)}\" data-light=\"{_e(status.light)}\">{''.join(cells)}</tr>"


def _light(light: str) -> str:
    return (f"<td class=\"nowrap\"><span class=\"light\" style=\"background:{_LIGHT_COLORS[light]}\"></span>"
            f"{_e(light.upper())}</td>")


def _project_cell(status: ProjectStatus) -> str:
    return (f"<td><strong>{_e(status.title)}</strong><div class=\"small\">{_e(status.id)} &middot; "
            f"{_e(status.customer)} &middot; as of {_e(status.as_of)}</div></td>")


def _phase_cell(status: ProjectStatus) -> str:
    days = f"<div class=\"small\">{status.days_in_phase} days</div>" if status.days_in_phase is not None else ""
    decision = {"go": "Go", "no-go": "No-Go", "pending": "Go / No-Go pending"}[status.decision]
    return f"<td>{_e(status.phase.capitalize())}{days}<div class=\"small\">{_e(decision)}</div></td>"


def _gate_cell(status: ProjectStatus) -> str:
    gate = status.exit_gate
    if gate is None:
        return "<td></td>"
    verdict = "ready" if gate.passed else f"{len(gate.blockers)} blocking"
    return f"<td>{_e(gate.name)}<div class=\"small\">{_e(verdict)}</div></td>"


def _progress(done: int, total: int, word: str) -> str:
    if not total:
        return "<td class=\"small\">none recorded</td>"
    share = round(100 * done / total) if total else 0
    return f"<td>{_bar(share)}<div class=\"small\">{done}/{total} {word}</div></td>"


def _bar(share: int) -> str:
    return (f"<div class=\"bar\" role=\"progressbar\" aria-valuenow=\"{share}\" aria-valuemin=\"0\" "
            f"aria-valuemax=\"100\"><span style=\"width:{share}%\"></span></div>")


def _effort_cell(status: ProjectStatus) -> str:
    effort = status.effort
    if effort is None:
        return "<td class=\"small\">none planned</td>"
    planned, booked = float(effort.planned_days), float(effort.booked_days)
    share = min(100, round(100 * booked / planned)) if planned else (100 if booked else 0)
    over = [p.id for p in effort.over_budget]
    late = f"<div class=\"small late\">over budget: {_e(', '.join(over))}</div>" if over else ""
    return (f"<td>{_bar(share)}<div class=\"small\">{_e(effort.booked_days)}/{_e(effort.planned_days)} "
            f"days booked</div>{late}</td>")


def _overdue_cell(status: ProjectStatus) -> str:
    late = [f"{len(status.overdue)} item(s)", f"{status.overdue_actions} action(s)",
            f"{len(status.milestones_overdue)} milestone(s)"]
    late_now = status.overdue or status.overdue_actions or status.milestones_overdue
    css = " class=\"nowrap late\"" if late_now else " class=\"nowrap\""
    return f"<td{css}>{'<br>'.join(late)}</td>"


def _documents_cell(project_id: str, documents: list[str]) -> str:
    if not documents:
        return "<td class=\"small\">not built</td>"
    links = "".join(f"<li><a href=\"{_e(quote(project_id))}/{_e(quote(name))}\">{_e(name)}</a></li>"
                    for name in documents)
    pdfs = len([name for name in documents if name.endswith(".pdf")])
    summary = f"{len(documents)} document(s)" + (f", {pdfs} PDF(s)" if pdfs else "")
    # Collapsed, so that a project with many minutes keeps its row short; the links stay in the page.
    return f"<td class=\"small\"><details><summary>{summary}</summary><ul class=\"docs\">{links}</ul></details></td>"


def _documents(out_dir: Path, project_id: str) -> list[str]:
    """The built documents of a project next to the page, by name."""
    folder = out_dir / project_id
    if not project_id or not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix in DOCUMENT_SUFFIXES)


def _e(text: str) -> str:
    return html.escape(text, quote=True)
