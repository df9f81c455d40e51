"""The library facade: every use case of docgen, for Python callers and for the CLI.

    import docgen

    project = docgen.load_project("samples/mail-migration/project.yaml")
    report = docgen.build(docgen.BuildRequest(sources=[Path("samples")], out=Path("out")))
    changes = docgen.import_workbook("returned/checklist.xlsx", dry_run=True)

Each function takes paths and plain options, returns a result object, and raises a
`DocgenError` (one line, an exit code) for anything a user can cause. The modules
behind a use case are imported when it is called, so that `docgen --version` and
`docgen validate` do not pay for the Office libraries.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .errors import Problem

if TYPE_CHECKING:
    from .batch import BuildReport, BuildRequest
    from .batch.progress import Reporter
    from .excel.report import ImportReport
    from .checklist_actions import ChecklistActionsReport
    from .models.effort_summary import EffortSummary
    from .effort_import import EffortImportReport
    from .gates import ProjectGates
    from .gates_explain import Explanation
    from .validation import FileCheck
    from .status import ProjectStatus
    from .models import Project

__all__ = [
    "BuildRequest", "build", "check_gates", "explain_gates", "checklist_actions", "effort", "import_effort", "check_templates", "choose_reporter", "discover_projects",
    "export_templates", "import_workbook", "init_project", "load_project", "merge_shards", "parse_shard",
    "reference_markdown", "schema_file", "schema_is_stale", "templates_doc", "status", "status_text", "validate", "write_portfolio", "write_schema",
]


def load_project(path: str | Path) -> Project:
    """Read and validate a project file; `ProjectFileError` lists every problem, located."""
    from .loader import load_project as load

    return load(path)


def validate(sources: list[Path], templates_dir: Path | None = None) -> list[FileCheck]:
    """Each project file's problems and warnings (directories: their */project.yaml):
    everything a build would refuse, logos and templates included."""
    from .validation import check_sources

    return check_sources(sources, templates_dir)


def discover_projects(sources: list[Path]) -> list[Path]:
    """Project files named directly, and */project.yaml inside named directories, sorted."""
    from .batch.discovery import discover_projects as discover

    return discover(list(sources))


def build(request: BuildRequest, reporter: Reporter | None = None) -> BuildReport:
    """Render the deliverables of one or more projects as `request` describes."""
    from .batch import run_build
    from .batch.progress import NullReporter

    return run_build(request, reporter or NullReporter())


def merge_shards(shards: list[Path], out: Path) -> dict[str, Any]:
    """Merge the OUT directories of `build --shard K/N` jobs into `out`, checking every hash."""
    from .batch.merge import merge_shards as merge

    return merge(list(shards), out)


def import_workbook(workbook: str | Path, project: str | Path | None = None, *, dry_run: bool = False,
                    strict: bool = False, prefer: str | None = None, accept_deletions: bool = False,
                    defaults: dict[str, str] | None = None, without_meta: bool = False) -> ImportReport:
    """Merge a customer's edited checklist or test protocol into project.yaml.

    `defaults` complete rows the customer added without required cells (field -> value);
    `without_meta` imports a workbook whose _meta sheet was deleted, by its visible ids."""
    from .importing import import_workbook as run_import

    return run_import(Path(workbook), Path(project) if project else None, dry_run=dry_run, strict=strict,
                      prefer=prefer, accept_deletions=accept_deletions, defaults=defaults,
                      without_meta=without_meta)


def import_effort(timesheet: str | Path, project: str | Path | None = None, *, skip_bad: bool = False,
                  dry_run: bool = False, columns: dict[str, str] | None = None) -> EffortImportReport:
    """Book a time-tracking export (CSV or XLSX) onto the work packages of project.yaml."""
    from .effort_import import import_effort as run_import
    from .project_file import find_project

    timesheet = Path(timesheet)
    return run_import(timesheet, find_project(timesheet, Path(project) if project else None), skip_bad=skip_bad,
                      dry_run=dry_run, columns=columns or {})


def checklist_actions(project: str | Path, *, dry_run: bool = False) -> ChecklistActionsReport:
    """Turn meeting actions marked `checklist: true` into checklist items, linked both ways."""
    from .checklist_actions import checklist_actions as run

    return run(Path(project), dry_run=dry_run)


def effort(project: str | Path, as_of: dt.date | None = None) -> EffortSummary:
    """Booked against planned effort per work package (the SOW plus approved change requests)."""
    from .models.effort_summary import effort_by_work_package

    return effort_by_work_package(load_project(project), as_of)


def check_gates(sources: list[Path], next_gate: bool = False, only: list[str] | None = None) -> list[ProjectGates]:
    """The phase gates of each project (files, or directories holding */project.yaml)."""
    from .gates import check_projects

    return check_projects(discover_projects(sources), next_gate, only)


def status(sources: list[Path], as_of: dt.date | None = None) -> list[ProjectStatus]:
    """Where each project stands (files, or directories holding */project.yaml), worst first."""
    from .status import portfolio

    return portfolio(discover_projects(sources), as_of)


def status_text(statuses: list[ProjectStatus], page: bool = False) -> str:
    """One project's full status page (`page`), else one line per project."""
    from .status_text import portfolio_line, status_page

    if page and len(statuses) == 1:
        return status_page(statuses[0])
    return "\n".join(portfolio_line(status) for status in statuses)


