"""An explicit import of a workbook whose hidden `_meta` sheet was deleted.

Without `_meta` there is no export snapshot, no language and no kind on record. With
`import --without-meta` the import recognises the kind and language by the data
sheet's header labels, matches rows to items by their visible ids (filling in the
hidden keys, which are derived from the ids), and merges with no base: every
difference between the sheet and project.yaml is a conflict unless `--prefer`
settles it, so nothing the vendor changed is overwritten unasked.
"""

from __future__ import annotations

from typing import Any

from ..errors import Problem, WorkbookError
from ..i18n import labels as labels_of
from ..models import SCHEMA_VERSION, Language, Project
from .rows import HEADER_SEARCH_ROWS
from .layout import KEY_FIELD, LAYOUT_FORMAT, LAYOUTS, WorkbookLayout, row_key
from .meta import Meta, MetaRow
from .read import Workbook
from .values import snapshot_function


def meta_from_project(book: Workbook, project: Project, source: str) -> Meta:
    """A `Meta` standing in for the deleted sheet: the kind and language the header shows,
    a row per item of the project with its current values (never trusted as a base)."""
    found = _recognised(book)
    if found is None:
        raise WorkbookError([Problem(source, "", "", "no '_meta' sheet, and no sheet whose header is a docgen "
                                     "checklist's or test protocol's", "import the workbook as exported")])
    layout, language, sheet = found
    snapshot = snapshot_function(layout)
    rows = [MetaRow(row_key(project.project.id, layout.collection, item.id), item.id, 0, snapshot(item))
            for item in layout.items(project)]
    return Meta(format=LAYOUT_FORMAT, schema_version=str(SCHEMA_VERSION), docgen_version="", project_id=project.project.id,
                kind=layout.kind, language=language, sheet=sheet, table=layout.table, source_sha256="",
                exported_at="", editable=layout.editable_fields, rows=rows)


def key_rows_by_id(rows: list[list[Any]], header: int, columns: dict[str, int], meta: Meta) -> None:
    """Give every row that shows an item's id but no key that item's key (in place)."""
    keys = {row.id: row.key for row in meta.rows}
    key_column, id_column = columns[KEY_FIELD], columns["id"]
    for values in rows[header + 1:]:
        shown = values[id_column] if id_column < len(values) else ""
        current = values[key_column] if key_column < len(values) else ""
        if isinstance(shown, str) and shown.strip() in keys and current in ("", None):
            while len(values) <= key_column:
                values.append("")
            values[key_column] = keys[shown.strip()]


def _recognised(book: Workbook) -> tuple[WorkbookLayout, str, str] | None:
    """The layout, language and sheet whose header labels the workbook shows; where two
    layouts share their columns (the test protocols), the one whose sheet name it is."""
    matches = []
    for sheet in (name for name in book.sheet_names if not name.startswith("_")):
        heads = [{str(v).strip().casefold() for v in row if isinstance(v, str)}
                 for row in book.rows(sheet)[:HEADER_SEARCH_ROWS]]
        for layout in LAYOUTS.values():
            for language in Language:
                labels = labels_of(language.value)
                wanted = {labels[c.label].strip().casefold() for c in layout.columns if c.editable or c.field == "id"}
                if any(wanted <= head for head in heads):
                    matches.append((labels[layout.sheet] != sheet, layout, language.value, sheet))
    if not matches:
        return None
    _, layout, language, sheet = min(matches, key=lambda match: match[0])
    return layout, language, sheet
