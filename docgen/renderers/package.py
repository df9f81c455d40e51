"""Post-processing of finished OOXML packages (DOCX, XLSX): provenance and reproducible bytes.

Renderers hand back a complete zip. Before it is written, the build stamps custom
document properties into it and rewrites the zip so that the same content always
gives the same bytes: fixed entry timestamps, a fixed entry order, fixed attributes.
Only the package parts named here are touched; everything else is copied as is.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from lxml import etree

from ..errors import RenderError

# The custom property that records which template a document was rendered from.
TEMPLATE_HASH_PROPERTY = "docgen.template_sha256"
NO_TEMPLATE = "none"  # the template hash of outputs built without a template (the workbooks)
CUSTOM_PART = "docProps/custom.xml"
CORE_PART = "docProps/core.xml"
CONTENT_TYPES_PART = "[Content_Types].xml"
ROOT_RELS_PART = "_rels/.rels"

_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DCTERMS_NS = "http://purl.org/dc/terms/"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_CUSTOM_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
# The format id every user-defined property carries (ECMA-376 part 1, 22.3.2.2).
_USER_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
# Property ids 0 and 1 are reserved; user properties start at 2.
_FIRST_PID = 2
# The zip format cannot store dates before 1980.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
# Parts that consumers look for first are written first; the rest in name order.
_LEADING_PARTS = (CONTENT_TYPES_PART, ROOT_RELS_PART)
# Regular file, rw-r--r--, as a Unix zip tool would record it; the same on every OS.
_FILE_ATTRIBUTES = (0o100644 << 16)
_UNIX = 3
# Deflate level of every part: a little larger than zlib's default 6, about twice as fast
# for a 10 MB document body (the same level as excel/writer.py's).
COMPRESS_LEVEL = 4
_PARSER = etree.XMLParser(resolve_entities=False, remove_blank_text=False)


@dataclass
class _Entry:
    name: str
    data: bytes
    compress_type: int


def normalize_zip(data: bytes, timestamp: dt.datetime) -> bytes:
    """`data` rewritten with fixed entry timestamps, order and attributes; content unchanged."""
    return _write(_read(data), _zip_time(timestamp))


def finalize_package(data: bytes, props: Mapping[str, str], timestamp: dt.datetime) -> bytes:
    """All of the above in one pass: the bytes that are written to disk."""
    return _finalize(_read(data), props, timestamp)


def finalize_entries(parts: Mapping[str, bytes], props: Mapping[str, str], timestamp: dt.datetime) -> bytes:
    """As finalize_package, for a package still held as its parts (name -> bytes): the
    only time those parts are zipped."""
    entries = {name: _Entry(name, data, zipfile.ZIP_DEFLATED) for name, data in parts.items()}
    return _finalize(entries, props, timestamp)


def finalize_streamed(data: bytes, rewrites: Mapping[str, Callable[[bytes], Iterator[bytes]]],
                      props: Mapping[str, str], timestamp: dt.datetime) -> bytes:
    """As finalize_package, with the parts named in `rewrites` streamed through their
    rewrite while they are zipped (the rows of a large sheet never sit in memory whole)."""
    entries = _read(data)
    _merge_custom_properties(entries, props)
    _set_core_timestamps(entries, timestamp)
    return _write(entries, _zip_time(timestamp), rewrites)


def _finalize(entries: dict[str, _Entry], props: Mapping[str, str], timestamp: dt.datetime) -> bytes:
    _merge_custom_properties(entries, props)
    _set_core_timestamps(entries, timestamp)
    return _write(entries, _zip_time(timestamp))


def read_custom_properties(data: bytes) -> dict[str, str]:
    """The custom document properties of a package, name -> text value."""
    entries = _read(data)
    if CUSTOM_PART not in entries:
        return {}
    root = etree.fromstring(entries[CUSTOM_PART].data, _PARSER)
    return {p.get("name"): "".join(p.itertext()) for p in root.iter(f"{{{_CUSTOM_NS}}}property")}


def differing_parts(first: bytes, second: bytes) -> list[str]:
    """Names of the package parts whose content differs between two packages ([] if equal).

    Lets --check tell a changed document from one whose provenance alone changed.
    """
    try:
        a, b = _read(first), _read(second)
    except RenderError:
        return ["(not an Office package)"]
    return sorted(name for name in a.keys() | b.keys()
                  if name not in a or name not in b or a[name].data != b[name].data)


# --- zip -----------------------------------------------------------------------------


def _read(data: bytes) -> dict[str, _Entry]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {
                info.filename: _Entry(info.filename, archive.read(info), info.compress_type)
                for info in archive.infolist()
                if not info.is_dir()
            }
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as error:
        raise RenderError(f"renderer produced an invalid Office package: {error}") from error


def _write(entries: dict[str, _Entry], date_time: tuple[int, ...],
           rewrites: Mapping[str, Callable[[bytes], Iterator[bytes]]] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in _ordered(entries):
            entry = entries[name]
            info = _zip_info(name, date_time, entry.compress_type)
            rewrite = (rewrites or {}).get(name)
            if rewrite is None:
                archive.writestr(info, entry.data, compresslevel=COMPRESS_LEVEL)
                continue
            info.compress_type = zipfile.ZIP_DEFLATED
            info._compresslevel = COMPRESS_LEVEL  # type: ignore[attr-defined]  # open() ignores the archive's level
            with archive.open(info, "w") as stream:
                for chunk in rewrite(entry.data):
                    stream.write(chunk)
    return buffer.getvalue()


def _ordered(entries: Mapping[str, _Entry]) -> list[str]:
    leading = [name for name in _LEADING_PARTS if name in entries]
    return leading + sorted(name for name in entries if name not in _LEADING_PARTS)


def _zip_info(name: str, date_time: tuple[int, ...], compress_type: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=date_time)  # type: ignore[arg-type]
    info.compress_type = compress_type
    # ZipInfo records the host OS; fix it so Windows and Linux builds give the same bytes.
    info.create_system = _UNIX
    info.external_attr = _FILE_ATTRIBUTES
    return info


def _zip_time(timestamp: dt.datetime) -> tuple[int, ...]:
    utc = timestamp.astimezone(dt.timezone.utc) if timestamp.tzinfo else timestamp
    stamp = (utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second)
    return max(stamp, _ZIP_EPOCH)


# --- custom properties ---------------------------------------------------------------


def _merge_custom_properties(entries: dict[str, _Entry], props: Mapping[str, str]) -> None:
    if not props:
        return
    created = CUSTOM_PART not in entries
    root = _custom_root(entries)
    existing = {p.get("name"): p for p in root.iter(f"{{{_CUSTOM_NS}}}property")}
    next_pid = max((int(p.get("pid", "1")) for p in existing.values()), default=_FIRST_PID - 1) + 1
    for name in sorted(props):  # sorted so the dict's order never changes the bytes
        if name in existing:
            _set_text_value(existing[name], props[name])
        else:
            _add_property(root, name, props[name], next_pid)
            next_pid += 1
    entries[CUSTOM_PART] = _Entry(CUSTOM_PART, _serialize(root), zipfile.ZIP_DEFLATED)
    if created:
        _register_custom_part(entries)


def _custom_root(entries: Mapping[str, _Entry]) -> etree._Element:
    if CUSTOM_PART in entries:
        return etree.fromstring(entries[CUSTOM_PART].data, _PARSER)
    return etree.Element(f"{{{_CUSTOM_NS}}}Properties", nsmap={None: _CUSTOM_NS, "vt": _VT_NS})


def _add_property(root: etree._Element, name: str, value: str, pid: int) -> None:
    prop = etree.SubElement(root, f"{{{_CUSTOM_NS}}}property")
    prop.set("fmtid", _USER_FMTID)
    prop.set("pid", str(pid))
    prop.set("name", name)
    _set_text_value(prop, value)


def _set_text_value(prop: etree._Element, value: str) -> None:
    # A property holds exactly one typed value; ours are always text (vt:lpwstr).
    for child in list(prop):
        prop.remove(child)
    etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = value


def _register_custom_part(entries: dict[str, _Entry]) -> None:
    """Declare a new custom.xml in [Content_Types].xml and _rels/.rels, as Office requires."""
    types = _part_root(entries, CONTENT_TYPES_PART)
    override = etree.SubElement(types, f"{{{_TYPES_NS}}}Override")
    override.set("PartName", "/" + CUSTOM_PART)
    override.set("ContentType", _CUSTOM_CONTENT_TYPE)
    _replace(entries, CONTENT_TYPES_PART, types)
    rels = _part_root(entries, ROOT_RELS_PART)
    relationship = etree.SubElement(rels, f"{{{_RELS_NS}}}Relationship")
    relationship.set("Id", _free_relationship_id(rels))
    relationship.set("Type", _CUSTOM_REL_TYPE)
    relationship.set("Target", CUSTOM_PART)
    _replace(entries, ROOT_RELS_PART, rels)


def _free_relationship_id(rels: etree._Element) -> str:
    used = {r.get("Id") for r in rels}
    return next(f"rId{n}" for n in range(1, len(used) + 2) if f"rId{n}" not in used)


# --- core properties -----------------------------------------------------------------


def _set_core_timestamps(entries: dict[str, _Entry], timestamp: dt.datetime) -> None:
    if CORE_PART not in entries:
        return  # a package without core properties has no dates to fix
    root = _part_root(entries, CORE_PART)
    text = w3cdtf(timestamp)
    for name in ("created", "modified"):
        element = root.find(f"{{{_DCTERMS_NS}}}{name}")
        if element is None:
            element = etree.SubElement(root, f"{{{_DCTERMS_NS}}}{name}")
            element.set(f"{{{_XSI_NS}}}type", "dcterms:W3CDTF")
        element.text = text
    _replace(entries, CORE_PART, root)


def w3cdtf(timestamp: dt.datetime) -> str:
    """`timestamp` as core properties write dates: UTC, to the second."""
    utc = timestamp.astimezone(dt.timezone.utc) if timestamp.tzinfo else timestamp
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


# --- xml helpers ---------------------------------------------------------------------


def _part_root(entries: Mapping[str, _Entry], name: str) -> etree._Element:
    if name not in entries:
        raise RenderError(f"renderer produced an Office package without {name}")
    try:
        return etree.fromstring(entries[name].data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise RenderError(f"renderer produced a broken {name}: {error}") from error


def _replace(entries: dict[str, _Entry], name: str, root: etree._Element) -> None:
    entries[name] = _Entry(name, _serialize(root), entries[name].compress_type)


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
