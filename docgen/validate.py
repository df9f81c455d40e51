"""`docgen validate`: everything a build would refuse, found before anything is rendered.

Beyond the data itself (schema, dates, references: loader.py) a build needs the files
the project names (its logos, inside the project folder and real images) and the
templates it renders from. Each problem is located like a data problem, with
file:line:column, so an editor or CI annotation jumps to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .build.discovery import discover_projects
from .errors import Problem, ProjectFileError
from .loader import parse_yaml, read_text, validate_project_data
from .models import Project
from .models.refs import format_loc
from .yaml_errors import locate

LOGO_FIELDS = (("project", "customer", "logo"), ("project", "vendor", "logo"))


def validate_sources(sources: Sequence[Path], templates_dir: Path | None = None) -> dict[str, list[Problem]]:
    """Every problem of every project file named by `sources` (files, or directories holding
    */project.yaml), keyed by file; the templates' problems under the templates folder."""
    results = {str(path): check_project_file(path) for path in discover_projects(sources)}
    template_problems = check_build_templates(templates_dir)
    if template_problems or templates_dir is not None:
        results[str(templates_dir or "templates")] = template_problems
    return results


def check_project_file(path: Path) -> list[Problem]:
    """The data problems of one project file, then (when the data is valid) its files'."""
    name = str(path)
    try:
        parsed = parse_yaml(read_text(path), name)
        project = validate_project_data(parsed, name)
    except ProjectFileError as error:
        return error.problems
    return asset_problems(project, parsed.node, path)


def asset_problems(project: Project, root, path: Path) -> list[Problem]:
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
            problems.append(Problem(str(path), locate(root, loc), format_loc(loc), error.message, error.hint))
    return problems


def check_build_templates(templates_dir: Path | None) -> list[Problem]:
    """Templates a build would not find, and with --templates DIR every placeholder in
    them that the data model does not provide (the shipped set is checked by the tests)."""
    from .renderers.templates import check_templates, missing_templates

    if templates_dir is None:
        return missing_templates(None)
    return check_templates(templates_dir)
