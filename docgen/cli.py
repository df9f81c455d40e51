"""The `docgen` command: each command parses, calls one library function, maps errors.

Library modules are imported inside the commands so that `docgen --version` and
`docgen validate` load only what they need.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Any, Callable

import click

from . import __version__
from .errors import DocgenError, UsageError

EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def handle_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a DocgenError into its one-line message and exit code (traceback with --debug)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except DocgenError as error:
            if click.get_current_context().find_root().params.get("debug"):
                raise
            click.echo(f"error: {error.format_message()}", err=True)
            sys.exit(error.exit_code)

    return wrapper


def json_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print a JSON report on stdout.")(command)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docgen")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def main(debug: bool) -> None:
    """Render a project's deliverables (DOCX, XLSX) from one project.yaml, and merge
    the customer's spreadsheet edits back into it."""


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--templates", "templates_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Also check these DOCX templates, as build --templates would use them.")
@json_option
@handle_errors
def validate(sources: tuple[Path, ...], templates_dir: Path | None, as_json: bool) -> None:
    """Check project files (files, or directories holding */project.yaml) for everything a
    build would refuse: data, logos, templates; report every problem with file:line:column.

    Exit code 0 when all files are valid, 1 when any has problems."""
    from .validate import validate_sources

    results = validate_sources(list(sources), templates_dir)
    problems = [p for found in results.values() for p in found]
    if as_json:
        echo_json({"valid": not problems,
                   "files": [{"file": f, "valid": not found} for f, found in results.items()],
                   "problems": [p.as_dict() for p in problems]})
    else:
        for file, found in results.items():
            for problem in found:
                click.echo(str(problem), err=True)
            if not found:
                click.echo(f"ok: {file}")
    sys.exit(1 if problems else 0)


@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Directory to write project.schema.json into (default: schemas/ in a docgen "
                   "checkout, else the current directory).")
@click.option("--check", is_flag=True, help="Exit 1 when the schema file is missing or stale.")
@handle_errors
def schema(out_dir: Path | None, check: bool) -> None:
    """Write the JSON Schema of project.yaml (editors use it to complete and check)."""
    from .schema import SCHEMA_FILE, default_schema_dir, stale_schema, write_schema

    directory = out_dir or default_schema_dir()
    if check:
        if stale_schema(directory):
            click.echo(f"error: {directory / SCHEMA_FILE} is stale; run 'docgen schema'", err=True)
            sys.exit(1)
        click.echo(f"ok: {directory / SCHEMA_FILE} is current")
        return
    click.echo(f"wrote {write_schema(directory)}")


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace an existing project.yaml.")
@handle_errors
def init(directory: Path, force: bool) -> None:
    """Write a commented starter project.yaml into DIRECTORY, and project.schema.json
    beside it unless one is found in a folder above (editors use it)."""
    from .starter import init_project

    for path in init_project(directory, force=force):
        click.echo(f"wrote {path}")


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Output directory; documents go to OUT/<project-id>/.")
@click.option("--only", help="Comma-separated documents to build, e.g. charter,sow; "
                             "meeting-minutes:MTG-ID builds one meeting's minutes.")
@click.option("--lang", type=click.Choice(["en", "de"]), help="Override the project's language.")
@click.option("--templates", "templates_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Use these DOCX templates instead of the shipped ones.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Parallel workers (default: CPU count).")
@click.option("--fail-fast", is_flag=True, help="Stop at the first project that fails.")
@click.option("--check", is_flag=True, help="Render in memory; exit 1 if any output differs from disk.")
@click.option("--pdf", is_flag=True, help="Also convert every document to PDF with LibreOffice.")
@click.option("--pdf-timeout", type=click.FloatRange(min=1), default=120.0, show_default=True,
              help="Seconds LibreOffice may take per document with --pdf.")
@click.option("--shard", help="Build only shard K of N of the project list, e.g. 2/3.")
@click.option("--junit", type=click.Path(dir_okay=False, path_type=Path), help="Write a JUnit XML report.")
@json_option
@handle_errors
def build(sources: tuple[Path, ...], out: Path, only: str | None, lang: str | None,
          templates_dir: Path | None, jobs: int | None, fail_fast: bool, check: bool, pdf: bool,
          pdf_timeout: float, shard: str | None, junit: Path | None, as_json: bool) -> None:
    """Render the deliverables of one or more projects (files, or directories
    holding */project.yaml)."""
    from .build import BuildRequest, parse_shard, run_build
    from .progress import choose_reporter

    request = BuildRequest(
        sources=list(sources), out=out, only=_split_names(only), language=lang,
        templates_dir=templates_dir, jobs=jobs, fail_fast=fail_fast, check=check, pdf=pdf, pdf_timeout=pdf_timeout,
        shard=parse_shard(shard) if shard else None, junit=junit,
    )
    report = run_build(request, choose_reporter(sys.stderr))
    if click.get_current_context().find_root().params.get("debug") and (details := report.details()):
        click.echo(details, err=True)
    if as_json:
        echo_json(report.to_json())
    else:
        click.echo(report.summary_table())
    sys.exit(report.exit_code)


