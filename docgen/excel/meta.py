"""The hidden `_meta` sheet: what was exported, from which data, and each row's snapshot.

Layout of the sheet (every cell is text):

    A1  "docgen metadata - do not edit"
    A2:B14  one `name | value` pair per entry of HEADER_FIELDS, in that order
    A15:E15 "key | id | row | snapshot | read_only"
    A16...  one row per exported item: key, id, sheet row, JSON of the editable
            fields, hash of the read-only fields (`read_only_hash`)

`meta_sha256` is the sha256 over the canonical content (`meta_hash`), UTF-8: every
header pair but the hash itself as "name\\tvalue\\n", then "rows\\n", then per row
"key\\tid\\trow\\tsnapshot\\tread_only\\n" (none of the five can hold a raw tab: ids
and keys are restricted, the snapshot is JSON, the hash hex). Workbooks exported
before the read-only hash existed have four cells per row, hashed as four. The
snapshot is JSON with sorted keys, separators "," and ":" and non-ASCII characters
as they are. The hash is also stored as the custom document property
`docgen.meta_sha256`. `parse_meta` recomputes it and refuses a workbook whose
metadata was changed; `read_meta` does so for an openpyxl workbook.
"""

from __future__ import annotations

import functools
import hashlib
import json
import json.scanner
from dataclasses import dataclass, field
from typing import Annotated, Any, Iterable, Mapping, Sequence

from ..errors import Problem, WorkbookError
from ..models import SCHEMA_VERSION
from .layout import LAYOUT_FORMAT, LAYOUTS
from .values import number_text

META_SHEET = "_meta"
HASH_PROPERTY = "docgen.meta_sha256"
SIGNATURE_PROPERTY = "docgen.meta_signature"  # HMAC of the hash with the repository's key (docgen.signing)
TITLE = "docgen metadata - do not edit"
HEADER_FIELDS = (
    "format", "schema_version", "docgen_version", "project_id", "kind", "language", "sheet",
    "table", "source_sha256", "exported_at", "editable", "row_count", "meta_sha256",
)
ROWS_HEADER = ("key", "id", "row", "snapshot", "read_only")
FIRST_ROW_OF_ROWS = len(HEADER_FIELDS) + 3  # 1-based sheet row of the first item row
_CHANGED = "the metadata sheet was changed; use the workbook as exported"


@dataclass(frozen=True)
class MetaRow:
    key: str
    id: str
    row: int  # 1-based row of the item on the data sheet at export time
    snapshot: dict[str, Any]  # editable field -> model value in JSON form
    read_only: str = ""  # `read_only_hash` of the read-only fields at export time; "" in older exports

    def cells(self) -> tuple[str, ...]:
        cells = (self.key, self.id, str(self.row), canonical_json(self.snapshot))
        return cells + (self.read_only,) if self.read_only else cells


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


def read_only_hash(values: Mapping[str, Any]) -> str:
    """64 bits of sha256 over the canonical JSON of read-only fields' values (JSON form).

    It only tells whether a read-only cell changed since the export; the meta hash
    protects it against tampering.
    """
    return hashlib.sha256(_ENCODER.encode(values).encode("utf-8")).hexdigest()[:16]


def source_hash(project: Any) -> str:
    """sha256 of the project's JSON (pydantic's, by alias): did the data change since the export?

    The bytes hashed are exactly `dump_json(project, by_alias=True)`, fed to the hash a
    top-level field at a time and a list item at a time, so the JSON of a project with
    100,000 requirements (40 MB) never sits in memory whole.
    """
    digest = hashlib.sha256()
    for chunk in _json_chunks(project):
        digest.update(chunk)
    return digest.hexdigest()


def _json_chunks(model: Any) -> Iterable[bytes]:
    # As pydantic writes a model without serializers of its own (docgen's have none, and
    # forbid extra keys): its fields in order, compact, each value by its own serializer.
    yield b"{"
    for number, (name, info) in enumerate(type(model).model_fields.items()):
        key = info.serialization_alias or info.alias or name
        yield (b"," if number else b"") + json.dumps(key, ensure_ascii=False).encode() + b":"
        value = getattr(model, name)
        if type(value) is list and value and all(hasattr(type(item), "model_fields") for item in value):
            yield b"["
            for index, item in enumerate(value):
                yield (b"," if index else b"") + _adapter(type(item)).dump_json(item, by_alias=True)
            yield b"]"
        else:
            yield _adapter(type(model), name).dump_json(value, by_alias=True)
    yield b"}"


@functools.lru_cache(maxsize=None)
def _adapter(model: type, field: str | None = None) -> Any:
    """pydantic's serializer of `model`, or of the type of its `field`."""
    from pydantic import TypeAdapter

    if field is None:
        return TypeAdapter(model)
    info = model.model_fields[field]
    return TypeAdapter(Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation)


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


def header_cell(name: str) -> str:
    """Where the value of the header field `name` is, e.g. "_meta!B5"."""
    return f"{META_SHEET}!B{HEADER_FIELDS.index(name) + 2}"


# --- reading -------------------------------------------------------------------------


def read_meta(workbook: Any, source: str = "workbook") -> Meta:
    """The verified metadata of an openpyxl workbook (normal or read-only mode)."""
    check_meta_sheet(workbook.sheetnames, source)
    rows = workbook[META_SHEET].iter_rows(values_only=True)
    return parse_meta(rows, _custom_property(workbook, HASH_PROPERTY), source)