def write_portfolio(statuses: list[ProjectStatus], target: Path) -> Path:
    """The portfolio as one self-contained HTML page, linking the documents built beside it."""
    from .portfolio import write_portfolio as write

    return write(statuses, target)


def explain_gates(sources: list[Path]) -> list[Explanation]:
    """The gate rules in force for each project and where each comes from (default or project.yaml)."""
    from .gates_explain import explain_projects

    return explain_projects(discover_projects(sources))


def export_templates(directory: Path, force: bool = False) -> list[Path]:
    """Copy the shipped DOCX templates into `directory` for rebranding."""
    from .renderers.templates import export_templates as export

    return export(directory, force=force)


def check_templates(directory: Path | None = None, project: Path | None = None) -> list[Problem]:
    """Placeholders in templates (default: the shipped ones) that the data model does not
    provide; with the `project` file, also the `extra` keys it does not define."""
    from .renderers.templates import check_templates as check

    if project is None:
        return check(directory)
    return check(directory, load_project(project), str(project))


def templates_doc(template: str | None = None) -> str:
    """The placeholders each shipped template (or `template`, e.g. "charter") may use, as text."""
    from .renderers.template_doc import templates_doc as describe

    return describe(template)


def reference_markdown() -> str:
    """The reference page of every project.yaml field (docs/reference.md), from the models."""
    from .reference import reference_markdown as reference

    return reference()


def write_schema(directory: Path | None = None) -> Path:
    """Write project.schema.json (default: the checkout's schemas/, else the current directory)."""
    from .schema import write_schema as write

    return write(directory or _schemas_dir())


def schema_is_stale(directory: Path | None = None) -> bool:
    """Whether the schema file is missing or differs from the models."""
    from .schema import stale_schema

    return stale_schema(directory or _schemas_dir())


def schema_file(directory: Path | None = None) -> Path:
    """Where `write_schema` writes: project.schema.json in `directory` or the shipped schemas/."""
    from .schema import SCHEMA_FILE

    return (directory or _schemas_dir()) / SCHEMA_FILE


def init_project(directory: Path, force: bool = False, language: str = "en") -> list[Path]:
    """Write a commented starter project.yaml in `language` (en, de) into `directory`, and
    project.schema.json beside it unless one is found in a folder above; return the files written."""
    from .starter import init_project as init

    return init(directory, force=force, language=language)


def choose_reporter(stream: TextIO | None = None) -> Reporter:
    """Build progress for `stream`: a live bar on a terminal, one line per project otherwise."""
    from .batch.progress import choose_reporter as choose

    return choose(stream)


def parse_shard(text: str) -> tuple[int, int]:
    """'2/3' -> (2, 3), or a usage error showing the expected form."""
    from .batch.request import parse_shard as parse

    return parse(text)


def _schemas_dir() -> Path:
    from .schema import default_schema_dir

    return default_schema_dir()


def __getattr__(name: str) -> Any:
    if name == "BuildRequest":  # a plain dataclass, but it lives with the batch code
        from .batch.request import BuildRequest

        return BuildRequest
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