@main.command("merge")
@click.argument("shards", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Where the merged deliverables and manifest.json go.")
@handle_errors
def merge(shards: tuple[Path, ...], out: Path) -> None:
    """Merge the OUT directories of `docgen build --shard K/N` jobs into one, checking
    every file against its manifest hash. Exit 1 when a file is missing or altered, or
    when a shard reports a failed project."""
    from .build import merge_shards

    merged = merge_shards(list(shards), out)
    failed = len(merged["failed"])
    click.echo(f"merged {len(shards)} shard(s): {len(merged['documents'])} file(s), {failed} failed project(s)")
    sys.exit(1 if failed else 0)


def _split_names(text: str | None) -> list[str] | None:
    if not text:
        return None
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise UsageError("--only needs at least one document name")
    return names


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--next", "next_gate", is_flag=True,
              help="Also check the gate that ends each project's current phase.")
@click.option("--gate", "only", multiple=True, type=click.Choice(["go", "implementation-done", "launch"]),
              help="Check only this gate (repeatable), whatever the project's phase.")
@json_option
@handle_errors
def gates(sources: tuple[Path, ...], next_gate: bool, only: tuple[str, ...], as_json: bool) -> None:
    """Check the phase gates (Go decision, implementation done, launch readiness) of
    projects (files, or directories holding */project.yaml). Exit 1 when any fails."""
    from .build import discover_projects
    from .gates import check_projects

    results = check_projects(discover_projects(list(sources)), next_gate, list(only) or None)
    if as_json:
        echo_json({"passed": all(r.passed for r in results), "projects": [r.to_json() for r in results]})
    for result in [] if as_json else results:
        for problem in result.problems:
            click.echo(str(problem), err=True)
        click.echo(result.summary())
    sys.exit(0 if all(r.passed for r in results) else 1)


@main.group()
def templates() -> None:
    """Export the shipped DOCX templates for rebranding, or check templates."""


@templates.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace existing files.")
@handle_errors
def templates_export(directory: Path, force: bool) -> None:
    """Copy the shipped templates into DIRECTORY (use them with build --templates)."""
    from .renderers.templates import export_templates

    for path in export_templates(directory, force=force):
        click.echo(f"wrote {path}")


@templates.command("check")
@click.argument("directory", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@json_option
@handle_errors
def templates_check(directory: Path | None, as_json: bool) -> None:
    """List placeholders in templates that the data model does not provide (exit 1 if any)."""
    from .renderers.templates import check_templates

    problems = check_templates(directory)
    if as_json:
        echo_json({"ok": not problems, "problems": [p.as_dict() for p in problems]})
    else:
        for problem in problems:
            click.echo(str(problem), err=True)
        if not problems:
            click.echo("ok: every placeholder is provided by the data model")
    sys.exit(1 if problems else 0)


@templates.command("doc")
@click.argument("template", required=False)
@handle_errors
def templates_doc(template: str | None) -> None:
    """Print the placeholders each template (or TEMPLATE, e.g. charter) may use."""
    from .renderers.template_doc import templates_doc as describe

    click.echo(describe(template), nl=False)


@main.command("import")
@click.argument("workbook", type=EXISTING_FILE)
@click.option("--project", type=EXISTING_FILE,
              help="The project file to merge into (default: project.yaml beside the workbook, then in the current directory).")
@click.option("--dry-run", is_flag=True, help="Show the changes; write nothing.")
@click.option("--strict", is_flag=True, help="Refuse edits to read-only columns instead of ignoring them.")
@click.option("--prefer", type=click.Choice(["theirs", "ours"]),
              help="Settle conflicts: theirs = the sheet wins, ours = project.yaml wins.")
@click.option("--accept-deletions", is_flag=True, help="Delete items whose rows were removed from the sheet.")
@json_option
@handle_errors
def import_(workbook: Path, project: Path | None, dry_run: bool, strict: bool, prefer: str | None,
            accept_deletions: bool, as_json: bool) -> None:
    """Merge a customer's edited checklist or test protocol into project.yaml."""
    from .excel.import_ import import_workbook

    report = import_workbook(workbook, project, dry_run=dry_run, strict=strict, prefer=prefer,
                             accept_deletions=accept_deletions)
    if as_json:
        echo_json(report.to_json())
    else:
        click.echo(report.render_table())
