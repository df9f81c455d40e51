"""The `docgen` command: each command parses its options, calls one function of the
library facade (`docgen.api`), and prints the result; errors become one line.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any, Callable

import click

from . import __version__, api
from .errors import DocgenError, Problem, UsageError

# Paths are checked by the library, which names a missing one in a single line; click's
# own check would print the whole usage text first.
EXISTING_FILE = click.Path(dir_okay=False, path_type=Path)
SOURCES = click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))


class DocgenGroup(click.Group):
    """Turns a `DocgenError` from any command into its one-line message and exit code;
    with --debug, the traceback instead."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DocgenError as error:
            if ctx.params.get("debug"):
                raise
            click.echo(f"error: {error.format_message()}", err=True)
            ctx.exit(error.exit_code)


def json_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--json; a command that fails with it also prints its error as JSON on stdout, so a
    machine reading stdout learns why, not only that (stderr keeps the one line)."""

    @functools.wraps(command)
    def reporting(*args: Any, as_json: bool, **kwargs: Any) -> Any:
        try:
            return command(*args, as_json=as_json, **kwargs)
        except DocgenError as error:
            if as_json and not debugging():
                echo_json(error_json(error))
            raise

    return click.option("--json", "as_json", is_flag=True, help="Print a JSON report on stdout.")(reporting)


def error_json(error: DocgenError) -> dict[str, Any]:
    """A failure as JSON: every problem with its place, or the one message."""
    from .errors import MAX_SHOWN_PROBLEMS, ProblemsError

    problems = error.problems if isinstance(error, ProblemsError) else []
    return {"ok": False, "error": type(error).__name__, "exit_code": error.exit_code,
            "message": error.format_message().splitlines()[0] if problems else error.format_message(),
            "problems": [p.as_dict() for p in problems[:MAX_SHOWN_PROBLEMS]],
            "more_problems": max(len(problems) - MAX_SHOWN_PROBLEMS, 0)}


def echo_json(data: Any) -> None:
    import json  # only --json needs it; `docgen validate` should not pay its import

    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def finish(problems: list[Problem], as_json: bool, report: dict[str, Any], ok_message: str) -> None:
    """Print the problems (one line each, on stderr) or the JSON report; exit 1 when there are any."""
    if as_json:
        echo_json({**report, "problems": [p.as_dict() for p in problems]})
    else:
        for problem in problems:
            click.echo(str(problem), err=True)
        if not problems and ok_message:
            click.echo(ok_message)
    sys.exit(1 if problems else 0)


def show(report: Any, as_json: bool, text: str) -> None:
    """A report as JSON (`report.to_json()`) or as its text for people."""
    if as_json:
        echo_json(report.to_json())
    else:
        click.echo(text)


def debugging() -> bool:
    return bool(click.get_current_context().find_root().params.get("debug"))


@click.group(cls=DocgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docgen")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
def main(debug: bool) -> None:
    """Render a project's deliverables (DOCX, XLSX) from one project.yaml, and merge
    the customer's spreadsheet edits back into it."""


@main.command()
@SOURCES
@click.option("--templates", "templates_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Also check these DOCX templates, as build --templates would use them.")
@json_option
def validate(sources: tuple[Path, ...], templates_dir: Path | None, as_json: bool) -> None:
    """Check project files (files, or directories holding */project.yaml) for everything a
    build would refuse: data, logos, templates; report every problem with file:line:column,
    and warnings such as a document showing something dated after itself.

    Exit code 0 when all files are valid (warnings or not), 1 when any has problems."""
    results = api.validate(list(sources), templates_dir)
    for result in [] if as_json else results:
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        if not result.problems:
            click.echo(f"ok: {result.file}")
    finish([p for r in results for p in r.problems], as_json,
           {"valid": not any(r.problems for r in results),
            "files": [{"file": r.file, "valid": not r.problems} for r in results],
            "warnings": [w.as_dict() for r in results for w in r.warnings]}, "")


@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Directory to write project.schema.json into (default: schemas/ in a docgen "
                   "checkout, else the current directory).")
@click.option("--check", is_flag=True, help="Exit 1 when the schema file is missing or stale.")
def schema(out_dir: Path | None, check: bool) -> None:
    """Write the JSON Schema of project.yaml (editors use it to complete and check)."""
    if not check:
        click.echo(f"wrote {api.write_schema(out_dir)}")
    elif api.schema_is_stale(out_dir):
        click.echo(f"error: {api.schema_file(out_dir)} is stale; run 'docgen schema'", err=True)
        sys.exit(1)
    else:
        click.echo(f"ok: {api.schema_file(out_dir)} is current")


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace an existing project.yaml.")
@click.option("--lang", type=click.Choice(["en", "de"]), default="en", show_default=True,
              help="The project's language: its documents' labels and the names of the default components.")
def init(directory: Path, force: bool, lang: str) -> None:
    """Write a commented starter project.yaml into DIRECTORY, and project.schema.json
    beside it unless one is found in a folder above (editors use it)."""
    for path in api.init_project(directory, force=force, language=lang):
        click.echo(f"wrote {path}")


