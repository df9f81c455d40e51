"""Open a returned workbook safely: it came by mail, from outside.

Before any XML is parsed, the file must be a zip with a workbook inside (a Word
document or an .ods renamed to .xlsx is named as such), within limits on its size,
its number of parts and their uncompressed size. Every XML part is then inflated
with a hard cap on the bytes actually produced (a zip may lie about sizes) and
refused if it declares a DTD: entity definitions are how XML bombs expand, and no
OOXML part needs one. Macros are never run nor read.

Cell values come from python-calamine (Rust, fast, expands no entities). The two
things it does not expose, formulas and custom document properties, are read with
defusedxml, the formulas only from sheets that contain any.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine
from defusedxml import ElementTree as SafeTree

from ..errors import Problem, WorkbookError
from .used_range import UsedRange, used_range, within_limit

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PARTS = 5_000
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024  # a 100,000-row checklist unpacks to about 120 MB
# The reader allocates every cell of a sheet's used range (A1 to the farthest value): a
# 100,000-row checklist with customer columns is under 3 million, XFD1048576 is 17 billion.
MAX_SHEET_CELLS = 5_000_000
_CHUNK = 1024 * 1024
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)")
_FORMULA = re.compile(rb"<f[ >]")  # <f> or <f t="shared" ...>; a prefixed <x:f> is found apart
_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"')
_COMMENTS_TYPE = "/comments"
_NOT_WORKBOOKS = {  # a part that only this kind of file has -> what the file is, what it is not
    "word/document.xml": ("a Word document", "not a workbook"),
    "ppt/presentation.xml": ("a PowerPoint presentation", "not a workbook"),
    "content.xml": ("an OpenDocument file (.ods/.odt)", "not an XLSX workbook"),
}
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class Workbook:
    """An opened, checked workbook: sheet names, values, formulas, custom properties."""

    path: Path
    sheet_names: list[str]
    has_macros: bool
    custom_properties: dict[str, str]
    _book: Any = field(repr=False)
    _parts: dict[str, str] = field(repr=False)  # sheet name -> zip part
    _formula_parts: set[str] = field(repr=False)
    _rows: dict[str, list[list[Any]]] = field(default_factory=dict, repr=False)
    _merged: dict[str, list[str]] = field(default_factory=dict, repr=False)  # part -> ["C5:D5", ...]

    def rows(self, sheet: str) -> list[list[Any]]:
        """The sheet's values from A1 on: rows of str, float, bool, date, datetime; '' when empty."""
        if sheet not in self._rows:
            try:
                self._rows[sheet] = self._book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            except python_calamine.CalamineError as error:
                raise _error(self.path, f"cannot read the sheet '{sheet}': {error}") from error
        return self._rows[sheet]

    def merged_cells(self, sheet: str) -> list[str]:
        """The sheet's merged ranges, e.g. ["C5:D5"]: only their first cell holds a value."""
        return self._merged.get(self._parts.get(sheet, ""), [])

    def comments(self, sheet: str) -> dict[str, str]:
        """Cell reference -> text of the sheet's comments (notes; Excel also writes each
        threaded comment as one), {} when it has none."""
        part = self._parts.get(sheet)
        if not part:
            return {}
        with zipfile.ZipFile(self.path) as archive:
            return _comments(archive, part, self.path)

    def formulas(self, sheet: str) -> dict[tuple[int, int], str]:
        """(row, column) from 0 -> formula text without '=', for the sheet's formula cells."""
        part = self._parts.get(sheet)
        if part is None or part not in self._formula_parts:
            return {}
        with zipfile.ZipFile(self.path) as archive:
            return _formulas(_inflate(archive, archive.getinfo(part), self.path))


