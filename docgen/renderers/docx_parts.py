"""The package a DOCX render writes into: relationships, pictures and list numbering.

A render never loads the template into python-docx. It starts from the template's zip
entries and adds only what printing a value needs: a hyperlink or picture relationship
on the part being rendered, an image part under word/media, a `w:num` that restarts a
numbered list. Values print through the render's `Session`, found in a context variable
because Jinja calls `__html__` without arguments.
"""

from __future__ import annotations

import contextvars
import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from .xml_text import quoteattr

from lxml import etree

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RT_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
RT_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
RT_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
_PARSER = etree.XMLParser(resolve_entities=False, remove_blank_text=False)
_MEDIA_NAME = re.compile(r"word/media/image(\d+)\.[^/]+$")
_ID_ATTRIBUTE = re.compile(r'\sid="(\d+)"')

# The render in progress: Markdown text and pictures print into it.
current_session: contextvars.ContextVar[Session | None] = contextvars.ContextVar("docgen_docx_session",
                                                                                   default=None)


def rels_name(part: str) -> str:
    """`word/document.xml` -> `word/_rels/document.xml.rels`."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve_target(part: str, target: str) -> str:
    """The zip name a relationship of `part` points at."""
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str
    target: str
    external: bool


def read_relationships(entries: dict[str, bytes], part: str) -> list[Relationship]:
    data = entries.get(rels_name(part))
    if data is None:
        return []
    root = etree.fromstring(data, _PARSER)
    return [Relationship(r.get("Id"), r.get("Type"), r.get("Target"), r.get("TargetMode") == "External")
            for r in root.iter(f"{{{_RELS_NS}}}Relationship")]


@dataclass
class _PartRelationships:
    """The relationships of one part: the template's plus those this render adds."""

    existing: list[Relationship]
    added: list[Relationship] = field(default_factory=list)

    def relate(self, type_: str, target: str, external: bool) -> str:
        for rel in (*self.existing, *self.added):  # as python-docx: an equal one is reused
            if rel.type == type_ and rel.target == target and rel.external == external:
                return rel.id
        used = {rel.id for rel in (*self.existing, *self.added)}
        rel_id = next(f"rId{n}" for n in range(1, len(used) + 2) if f"rId{n}" not in used)
        self.added.append(Relationship(rel_id, type_, target, external))
        return rel_id

    def xml(self, original: bytes | None) -> bytes:
        added = "".join(f'<Relationship Id="{r.id}" Type="{r.type}" Target={quoteattr(r.target)}'
                        + (' TargetMode="External"' if r.external else "") + "/>" for r in self.added)
        if original is None:
            return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    f'<Relationships xmlns="{_RELS_NS}">{added}</Relationships>').encode()
        end = original.rindex(b"</Relationships>")
        return original[:end] + added.encode("utf-8") + original[end:]


@dataclass(frozen=True)
class Picture:
    """An image printed inline at a fixed size (EMU), like docxtpl's InlineImage."""

    path: str
    data: bytes
    extension: str  # "png", as the file is named
    content_type: str  # "image/png"
    cx: int
    cy: int

    def __html__(self) -> str:
        session = current_session.get()
        if session is None:
            raise RuntimeError("a picture prints only while a document is rendered")
        return session.picture(self)

    __str__ = __html__


@dataclass(frozen=True)
class ListNumbering:
    """Where a restarted numbered list goes: the numbering part and its List Number style."""

    part: str  # "word/numbering.xml"
    abstract_id: str  # abstractNumId behind the List Number style
    last_num_id: int  # the highest w:numId the template declares
    prefix: str  # "w:" as the part spells the WordprocessingML namespace


