"""Summary sheets: headers are never clipped, chart axes count whole items."""

from __future__ import annotations

import io
import re
import zipfile

from docgen.loader import load_project
from docgen.models import Language
from tests.conftest import SAMPLE

from .conftest import render


def package(kind: str, language: Language) -> dict[str, str]:
    data = render(load_project(SAMPLE), kind, language=language)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml")}


def column_widths(sheet_xml: str) -> dict[int, float]:
    widths = {}
    for first, last, width in re.findall(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', sheet_xml):
        for col in range(int(first), int(last) + 1):
            widths[col] = float(width)
    return widths


def test_long_german_headers_get_columns_wide_enough() -> None:
    parts = package("internal", Language.de)
    assert "Nicht ausgeführt" in parts["xl/sharedStrings.xml"]
    summary = next(xml for name, xml in parts.items() if name.startswith("xl/worksheets/") and "<drawing" in xml)
    widths = [column_widths(summary)[col] for col in range(2, 8)]  # B:G, the figures' columns
    assert max(widths) >= len("Nicht ausgeführt") * 1.2 + 2  # bold text on one line
    assert min(widths) < 14  # the others keep their width (13 characters, as Excel stores it)


def test_chart_axes_show_whole_numbers() -> None:
    for kind in ("checklist", "internal"):
        charts = [xml for name, xml in package(kind, Language.en).items() if name.startswith("xl/charts/")]
        assert charts and all('formatCode="0"' in chart for chart in charts), kind
        assert all('<c:majorUnit val="1"/>' in chart for chart in charts if kind == "internal")
