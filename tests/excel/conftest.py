"""Fixtures of the XLSX tests: the sample's three workbooks, rendered once per session, and a
project folder to import edited copies into."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import Callable

import openpyxl
import pytest

from docgen.excel.layout import LAYOUTS
from docgen.models import Language
from docgen.renderers import RenderOptions, get_renderer
from tests.conftest import SAMPLE

RENDERERS = {"checklist": "requirements-checklist", "internal": "internal-test-protocol",
             "customer": "customer-test-protocol"}
# Makes LibreOffice recalculate every formula on load instead of trusting cached values.
RECALC_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def render(project, kind: str, **options) -> bytes:
    [output] = get_renderer(RENDERERS[kind]).render(project, RenderOptions(**options))
    assert output.filename == LAYOUTS[kind].filename
    return output.data


def strip_cached_values(data: bytes) -> bytes:
    """The workbook without cached formula results, so only a recalculation can fill them."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                content = re.sub(rb"(</f>)<v>[^<]*</v>", rb"\1", content)
                content = re.sub(rb'(<c [^>]*?) t="str"', rb"\1", content)
            target.writestr(info, content)
    return out.getvalue()


# A render date other than the sample's as_of: the summary must count "overdue" against the
# render date in every reader, never against the day the tests run.
LATER = dt.date(2027, 1, 15)


@pytest.fixture(scope="session")
def today(sample_project) -> dt.date:
    return sample_project.project.as_of  # the render date a build uses


@pytest.fixture(scope="session")
def workbooks(sample_project, today, tmp_path_factory) -> dict[str, Path]:
    """kind -> path of the sample's workbook (English), plus 'checklist-de' (German) and
    'checklist-later' (English, rendered as of LATER)."""
    folder = tmp_path_factory.mktemp("xlsx")
    paths = {}
    for kind in RENDERERS:
        paths[kind] = folder / LAYOUTS[kind].filename
        paths[kind].write_bytes(render(sample_project, kind, today=today))
    paths["checklist-de"] = folder / "checkliste-de.xlsx"
    paths["checklist-de"].write_bytes(render(sample_project, "checklist", today=today, language=Language.de))
    paths["checklist-later"] = folder / "checklist-later.xlsx"
    paths["checklist-later"].write_bytes(render(sample_project, "checklist", today=LATER))
    return paths


@pytest.fixture(scope="session")
def recalculated(workbooks, tmp_path_factory) -> dict[str, Path]:
    """kind -> the workbook after LibreOffice recalculated it (cached values stripped first)."""
    return recalculate(workbooks, tmp_path_factory.mktemp("recalc"))


def recalculate(workbooks: dict[str, Path], folder: Path) -> dict[str, Path]:
    """name -> the workbook after LibreOffice recalculated it (cached values stripped first)."""
    from tests.conftest import convert_with_soffice

    sources = {}
    for kind, path in workbooks.items():
        sources[kind] = folder / "in" / path.name
        sources[kind].parent.mkdir(parents=True, exist_ok=True)
        sources[kind].write_bytes(strip_cached_values(path.read_bytes()))
    out = folder / "out"
    profile = out / ".lo-profile" / "user"
    profile.mkdir(parents=True)
    (profile / "registrymodifications.xcu").write_text(RECALC_PROFILE, encoding="utf-8")
    results = convert_with_soffice(list(sources.values()), "xlsx", out)
    return dict(zip(sources, results))


@pytest.fixture(scope="module")
def exported(sample_project) -> dict[str, bytes]:
    return {kind: render(sample_project, kind) for kind in ("checklist", "internal", "customer")}


@pytest.fixture
def project_dir(tmp_path: Path, exported) -> Path:
    shutil.copy(SAMPLE, tmp_path / "project.yaml")
    for kind, data in exported.items():
        (tmp_path / f"{kind}.xlsx").write_bytes(data)
    return tmp_path


def edit(path: Path, change: Callable, name: str = "edited.xlsx") -> Path:
    """Apply `change(sheet, columns)` with openpyxl; columns maps header labels to numbers."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    columns = {cell.value: cell.column for cell in sheet[1]}
    change(sheet, columns)
    target = path.with_name(name)
    book.save(target)
    return target


def row_of(sheet, item_id: str) -> int:
    return next(cell.row for cell in sheet["B"] if cell.value == item_id)


_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def excel_unescape(text: str) -> str:
    """Undo Excel's `_xHHHH_` escapes, which openpyxl (unlike Excel, LibreOffice, calamine) keeps."""
    return _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text