class Session:
    """One render's additions to the package, in the order values print."""

    def __init__(self, entries: dict[str, bytes], relationships: dict[str, list[Relationship]],
                 numbering: ListNumbering | None, picture_ids: dict[str, int]) -> None:
        self._entries = entries
        self._relationships = {part: _PartRelationships(rels) for part, rels in relationships.items()}
        self._numbering = numbering
        self._nums: list[str] = []
        self._media: dict[str, str] | None = None  # sha1 -> zip name, read when first needed
        self._picture_ids = dict(picture_ids)
        self.part = ""  # the part being rendered, e.g. "word/header1.xml"
        self.content_types: dict[str, str] = {}  # extension -> type, for new media
        self.overrides: dict[str, str] = {}  # "/word/charts/chart1.xml" -> type, for new parts

    # --- what printed values ask for ------------------------------------------------

    def link(self, url: str) -> str:
        """The relationship id of an external hyperlink from the current part."""
        return self._rels(self.part).relate(RT_HYPERLINK, url, external=True)

    def restart_numbering(self) -> int | None:
        """A new `w:num` that starts the List Number list at 1 again (None: no such style)."""
        if self._numbering is None:
            return None
        numbering = self._numbering
        num_id = numbering.last_num_id + len(self._nums) + 1
        p = numbering.prefix
        self._nums.append(f'<{p}num {p}numId="{num_id}"><{p}abstractNumId {p}val="{numbering.abstract_id}"/>'
                          f'<{p}lvlOverride {p}ilvl="0"><{p}startOverride {p}val="1"/></{p}lvlOverride></{p}num>')
        return num_id

    def picture(self, picture: Picture) -> str:
        """The run XML that shows `picture`, its image stored once per package."""
        media = self._add_media(picture)
        rel_id = self._rels(self.part).relate(RT_IMAGE, posixpath.relpath(media, posixpath.dirname(self.part)),
                                              external=False)
        shape_id = self._picture_ids.get(self.part, 0) + 1
        self._picture_ids[self.part] = shape_id
        return ("</w:t></w:r><w:r><w:drawing>" + _inline_xml(picture, rel_id, shape_id)
                + '</w:drawing></w:r><w:r><w:t xml:space="preserve">')

    def add_part(self, pattern: str, data: bytes, content_type: str, relationship: str) -> tuple[str, str]:
        """A new part (a chart, say) related from the current part: (relationship id, zip name).

        `pattern` numbers the part, e.g. "word/charts/chart%d.xml"; the first free number wins."""
        number = next(n for n in range(1, len(self._entries) + 2) if pattern % n not in self._entries)
        name = pattern % number
        self._entries[name] = data
        self.overrides["/" + name] = content_type
        target = posixpath.relpath(name, posixpath.dirname(self.part))
        return self._rels(self.part).relate(relationship, target, external=False), name

    # --- writing ----------------------------------------------------------------------

    def finish(self) -> None:
        """Write the added relationships, list numbers and content types into the entries."""
        for part, rels in self._relationships.items():
            if rels.added:
                name = rels_name(part)
                self._entries[name] = rels.xml(self._entries.get(name))
        if self._nums:
            name = self._numbering.part
            data = self._entries[name]
            end = data.rindex(f"</{self._numbering.prefix}numbering>".encode())
            self._entries[name] = data[:end] + "".join(self._nums).encode() + data[end:]
        if self.content_types or self.overrides:
            self._entries["[Content_Types].xml"] = _with_types(self._entries["[Content_Types].xml"],
                                                               self.content_types, self.overrides)

    def _rels(self, part: str) -> _PartRelationships:
        if part not in self._relationships:
            self._relationships[part] = _PartRelationships([])
        return self._relationships[part]

    def _add_media(self, picture: Picture) -> str:
        sha1 = hashlib.sha1(picture.data).hexdigest()
        if self._media is None:
            self._media = {hashlib.sha1(data).hexdigest(): name for name, data in self._entries.items()
                           if _MEDIA_NAME.match(name)}
        if sha1 in self._media:
            return self._media[sha1]
        used = {int(m.group(1)) for name in self._entries if (m := _MEDIA_NAME.match(name))}
        number = next(n for n in range(1, len(used) + 2) if n not in used)
        name = f"word/media/image{number}.{picture.extension}"
        self._entries[name] = picture.data
        self._media[sha1] = name
        self.content_types.setdefault(picture.extension.lower(), picture.content_type)
        return name


def picture_ids(xml: str) -> int:
    """The highest numeric `id` attribute of a part: new shapes are numbered above it."""
    return max((int(value) for value in _ID_ATTRIBUTE.findall(xml)), default=0)


_NSDECLS = {
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}


