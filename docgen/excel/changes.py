"""A returned workbook read into a change set for project.yaml, losing nothing on either side.

The three-way merge takes the export-time snapshot in `_meta` as the base, the sheet
as theirs and the current project.yaml as ours (`merge`). Everything is read, merged
and checked here; any problem or open conflict raises. What comes out is the report
of the changes and the edits of project.yaml's text; applying and writing them is
the import use case's (`docgen.importing`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from ..errors import MergeConflictError, Problem, UsageError, WorkbookError
from ..i18n import labels as labels_of
from ..loader import ParsedYaml
from ..models import Project
from ..signing import KEY_NAME, signing_key, verified
from ..yaml.edit import Edit
from .layout import LAYOUTS, WorkbookLayout, cell_context, row_key
from .marks import not_imported_marks
from .merge import UNKNOWN, Conflict, MergeResult, merge_rows
from .meta import HASH_PROPERTY, META_SHEET, SIGNATURE_PROPERTY, Meta, check_meta_sheet, header_cell, parse_meta
from .plan import plan_changes
from .read import Workbook, open_workbook
from .report import ImportReport
from .rows import locate_table, read_rows
from .values import snapshot_function
from .without_meta import key_rows_by_id, meta_from_project


@dataclass(frozen=True)
class ImportOptions:
    """How to merge: `defaults` (field -> value, as in project.yaml) fills the empty cells
    of rows the customer added; `without_meta` imports a workbook whose `_meta` was
    deleted, by its visible ids and without a base (`without_meta.py`)."""

    dry_run: bool = False
    strict: bool = False
    prefer: str | None = None
    accept_deletions: bool = False
    defaults: dict[str, str] = field(default_factory=dict)
    without_meta: bool = False

    def __post_init__(self) -> None:
        if self.prefer not in (None, "theirs", "ours"):
            raise UsageError(f"--prefer must be 'theirs' or 'ours', not '{self.prefer}'")


def read_changes(workbook: Path, parsed: ParsedYaml, project: Project, target: Path,
                 options: ImportOptions) -> tuple[ImportReport, list[Edit]]:
    """The report and the edits of project.yaml (`target`, read as `parsed`/`project`) that
    merging `workbook` asks for. Raises `WorkbookError` for a file that cannot be imported
    or has invalid cells, `MergeConflictError` for open conflicts."""
    source = str(workbook)
    book = open_workbook(workbook)
    meta_deleted = options.without_meta and META_SHEET not in book.sheet_names
    meta = meta_from_project(book, project, source) if meta_deleted else checked_meta(book, source)
    check_same_project(meta, project, source, target)
    layout, labels = LAYOUTS[meta.kind], labels_of(meta.language)
    check_editable(meta, layout, source)
    check_defaults(options.defaults, layout)
    context = cell_context(project, labels)
    table = locate_table(book, meta, layout, labels, source)
    if meta_deleted:
        key_rows_by_id(table.rows, table.header, table.columns, meta)
    ours = {row_key(project.project.id, layout.collection, item.id): (index, item)
            for index, item in enumerate(layout.items(project))}
    sheet = read_rows(table, layout, meta, context, ours, source)
    trusted = not meta_deleted and snapshot_trusted(book, meta, target)
    merged = merge_rows(_bases(meta, trusted), _snapshots(ours, layout, meta),
                        sheet.keyed, {r.key: r.id for r in meta.rows}, prefer=options.prefer,  # type: ignore[arg-type]
                        accept_deletions=options.accept_deletions)
    plan = plan_changes(parsed.data, project, layout, meta, context, table, ours, sheet, merged, source,
                        (parsed, str(target)), options.defaults)
    _raise_problems(sheet.problems + (sheet.read_only if options.strict else []) + plan.problems, merged, source)
    warnings = (_untrusted(trusted, meta_deleted, source) + _warnings(book, sheet, merged, options.strict, source)
                + not_imported_marks(book, table, layout, labels, source) + plan.warnings)
    report = ImportReport(workbook, target, meta.kind, options.dry_run, plan.changes, warnings,
                          [c for c in merged.conflicts if c.settled])
    return report, plan.edits


def snapshot_trusted(book: Workbook, meta: Meta, target: Path) -> bool:
    """Whether `_meta`'s snapshot is the export's: signed with the repository's key (docgen.signing)."""
    key = signing_key(target.parent, create=False)
    return verified(key, meta.meta_sha256, book.custom_properties.get(SIGNATURE_PROPERTY))


def _bases(meta: Meta, trusted: bool) -> dict[str, dict[str, Any]]:
    """The merge base per key: the snapshot, or, when it is not trusted, nothing known."""
    if trusted:
        return {r.key: r.snapshot for r in meta.rows}
    return {r.key: {name: UNKNOWN for name in r.snapshot} for r in meta.rows}


def _untrusted(trusted: bool, meta_deleted: bool, source: str) -> list[Problem]:
    if trusted:
        return []
    if meta_deleted:
        return [Problem(source, "", "", "no '_meta' sheet: rows were matched by their visible ids, without the "
                        "export snapshot; every difference between the sheet and project.yaml counts as a conflict",
                        "settle them with --prefer theirs (sheet wins) or --prefer ours")]
    return [Problem(source, header_cell("meta_sha256"), "",
                    "the export snapshot is not signed with this repository's key, so it is not trusted: every "
                    "difference between the sheet and project.yaml counts as a conflict",
                    f"settle them with --prefer, or import a workbook exported from this repository ({KEY_NAME})")]


