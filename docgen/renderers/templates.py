"""The shipped DOCX templates as a user sees them: export them, check them.

`export_templates(DIR)` copies the templates for rebranding in Word; `docgen build
--templates DIR` then uses the copies. `check_templates(DIR)` lists every placeholder
a template uses that the data model does not provide, so a typo surfaces before a
build fails on it.
"""

from __future__ import annotations

from pathlib import Path


from ..errors import Problem, UsageError
from ..models import Project
from ..resources import templates_dir
from .registry import get_renderer, renderer_names, template_names

# The placeholder check's modules (docx_check, docx_common, docx_context: Jinja2,
# python-docx, lxml) are imported by the functions that check: exporting templates and
# `docgen validate`'s look for missing ones need only the registry's template names.


def export_templates(dest: Path, force: bool = False) -> list[Path]:
    """Copy the shipped templates into `dest`; existing files are kept unless `force`."""
    dest = Path(dest)
    sources = shipped_templates()
    if not force:
        for source in sources:
            if (dest / source.name).exists():
                raise UsageError(f"{dest / source.name}: already exists; "
                                 "use --force to overwrite it, or export into an empty directory")
    import shutil  # here: with it, bz2 and lzma, which `validate` (importing this module) never needs

    try:
        dest.mkdir(parents=True, exist_ok=True)
        return [Path(shutil.copyfile(source, dest / source.name)) for source in sources]
    except OSError as error:
        raise UsageError(f"{dest}: cannot write templates: {error.strerror}") from None


def shipped_templates() -> list[Path]:
    return sorted(path for name in template_names() if (path := templates_dir() / name).is_file())


def template_contexts() -> dict[str, type]:
    """Template file name -> context type, from the DOCX renderers of the registry."""
    found: dict[str, type] = {}
    for name in renderer_names():
        try:
            renderer = get_renderer(name)
        except ImportError:  # a renderer of another kind that is not installed
            continue
        template, context = getattr(renderer, "template", None), getattr(renderer, "context_type", None)
        if template and context:
            found[template] = context
    return found


def check_templates(directory: Path | None = None, project: Project | None = None,
                    project_file: str | None = None) -> list[Problem]:
    """Every placeholder in the templates of `directory` that the model does not provide;
    with `project` (read from `project_file`), also every `extra` key it does not define."""
    from .docx_context import DocxContext

    directory = Path(directory) if directory is not None else templates_dir()
    if not directory.is_dir():
        raise UsageError(f"{directory}: no such directory")
    contexts = template_contexts()
    problems = missing_templates(directory)
    for path in sorted(directory.glob("*.docx")):
        if not path.name.startswith("~$"):  # Word's lock files
            problems += check_template(path, contexts.get(path.name, DocxContext), project, project_file)
    return problems


def missing_templates(directory: Path | None) -> list[Problem]:
    """A problem for each template a build needs that `directory` (default: the shipped
    templates) does not hold."""
    folder = directory or templates_dir()
    hint = ("run 'docgen templates export DIR' to get the full set" if directory is not None
            else "the installation is incomplete; reinstall docgen")
    return [Problem(str(folder / name), "", "", "template missing", hint)
            for name in sorted(template_names()) if not (folder / name).is_file()]


def check_template(path: Path, context_type: type, project: Project | None = None,
                   project_file: str | None = None) -> list[Problem]:
    """Every placeholder of the template at `path` that `context_type` (and `project`'s
    `extra` keys) do not provide."""
    from .docx_check import placeholder_problems
    from .docx_common import ENVIRONMENT

    return placeholder_problems(path, context_type, ENVIRONMENT, project, project_file)
