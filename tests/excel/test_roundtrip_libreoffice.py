"""The round trip with a real client: LibreOffice re-saves and edits exports, docgen imports them.

Two LibreOffice starts for the whole module: `soffice --convert-to xlsx` re-saves the
unedited exports, and one UNO session (tests/excel/lo_edit.py, run by the system
Python with Debian's python3-uno) makes a customer's edits. Both skip without
LibreOffice unless DOCGEN_REQUIRE_LIBREOFFICE=1.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.loader import load_project
from tests.conftest import SAMPLE, convert_with_soffice, require_soffice

from .conftest import render

SYSTEM_PYTHON = "/usr/bin/python3"
LO_EDIT = Path(__file__).with_name("lo_edit.py")
CHECKLIST_EDITS = [
    {"op": "text", "id": "REQ-030", "column": "Status", "text": "Done"},  # tick the item
    {"op": "type", "id": "REQ-030", "column": "Due", "text": "2026-12-01"},  # LibreOffice makes it a date
    {"op": "text", "id": "REQ-031", "column": "Responsible", "text": "Petra Brandt"},
    {"op": "text", "id": "REQ-032", "column": "Due", "text": "15/04/2026"},  # a date typed as text
    {"op": "type", "id": "REQ-032", "column": "QA re-check", "text": "TRUE", "general": True},  # a boolean
    {"op": "type", "id": "REQ-034", "column": "Due", "text": "46127", "general": True},  # a serial number
    {"op": "sort", "column": "Title", "descending": True},
    {"op": "delete", "id": "REQ-040"},
    {"op": "append", "gap": 2, "cells": {"Title": "Provide production TLS certificates", "Side": "Customer",
                                         "Responsible": "Ole Oltmanns", "Due": "2027-01-15"}},
]
PROTOCOL_EDITS = [
    {"op": "text", "id": "AT-01", "column": "Result", "text": "Fail"},
    {"op": "type", "id": "AT-01", "column": "Date", "text": "2026-12-03"},
    {"op": "text", "id": "AT-01", "column": "Remarks", "text": "Login took 12 s\nsecond try fine"},
    {"op": "text", "id": "AT-02", "column": "Tester", "text": "Anke Lübben"},
]


def require_uno() -> None:
    found = shutil.which(SYSTEM_PYTHON) and subprocess.run(
        [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0
    if found:
        return
    if os.environ.get("DOCGEN_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail("python3-uno for /usr/bin/python3 is required (DOCGEN_REQUIRE_LIBREOFFICE=1)")
    pytest.skip("python3-uno is not installed for /usr/bin/python3")


@pytest.fixture(scope="module")
def exports(sample_project, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    paths = {}
    for kind in ("checklist", "customer"):
        paths[kind] = folder / f"{kind}.xlsx"
        paths[kind].write_bytes(render(sample_project, kind))
    return paths


@pytest.fixture(scope="module")
def resaved(exports, tmp_path_factory) -> dict[str, Path]:
    """The exports, opened and saved again by `soffice --convert-to xlsx`."""
    require_soffice()
    results = convert_with_soffice(list(exports.values()), "xlsx", tmp_path_factory.mktemp("resaved"))
    return dict(zip(exports, results))


@pytest.fixture(scope="module")
def edited(exports, tmp_path_factory) -> dict[str, Path]:
    """The exports after a customer's edits in LibreOffice (one UNO session)."""
    soffice = require_soffice()
    require_uno()
    folder = tmp_path_factory.mktemp("edited")
    jobs = [{"source": str(exports["checklist"]), "target": str(folder / "checklist.xlsx"), "edits": CHECKLIST_EDITS},
            {"source": str(exports["customer"]), "target": str(folder / "customer.xlsx"), "edits": PROTOCOL_EDITS}]
    spec = folder / "jobs.json"
    spec.write_text(json.dumps({"soffice": soffice, "profile": str(folder / "profile"), "jobs": jobs}))
    subprocess.run([SYSTEM_PYTHON, str(LO_EDIT), str(spec)], check=True, timeout=300)
    return {"checklist": folder / "checklist.xlsx", "customer": folder / "customer.xlsx"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copy(SAMPLE, tmp_path / "project.yaml")
    return tmp_path / "project.yaml"


def run_import(workbook: Path, project: Path, *options: str):
    return CliRunner().invoke(main, ["import", str(workbook), "--project", str(project), *options])


def changed_lines(before: str, after: str) -> list[str]:
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
    return [line for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---")]


@pytest.mark.parametrize("kind", ["checklist", "customer"])
def test_a_resaved_export_imports_without_changes(resaved, project: Path, kind: str) -> None:
    before = project.read_bytes()
    result = run_import(resaved[kind], project)
    assert result.exit_code == 0, result.output
    assert "no changes" in result.output
    assert project.read_bytes() == before and not project.with_name("project.yaml.bak").exists()


def test_libreoffice_edits_give_exactly_the_expected_project(edited, project: Path) -> None:
    before = project.read_text(encoding="utf-8")
    result = run_import(edited["checklist"], project)
    assert result.exit_code == 0, result.output
    after = load_project(project)
    assert (after.requirement("REQ-030").status.value, after.requirement("REQ-030").due) == (
        "done", dt.date(2026, 12, 1))
    assert after.requirement("REQ-031").responsible == "pbrandt"
    assert after.requirement("REQ-032").due == dt.date(2026, 4, 15)
    assert after.requirement("REQ-032").verified is True
    assert after.requirement("REQ-034").due == dt.date(2026, 4, 15)
    new = after.requirement("REQ-043")
    assert (new.title, new.side.value, new.responsible, new.due) == (
        "Provide production TLS certificates", "customer", "ooltmanns", dt.date(2027, 1, 15))
    assert after.requirement("REQ-040")  # deleted in the sheet, kept and reported
    assert "REQ-040: its row is missing" in result.output
    assert changed_lines(before, project.read_text(encoding="utf-8")) == [
        "-    due: 2026-12-04", "-    status: in_progress", "+    due: 2026-12-01", "+    status: done",
        "+    done_on: 2026-11-27",  # the import records the day: the project's as_of
        "-    responsible: lschaefer", "+    responsible: pbrandt",
        "-    due: 2026-11-19", "-    status: done", "+    due: 2026-04-15", "+    status: done",
        "+    verified: true",  # a line-based diff: the new line after status redraws its neighbours
        "-    due: 2026-12-18", "+    due: 2026-04-15",
        "+  - id: REQ-043", "+    title: Provide production TLS certificates", "+    side: customer",
        "+    responsible: ooltmanns", "+    due: 2027-01-15",
    ]
    again = run_import(edited["checklist"], project)
    assert again.exit_code == 0 and "no changes" in again.output


def test_test_results_come_back_from_libreoffice(edited, project: Path) -> None:
    result = run_import(edited["customer"], project, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {(c["id"], c["field"]) for c in report["changes"]} >= {("AT-01", "result"), ("AT-01", "date"),
                                                                  ("AT-01", "remarks")}
    tests = {t.id: t for t in load_project(project).tests.customer}
    assert (tests["AT-01"].result.value, tests["AT-01"].date) == ("fail", dt.date(2026, 12, 3))
    assert tests["AT-01"].remarks == "Login took 12 s\nsecond try fine"
    assert tests["AT-02"].tester == "aluebben"


def test_a_field_changed_on_both_sides_exits_1_and_changes_nothing(edited, project: Path) -> None:
    text = project.read_text(encoding="utf-8")
    start = text.index("  - id: REQ-031")
    at = text.index("    responsible: lschaefer", start)
    project.write_text(text[:at] + "    responsible: sgoerke" + text[at + len("    responsible: lschaefer"):],
                       encoding="utf-8")
    before = project.read_bytes()
    result = run_import(edited["checklist"], project)
    assert result.exit_code == 1
    assert "Checklist!G" in result.output and "REQ-031.responsible" in result.output
    assert "project.yaml now sgoerke" in result.output and "sheet pbrandt" in result.output
    assert project.read_bytes() == before


@pytest.mark.parametrize("source", ["resaved", "edited"])
def test_libreoffice_workbooks_import_byte_identically_with_and_without_shortcuts(request, project: Path, monkeypatch,
                                                                                 source: str) -> None:
    """LibreOffice writes shared strings, its own <dimension> and styled empty cells: the
    import's shortcuts (test_import_shortcuts) must give the same report and bytes here too."""
    from .test_import_shortcuts import assert_same_both_ways

    workbooks = request.getfixturevalue(source)
    for kind in ("checklist", "customer"):
        assert_same_both_ways(monkeypatch, workbooks[kind], project)
        assert_same_both_ways(monkeypatch, workbooks[kind], project, accept_deletions=True, prefer="theirs")