@main.command()
@SOURCES
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
@click.option("--final", is_flag=True,
              help="Refuse documents that are still drafts (content missing, status not final); list what is missing.")
@click.option("--resolve-secrets", is_flag=True,
              help="Print test accounts' passwords from env: and file: references into the documents.")
@click.option("--redact", is_flag=True, help="Show test accounts' credentials as placeholders.")
@json_option
def build(sources: tuple[Path, ...], out: Path, only: str | None, lang: str | None,
          templates_dir: Path | None, jobs: int | None, fail_fast: bool, check: bool, pdf: bool,
          pdf_timeout: float, shard: str | None, junit: Path | None, final: bool, resolve_secrets: bool,
          redact: bool, as_json: bool) -> None:
    """Render the deliverables of one or more projects (files, or directories
    holding */project.yaml)."""
    request = api.BuildRequest(
        sources=list(sources), out=out, only=_split_names(only), language=lang,
        templates_dir=templates_dir, jobs=jobs, fail_fast=fail_fast, check=check, pdf=pdf, pdf_timeout=pdf_timeout,
        shard=api.parse_shard(shard) if shard else None, junit=junit, final=final,
        credentials=_credentials(resolve_secrets, redact),
    )
    report = api.build(request, api.choose_reporter(sys.stderr))
    if debugging() and (details := report.details()):
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
def merge(shards: tuple[Path, ...], out: Path) -> None:
    """Merge the OUT directories of `docgen build --shard K/N` jobs into one, checking
    every file against its manifest hash. Exit 1 when a file is missing or altered, or
    when a shard reports a failed project."""
    merged = api.merge_shards(list(shards), out)
    failed = len(merged["failed"])
    click.echo(f"merged {len(shards)} shard(s): {len(merged['documents'])} file(s), {failed} failed project(s)")
    sys.exit(1 if failed else 0)


def _credentials(resolve_secrets: bool, redact: bool) -> str:
    if resolve_secrets and redact:
        raise UsageError("--resolve-secrets and --redact exclude each other")
    return "resolve" if resolve_secrets else "redact" if redact else "reference"


def _pairs(texts: tuple[str, ...], option: str = "--default", form: str = "FIELD=VALUE",
           example: str = "side=customer") -> dict[str, str]:
    """('side=customer', ...) -> {'side': 'customer'}; a malformed pair is a usage error."""
    pairs = {}
    for text in texts:
        name, equals, value = text.partition("=")
        if not equals or not name.strip() or not value.strip():
            raise UsageError(f"{option} '{text}': expected {form}, e.g. {example}")
        pairs[name.strip()] = value.strip()
    return pairs


def _split_names(text: str | None) -> list[str] | None:
    if not text:
        return None
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise UsageError("--only needs at least one document name")
    return names


@main.command()
@SOURCES
@click.option("--next", "next_gate", is_flag=True,
              help="Also check the gate that ends each project's current phase.")
@click.option("--gate", "only", multiple=True, type=click.Choice(["go", "implementation-done", "launch", "close"]),
              help="Check only this gate (repeatable), whatever the project's phase.")
@click.option("--explain", is_flag=True,
              help="Print the rules in force and where each comes from (default or project.yaml:line); check nothing.")
@json_option
def gates(sources: tuple[Path, ...], next_gate: bool, only: tuple[str, ...], explain: bool, as_json: bool) -> None:
    """Check the phase gates (Go decision, implementation done, launch readiness, close) of
    projects (files, or directories holding */project.yaml). Exit 1 when any fails.
    Rules and their adjustments: the project's `gates:` section, shown by --explain."""
    if explain:
        explanations = api.explain_gates(list(sources))
        if as_json:
            echo_json({"projects": [e.to_json() for e in explanations]})
        for line in [] if as_json else [line for e in explanations for line in e.lines()]:
            click.echo(line)
        return
    results = api.check_gates(list(sources), next_gate, list(only) or None)
    if as_json:
        echo_json({"passed": all(r.passed for r in results), "projects": [r.to_json() for r in results]})
    for result in [] if as_json else results:
        for problem in result.problems:
            click.echo(str(problem), err=True)
        click.echo(result.summary())
    sys.exit(0 if all(r.passed for r in results) else 1)


