"""The layout: one declaration of sheets and columns; `values`: its conversions both ways."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from docgen.excel.layout import KEY_FIELD, LAYOUTS, CellContext, Kind, cell_context, person_display_names
from docgen.markdown import markdown_to_plain
from docgen.excel.values import CellError, ColumnReader, snapshot_function, snapshot_of, to_cell
from tests.excel.conftest import excel_unescape
from docgen.i18n import labels
from docgen.models import Person, Requirement, Side, TestCase

LOCALES = Path(__file__).resolve().parents[2] / "docgen" / "locales"


@pytest.mark.parametrize("kind", sorted(LAYOUTS))
def test_key_and_id_come_first_and_are_read_only(kind):
    columns = LAYOUTS[kind].columns
    assert (columns[0].field, columns[0].kind, columns[0].hidden) == (KEY_FIELD, Kind.KEY, True)
    assert columns[1].field == "id" and not columns[0].editable and not columns[1].editable


def test_checklist_lets_the_customer_remark_and_recheck():
    editable = LAYOUTS["checklist"].editable_fields
    assert {"customer_remarks", "verified", "verified_on", "status"} <= set(editable)
    assert {"result", "remarks", "tester", "date", "environment"} == set(LAYOUTS["customer"].editable_fields)
    assert {"verified_by", "verified_system"} <= set(editable)  # who re-checked, on which system


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_label_exists(language):
    text = labels(language)
    for layout in LAYOUTS.values():
        for key in [layout.title, layout.sheet, layout.summary_sheet, *(c.label for c in layout.columns)]:
            assert text[key]
        assert len(text[layout.sheet]) <= 31 and len(text[layout.summary_sheet]) <= 31


def test_catalogues_have_the_same_keys():
    english = json.loads((LOCALES / "en" / "xlsx.json").read_text(encoding="utf-8"))
    german = json.loads((LOCALES / "de" / "xlsx.json").read_text(encoding="utf-8"))
    assert set(english) == set(german)
    common = json.loads((LOCALES / "en" / "common.json").read_text(encoding="utf-8"))
    assert not set(english) & set(common), "reuse common.json's labels instead of repeating them"


def test_each_layout_names_its_item_model_and_first_id():
    assert [(kind, LAYOUTS[kind].model, LAYOUTS[kind].first_id) for kind in ("checklist", "internal", "customer")] == [
        ("checklist", Requirement, "REQ-001"), ("internal", TestCase, "IT-01"), ("customer", TestCase, "CT-01")]
    for layout in LAYOUTS.values():
        assert {c.field for c in layout.columns[1:]} <= set(layout.model.model_fields)
        assert layout.read_only_fields() == [c.field for c in layout.columns[1:] if not c.editable]


def _as_read(value):
    """What a reader returns for a value docgen wrote: openpyxl gives dates back as datetimes."""
    if isinstance(value, int):
        return dt.datetime(1899, 12, 30) + dt.timedelta(days=value)
    return value


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("kind", sorted(LAYOUTS))
def test_cell_conversions_round_trip(sample_project, kind, language):
    layout = LAYOUTS[kind]
    context = cell_context(sample_project, labels(language))
    for item in layout.items(sample_project):
        for column in layout.columns[1:]:
            value = getattr(item, column.field)
            back, note = ColumnReader(column, context).read(_as_read(to_cell(column, value, context)))
            # Markdown shown as plain text comes back as that text (read-only: never imported)
            expected = markdown_to_plain(value) if column.plain_text else value
            assert back == expected and note is None, (item.id, column.field)


@pytest.mark.parametrize("kind", sorted(LAYOUTS))
def test_snapshot_is_the_json_dump_of_editable_fields(sample_project, kind):
    layout = LAYOUTS[kind]
    for item in layout.items(sample_project):
        expected = item.model_dump(mode="json", include=set(layout.editable_fields))
        assert snapshot_of(item, layout) == expected
        assert list(snapshot_of(item, layout)) == sorted(expected)


def test_snapshot_functions_are_made_once_per_layout_and_fields():
    layout = LAYOUTS["checklist"]
    assert snapshot_function(layout) is snapshot_function(layout)
    fields = tuple(layout.read_only_fields())
    assert snapshot_function(layout, fields) is snapshot_function(layout, fields)
    assert snapshot_function(layout) is not snapshot_function(LAYOUTS["internal"])


@pytest.mark.parametrize("kind", sorted(LAYOUTS))
def test_read_only_snapshot_is_the_json_dump_of_read_only_fields(sample_project, kind):
    layout = LAYOUTS[kind]
    fields = tuple(layout.read_only_fields())
    shown = [c.field for c in layout.columns if c.plain_text]  # hashed as the cell shows it
    for item in layout.items(sample_project):
        expected = item.model_dump(mode="json", include=set(fields))
        expected.update({name: markdown_to_plain(getattr(item, name)) for name in shown})
        assert snapshot_function(layout, fields)(item) == expected


def test_reading_explains_what_does_not_fit(sample_project):
    layout = LAYOUTS["checklist"]
    context = cell_context(sample_project, labels("en"))

    def read(field, value, cells=context):
        value, note = ColumnReader(layout.column(field), cells).read(value)
        assert note is None
        return value

    with pytest.raises(CellError, match="'Finished' is not one of Open, In progress, Blocked, Done"):
        read("status", "Finished")
    with pytest.raises(CellError, match="no person 'Nobody'"):
        read("responsible", "Nobody")
    with pytest.raises(CellError, match="'soon' is not a date"):
        read("due", "soon")
    assert read("status", "done").value == "done"  # raw values work too
    assert read("verified", "Ja", CellContext(labels("de"), {})) is True


def test_people_with_the_same_name_stay_distinguishable(sample_project):
    twins = [Person(id="asmith", name="Ann Smith", side=Side.customer),
             Person(id="asmith2", name="Ann Smith", side=Side.vendor)]
    project = sample_project.model_copy(update={"people": [*sample_project.people, *twins]})
    names = person_display_names(project)
    assert names["asmith"] == "Ann Smith (asmith)" and names["asmith2"] == "Ann Smith (asmith2)"


def test_excel_unescape():
    assert excel_unescape("_x005F_x0041_ and _x0041_") == "_x0041_ and A"
    assert excel_unescape("plain") == "plain"