def open_workbook(path: Path) -> Workbook:
    """Check and open a returned workbook; `WorkbookError` names what is wrong with it."""
    _check_file(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise _error(path, f"not a valid XLSX workbook ({error})", "is the file complete? ask for it again") from None
    with archive:
        names = set(archive.namelist())
        _check_kind(path, names)
        formula_parts, ranges, merged = _check_parts(path, archive)
        parts = _sheet_parts(path, archive)
        properties = _custom_properties(path, archive, names)
    _check_used_ranges(path, parts, ranges)
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises several unrelated types for damaged files
        raise _error(path, f"the workbook is damaged: {error}", "open and save it again in Excel or LibreOffice") from None
    has_macros = any(name.lower().endswith("vbaproject.bin") for name in names)
    return Workbook(path, list(book.sheet_names), has_macros, properties, book, parts, formula_parts, _merged=merged)


def _check_file(path: Path) -> None:
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as error:
        raise _error(path, f"cannot read the file: {error.strerror}", "check the path and permissions") from None
    if size > MAX_FILE_BYTES:
        raise _error(path, f"the file is {size:,} bytes, more than the limit of {MAX_FILE_BYTES:,}",
                     "import the workbook as exported; remove pictures or attachments")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _error(path, "an Excel 97-2003 (.xls) or a password-protected workbook",
                     "remove the password and save it as Excel Workbook (.xlsx)")
    if not head.startswith(b"PK\x03\x04"):
        raise _error(path, "not an XLSX workbook", "import the .xlsx file docgen exported, as the customer returned it")


def _check_kind(path: Path, names: set[str]) -> None:
    if "xl/workbook.xml" in names:
        return
    kind, not_what = next((found for part, found in _NOT_WORKBOOKS.items() if part in names),
                          ("", "not an XLSX workbook"))
    if not kind:
        message = not_what
    elif path.suffix.lower() in _WORKBOOK_SUFFIXES:  # named like a workbook, but is none
        message = f"{kind} renamed to {path.suffix}, {not_what}"
    else:
        message = f"{kind}, {not_what}"
    raise _error(path, message, "import the .xlsx file docgen exported, as the customer returned it")


def _check_parts(path: Path, archive: zipfile.ZipFile) -> tuple[set[str], dict[str, UsedRange], dict[str, list[str]]]:
    """Refuse zip and XML bombs; return the worksheet parts that hold formulas, the used
    range of every worksheet part that may exceed the limit (the others are shown within
    it without counting), and the merged ranges of every worksheet part.

    Each test searches the bytes in C, with no Python step per cell: a 10,000-row
    checklist has 18 MB of sheets."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise _error(path, f"the workbook has {len(infos):,} parts, more than {MAX_PARTS:,}", "this is not a normal workbook")
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
        raise _error(path, f"the workbook unpacks to more than {MAX_UNCOMPRESSED_BYTES:,} bytes",
                     "this looks like a zip bomb; it is refused")
    with_formulas, ranges, merged, budget = set(), {}, {}, MAX_UNCOMPRESSED_BYTES
    for info in infos:
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue  # pictures, printer settings, macros: never parsed
        data = _inflate(archive, info, path, budget)
        budget -= len(data)
        if _DTD.search(data):
            raise _error(path, f"{info.filename} declares a DTD", "XML with entity definitions is refused (XML bomb protection)")
        if info.filename.startswith("xl/worksheets/") and (_FORMULA.search(data) or b":f>" in data):
            with_formulas.add(info.filename)
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
            if not within_limit(data, MAX_SHEET_CELLS):
                ranges[info.filename] = used_range(data)
            merged[info.filename] = [ref.decode() for ref in _MERGE_CELL.findall(data)] if b"mergeCell" in data else []
    return with_formulas, ranges, merged


def _check_used_ranges(path: Path, parts: dict[str, str], ranges: dict[str, UsedRange]) -> None:
    """Refuse a sheet whose used range no reader should allocate, naming its farthest cell."""
    for sheet, part in parts.items():
        found = ranges.get(part)
        if found is not None and found.cells > MAX_SHEET_CELLS:
            raise WorkbookError([Problem(
                str(path), f"{sheet}!{found.farthest}", "",
                f"the sheet's used range is A1:{column_letter(found.columns - 1)}{found.rows} "
                f"({found.cells:,} cells), more than the limit of {MAX_SHEET_CELLS:,}",
                "delete the values far outside the table (Ctrl+End shows the last cell), "
                "or use the workbook as exported")])


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, limit: int = MAX_UNCOMPRESSED_BYTES) -> bytes:
    """A part's bytes, refusing to produce more than `limit` whatever its header claims."""
    chunks, total = [], 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise _error(path, f"{info.filename} unpacks to more than {limit:,} bytes",
                                 "this looks like a zip bomb; it is refused")
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as error:
        raise _error(path, f"the workbook is damaged ({info.filename}: {error})", "ask for the file again") from None
    return b"".join(chunks)


def _parse_part(archive: zipfile.ZipFile, name: str, path: Path) -> Any:
    try:
        return SafeTree.fromstring(_inflate(archive, archive.getinfo(name), path), forbid_dtd=True)
    except (KeyError, SafeTree.ParseError) as error:
        raise _error(path, f"the workbook is damaged ({name}: {error})", "open and save it again") from None


def _sheet_parts(path: Path, archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its zip part, from the workbook and its relationships."""
    workbook = _parse_part(archive, "xl/workbook.xml", path)
    targets = {}
    if "xl/_rels/workbook.xml.rels" in archive.namelist():
        rels = _parse_part(archive, "xl/_rels/workbook.xml.rels", path)
        for rel in rels.iter(f"{_PKG_REL}Relationship"):
            targets[rel.get("Id")] = _part_name("xl", rel.get("Target", ""))
    return {sheet.get("name"): targets.get(sheet.get(f"{_REL}id"), "")
            for sheet in workbook.iter(f"{_MAIN}sheet")}


def _part_name(folder: str, target: str) -> str:
    """A relationship's target as a zip name: absolute ("/xl/...") or relative to `folder`."""
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))