def check_meta_sheet(sheet_names: Iterable[str], source: str) -> None:
    if META_SHEET not in sheet_names:
        raise _error(source, "", f"no '{META_SHEET}' sheet",
                     "this is not a workbook exported by docgen, or the sheet was deleted; to import it by its "
                     "visible ids, without the export snapshot, use --without-meta")


def parse_meta(rows: Iterable[Sequence[Any]], mirrored_hash: str | None, source: str = "workbook") -> Meta:
    """The verified metadata from the `_meta` sheet's rows, as any reader gives them.

    Cells may be text, numbers, None or "" (empty). `mirrored_hash` is the document
    property `HASH_PROPERTY`, None when the workbook has none. A newer format or
    schema, an unknown workbook kind and every change of the content are refused.
    """
    values = [_five_texts(row) for row in rows]
    _check_versions(values, source)
    meta = _parse(values, source)
    _verify(meta, values, mirrored_hash, source)
    if meta.kind not in LAYOUTS:
        raise _error(source, header_cell("kind"), f"unknown workbook kind '{meta.kind}'",
                     f"docgen imports {', '.join(LAYOUTS)}")
    return meta


def _check_versions(values: list[tuple[str, ...]], source: str) -> None:
    """Name a newer export as such, before its header is held against this version's."""
    header = {cells[0]: cells[1] for cells in values[:FIRST_ROW_OF_ROWS]}
    format_name, schema = header.get("format", ""), header.get("schema_version", "")
    family, _, version = format_name.rpartition("/")
    our_family, _, our_version = LAYOUT_FORMAT.rpartition("/")
    newer_format = family == our_family and version.isdigit() and int(version) > int(our_version)
    newer_schema = schema.isdigit() and int(schema) > SCHEMA_VERSION
    if newer_format or newer_schema:
        what = f"format {format_name}" if newer_format else f"schema version {schema}"
        raise _error(source, header_cell("format"), f"exported by a newer docgen ({what})",
                     f"this docgen reads {LAYOUT_FORMAT}, schema version {SCHEMA_VERSION}; update docgen")
    if format_name != LAYOUT_FORMAT:
        raise _error(source, header_cell("format"), f"unknown metadata format '{format_name}'",
                     f"expected {LAYOUT_FORMAT}; export the workbook again with this docgen version")


def _parse(values: list[tuple[str, ...]], source: str) -> Meta:
    header = dict(_header_pairs(values, source))
    rows = [_meta_row(cells, number, source)
            for number, cells in enumerate(values[FIRST_ROW_OF_ROWS - 1:], FIRST_ROW_OF_ROWS) if any(cells)]
    fields = {name: header[name] for name in HEADER_FIELDS if name not in ("editable", "row_count")}
    try:
        editable = json.loads(header["editable"])
    except ValueError:
        raise _error(source, header_cell("editable"), "damaged metadata", _CHANGED) from None
    return Meta(**fields, editable=editable, rows=rows)


def _header_pairs(values: list[tuple[str, ...]], source: str) -> Iterable[tuple[str, str]]:
    for number, name in enumerate(HEADER_FIELDS, 2):
        cells = values[number - 1] if len(values) >= number else ("", "")
        if cells[0] != name:
            raise _error(source, f"{META_SHEET}!A{number}", f"expected '{name}', found '{cells[0]}'", _CHANGED)
        yield name, cells[1]


def _meta_row(cells: tuple[str, ...], number: int, source: str) -> MetaRow:
    key, item_id, row, snapshot, read_only = cells
    try:
        return MetaRow(key, item_id, int(row), _json(snapshot), read_only)
    except ValueError:
        raise _error(source, f"{META_SHEET}!A{number}", "damaged metadata row", _CHANGED) from None


def _verify(meta: Meta, values: list[tuple[str, ...]], mirrored: str | None, source: str) -> None:
    rows = [cells if cells[4] else cells[:4] for cells in values[FIRST_ROW_OF_ROWS - 1:] if any(cells)]
    expected = meta_hash(meta.header_values(), rows)
    if expected != meta.meta_sha256 or (mirrored is not None and mirrored != meta.meta_sha256):
        raise _error(source, header_cell("meta_sha256"), "the metadata does not match its hash",
                     "the hidden _meta sheet was changed; use the workbook as exported")


def _custom_property(workbook: Any, name: str) -> str | None:
    properties = getattr(workbook, "custom_doc_props", None)
    if properties is None:
        return None
    for prop in properties:
        if prop.name == name:
            return str(prop.value)
    return None


_ONLY_TEXT = {str}
_SCAN = json.scanner.make_scanner(json.JSONDecoder())  # what json.loads runs, without its per-call checks


def _five_texts(row: Sequence[Any]) -> tuple[str, ...]:
    """The first five cells as text, "" for missing ones."""
    cells = tuple(row[:5])
    if len(cells) == 5 and set(map(type, cells)) == _ONLY_TEXT:  # the usual row: 10,000 of them
        return cells
    return (tuple(_text(v) for v in cells) + ("",) * 5)[:5]


def _json(text: str) -> Any:
    """`json.loads(text)`: the scanner alone where it reads the whole text (no surrounding
    whitespace, no BOM), else json.loads itself, with its errors."""
    try:
        value, end = _SCAN(text, 0)
    except StopIteration:
        end = -1
    return value if end == len(text) else json.loads(text)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return number_text(value) if isinstance(value, float) else str(value)


def _error(source: str, where: str, message: str, hint: str) -> WorkbookError:
    return WorkbookError([Problem(source, where, "", message, hint)])
