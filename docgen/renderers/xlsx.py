"""Write one XLSX deliverable: data sheet, summary, dropdown lists and `_meta`.

Everything about columns comes from `layout`; this module only lays it out in
Excel: a styled table, dropdowns, conditional formats, print setup, properties.
"""

from __future__ import annotations

from functools import partial
from operator import attrgetter
from typing import Any, Iterator, Sequence

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from ..excel import layout as lay
from ..excel.layout import Column, Kind, WorkbookLayout
from ..excel.meta import (HASH_PROPERTY, META_SHEET, ROWS_HEADER, SIGNATURE_PROPERTY, TITLE, Meta, canonical_json,
                          read_only_hash, seal, source_hash)
from ..excel.values import cell_writer, snapshot_function
from ..i18n import labels as labels_of
from ..models import Project
from ..signing import sign, signing_key
from .base import RenderOptions
from .xlsx_page_setup import set_print
from .xlsx_summary import AS_OF_NAME, write_summary
from .xlsx_traceability import write_traceability
from .xlsx_writer import (Book, CellValue, Export, check_text, column_widths, formula_text, row_height, row_is_safe,
                          tint, write_text)

LISTS_SHEET = "_lists"
WIDTH_SAMPLE = 2_000  # rows whose text decides the column widths
SPARE_ROWS = 500  # dropdowns and formats reach this far below the data, for added rows


def export_workbook(project: Project, options: RenderOptions, layout: WorkbookLayout) -> bytes:
    """The finished workbook of `layout`'s kind for `project`."""
    language = options.language_of(project)
    labels = labels_of(language)
    export = Export(project, options, layout, language, labels, lay.cell_context(project, labels),
                    Book(project.branding.font))
    items = layout.items(project)
    sheet = write_data_sheet(export, items)
    write_summary(export, sheet.name, items)
    if layout.kind == "checklist":
        write_traceability(export)
    write_lists_sheet(export)
    meta = build_meta(export, sheet.name)
    write_meta_sheet(export, meta, items)
    set_properties(export, meta)
    return export.book.close()


def item_rows(export: Export, items: list[Any]) -> Iterator[list[CellValue]]:
    """Each item's cells, every text checked for what a cell can hold."""
    layout, context = export.layout, export.context
    columns = [(attrgetter(c.field), cell_writer(c, context)) for c in layout.columns[1:]]
    key_of = partial(lay.row_key, export.project.project.id, layout.collection)
    for number, item in enumerate(items):
        cells: list[CellValue] = [key_of(item.id)]
        cells += [convert(get(item)) for get, convert in columns]
        if not row_is_safe([value for value in cells if type(value) is str]):
            _check_row(layout, number, cells)
        yield cells


def _check_row(layout: WorkbookLayout, number: int, cells: list[CellValue]) -> None:
    for column, value in zip(layout.columns, cells):
        if type(value) is str:
            check_text(value, f"{layout.collection}[{number}].{column.field}")


# --- the data sheet -----------------------------------------------------------------

def write_data_sheet(export: Export, items: list[Any]) -> Worksheet:
    layout = export.layout
    sheet = export.book.workbook.add_worksheet(export.label(layout.sheet))
    header = [export.label(column.label) for column in layout.columns]
    limits = [(column.width, column.max_width) for column in layout.columns]
    widths = column_widths(header, item_rows(export, items[:WIDTH_SAMPLE]), limits)
    cell_styles = _set_columns(export, sheet, widths)
    last = max(len(items), 1)  # a table needs one data row, even an empty one
    export.book.add_table(sheet, last, len(layout.columns) - 1, {
        "name": layout.table, "style": "Table Style Light 1", "autofilter": True,
        "columns": [{"header": text, "header_format": _header_style(export, column)}
                    for text, column in zip(header, layout.columns)],
    })
    sheet.set_row(0, 30)
    sheet.freeze_panes(1, 2)
    _add_validations(export, sheet, last + SPARE_ROWS)
    _add_conditional_formats(export, sheet, last)
    _set_print(export, sheet, sum(w for w, c in zip(widths, layout.columns) if not c.hidden))
    wraps = [column.wrap for column in layout.columns]
    rows = ((cells, row_height(cells, widths, wraps)) for cells in item_rows(export, items))
    export.book.add_rows(sheet, 1, cell_styles, rows, len(items))
    sheet.activate()
    return sheet


