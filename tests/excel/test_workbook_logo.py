"""Workbooks carry the logo as the Word documents do: in the page header (Excel) and on the
summary sheet (every viewer), at most 40 x 10 mm, pixels untouched."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest

from docgen.loader import load_project
from docgen.renderers.xlsx_logo import BOX_INCHES, header_logo, with_dpi
from tests.conftest import SAMPLE, convert_with_soffice
from tests.renderers.conftest import png_bytes

from .conftest import render


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    chunks, position = [], 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind, body = data[position + 4:position + 8], data[position + 8:position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length:position + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        chunks.append((kind, body))
        position += 12 + length
    return chunks


def test_a_png_declares_the_resolution_and_keeps_its_pixels() -> None:
    original = png_bytes(400, 100)
    scaled = with_dpi(with_dpi(original, 300), 254)  # an existing pHYs is replaced, not doubled
    kinds = [kind for kind, _ in png_chunks(scaled)]
    assert kinds == [b"IHDR", b"pHYs", b"IDAT", b"IEND"]
    assert dict(png_chunks(scaled))[b"pHYs"] == struct.pack(">IIB", 10000, 10000, 1)
    assert dict(png_chunks(scaled))[b"IDAT"] == dict(png_chunks(original))[b"IDAT"]


def test_a_jpeg_gets_its_jfif_density_set_or_added() -> None:
    jfif = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00\xff\xdbREST"
    assert with_dpi(jfif, 300) == jfif[:13] + b"\x01\x01\x2c\x01\x2c" + jfif[18:]
    bare = b"\xff\xd8\xff\xdbREST"
    added = with_dpi(bare, 150)
    assert added[:2] == b"\xff\xd8" and added[2:4] == b"\xff\xe0" and added[6:11] == b"JFIF\x00"
    assert added[11:18] == b"\x01\x01\x01\x00\x96\x00\x96" and added.endswith(bare[2:])


def project_with_logo(tmp_path: Path, width: int, height: int):
    (tmp_path / "logo.png").write_bytes(png_bytes(width, height))
    project = load_project(SAMPLE)
    vendor = project.project.vendor.model_copy(update={"logo": "logo.png"})
    return project.model_copy(update={"project": project.project.model_copy(update={"vendor": vendor})})


@pytest.mark.parametrize("width, height", [(600, 150), (100, 400)])
def test_the_logo_fits_the_header_box(tmp_path: Path, width: int, height: int) -> None:
    logo = header_logo(project_with_logo(tmp_path, width, height), tmp_path)
    (dpi_per_metre,) = struct.unpack(">I", dict(png_chunks(logo.data))[b"pHYs"][:4])
    dpi = dpi_per_metre * 0.0254
    size = (width / dpi, height / dpi)
    assert max(size[0] / BOX_INCHES[0], size[1] / BOX_INCHES[1]) == pytest.approx(1, abs=0.01)
    assert header_logo(load_project(SAMPLE), tmp_path) is None  # the sample has no logo


def test_workbooks_show_the_logo_in_the_header_and_on_the_summary(tmp_path: Path) -> None:
    data = render(project_with_logo(tmp_path, 600, 150), "checklist", project_dir=tmp_path)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        sheets = [package.read(n).decode() for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
        vml = [package.read(n).decode() for n in names if n.startswith("xl/drawings/vmlDrawing")]
        drawings = [package.read(n).decode() for n in names if re.fullmatch(r"xl/drawings/drawing\d+\.xml", n)]
    headers = [re.search(r"<oddHeader>(.*?)</oddHeader>", sheet) for sheet in sheets]
    printed = [h.group(1) for h in headers if h]
    assert printed and all(h.startswith("&amp;L&amp;G&amp;C") for h in printed)
    for drawing in vml:
        width, height = map(float, re.search(r"width:([\d.]+)pt;height:([\d.]+)pt", drawing).groups())
        assert width <= 113.4 + 0.5 and height <= 28.35 + 0.5
    assert sum(drawing.count("<xdr:pic>") for drawing in drawings) == 1  # on the summary, beside the chart
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames[:2] == ["Checklist", "Summary"]


def test_libreoffice_opens_a_workbook_with_logos(tmp_path: Path) -> None:
    source = tmp_path / "checklist.xlsx"
    source.write_bytes(render(project_with_logo(tmp_path, 600, 150), "checklist", project_dir=tmp_path))
    (pdf,) = convert_with_soffice([source], "pdf", tmp_path / "pdf")
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF") and re.search(rb"/Subtype\s*/Image", content)  # the summary's logo
