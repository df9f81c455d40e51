"""The compiled DOCX engine: each template prepared once per process, each render written
straight into the package.

docxtpl re-parses the template, rewrites every part's XML with some hundred regular
expressions, moves the rendered body between lxml trees and lets python-docx serialize
everything again, on every render. Here the template is read once: its parts are
unzipped, its tags cleaned up in docxtpl's tag language (`{%tr %}`, `{{p }}`, ...),
its branded styles kept per branding, and its Jinja compiled (see docx_cache.py).
The cleaned-up parts are also kept on disk (docx_story_cache.py), so a later process
reads them and needs neither docxtpl nor python-docx to prepare the template.
A render then runs the compiled Jinja and puts the resulting XML text into the zip.
Work a template does not need is skipped: a part without a tag is copied; the body is
parsed into a tree only when a template loops over columns or has a table whose widths
docgen fits; tabs and line breaks in values are resolved only in the paragraphs that
hold one.

docgen relies on docxtpl for its tag language alone (`patch_xml`, `fix_tables`,
`resolve_listing`, all public methods, none overridden); setup.cfg pins the versions
this was tested with.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import re
import threading
import zipfile
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import jinja2
from lxml import etree

from ..errors import TemplateError
from ..models import Branding
from . import docx_story_cache
from .docx_branding import FITTED_TABLES, brand_parts, fit_loop_tables_in
from .docx_cache import CompiledTemplates
from .docx_parts import (ListNumbering, Relationship, Session, current_session, picture_ids,
                         read_relationships, resolve_target)
from .package import finalize_entries

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CORE_RT = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PARSER = etree.XMLParser(resolve_entities=False, remove_blank_text=False, huge_tree=True)
# Characters docxtpl turns into tabs, paragraphs, line and page breaks inside a run.
_BREAK_CHARS = "\t\a\n\f"
_FITTED = re.compile(r'<w:tblCaption w:val="(?:%s)"' % "|".join(FITTED_TABLES))
_TAG = re.compile(r"<[^>]*>")
_COLUMN_TAG = re.compile(r"\{[{%#]tc ")
_BODY_MARK = "docgen: the rendered body goes here"
_DOC_PR_ID = re.compile(r'(<wp:docPr\b[^>]*?\sid=")\d+(")')


@lru_cache(maxsize=1)
def _docxtpl() -> Any:
    """docxtpl's own helpers, methods that keep no state between calls. Imported on first
    use: with the template's parts cached (docx_story_cache.py) a build may not need it."""
    from docxtpl import DocxTemplate

    return DocxTemplate(None)


@dataclass(frozen=True)
class Story:
    """One part with Jinja in it: the body of word/document.xml, a header, a footer."""

    part: str  # zip name, "word/header1.xml"
    head: str  # the part's XML before the rendered text
    tail: str  # ... and after it
    source: str  # what Jinja compiles: docxtpl's cleaned-up XML
    is_body: bool
    # The body only: generated columns, merged cells or fitted tables need the parsed tree.
    needs_tree: bool = False

    @property
    def partname(self) -> str:
        return "/" + self.part


class PreparedTemplate:
    """A template read, cleaned up and indexed once; rendered any number of times."""

    def __init__(self, path: str, sha256: str, data: bytes) -> None:
        self.owner = (path, sha256)
        self.entries = _unzip(path, data)
        self.main = _main_part(path, self.entries)
        rels = read_relationships(self.entries, self.main)
        self.targets = {rel.type.rsplit("/", 1)[-1]: resolve_target(self.main, rel.target)
                        for rel in rels if not rel.external}
        self.stories = self._cached_stories(data, rels)
        self.relationships: dict[str, list[Relationship]] = {
            story.part: read_relationships(self.entries, story.part) for story in self.stories}
        self.picture_ids = {story.part: picture_ids(story.head + story.source + story.tail)
                            for story in self.stories}
        self.list_numbering = _list_numbering(self.entries, self.targets.get("styles"),
                                              self.targets.get("numbering"))
        self._branded: dict[tuple[str, str, str], dict[str, bytes]] = {}
        self._lock = threading.Lock()

    def _cached_stories(self, data: bytes, rels: list[Relationship]) -> list[Story]:
        """The stories kept from an earlier process, else cleaned up now and kept."""
        kept = docx_story_cache.load(data)
        if kept is not None:
            try:
                return [Story(**story) for story in kept]
            except TypeError:  # not this version's fields: cleaned up afresh below
                pass
        stories = self._stories(rels)
        docx_story_cache.store(data, [dataclasses.asdict(story) for story in stories])
        return stories

    def _stories(self, rels: list[Relationship]) -> list[Story]:
        stories = [_body_story(self.main, self.entries[self.main])]
        parts = [resolve_target(self.main, rel.target) for rel in rels
                 if not rel.external and rel.type in (_RT + "header", _RT + "footer")]
        parts += _parts_of_type(self.entries, _FOOTNOTES)
        for part in dict.fromkeys(parts):
            if part in self.entries:
                stories.append(_part_story(part, self.entries[part]))
        # A part without a tag renders to itself: it is copied, never compiled.
        return [story for story in stories if "{" in story.source]

    def branded(self, branding: Branding, language: str) -> dict[str, bytes]:
        """The styles and numbering parts in `branding`, made once per branding and language."""
        key = (branding.primary_color, branding.font, language)
        with self._lock:
            parts = self._branded.get(key)
        if parts is None:
            parts = _brand(self.entries, self.targets.get("styles"), self.targets.get("numbering"),
                           branding, language)
            with self._lock:
                self._branded[key] = parts
        return parts