def _inline_xml(picture: Picture, rel_id: str, shape_id: int) -> str:
    """The `wp:inline` python-docx writes for a picture, on one line."""
    ns = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NSDECLS.items())
    size = f'cx="{picture.cx}" cy="{picture.cy}"'
    name = quoteattr(posixpath.basename(picture.path.replace("\\", "/")))
    return (f'<wp:inline {ns}><wp:extent {size}/><wp:docPr id="{shape_id}" name="Picture {shape_id}"/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            f'<a:graphic><a:graphicData uri="{_NSDECLS["pic"]}"><pic:pic>'
            f'<pic:nvPicPr><pic:cNvPr id="0" name={name}/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext {size}/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr>'
            "</pic:pic></a:graphicData></a:graphic></wp:inline>")


def _with_types(data: bytes, defaults: dict[str, str], overrides: dict[str, str]) -> bytes:
    """[Content_Types].xml with a Default for each new media extension it lacks and an
    Override for each new part."""
    root = etree.fromstring(data, _PARSER)
    known = {d.get("Extension", "").lower() for d in root.iter(f"{{{_TYPES_NS}}}Default")}
    missing = {ext: kind for ext, kind in defaults.items() if ext not in known}
    if not missing and not overrides:
        return data
    first_override = root.find(f"{{{_TYPES_NS}}}Override")
    for ext, kind in sorted(missing.items()):
        default = etree.Element(f"{{{_TYPES_NS}}}Default", Extension=ext, ContentType=kind)
        if first_override is not None:
            first_override.addprevious(default)
        else:
            root.append(default)
    for name, kind in sorted(overrides.items()):
        root.append(etree.Element(f"{{{_TYPES_NS}}}Override", PartName=name, ContentType=kind))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- document properties ------------------------------------------------------------

_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
# python-docx's names for the core properties, and their elements.
CORE_ELEMENTS = {
    "title": f"{{{_DC}}}title", "subject": f"{{{_DC}}}subject", "author": f"{{{_DC}}}creator",
    "last_modified_by": f"{{{_CP}}}lastModifiedBy", "comments": f"{{{_DC}}}description",
    "keywords": f"{{{_CP}}}keywords", "category": f"{{{_CP}}}category",
    "content_status": f"{{{_CP}}}contentStatus", "identifier": f"{{{_DC}}}identifier",
    "language": f"{{{_DC}}}language", "revision": f"{{{_CP}}}revision",
    "created": f"{{{_DCTERMS}}}created", "modified": f"{{{_DCTERMS}}}modified",
    "last_printed": f"{{{_CP}}}lastPrinted",
}
_W3CDTF = {"created", "modified"}


def core_properties_xml(original: bytes | None, values: dict[str, str]) -> bytes:
    """docProps/core.xml with `values` set (None: left as it is)."""
    if original is None:
        root = etree.Element(f"{{{_CP}}}coreProperties",
                             nsmap={"cp": _CP, "dc": _DC, "dcterms": _DCTERMS, "xsi": _XSI})
    else:
        root = etree.fromstring(original, _PARSER)
    for name, value in values.items():
        tag = CORE_ELEMENTS[name]
        element = root.find(tag)
        if value is None or (element is None and name == "last_printed"):
            continue  # a document never printed keeps no print date
        if element is None:
            element = etree.SubElement(root, tag)
        element.text = value
        if name in _W3CDTF:
            element.set(f"{{{_XSI}}}type", "dcterms:W3CDTF")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_CORE_CONTENT_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
_CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


def core_part(entries: dict[str, bytes]) -> str:
    """The zip name of the core properties, declared in the package first if it has none."""
    for rel in read_relationships(entries, ""):
        if rel.type == _CORE_REL and not rel.external:
            return resolve_target("", rel.target)
    name = "docProps/core.xml"
    rels = _PartRelationships(read_relationships(entries, ""))
    rels.relate(_CORE_REL, name, external=False)
    entries[rels_name("")] = rels.xml(entries.get(rels_name("")))
    root = etree.fromstring(entries["[Content_Types].xml"], _PARSER)
    etree.SubElement(root, f"{{{_TYPES_NS}}}Override", PartName="/" + name, ContentType=_CORE_CONTENT_TYPE)
    entries["[Content_Types].xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                    standalone=True)
    return name


def app_part(entries: dict[str, bytes]) -> str | None:
    """The zip name of the extended properties (docProps/app.xml), if the package has them."""
    for rel in read_relationships(entries, ""):
        if rel.type.endswith("/extended-properties") and not rel.external:
            return resolve_target("", rel.target)
    return None