@main.command()
@SOURCES
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Report the state on this day (default: each project's as_of, else today).")
@click.option("--html", "html", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the portfolio as one self-contained HTML page (e.g. out/index.html).")
@json_option
def status(sources: tuple[Path, ...], as_of, html: Path | None, as_json: bool) -> None:
    """Where projects stand: phase, Go decision, checklist, tests, milestones, actions,
    the next gate and traceability gaps. One project prints a page; several (or a
    directory holding */project.yaml) print one line each, worst first. Exit 1 when
    a project file does not load."""
    results = api.status(list(sources), as_of.date() if as_of else None)
    if html:
        click.echo(f"wrote {api.write_portfolio(results, html)}", err=True)
    if as_json:
        echo_json({"projects": [r.to_json() for r in results]})
    else:
        click.echo(api.status_text(results, page=len(results) == 1 and not any(p.is_dir() for p in sources)))
    sys.exit(1 if any(r.problems for r in results) else 0)


@main.group()
def templates() -> None:
    """Export the shipped DOCX templates for rebranding, or check templates."""


@templates.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace existing files.")
def templates_export(directory: Path, force: bool) -> None:
    """Copy the shipped templates into DIRECTORY (use them with build --templates)."""
    for path in api.export_templates(directory, force=force):
        click.echo(f"wrote {path}")


@templates.command("check")
@click.argument("directory", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--project", type=EXISTING_FILE,
              help="Also report extra.<key> placeholders that this project.yaml does not define.")
@json_option
def templates_check(directory: Path | None, project: Path | None, as_json: bool) -> None:
    """List placeholders in templates that the data model does not provide (exit 1 if any)."""
    problems = api.check_templates(directory, project)
    finish(problems, as_json, {"ok": not problems}, "ok: every placeholder is provided by the data model")


@templates.command("doc")
@click.argument("template", required=False)
def templates_doc(template: str | None) -> None:
    """Print the placeholders each template (or TEMPLATE, e.g. charter) may use."""
    click.echo(api.templates_doc(template), nl=False)


@main.command("import")
@click.argument("workbook", type=EXISTING_FILE)
@click.option("--project", type=EXISTING_FILE,
              help="The project file to merge into (default: project.yaml beside the workbook, then in the current directory).")
@click.option("--dry-run", is_flag=True, help="Show the changes; write nothing.")
@click.option("--strict", is_flag=True, help="Refuse edits to read-only columns instead of ignoring them.")
@click.option("--prefer", type=click.Choice(["theirs", "ours"]),
              help="Settle conflicts: theirs = the sheet wins, ours = project.yaml wins.")
@click.option("--accept-deletions", is_flag=True, help="Delete items whose rows were removed from the sheet.")
@click.option("--without-meta", is_flag=True,
              help="Import a workbook whose hidden _meta sheet was deleted, by its visible ids; every difference "
                   "is then a conflict unless --prefer settles it.")
@click.option("--default", "defaults", multiple=True, metavar="FIELD=VALUE",
              help="Fill this field of rows the customer added where its cell is empty, e.g. side=customer.")
@json_option
def import_(workbook: Path, project: Path | None, dry_run: bool, strict: bool, prefer: str | None,
            accept_deletions: bool, without_meta: bool, defaults: tuple[str, ...], as_json: bool) -> None:
    """Merge a customer's edited checklist or test protocol into project.yaml."""
    report = api.import_workbook(workbook, project, dry_run=dry_run, strict=strict, prefer=prefer,
                                 accept_deletions=accept_deletions, defaults=_pairs(defaults),
                                 without_meta=without_meta)
    show(report, as_json, report.render_table())


@main.command("import-effort")
@click.argument("timesheet", type=EXISTING_FILE)
@click.option("--project", type=EXISTING_FILE,
              help="The project file to book into (default: project.yaml beside the timesheet, then in the current directory).")
@click.option("--skip-bad", is_flag=True, help="Book the good rows even when some rows are bad (they are listed).")
@click.option("--dry-run", is_flag=True, help="Show what would be booked; write nothing.")
@click.option("--column", "columns", multiple=True, metavar="FIELD=HEADER",
              help="Name the column of a field (date, hours, work_package, ticket, person, note); repeatable.")
@json_option
def import_effort(timesheet: Path, project: Path | None, skip_bad: bool, dry_run: bool, columns: tuple[str, ...],
                  as_json: bool) -> None:
    """Book a time-tracking export (CSV or XLSX: date, person, work package or ticket,
    hours) onto the work packages in project.yaml. Bad rows are listed with their line
    and nothing is booked, unless --skip-bad."""
    report = api.import_effort(timesheet, project, skip_bad=skip_bad, dry_run=dry_run,
                               columns=_pairs(columns, "--column", "FIELD=HEADER", "work_package=Activity"))
    show(report, as_json, report.render_text())


@main.command("checklist-actions")
@click.argument("project", type=EXISTING_FILE, default="project.yaml")
@click.option("--dry-run", is_flag=True, help="Show the items that would be created; write nothing.")
@json_option
def checklist_actions(project: Path, dry_run: bool, as_json: bool) -> None:
    """Create checklist items for meeting actions marked `checklist: true`, and link
    action and item both ways (the action's requirement, the item's meeting)."""
    report = api.checklist_actions(project, dry_run=dry_run)
    show(report, as_json, report.render_text())


@main.command("effort")
@click.argument("project", type=EXISTING_FILE, default="project.yaml")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Count bookings and approved change requests up to this date (default: the project's as_of).")
@json_option
def effort(project: Path, as_of: Any, as_json: bool) -> None:
    """Booked against planned effort per work package (planned = the SOW plus approved
    change requests), with the remaining days. Exit 1 when a work package is over budget."""
    summary = api.effort(project, as_of.date() if as_of else None)
    if as_json:
        echo_json(summary.to_json())
    else:
        click.echo(summary.render_table())
    sys.exit(1 if summary.over_budget else 0)
