"""Every value of the sample lands in the right cell, read back by two independent readers."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from docgen.excel.layout import LAYOUTS, row_key
from docgen.i18n import labels

KINDS = ["checklist", "internal", "customer"]


def expected_rows(project, kind: str, language: str = "en") -> list[list]:
    """The data rows as a test computes them from the model, independently of the exporter."""
    text = labels(language)
    names = {p.id: p.name for p in project.people}
    layout = LAYOUTS[kind]
    rows = []
    for item in layout.items(project):
        row = [row_key(project.project.id, layout.collection, item.id)]
        for column in layout.columns[1:]:
            row.append(normalise(_expected(getattr(item, column.field), column.field, text, names)))
        rows.append(row)
    return rows


def _expected(value, field, text, names):
    if value is None:
        return None
    if field in ("responsible", "tester", "verified_by"):
        return names[value]
    if field in ("environment", "verified_system"):
        return text[f"stage.{value.value}"]
    if field in ("status", "side", "phase"):
        return text[f"{field}.{value.value}"]
    if field == "result":
        return text[f"result.{value.value}"]
    if field == "verified":
        return text["yes" if value else "no"]
    if field == "steps":
        return "\n".join(f"{n}. {step}" for n, step in enumerate(value, 1))
    if field == "description":
        return plain(value)
    return value


def plain(markdown: str) -> str:
    """The Markdown the sample and synthetic data use (bold, soft line breaks, '-' lists) as plain text."""
    blocks = []
    for paragraph in markdown.replace("**", "").strip().split("\n\n"):
        lines = paragraph.split("\n")
        if all(line.startswith("- ") for line in lines):
            blocks.append("\n".join("• " + line[2:] for line in lines))
        else:
            blocks.append(" ".join(paragraph.split()))
    return "\n\n".join(blocks)


def normalise(value):
    if value == "":
        return None
    if isinstance(value, dt.datetime):
        assert value.time() == dt.time(0), value
        return value.date()
    return value


def openpyxl_rows(path, sheet):
    workbook = openpyxl.load_workbook(path)
    return [[normalise(c.value) for c in row] for row in workbook[sheet].iter_rows(min_row=2)]


def calamine_rows(path, sheet):
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    return [[normalise(v) for v in row] for row in rows[1:]]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("reader", [openpyxl_rows, calamine_rows], ids=["openpyxl", "calamine"])
def test_every_value_in_its_cell(sample_project, workbooks, kind, reader):
    sheet = "Checklist" if kind == "checklist" else "Tests"
    expected = expected_rows(sample_project, kind)
    assert expected, "the sample should have items of every kind"
    assert reader(workbooks[kind], sheet) == expected


@pytest.mark.parametrize("kind", KINDS)
def test_header_row_is_the_layout(workbooks, kind):
    sheet = openpyxl.load_workbook(workbooks[kind]).worksheets[0]
    text = labels("en")
    assert [c.value for c in sheet[1]] == [text[c.label] for c in LAYOUTS[kind].columns]


def test_german_workbook_uses_german_labels(sample_project, workbooks):
    book = openpyxl.load_workbook(workbooks["checklist-de"])
    assert book.sheetnames == ["Checkliste", "Übersicht", "Rückverfolgbarkeit", "_lists", "_meta"]
    header = [c.value for c in book["Checkliste"][1]]
    assert header[1:4] == ["ID", "Titel", "Beschreibung"] and "QS-Nachprüfung" in header
    rows = [[normalise(c.value) for c in row] for row in book["Checkliste"].iter_rows(min_row=2)]
    assert rows == expected_rows(sample_project, "checklist", "de")
    assert [c.value for c in book["_lists"]["E"] if c.value] == ["yes_no", "Ja", "Nein"]


def test_ids_and_keys_are_text_cells(workbooks):
    sheet = openpyxl.load_workbook(workbooks["checklist"])["Checklist"]
    for row in sheet.iter_rows(min_row=2, max_col=2):
        assert all(cell.data_type == "s" for cell in row)
    assert sheet.column_dimensions["A"].hidden


def test_large_synthetic_checklist_reads_back(tmp_path):
    from docgen.excel.meta import read_meta
    from docgen.models import Project
    from docgen.synthetic import synthetic_project

    from .conftest import render

    project = Project.model_validate(synthetic_project(requirements=3_000, meetings=2, tests=10))
    path = tmp_path / "big.xlsx"
    path.write_bytes(render(project, "checklist"))
    language = project.project.language.value
    sheet = labels(language)["xlsx.sheet.checklist"]
    assert calamine_rows(path, sheet) == expected_rows(project, "checklist", language)
    meta = read_meta(openpyxl.load_workbook(path, read_only=True))
    assert len(meta.rows) == 3_000 and meta.rows[-1].row == 3_001
