"""Post-processing of OOXML packages: custom properties, core dates, reproducible zips."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
import xlsxwriter
from tests.conftest import convert_with_soffice

from docgen.errors import RenderError
from docgen.renderers.package import finalize_package, normalize_zip, read_custom_properties

STAMP = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.timezone.utc)
PROPS = {"docgen_version": "1.2.3", "docgen_data_hash": "a" * 64, "docgen_template_hash": "b" * 64}


def make_docx(text: str = "Hello") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx(custom: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.add_worksheet("Sheet").write_string(0, 0, "Hello")
    for name, value in (custom or {}).items():
        workbook.set_custom_property(name, value)
    workbook.close()
    return buffer.getvalue()


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_custom_properties_are_created_with_their_declarations() -> None:
    original = make_docx()
    assert "docProps/custom.xml" not in entries(original)
    stamped = finalize_package(original, PROPS, STAMP)
    parts = entries(stamped)
    assert b'PartName="/docProps/custom.xml"' in parts["[Content_Types].xml"]
    assert b'Target="docProps/custom.xml"' in parts["_rels/.rels"]
    assert read_custom_properties(stamped) == PROPS
    assert docx.Document(io.BytesIO(stamped)).paragraphs[0].text == "Hello"


def test_existing_custom_properties_are_kept_and_same_names_replaced() -> None:
    original = make_xlsx({"Client": "Nordhafen", "docgen_version": "0.1"})
    stamped = finalize_package(original, PROPS, STAMP)
    assert read_custom_properties(stamped) == {"Client": "Nordhafen", **PROPS}
    custom = entries(stamped)["docProps/custom.xml"].decode()
    pids = [int(part.split('"')[1]) for part in custom.split("pid=")[1:]]
    assert sorted(pids) == list(range(2, 2 + len(pids)))  # unique, from 2 up
    assert entries(stamped)["[Content_Types].xml"].count(b"custom-properties+xml") == 1
    workbook = openpyxl.load_workbook(io.BytesIO(stamped))
    assert {p.name: p.value for p in workbook.custom_doc_props.props}["docgen_data_hash"] == "a" * 64


def test_property_order_does_not_change_the_bytes() -> None:
    original = make_docx()
    reversed_props = dict(reversed(list(PROPS.items())))
    assert finalize_package(original, PROPS, STAMP) == finalize_package(original, reversed_props, STAMP)


def test_core_dates_are_set() -> None:
    stamped = finalize_package(make_xlsx(), {}, STAMP)
    core = entries(stamped)["docProps/core.xml"].decode()
    assert core.count("2026-03-02T09:30:00Z") == 2
    assert openpyxl.load_workbook(io.BytesIO(stamped)).properties.created == dt.datetime(2026, 3, 2, 9, 30)


def test_normalized_zips_are_independent_of_when_they_were_made() -> None:
    first = make_xlsx()
    time.sleep(1.1)  # xlsxwriter and zipfile record the clock to the second
    second = make_xlsx()
    assert first != second
    assert finalize_package(first, PROPS, STAMP) == finalize_package(second, PROPS, STAMP)


def test_normalize_zip_fixes_time_order_and_attributes_and_keeps_content() -> None:
    original = make_docx()
    normal = normalize_zip(original, STAMP)
    with zipfile.ZipFile(io.BytesIO(normal)) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert names[:2] == ["[Content_Types].xml", "_rels/.rels"] and names[2:] == sorted(names[2:])
    assert {info.date_time for info in infos} == {(2026, 3, 2, 9, 30, 0)}
    assert {(info.create_system, info.compress_type) for info in infos} == {(3, zipfile.ZIP_DEFLATED)}
    assert entries(normal) == entries(original)
    assert normalize_zip(normal, STAMP) == normal  # idempotent


def test_dates_before_1980_are_clamped_for_the_zip_format() -> None:
    normal = normalize_zip(make_docx(), dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))
    with zipfile.ZipFile(io.BytesIO(normal)) as archive:
        assert archive.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


def test_stored_entries_stay_stored() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>", compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("media/image.png", b"\x89PNG", compress_type=zipfile.ZIP_STORED)
    with zipfile.ZipFile(io.BytesIO(normalize_zip(buffer.getvalue(), STAMP))) as archive:
        assert archive.getinfo("media/image.png").compress_type == zipfile.ZIP_STORED


def test_a_broken_package_is_a_render_error() -> None:
    with pytest.raises(RenderError, match="invalid Office package"):
        finalize_package(b"not a zip", PROPS, STAMP)


def test_libreoffice_reads_the_stamped_packages(tmp_path: Path) -> None:
    """One LibreOffice run: the stamped DOCX survives a round trip with its properties."""
    source = tmp_path / "stamped.docx"
    source.write_bytes(finalize_package(make_docx("Stamped"), PROPS, STAMP))
    (converted,) = convert_with_soffice([source], "odt", tmp_path / "odt")
    meta = entries(converted.read_bytes())["meta.xml"].decode()
    for name, value in PROPS.items():
        assert f'meta:name="{name}"' in meta and value in meta
