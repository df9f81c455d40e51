"""The Markdown subset of long text fields (`docgen.markdown`), as real Word paragraphs.

A `RichBlock` is parsed when the template prints it and turned into WordprocessingML
then, because hyperlinks and restarted numbered lists need relationships and
numbering entries in the document being rendered.
"""

from __future__ import annotations

import contextvars
from xml.sax.saxutils import escape

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from ..markdown import Block, Run, parse_blocks, parse_inline

# The template being rendered: RichBlock needs its part for hyperlinks and numbering.
current_template: contextvars.ContextVar = contextvars.ContextVar("docgen_current_template")


class RichBlock:
    """Markdown text that prints as WordprocessingML paragraphs (`{{p field }}`).

    The text is parsed when printed, not when the context is built: most of a long
    SOW's descriptions are printed once, and a context never holds stale XML.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    def __bool__(self) -> bool:  # any non-blank text makes at least one paragraph
        return bool(self.text.strip())

    @property
    def blocks(self) -> list[Block]:
        return parse_blocks(self.text) if self else []

    def __html__(self) -> str:  # Markup-aware: autoescaping leaves the XML alone
        return blocks_to_xml(self.blocks, current_template.get(None))

    __str__ = __html__


# --- WordprocessingML ---------------------------------------------------------------

_STYLES = {("p", 0): "BodyText", ("p", 1): "BodyText", ("bullet", 0): "ListBullet",
           ("bullet", 1): "ListBullet2", ("number", 0): "ListNumber", ("number", 1): "ListNumber2"}


def blocks_to_xml(blocks: list[Block], template) -> str:
    numbering = _Numbering(template)
    num_id: int | None = None
    parts: list[str] = []
    for block in blocks:
        if block.kind != "number" and block.level == 0:
            num_id = None  # a paragraph or a bullet list ends a numbered list
        elif block.kind == "number" and num_id is None:
            num_id = numbering.restart()  # so that every numbered list starts at 1
        parts.append(_paragraph(block, num_id if block.kind == "number" else None, template))
    return "".join(parts)


def _paragraph(block: Block, num_id: int | None, template) -> str:
    style = _STYLES[(block.kind, block.level)]
    numbering = ""
    if num_id is not None:
        numbering = f'<w:numPr><w:ilvl w:val="{block.level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    text = " ".join(block.lines)
    runs = "".join(_run_xml(run, template) for run in parse_inline(text))
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{numbering}</w:pPr>{runs}</w:p>'


def _xml_text(text: str) -> str:
    # Braces as character references: docxtpl rewrites "{_{" to "{{" after rendering.
    return escape(text).replace("{", "&#123;").replace("}", "&#125;")


def _run_xml(run: Run, template) -> str:
    props = ""
    if run.url:
        props += '<w:rStyle w:val="Hyperlink"/>'
    if run.bold:
        props += "<w:b/><w:bCs/>"
    if run.italic:
        props += "<w:i/><w:iCs/>"
    if run.code:
        props += _CODE_FONT
    xml = "<w:r>" + (f"<w:rPr>{props}</w:rPr>" if props else "")
    xml += f'<w:t xml:space="preserve">{_xml_text(run.text)}</w:t></w:r>'
    if run.url and template is not None:
        part = template.current_rendering_part or template.docx.part
        rel_id = part.relate_to(run.url, RT.HYPERLINK, is_external=True)
        xml = f'<w:hyperlink r:id="{rel_id}" w:history="1">{xml}</w:hyperlink>'
    return xml


_CODE_FONT = '<w:rFonts w:ascii="Liberation Mono" w:hAnsi="Liberation Mono" w:cs="Liberation Mono"/>'


class _Numbering:
    """Adds `w:num` entries so each numbered list of a text starts at 1."""

    def __init__(self, template) -> None:
        self.template = template
        self.abstract_id: str | None = None
        self.element = None

    def restart(self) -> int | None:
        if self.template is None or not self._find_list_number():
            return None
        ids = [int(n.get(qn("w:numId"))) for n in self.element.findall(qn("w:num"))]
        new_id = max(ids, default=0) + 1
        num = self.element.makeelement(qn("w:num"), {qn("w:numId"): str(new_id)})
        abstract = num.makeelement(qn("w:abstractNumId"), {qn("w:val"): self.abstract_id})
        override = num.makeelement(qn("w:lvlOverride"), {qn("w:ilvl"): "0"})
        override.append(override.makeelement(qn("w:startOverride"), {qn("w:val"): "1"}))
        num.extend([abstract, override])
        self.element.append(num)
        return new_id

    def _find_list_number(self) -> bool:
        """The abstract numbering behind the template's List Number style, if any."""
        if self.element is not None:
            return True
        document = self.template.docx
        try:
            style = document.styles.element.get_by_id("ListNumber")
            num_id = style.pPr.numPr.numId.val
            self.element = document.part.numbering_part.element
        except (AttributeError, KeyError, NotImplementedError):
            return False
        for num in self.element.findall(qn("w:num")):
            if num.get(qn("w:numId")) == str(num_id):
                self.abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
                return True
        self.element = None
        return False