def _snapshots(ours: dict[str, tuple[int, Any]], layout: WorkbookLayout, meta: Meta) -> Mapping[str, dict[str, Any]]:
    """The snapshot of every item of the project, of the fields the export offered for editing."""
    return _Snapshots(ours, snapshot_function(layout, tuple(meta.editable)))


class _Snapshots(Mapping[str, dict[str, Any]]):
    """key -> an item's snapshot, worked out when the merge asks: it asks only for the items
    of edited or missing rows, a few of 10,000."""

    def __init__(self, ours: dict[str, tuple[int, Any]], snapshot: Callable[[Any], dict[str, Any]]) -> None:
        self.ours, self.snapshot = ours, snapshot

    def __getitem__(self, key: str) -> dict[str, Any]:
        return self.snapshot(self.ours[key][1])

    def __contains__(self, key: object) -> bool:
        return key in self.ours

    def __iter__(self) -> Iterator[str]:
        return iter(self.ours)

    def __len__(self) -> int:
        return len(self.ours)




def checked_meta(book: Workbook, source: str) -> Meta:
    """The workbook's verified `_meta`; a newer format or schema is named as such."""
    check_meta_sheet(book.sheet_names, source)
    return parse_meta(book.rows(META_SHEET), book.custom_properties.get(HASH_PROPERTY), source)



def check_same_project(meta: Meta, project: Project, source: str, target: Path) -> None:
    if meta.project_id != project.project.id:
        raise _workbook_error(source, header_cell("project_id"),
                              f"exported from project '{meta.project_id}', but {target} is project '{project.project.id}'",
                              f"import it into the project.yaml of '{meta.project_id}' (use --project)")


def check_editable(meta: Meta, layout: WorkbookLayout, source: str) -> None:
    """The fields the import takes from the sheet are the layout's, never the file's say:
    the meta hash is no secret, so a rewritten _meta must not unlock read-only columns."""
    foreign = [field for field in meta.editable if field not in layout.editable_fields]
    if foreign:
        raise _workbook_error(source, header_cell("editable"),
                              f"_meta marks {', '.join(foreign)} as editable, which docgen never does",
                              "the file was altered; export the workbook again")


def check_defaults(defaults: dict[str, str], layout: WorkbookLayout) -> None:
    """--default names fields of the rows' model, never the id (docgen numbers new rows)."""
    fields = [name for name in layout.model.model_fields if name != "id"]
    for name in defaults:
        if name not in fields:
            raise UsageError(f"--default {name}=...: rows of {layout.kind} have no field '{name}' "
                             f"(fields: {', '.join(fields)})")


def _raise_problems(problems: list[Problem], merged: MergeResult, source: str) -> None:
    conflicts = [_conflict_problem(c, source) for c in merged.open_conflicts]
    if problems:
        raise WorkbookError(problems + conflicts)
    if conflicts:
        raise MergeConflictError(conflicts)


def _conflict_problem(conflict: Conflict, source: str) -> Problem:
    if conflict.removed == "ours":
        return Problem(source, conflict.where, conflict.item_id,
                       "removed from project.yaml after the export, but changed in the sheet",
                       "--prefer theirs adds it back, --prefer ours leaves it out")
    if conflict.removed == "theirs":
        return Problem(source, conflict.where, conflict.item_id,
                       "its row was deleted from the sheet, but the item changed in project.yaml since the export",
                       "--prefer theirs deletes it anyway, --prefer ours keeps it")
    return Problem(source, conflict.where, f"{conflict.item_id}.{conflict.field}",
                   f"changed on both sides: exported {_show(conflict.base)}, project.yaml now {_show(conflict.ours)}, "
                   f"sheet {_show(conflict.theirs)}",
                   "make both agree, or settle it with --prefer theirs (sheet wins) or --prefer ours")


def _show(value: Any) -> str:
    if value is UNKNOWN:
        return "(unknown: unsigned snapshot)"
    if value is None or value == "" or value == []:
        return "(empty)"
    return str(value).lower() if isinstance(value, bool) else str(value)


def _warnings(book: Workbook, sheet: Any, merged: MergeResult, strict: bool, source: str) -> list[Problem]:
    warnings = list(sheet.notes) + ([] if strict else list(sheet.read_only))
    for missing in merged.missing:
        if not missing.delete:
            warnings.append(Problem(source, "", missing.item_id, "its row is missing from the sheet; the item is kept",
                                    "to delete it from project.yaml, import with --accept-deletions"))
    for item_id in merged.orphans:
        warnings.append(Problem(source, "", item_id, "no longer in project.yaml; its unchanged row is ignored"))
    if book.has_macros:
        warnings.append(Problem(source, "", "", "the workbook contains macros; they were ignored"))
    return warnings




def _workbook_error(source: str, where: str, message: str, hint: str) -> WorkbookError:
    return WorkbookError([Problem(source, where, "", message, hint)])

