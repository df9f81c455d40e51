"""`docgen validate`: everything a build would refuse, found before anything is rendered,
and the warnings a project can live with for now.

Beyond the data itself (schema, dates, references: loader.py) a build needs the files
the project names (its logos, inside the project folder and real images) and the
templates it renders from. Warnings are contradictions such as a document that shows
something dated after itself (`models.chronology`). Each problem is located like a data
problem, with file:line:column, so an editor or CI annotation jumps to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .batch.discovery import discover_projects
from .errors import Problem, ProjectFileError, format_loc
from .loader import ProjectSource, read_project
from .models import Project
from .models.chronology import later_citations
from .models.concept import LEGACY_PARTS

LOGO_FIELDS = (("project", "customer", "logo"), ("project", "vendor", "logo"))


@dataclass
class FileCheck:
    file: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def check_sources(sources: Sequence[Path], templates_dir: Path | None = None) -> list[FileCheck]:
    """A check of every project file named by `sources` (files, or directories holding
    */project.yaml); then the templates' problems, under the templates folder."""
    template_problems = check_build_templates(templates_dir)
    checks = [check_file(path, templates_dir, template_problems) for path in discover_projects(sources)]
    if template_problems or templates_dir is not None:
        checks.append(FileCheck(str(templates_dir or "templates"), template_problems))
    return checks


def check_file(path: str | Path, templates_dir: Path | None = None,
               template_problems: Sequence[Problem] = ()) -> FileCheck:
    """The data problems of one project file, then (when the data is valid) its files'
    problems, the `extra` keys the templates of `templates_dir` use but it does not define
    (beyond the templates' own `template_problems`), and its warnings."""
    try:
        project, source = read_project(path)
    except ProjectFileError as error:
        return FileCheck(str(path), error.problems)
    warnings = [Problem(source.file, source.where(c.loc), format_loc(c.loc), c.message, c.hint)
                for c in later_citations(project)] + pending_checklist_actions(project, source)
    warnings += former_environment(source)
    problems = asset_problems(project, source, Path(path))
    if templates_dir is not None:
        problems += [p for p in check_templates_for(templates_dir, project, source.file) if p not in template_problems]
    return FileCheck(source.file, problems, warnings)


def check_templates_for(templates_dir: Path, project: Project, file: str) -> list[Problem]:
    """The templates' problems for this project (read from `file`), its `extra` keys known."""
    from .renderers.templates import check_templates

    return check_templates(templates_dir, project, file)


def pending_checklist_actions(project: Project, source: ProjectSource) -> list[Problem]:
    """Meeting actions marked for the checklist that have no checklist item yet."""
    return [Problem(source.file, source.where(loc), format_loc(loc), "marked for the checklist, but it has no item yet",
                    "run 'docgen checklist-actions' to create the item and link both ways")
            for m, meeting in enumerate(project.meetings) for a, action in enumerate(meeting.actions)
            if action.checklist and not action.requirement and (loc := ("meetings", m, "actions", a, "checklist"))]


def former_environment(source: ProjectSource) -> list[Problem]:
    """The environment's former keys (mail_system, ..., other): they load as components, but
    the schema, and so an editor, no longer knows them."""
    loc = ("concept", "environment")
    data = source.parsed.data if source.parsed is not None else None
    concept = data.get(loc[0]) if isinstance(data, dict) else None
    environment = concept.get(loc[1]) if isinstance(concept, dict) else None
    # read in the data, so that the located tree is composed only to place a warning
    former = [key for key in (*LEGACY_PARTS, "other") if isinstance(environment, dict) and key in environment]
    if not former:
        return []
    return [Problem(source.file, source.where(loc), format_loc(loc),
                    f"written in the former shape ({', '.join(former)})",
                    "list them as components: [{name: ..., details: ...}]; they load as such meanwhile")]


def asset_problems(project: Project, source: ProjectSource, path: Path) -> list[Problem]:
    """Logos that are missing, outside the project folder, or not images Word can show."""
    from .renderers.assets import AssetError, logo_image

    problems = []
    for loc in LOGO_FIELDS:
        value = getattr(getattr(project.project, loc[1]), loc[2])
        if not value:
            continue
        try:
            logo_image(path.parent, value)
        except AssetError as error:
            problems.append(Problem(str(path), source.where(loc), format_loc(loc), error.message, error.hint))
    return problems


def check_build_templates(templates_dir: Path | None) -> list[Problem]:
    """Templates a build would not find, and with --templates DIR every placeholder in
    them that the data model does not provide (the shipped set is checked by the tests)."""
    from .renderers.templates import check_templates, missing_templates

    if templates_dir is None:
        return missing_templates(None)
    return check_templates(templates_dir)