def _set_columns(export: Export, sheet: Worksheet, widths: Sequence[float]) -> list[Format]:
    """Column widths and formats; the cell formats (with borders) per column."""
    cell_styles = []
    for col, (column, width) in enumerate(zip(export.layout.columns, widths)):
        options = {"hidden": True} if column.hidden else {}
        sheet.set_column(col, col, width, _cell_style(export, column, border=False), options)
        cell_styles.append(_cell_style(export, column, border=True))
    return cell_styles


def _cell_style(export: Export, column: Column, border: bool) -> Format:
    properties: dict[str, Any] = {"valign": "top", "text_wrap": column.wrap}
    if column.kind is Kind.DATE:
        properties["num_format"] = export.date_format
        properties["align"] = "left"
    else:
        properties["num_format"] = "@"  # what the customer types stays text
    if border:
        properties.update(border=1, border_color="#BFBFBF")
    return export.book.add_format(**properties)


def _header_style(export: Export, column: Column) -> Format:
    fill = tint(export.primary, 0.72) if column.editable else export.primary
    return export.book.add_format(
        bold=True, text_wrap=True, valign="vcenter", bg_color=fill, border=1, border_color="#BFBFBF",
        font_color="#1A1A1A" if column.editable else "#FFFFFF")


def _add_validations(export: Export, sheet: Worksheet, last_row: int) -> None:
    for col, column in enumerate(export.layout.columns):
        if column.choices is not None:
            sheet.data_validation(1, col, last_row, col, {
                "validate": "list", "source": f"={column.choices.defined_name}",
                "error_title": export.label("xlsx.validation.title"),
                "error_message": export.label("xlsx.validation.list"),
            })
        elif column.kind is Kind.DATE:
            sheet.data_validation(1, col, last_row, col, {
                "validate": "date", "criteria": "between", "minimum": lay.FIRST_DATE, "maximum": lay.LAST_DATE,
                "error_title": export.label("xlsx.validation.title"),
                "error_message": export.label("xlsx.validation.date"),
            })


def _add_conditional_formats(export: Export, sheet: Worksheet, last: int) -> None:
    layout, label = export.layout, export.label
    width = len(layout.columns) - 1
    if layout.kind == "checklist":
        due, status = _letter(layout, "due"), _letter(layout, "status")
        done = formula_text(label("status.done"))
        overdue = f'=AND(${due}2<>"",${due}2<{AS_OF_NAME},${status}2<>{done})'
        sheet.conditional_format(1, 1, last, width, _rule(export, overdue, "#F8D7DA", "#7A1020"))
        column = layout.index("status")
        sheet.conditional_format(1, column, last, column, _rule(export, f"=${status}2={done}", "#D4EDDA", "#155724"))
        return
    result = _letter(layout, "result")
    column = layout.index("result")
    for value, fill, font in (("fail", "#F8D7DA", "#7A1020"), ("blocked", "#FFF3CD", "#7A5200"),
                              ("pass", "#D4EDDA", "#155724")):
        first = 1 if value == "fail" else column  # a failed test marks its whole row
        text = formula_text(label(f"result.{value}"))
        sheet.conditional_format(1, first, last, width if value == "fail" else column,
                                 _rule(export, f"=${result}2={text}", fill, font))


def _rule(export: Export, formula: str, fill: str, font: str) -> dict[str, Any]:
    style = export.book.add_format(bg_color=fill, font_color=font)
    return {"type": "formula", "criteria": formula, "format": style}


def _letter(layout: WorkbookLayout, field: str) -> str:
    return xl_col_to_name(layout.index(field))


