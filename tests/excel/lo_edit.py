"""Edit workbooks the way a customer does, in LibreOffice itself, driven through UNO.

Run with the system Python that has Debian's python3-uno (not the project venv):

    /usr/bin/python3 tests/excel/lo_edit.py JOBS.json

JOBS.json: {"soffice": path, "profile": dir, "jobs": [{"source": xlsx, "target": xlsx,
"edits": [...]}]}. One headless LibreOffice serves every job, so a test run pays for
one start. Edits address rows by the visible ID column and columns by header label:

    {"op": "type", "id": "REQ-030", "column": "Due", "text": "2026-12-01"}  typed input,
        parsed by LibreOffice as a user's typing would be (dates, TRUE, numbers);
        "general": true first resets the cell to the General number format
    {"op": "text", "id": ..., "column": ..., "text": ...}  stored as text, unparsed
    {"op": "append", "gap": 2, "cells": {"Title": "...", ...}}  a row below the table
    {"op": "delete", "id": "REQ-040"}  remove the whole row
    {"op": "sort", "column": "Title", "descending": true}  sort the data rows
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import uno  # noqa: F401  (installs the com.sun.star import hook)
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.table import TableSortField

XLSX_FILTER = "Calc MS Excel 2007 XML"


def main(jobs_file: str) -> None:
    spec = json.loads(Path(jobs_file).read_text(encoding="utf-8"))
    pipe = f"docgen_lo_edit_{os.getpid()}"
    office = subprocess.Popen([
        spec["soffice"], "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
        f"-env:UserInstallation={Path(spec['profile']).resolve().as_uri()}",
        f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        desktop = connect(pipe, office)
        for job in spec["jobs"]:
            run_job(desktop, job)
        try:
            desktop.terminate()
        except Exception:  # LibreOffice drops the connection while it shuts down
            pass
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()


def connect(pipe: str, office: subprocess.Popen) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 120
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except NoConnectException:
            if office.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("LibreOffice did not start")
            time.sleep(0.5)


def run_job(desktop: object, job: dict) -> None:
    document = desktop.loadComponentFromURL(Path(job["source"]).resolve().as_uri(), "_blank", 0,
                                            (prop("Hidden", True),))
    try:
        sheet = document.Sheets.getByIndex(0)
        for edit in job.get("edits", []):
            EDITS[edit["op"]](sheet, edit)
        document.storeToURL(Path(job["target"]).resolve().as_uri(), (prop("FilterName", XLSX_FILTER),))
    finally:
        document.close(True)


def prop(name: str, value: object) -> PropertyValue:
    return PropertyValue(Name=name, Value=value)


def columns(sheet) -> dict[str, int]:
    found, column = {}, 0
    while (text := sheet.getCellByPosition(column, 0).getString()) or column < 2:
        found[text] = column
        column += 1
    return found


def last_row(sheet) -> int:
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.getRangeAddress().EndRow


def row_of(sheet, item_id: str) -> int:
    id_column = columns(sheet)["ID"]
    for row in range(1, last_row(sheet) + 1):
        if sheet.getCellByPosition(id_column, row).getString() == item_id:
            return row
    raise SystemExit(f"no row with the id {item_id}")


def type_input(sheet, edit: dict) -> None:
    cell = sheet.getCellByPosition(columns(sheet)[edit["column"]], row_of(sheet, edit["id"]))
    if edit.get("general"):
        cell.NumberFormat = 0  # the exported column is Text; a pasted cell may not be
    cell.setFormula(edit["text"])  # as if typed: "2026-12-01" becomes a date, "TRUE" a boolean


def set_text(sheet, edit: dict) -> None:
    sheet.getCellByPosition(columns(sheet)[edit["column"]], row_of(sheet, edit["id"])).setString(edit["text"])


def append(sheet, edit: dict) -> None:
    row = last_row(sheet) + 1 + edit.get("gap", 0)
    for label, text in edit["cells"].items():
        sheet.getCellByPosition(columns(sheet)[label], row).setFormula(text)


def delete(sheet, edit: dict) -> None:
    sheet.getRows().removeByIndex(row_of(sheet, edit["id"]), 1)


def sort(sheet, edit: dict) -> None:
    width = len(columns(sheet))
    data = sheet.getCellRangeByPosition(0, 1, width - 1, last_row(sheet))
    key = TableSortField()
    key.Field = columns(sheet)[edit["column"]]
    key.IsAscending = not edit.get("descending", False)
    descriptor = data.createSortDescriptor()
    for entry in descriptor:
        if entry.Name == "SortFields":
            entry.Value = uno.Any("[]com.sun.star.table.TableSortField", (key,))
        elif entry.Name == "ContainsHeader":
            entry.Value = False
    data.sort(descriptor)


EDITS = {"type": type_input, "text": set_text, "append": append, "delete": delete, "sort": sort}

if __name__ == "__main__":
    main(sys.argv[1])
