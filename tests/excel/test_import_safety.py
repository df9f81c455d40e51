"""Untrusted workbooks: each wrong or hostile file is refused with a message that says what it is."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from docgen.errors import WorkbookError
from docgen.excel import read
from docgen.importing import import_workbook
from tests.conftest import SAMPLE

from .conftest import render


@pytest.fixture(scope="module")
def checklist(sample_project) -> bytes:
    return render(sample_project, "checklist")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(SAMPLE, tmp_path / "project.yaml")
    return tmp_path


def rewrite(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """The zip with parts replaced (bytes), removed (None) or added."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename not in changes:
                target.writestr(info, source.read(info))
        for name, content in changes.items():
            if content is not None:
                target.writestr(name, content)
    return out.getvalue()


def refused(folder: Path, data: bytes, name: str = "returned.xlsx") -> str:
    path = folder / name
    path.write_bytes(data)
    before = (folder / "project.yaml").read_bytes()
    with pytest.raises(WorkbookError) as caught:
        import_workbook(path)
    assert (folder / "project.yaml").read_bytes() == before
    return str(caught.value)


def test_a_word_document_renamed_to_xlsx(folder: Path) -> None:
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    assert "a Word document renamed to .xlsx" in refused(folder, data)


@pytest.mark.parametrize("name", ["some.docx", "some.DOCX", "some.zip"])
def test_a_word_document_named_as_one_is_not_called_renamed(folder: Path, name: str) -> None:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)  # a real Word document
    message = refused(folder, buffer.getvalue(), name)
    assert "a Word document, not a workbook" in message and "renamed" not in message


def test_the_cli_names_a_word_document_as_such(folder: Path) -> None:
    import docx
    from click.testing import CliRunner

    from docgen.cli import main

    docx.Document().save(folder / "some.docx")
    result = CliRunner().invoke(main, ["import", str(folder / "some.docx"), "--project", str(folder / "project.yaml")])
    assert result.exit_code != 0
    assert "a Word document, not a workbook" in result.output and "renamed" not in result.output


def test_an_ods_named_as_one(folder: Path) -> None:
    data = _zip({"mimetype": b"application/vnd.oasis", "content.xml": b"<x/>"})
    message = refused(folder, data, "returned.ods")
    assert "an OpenDocument file (.ods/.odt), not an XLSX workbook" in message and "renamed" not in message


def test_an_ods_renamed_to_xlsx(folder: Path) -> None:
    assert "OpenDocument" in refused(folder, _zip({"mimetype": b"application/vnd.oasis", "content.xml": b"<x/>"}))


@pytest.mark.parametrize(("data", "message"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "97-2003"),
    (b"name;status\nREQ-001;done\n", "not an XLSX workbook"),
    (b"PK\x03\x04broken", "not a valid XLSX workbook"),
])
def test_files_that_are_not_workbooks(folder: Path, data: bytes, message: str) -> None:
    assert message in refused(folder, data)


def test_an_unrelated_workbook(folder: Path) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "Budget 2027"
    buffer = io.BytesIO()
    book.save(buffer)
    assert "no '_meta' sheet" in refused(folder, buffer.getvalue())


def test_the_checklist_of_another_project(folder: Path, checklist: bytes) -> None:
    project = folder / "project.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace("id: nordhafen-mail", "id: other-project"),
                       encoding="utf-8")
    message = refused(folder, checklist)
    assert "exported from project 'nordhafen-mail'" in message and "other-project" in message


@pytest.mark.parametrize(("row", "old", "new", "message"), [
    ("schema_version", "1", "2", "newer docgen (schema version 2)"),
    ("format", "docgen-xlsx/1", "docgen-xlsx/2", "newer docgen (format docgen-xlsx/2)"),
])
def test_a_file_exported_by_a_newer_docgen(folder: Path, checklist: bytes, row, old, new, message) -> None:
    assert message in refused(folder, _edit_meta(checklist, row, old, new))


def test_tampered_metadata(folder: Path, checklist: bytes) -> None:
    data = _edit_meta(checklist, "snapshot", '"status":"done"', '"status":"open"')
    assert "does not match its hash" in refused(folder, data)


def test_a_dtd_is_refused_before_parsing(folder: Path, checklist: bytes) -> None:
    book = zipfile.ZipFile(io.BytesIO(checklist))
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    content = book.read("xl/workbook.xml").replace(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', bomb)
    assert "declares a DTD" in refused(folder, rewrite(checklist, {"xl/workbook.xml": content}))


def test_a_zip_bomb_is_refused(folder: Path, checklist: bytes, monkeypatch) -> None:
    monkeypatch.setattr(read, "MAX_UNCOMPRESSED_BYTES", 20_000)
    assert "unpacks to more than" in refused(folder, checklist)


def test_a_part_that_inflates_beyond_its_header_is_refused(folder: Path, checklist: bytes) -> None:
    path = folder / "book.xlsx"
    path.write_bytes(checklist)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/workbook.xml")
        with pytest.raises(WorkbookError, match="unpacks to more than 100 bytes"):
            read._inflate(archive, info, path, limit=100)


def test_macros_are_ignored_with_a_warning(folder: Path, checklist: bytes) -> None:
    path = folder / "with-macros.xlsx"
    path.write_bytes(rewrite(checklist, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 not executed"}))
    report = import_workbook(path)
    assert not report.has_changes and "macros" in report.warnings[0].message


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def _edit_meta(data: bytes, row_name: str, old: str, new: str) -> bytes:
    """Replace `old` by `new` in the value of the `_meta` row `row_name` (or in the first snapshot holding it)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for row in book["_meta"].iter_rows():
        cell = row[3] if row_name == "snapshot" else row[1]
        if (row_name == "snapshot" or row[0].value == row_name) and isinstance(cell.value, str) and old in cell.value:
            cell.value = cell.value.replace(old, new, 1)
            out = io.BytesIO()
            book.save(out)
            return out.getvalue()
    raise AssertionError(f"{old!r} not found in the _meta row {row_name}")