def _set_print(export: Export, sheet: Worksheet, content_width: float) -> None:
    set_print(export, sheet, pages_tall=0, side_margin=0.4, content_width=content_width)
    sheet.repeat_rows(0)


# --- hidden sheets -----------------------------------------------------------------

def write_lists_sheet(export: Export) -> None:
    """The dropdown values, one column per list, each behind a defined name."""
    book = export.book
    sheet = book.workbook.add_worksheet(LISTS_SHEET)
    for col, choices in enumerate(lay.ALL_CHOICES):
        values = lay.choice_labels(choices, export.context)
        write_text(sheet, 0, col, choices.name)
        for row, value in enumerate(values, 1):
            write_text(sheet, row, col, value)
        letter = xl_col_to_name(col)
        book.workbook.define_name(choices.defined_name, f"='{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}")
    sheet.hide()


def build_meta(export: Export, sheet_name: str) -> Meta:
    from .. import __version__ as docgen_version

    project, layout = export.project, export.layout
    return Meta(
        format=lay.LAYOUT_FORMAT, schema_version=str(project.schema_version), docgen_version=docgen_version,
        project_id=project.project.id, kind=layout.kind, language=export.language, sheet=sheet_name,
        table=layout.table, source_sha256=source_hash(project),
        exported_at=export.options.timestamp.isoformat(), editable=layout.editable_fields,
    )


def meta_rows(export: Export, items: list[Any]) -> Iterator[tuple[str, str, str, str, str]]:
    """Key, id, sheet row, snapshot and read-only hash of each item, as the texts of the `_meta` row."""
    layout = export.layout
    key_of = partial(lay.row_key, export.project.project.id, layout.collection)
    snapshot = snapshot_function(layout)
    read_only = snapshot_function(layout, tuple(layout.read_only_fields()))
    for number, item in enumerate(items, lay.FIRST_DATA_ROW):
        yield (key_of(item.id), item.id, str(number), canonical_json(snapshot(item)),
               read_only_hash(read_only(item)))


def write_meta_sheet(export: Export, meta: Meta, items: list[Any]) -> None:
    book = export.book
    sheet = book.workbook.add_worksheet(META_SHEET)
    seal(meta, meta_rows(export, items), len(items))
    write_text(sheet, 0, 0, TITLE)
    header = meta.header_values(len(items))
    for row, (name, value) in enumerate(header, 1):
        write_text(sheet, row, 0, name)
        write_text(sheet, row, 1, value)
    for col, name in enumerate(ROWS_HEADER):
        write_text(sheet, len(header) + 1, col, name)
    text = book.add_format(num_format="@")
    rows = ((cells, None) for cells in meta_rows(export, items))
    book.add_rows(sheet, len(header) + 2, [text] * len(ROWS_HEADER), rows, len(items))
    sheet.set_column(0, 1, 24, text)
    sheet.set_column(3, 3, 60, text)
    sheet.set_column(4, 4, 20, text)
    sheet.protect()
    sheet.hide()


def set_properties(export: Export, meta: Meta) -> None:
    project = export.project.project
    title = export.label(export.layout.title)
    export.book.set_properties(
        export.options.timestamp,
        {"title": f"{title} - {project.title}", "subject": project.title, "author": project.vendor.name,
         "company": project.vendor.name, "manager": project.customer.name, "category": title,
         "keywords": f"docgen, {project.id}, {meta.kind}", "comments": "Generated by docgen"},
        {**export.options.properties, HASH_PROPERTY: meta.meta_sha256,
         "docgen.project_id": project.id, "docgen.kind": meta.kind, **_signature(export, meta)},
    )


def _signature(export: Export, meta: Meta) -> dict[str, str]:
    """The snapshot's signature with the repository's key (made on the first export)."""
    key = signing_key(export.options.project_dir, create=True)
    return {SIGNATURE_PROPERTY: sign(key, meta.meta_sha256)} if key else {}