def render(prepared: PreparedTemplate, compiled: CompiledTemplates, context: dict[str, Any],
           branding: Branding, language: str) -> tuple[dict[str, bytes], Session]:
    """The package's entries with every story rendered; the session says what was added."""
    entries = dict(prepared.entries)
    entries.update(prepared.branded(branding, language))
    session = Session(entries, prepared.relationships, prepared.list_numbering, prepared.picture_ids)
    token = current_session.set(session)
    try:
        for story in prepared.stories:
            session.part = story.part
            template = compiled.get(prepared.owner, story.partname, story.source)
            xml = _finish_text(template.render(context))
            if story.is_body:
                xml = _fix_body(xml, story.needs_tree)
            entries[story.part] = (story.head + xml + story.tail).encode("utf-8")
    finally:
        current_session.reset(token)
    session.finish()
    return entries, session


def write(entries: dict[str, bytes], props: dict[str, str], timestamp) -> bytes:
    """The finished package: provenance and reproducible zip in one pass."""
    return finalize_entries(entries, props, timestamp)


# --- preparing ---------------------------------------------------------------------


_PREPARED: OrderedDict[tuple[str, str], PreparedTemplate] = OrderedDict()
_PREPARED_LOCK = threading.Lock()
_PREPARED_MAX = 32


def prepared(path: str, sha256: str, data: bytes) -> PreparedTemplate:
    """The template `path` with content `sha256`, prepared on first use in this process."""
    key = (path, sha256)
    with _PREPARED_LOCK:
        template = _PREPARED.get(key)
        if template is not None:
            _PREPARED.move_to_end(key)
            return template
    template = PreparedTemplate(path, sha256, data)
    with _PREPARED_LOCK:
        _PREPARED[key] = template
        while len(_PREPARED) > _PREPARED_MAX:
            _PREPARED.popitem(last=False)
    return template


def _unzip(path: str, data: bytes) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise TemplateError(f"{path}: not a Word document (.docx): {error}") from None


def _main_part(path: str, entries: dict[str, bytes]) -> str:
    try:
        rels = read_relationships(entries, "")
    except etree.XMLSyntaxError as error:
        raise TemplateError(f"{path}: not a Word document (.docx): {error}") from None
    for rel in rels:
        if rel.type.endswith("/officeDocument") and not rel.external:
            part = resolve_target("", rel.target)
            if part in entries:
                return part
    raise TemplateError(f"{path}: not a Word document (.docx): it has no main document part")


def _body_story(part: str, data: bytes) -> Story:
    """The body as docxtpl hands it to Jinja, and the document XML around it."""
    root = etree.fromstring(data, _PARSER)
    body = root.find(f"{{{_W}}}body")
    source = etree.tostring(body, encoding="unicode")
    root.replace(body, etree.Comment(_BODY_MARK))
    head, tail = etree.tostring(root, encoding="unicode").split(f"<!--{_BODY_MARK}-->")
    patched = _docxtpl().patch_xml(source)
    return Story(part, _DECLARATION + head, tail, patched, is_body=True, needs_tree=_needs_tree(source, patched))


def _part_story(part: str, data: bytes) -> Story:
    source = etree.tostring(etree.fromstring(data, _PARSER), encoding="unicode")
    return Story(part, _DECLARATION, "", _docxtpl().patch_xml(source), is_body=False)


def _parts_of_type(entries: dict[str, bytes], content_type: str) -> list[str]:
    types = etree.fromstring(entries.get("[Content_Types].xml", b"<Types/>"), _PARSER)
    return sorted(override.get("PartName", "").lstrip("/") for override in types
                  if override.get("ContentType") == content_type)


def _needs_tree(source: str, patched: str) -> bool:
    """Whether the rendered body must be parsed: a `{%tc %}` column loop, a merge that
    sets gridSpan, or a table docgen fits (false positives only cost time)."""
    text = _TAG.sub("", source)
    return bool(_COLUMN_TAG.search(text)) or 'gridSpan w:val="{{' in patched or bool(_FITTED.search(source))


