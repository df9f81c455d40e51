"""The `_meta` sheet: the round-trip contract with the import."""

from __future__ import annotations

import io

import openpyxl
import pytest

from docgen.errors import WorkbookError
from docgen.excel.layout import LAYOUTS, row_key
from docgen.excel.meta import HASH_PROPERTY, parse_meta, read_meta, read_only_hash
from docgen.markdown import markdown_to_plain
from docgen.excel.read import open_workbook
from docgen.excel.values import snapshot_of

from .conftest import render


@pytest.mark.parametrize("kind", ["checklist", "internal", "customer"])
def test_meta_describes_the_export(sample_project, workbooks, kind):
    book = openpyxl.load_workbook(workbooks[kind])
    meta = read_meta(book)
    layout = LAYOUTS[kind]
    items = layout.items(sample_project)
    assert (meta.kind, meta.project_id, meta.table, meta.language) == (kind, sample_project.project.id,
                                                                       layout.table, "en")
    assert meta.sheet == book.worksheets[0].title and meta.editable == layout.editable_fields
    assert meta.schema_version == "1" and meta.docgen_version and len(meta.source_sha256) == 64
    assert meta.exported_at == "2026-01-01T00:00:00+00:00"
    assert [(r.key, r.id, r.row) for r in meta.rows] == [
        (row_key(sample_project.project.id, layout.collection, item.id), item.id, number)
        for number, item in enumerate(items, 2)]
    assert [r.snapshot for r in meta.rows] == [snapshot_of(item, layout) for item in items]
    read_only = [item.model_dump(mode="json", include=set(layout.read_only_fields())) for item in items]
    for values, item in zip(read_only, items):  # Markdown shown as plain text is hashed as shown
        values.update({c.field: markdown_to_plain(getattr(item, c.field)) for c in layout.columns if c.plain_text})
    assert [r.read_only for r in meta.rows] == [read_only_hash(values) for values in read_only]
    assert all(len(r.read_only) == 16 for r in meta.rows)
    assert {p.name: p.value for p in book.custom_doc_props}[HASH_PROPERTY] == meta.meta_sha256
    assert book["_meta"].sheet_state == "hidden"


def test_meta_is_readable_in_read_only_mode(workbooks):
    book = openpyxl.load_workbook(workbooks["checklist"], read_only=True)
    assert read_meta(book).rows


def test_parse_meta_reads_any_readers_rows(workbooks):
    """openpyxl gives None for an empty cell, calamine "": both parse to the same metadata."""
    by_openpyxl = read_meta(openpyxl.load_workbook(workbooks["internal"], read_only=True))
    book = open_workbook(workbooks["internal"])
    by_calamine = parse_meta(book.rows("_meta"), book.custom_properties[HASH_PROPERTY], "internal.xlsx")
    assert by_calamine == by_openpyxl and by_calamine.rows


def test_read_only_hash_depends_on_every_value():
    values = {"id": "REQ-001", "title": "Workshop", "phase": "initialization", "work_package": None}
    assert read_only_hash(values) == read_only_hash(dict(reversed(values.items())))
    for name, other in (("title", "Workshop "), ("work_package", ""), ("phase", "approval")):
        assert read_only_hash({**values, name: other}) != read_only_hash(values)


def test_keys_are_stable_and_distinct(sample_project):
    layout = LAYOUTS["checklist"]
    keys = [row_key(sample_project.project.id, layout.collection, r.id) for r in sample_project.requirements]
    assert len(set(keys)) == len(keys)
    assert keys[0] == row_key(sample_project.project.id, "requirements", sample_project.requirements[0].id)
    assert keys[0] != row_key("other-project", "requirements", sample_project.requirements[0].id)


def _tampered(path, cell, value):
    book = openpyxl.load_workbook(path)
    book["_meta"][cell] = value
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)


def test_changed_snapshot_is_detected(workbooks):
    book = _tampered(workbooks["checklist"], "D16", '{"status":"open"}')
    with pytest.raises(WorkbookError, match="does not match its hash"):
        read_meta(book, "book.xlsx")


def test_changed_read_only_hash_is_detected(workbooks):
    with pytest.raises(WorkbookError, match="does not match its hash"):
        read_meta(_tampered(workbooks["checklist"], "E16", "0" * 16))


def test_changed_header_is_detected(workbooks):
    with pytest.raises(WorkbookError, match="does not match its hash"):
        read_meta(_tampered(workbooks["checklist"], "B5", "another-project"))


def test_missing_meta_sheet_names_the_problem():
    book = openpyxl.Workbook()
    with pytest.raises(WorkbookError) as error:
        read_meta(book, "mail.xlsx")
    assert str(error.value).startswith("mail.xlsx: no '_meta' sheet")


def test_same_input_same_bytes(sample_project):
    assert render(sample_project, "checklist") == render(sample_project, "checklist")
    assert render(sample_project, "internal", properties={"Version": "1.2"}) == render(
        sample_project, "internal", properties={"Version": "1.2"})


def test_options_properties_are_written(sample_project):
    data = render(sample_project, "customer", properties={"Version": "1.2", "Reviewer": "QA"})
    book = openpyxl.load_workbook(io.BytesIO(data))
    custom = {p.name: p.value for p in book.custom_doc_props}
    assert custom["Version"] == "1.2" and custom["Reviewer"] == "QA"


@pytest.mark.parametrize("source", ["samples/mail-migration/project.yaml", "samples/business-groupware/project.yaml",
                                    "tests/golden/tricky-text/project.yaml", "synthetic"])
def test_the_source_hash_is_that_of_pydantics_whole_json(source: str) -> None:
    """Hashed a field and an item at a time, the bytes are exactly those of one dump_json."""
    import hashlib
    from pathlib import Path

    from pydantic import TypeAdapter

    from docgen.excel.meta import source_hash
    from docgen.loader import load_project
    from docgen.models import Project
    from docgen.synthetic import synthetic_project

    root = Path(__file__).resolve().parents[2]
    project = (Project.model_validate(synthetic_project(requirements=500, meetings=5, tests=20))
               if source == "synthetic" else load_project(root / source))
    whole = TypeAdapter(Project).dump_json(project, by_alias=True)
    assert source_hash(project) == hashlib.sha256(whole).hexdigest()