def _custom_properties(path: Path, archive: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    if "docProps/custom.xml" not in names:
        return {}
    root = _parse_part(archive, "docProps/custom.xml", path)
    found = {}
    for prop in root:
        value = next(iter(prop), None)
        if prop.get("name") and value is not None:
            found[prop.get("name")] = value.text or ""
    return found


def _comments(archive: zipfile.ZipFile, part: str, path: Path) -> dict[str, str]:
    folder, name = posixpath.split(part)
    rels = f"{folder}/_rels/{name}.rels"
    if rels not in archive.namelist():
        return {}
    found: dict[str, str] = {}
    for rel in _parse_part(archive, rels, path).iter(f"{_PKG_REL}Relationship"):
        if rel.get("Type", "").endswith(_COMMENTS_TYPE) and rel.get("TargetMode") != "External":
            target = _part_name(folder, rel.get("Target", ""))
            if target in archive.namelist():
                for comment in _parse_part(archive, target, path).iter(f"{_MAIN}comment"):
                    found[comment.get("ref", "")] = "".join(t.text or "" for t in comment.iter(f"{_MAIN}t"))
    return found


def _formulas(data: bytes) -> dict[tuple[int, int], str]:
    import io

    found: dict[tuple[int, int], str] = {}
    shared: dict[str, str] = {}
    for _, element in SafeTree.iterparse(io.BytesIO(data), events=("end",), forbid_dtd=True):
        if element.tag == f"{_MAIN}row":
            element.clear()  # keeps memory flat on long sheets
        elif element.tag == f"{_MAIN}c":
            formula = element.find(f"{_MAIN}f")
            position = _position(element.get("r", ""))
            if formula is not None and position is not None:
                text = formula.text or shared.get(formula.get("si", ""), "")
                if formula.get("t") == "shared" and formula.text:
                    shared[formula.get("si", "")] = formula.text
                found[position] = text
    return found


def _position(reference: str) -> tuple[int, int] | None:
    match = _CELL_REF.match(reference)
    if not match:
        return None
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)) - 1, column - 1


def column_letter(index: int) -> str:
    """0 -> 'A', 27 -> 'AB'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _error(path: Path, message: str, hint: str = "") -> WorkbookError:
    return WorkbookError([Problem(str(path), "", "", message, hint)])
