"""The hidden `_meta` sheet: what was exported, from which data, and each row's snapshot.

Layout of the sheet (every cell is text):

    A1  "docgen metadata - do not edit"
    A2:B14  one `name | value` pair per entry of HEADER_FIELDS, in that order
    A15:D15 "key | id | row | snapshot"
    A16...  one row per exported item: key, id, sheet row, JSON of editable fields

`meta_sha256` is the sha256 over the canonical content (`meta_hash`), UTF-8: every
header pair but the hash itself as "name\\tvalue\\n", then "rows\\n", then per row
"key\\tid\\trow\\tsnapshot\\n" (none of the four can hold a raw tab: ids and keys
are restricted, the snapshot is JSON). The snapshot is JSON with sorted keys,
separators "," and ":" and non-ASCII characters as they are. It is also stored as the custom
document property `docgen.meta_sha256`. `read_meta` recomputes it and refuses a
workbook whose metadata was changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from ..errors import Problem, WorkbookError
from .layout import LAYOUT_FORMAT

META_SHEET = "_meta"
HASH_PROPERTY = "docgen.meta_sha256"
TITLE = "docgen metadata - do not edit"
HEADER_FIELDS = (
    "format", "schema_version", "docgen_version", "project_id", "kind", "language", "sheet",
    "table", "source_sha256", "exported_at", "editable", "row_count", "meta_sha256",
)
ROWS_HEADER = ("key", "id", "row", "snapshot")
FIRST_ROW_OF_ROWS = len(HEADER_FIELDS) + 3  # 1-based sheet row of the first item row


@dataclass(frozen=True)
class MetaRow:
    key: str
    id: str
    row: int  # 1-based row of the item on the data sheet at export time
    snapshot: dict[str, Any]  # editable field -> model value in JSON form

    def cells(self) -> tuple[str, str, str, str]:
        return (self.key, self.id, str(self.row), canonical_json(self.snapshot))


@dataclass
class Meta:
    format: str
    schema_version: str
    docgen_version: str
    project_id: str
    kind: str
    language: str
    sheet: str
    table: str
    source_sha256: str
    exported_at: str
    editable: list[str]
    rows: list[MetaRow] = field(default_factory=list)
    meta_sha256: str = ""

    def header_values(self, row_count: int | None = None) -> list[tuple[str, str]]:
        """(name, text) for every header field, the hash included."""
        values = {name: getattr(self, name, "") for name in HEADER_FIELDS}
        values["editable"] = canonical_json(self.editable)
        values["row_count"] = str(len(self.rows) if row_count is None else row_count)
        return [(name, str(values[name])) for name in HEADER_FIELDS]

    def by_key(self) -> dict[str, MetaRow]:
        return {row.key: row for row in self.rows}


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(value: Any) -> str:
    return _ENCODER.encode(value)


def source_hash(project: Any) -> str:
    """sha256 of the project's JSON (pydantic's, by alias): did the data change since the export?"""
    from pydantic import TypeAdapter

    return hashlib.sha256(TypeAdapter(type(project)).dump_json(project, by_alias=True)).hexdigest()


def meta_hash(header: Iterable[tuple[str, str]], rows: Iterable[Sequence[str]]) -> str:
    """sha256 over the canonical meta content: header pairs (hash excluded), then rows."""
    digest = hashlib.sha256()
    for name, value in header:
        if name != "meta_sha256":
            digest.update(f"{name}\t{value}\n".encode("utf-8"))
    digest.update(b"rows\n")
    for cells in rows:
        digest.update(("\t".join(cells) + "\n").encode("utf-8"))
    return digest.hexdigest()


def seal(meta: Meta, rows: Iterable[Sequence[str]], count: int) -> None:
    """Set `meta.meta_sha256` for a meta whose `count` rows' texts `rows` yields.

    Writers pass a generator and produce the rows again when they write them: keeping
    100,000 rows' texts would cost tens of megabytes.
    """
    meta.meta_sha256 = meta_hash(meta.header_values(count), rows)


def read_meta(workbook: Any, source: str = "workbook") -> Meta:
    """The verified metadata of an openpyxl workbook (normal or read-only mode)."""
    if META_SHEET not in workbook.sheetnames:
        raise _error(source, "", f"no '{META_SHEET}' sheet",
                     "this is not a workbook exported by docgen, or the sheet was deleted")
    values = [(tuple(_text(v) for v in row[:4]) + ("",) * 4)[:4]
              for row in workbook[META_SHEET].iter_rows(values_only=True)]
    meta = _parse(values, source)
    _verify(meta, values, workbook, source)
    return meta


def _parse(values: list[tuple[str, ...]], source: str) -> Meta:
    header = dict(_header_pairs(values, source))
    if header.get("format") != LAYOUT_FORMAT:
        raise _error(source, f"{META_SHEET}!B2", f"unknown metadata format '{header.get('format', '')}'",
                     f"expected {LAYOUT_FORMAT}; export the workbook again with this docgen version")
    rows = [_meta_row(cells, number, source)
            for number, cells in enumerate(values[FIRST_ROW_OF_ROWS - 1:], FIRST_ROW_OF_ROWS) if any(cells)]
    fields = {name: header[name] for name in HEADER_FIELDS if name not in ("editable", "row_count")}
    return Meta(**fields, editable=json.loads(header["editable"]), rows=rows)


def _header_pairs(values: list[tuple[str, ...]], source: str) -> Iterable[tuple[str, str]]:
    for number, name in enumerate(HEADER_FIELDS, 2):
        cells = values[number - 1] if len(values) >= number else ("", "")
        if cells[0] != name:
            raise _error(source, f"{META_SHEET}!A{number}", f"expected '{name}', found '{cells[0]}'",
                         "the metadata sheet was changed; use the workbook as exported")
        yield name, cells[1]


def _meta_row(cells: tuple[str, ...], number: int, source: str) -> MetaRow:
    key, item_id, row, snapshot = cells
    try:
        return MetaRow(key, item_id, int(row), json.loads(snapshot))
    except ValueError:
        raise _error(source, f"{META_SHEET}!A{number}", "damaged metadata row",
                     "the metadata sheet was changed; use the workbook as exported") from None


def _verify(meta: Meta, values: list[tuple[str, ...]], workbook: Any, source: str) -> None:
    stored = values[FIRST_ROW_OF_ROWS - 1:]
    rows = [tuple(cells) for cells in stored if any(cells)]
    expected = meta_hash(meta.header_values(), rows)
    mirrored = _custom_property(workbook, HASH_PROPERTY)
    if expected != meta.meta_sha256 or (mirrored is not None and mirrored != meta.meta_sha256):
        raise _error(source, f"{META_SHEET}!B{len(HEADER_FIELDS) + 1}", "the metadata does not match its hash",
                     "the hidden _meta sheet was changed; use the workbook as exported")


def _custom_property(workbook: Any, name: str) -> str | None:
    properties = getattr(workbook, "custom_doc_props", None)
    if properties is None:
        return None
    for prop in properties:
        if prop.name == name:
            return str(prop.value)
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _error(source: str, where: str, message: str, hint: str) -> WorkbookError:
    return WorkbookError([Problem(source, where, "", message, hint)])
