"""The layout: one declaration of sheets and columns, and conversions both ways."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from docgen.excel.layout import (KEY_FIELD, LAYOUTS, CellContext, Kind, cell_context, excel_unescape, from_cell,
                                 person_display_names, snapshot_of, to_cell)
from docgen.i18n import labels
from docgen.models import Person, Side

LOCALES = Path(__file__).resolve().parents[2] / "docgen" / "locales"


@pytest.mark.parametrize("kind", sorted(LAYOUTS))
def test_key_and_id_come_first_and_are_read_only(kind):
    columns = LAYOUTS[kind].columns
    assert (columns[0].field, columns[0].kind, columns[0].hidden) == (KEY_FIELD, Kind.KEY, True)
    assert columns[1].field == "id" and not columns[0].editable and not columns[1].editable


def test_checklist_lets_the_customer_remark_and_recheck():
    editable = LAYOUTS["checklist"].editable_fields
    assert {"customer_remarks", "verified", "verified_on", "status"} <= set(editable)
    assert {"result", "remarks", "tester", "date"} == set(LAYOUTS["customer"].editable_fields)


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


def _as_read(value):
    """What openpyxl returns for a value docgen wrote: dates come back as datetimes."""
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
            back = from_cell(column, _as_read(to_cell(column, value, context)), context)
            assert back == value, (item.id, column.field)


@pytest.mark.parametrize("kind", sorted(LAYOUTS))
def test_snapshot_is_the_json_dump_of_editable_fields(sample_project, kind):
    layout = LAYOUTS[kind]
    for item in layout.items(sample_project):
        expected = item.model_dump(mode="json", include=set(layout.editable_fields))
        assert snapshot_of(item, layout) == expected
        assert list(snapshot_of(item, layout)) == sorted(expected)


def test_from_cell_explains_what_does_not_fit(sample_project):
    layout = LAYOUTS["checklist"]
    context = cell_context(sample_project, labels("en"))
    with pytest.raises(ValueError, match="'Finished' is not one of Open, In progress, Blocked, Done"):
        from_cell(layout.column("status"), "Finished", context)
    with pytest.raises(ValueError, match="no person 'Nobody'"):
        from_cell(layout.column("responsible"), "Nobody", context)
    with pytest.raises(ValueError, match="expected a date"):
        from_cell(layout.column("due"), "soon", context)
    assert from_cell(layout.column("status"), "done", context).value == "done"  # raw values work too
    assert from_cell(layout.column("verified"), "Ja", CellContext(labels("de"), {})) is True


def test_people_with_the_same_name_stay_distinguishable(sample_project):
    twins = [Person(id="asmith", name="Ann Smith", side=Side.customer),
             Person(id="asmith2", name="Ann Smith", side=Side.vendor)]
    project = sample_project.model_copy(update={"people": [*sample_project.people, *twins]})
    names = person_display_names(project)
    assert names["asmith"] == "Ann Smith (asmith)" and names["asmith2"] == "Ann Smith (asmith2)"


def test_excel_unescape():
    assert excel_unescape("_x005F_x0041_ and _x0041_") == "_x0041_ and A"
    assert excel_unescape("plain") == "plain"