def _list_numbering(entries: dict[str, bytes], styles: str | None, numbering: str | None) -> ListNumbering | None:
    """The numbering behind the List Number style, which Markdown lists restart."""
    if not styles or not numbering or styles not in entries or numbering not in entries:
        return None
    w = f"{{{_W}}}"
    style_root = etree.fromstring(entries[styles], _PARSER)
    num_ids = [num_id.get(f"{w}val") for style in style_root.iter(f"{w}style")
               if style.get(f"{w}styleId") == "ListNumber"
               for num_id in style.iterfind(f"{w}pPr/{w}numPr/{w}numId")]
    numbering_root = etree.fromstring(entries[numbering], _PARSER)
    nums = numbering_root.findall(f"{w}num")
    last = max((int(num.get(f"{w}numId")) for num in nums), default=0)
    for num in nums:
        abstract = num.find(f"{w}abstractNumId")
        if num_ids and num.get(f"{w}numId") == num_ids[0] and abstract is not None:
            prefix = f"{numbering_root.prefix}:" if numbering_root.prefix else ""
            return ListNumbering(numbering, abstract.get(f"{w}val"), last, prefix)
    return None


def _brand(entries: dict[str, bytes], styles: str | None, numbering: str | None,
           branding: Branding, language: str) -> dict[str, bytes]:
    if not styles or styles not in entries:
        return {}
    roots = {styles: etree.fromstring(entries[styles], _PARSER)}
    if numbering and numbering in entries:
        roots[numbering] = etree.fromstring(entries[numbering], _PARSER)
    brand_parts(roots[styles], [roots[numbering]] if numbering in roots else [], branding, language)
    return {name: etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            for name, root in roots.items()}


# --- rendering ---------------------------------------------------------------------


def _finish_text(xml: str) -> str:
    """docxtpl's last touches: escaped tag braces back, tabs and breaks in values resolved."""
    if "_" in xml and ("{_" in xml or "_}" in xml):
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    return _resolve_breaks(xml)


def _resolve_breaks(xml: str) -> str:
    """docxtpl's resolve_listing, applied only to the paragraphs that hold a break."""
    breaks = [char for char in _BREAK_CHARS if char in xml]  # str.find is far faster than a regex scan
    if not breaks:
        return xml
    pieces, position = [], 0
    at = _next_break(xml, breaks, 0)
    while at >= 0:
        start = max(xml.rfind("<w:p>", position, at), xml.rfind("<w:p ", position, at))
        end = xml.find("</w:p>", at)
        if start < 0 or end < 0 or xml.find("</w:p>", start, at) >= 0:  # outside any paragraph
            at = _next_break(xml, breaks, at + 1)
            continue
        end += len("</w:p>")
        pieces += [xml[position:start], _docxtpl().resolve_listing(xml[start:end])]
        position = end
        at = _next_break(xml, breaks, end)
    pieces.append(xml[position:])
    return "".join(pieces)


def _next_break(xml: str, breaks: list[str], start: int) -> int:
    found = [index for char in breaks if (index := xml.find(char, start)) >= 0]
    return min(found, default=-1)


def _fix_body(xml: str, needs_tree: bool) -> str:
    """Column counts and widths where the template needs them; drawing ids made unique."""
    if needs_tree:
        tree = _docxtpl().fix_tables(xml)
        fit_loop_tables_in(tree)
        for number, doc_pr in enumerate(tree.iter("{*}docPr"), start=1001):
            doc_pr.set("id", str(number))
        return etree.tostring(tree, encoding="unicode")
    if "docPr" not in xml:
        return xml
    numbers = itertools.count(1001)
    return _DOC_PR_ID.sub(lambda m: f"{m.group(1)}{next(numbers)}{m.group(2)}", xml)


def compile_error(path: str, error: Exception) -> TemplateError | None:
    """The one-line TemplateError for an error Jinja or the template raised, else None."""
    if isinstance(error, jinja2.UndefinedError):
        return TemplateError(f"{path}: {error.message} (run 'docgen templates check' "
                             "to list every placeholder the data model does not provide)")
    if isinstance(error, jinja2.TemplateSyntaxError):
        return TemplateError(f"{path}: template syntax error: {error.message}")
    if isinstance(error, jinja2.exceptions.SecurityError):
        return TemplateError(f"{path}: the template tried an unsafe operation: {error}")
    if isinstance(error, jinja2.TemplateError):
        return TemplateError(f"{path}: {error}")
    if isinstance(error, (OverflowError, RecursionError, MemoryError)):
        # The sandbox caps range() with OverflowError; runaway recursion or output is
        # the template's doing too, not a bug in docgen.
        return TemplateError(f"{path}: the template computes too much "
                             f"({type(error).__name__}: {str(error)[:100]})")
    return None
