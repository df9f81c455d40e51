"""The checklist's table shows filter buttons in LibreOffice too, not only in Excel."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from xlsxwriter.utility import xl_col_to_name

from docgen.excel.layout import CHECKLIST
from docgen.loader import load_project
from tests.conftest import SAMPLE, convert_with_soffice

from .conftest import render


def test_libreoffice_shows_filter_buttons_on_the_checklist_table(tmp_path: Path) -> None:
    source = tmp_path / "requirements-checklist.xlsx"
    source.write_bytes(render(load_project(SAMPLE), "checklist"))
    (ods,) = convert_with_soffice([source], "ods", tmp_path / "ods")
    with zipfile.ZipFile(ods) as archive:
        content = archive.read("content.xml").decode()
    ranges = re.findall(r"<table:database-range [^>]*>", content)
    checklist = [r for r in ranges if 'table:name="Checklist"' in r]
    assert checklist and 'table:display-filter-buttons="true"' in checklist[0], ranges
    last = xl_col_to_name(len(CHECKLIST.columns) - 1)
    assert f'target-range-address="Checklist.A1:Checklist.{last}' in checklist[0]  # the whole table, header first
