"""The Markdown subset of long text fields (`docgen.markdown`), as real Word paragraphs.

A `RichBlock` is parsed when the template prints it and turned into WordprocessingML
then, because hyperlinks and restarted numbered lists need relationships and
numbering entries in the document being rendered (its `Session`).
"""

from __future__ import annotations

from .xml_text import escape

from ..markdown import Block, Run, parse_blocks, parse_inline
from .docx_parts import current_session


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
        return blocks_to_xml(self.blocks, current_session.get())

    __str__ = __html__


# --- WordprocessingML ---------------------------------------------------------------

_STYLES = {("p", 0): "BodyText", ("p", 1): "BodyText", ("bullet", 0): "ListBullet",
           ("bullet", 1): "ListBullet2", ("number", 0): "ListNumber", ("number", 1): "ListNumber2"}


def blocks_to_xml(blocks: list[Block], session) -> str:
    """Paragraphs for `blocks`; links and list numbers go into `session` (None: plain text)."""
    num_id: int | None = None
    parts: list[str] = []
    for block in blocks:
        if block.kind != "number" and block.level == 0:
            num_id = None  # a paragraph or a bullet list ends a numbered list
        elif block.kind == "number" and num_id is None:
            num_id = session.restart_numbering() if session else None  # every numbered list starts at 1
        parts.append(_paragraph(block, num_id if block.kind == "number" else None, session))
    return "".join(parts)


def _paragraph(block: Block, num_id: int | None, session) -> str:
    style = _STYLES[(block.kind, block.level)]
    numbering = ""
    if num_id is not None:
        numbering = f'<w:numPr><w:ilvl w:val="{block.level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    text = " ".join(block.lines)
    runs = "".join(_run_xml(run, session) for run in parse_inline(text))
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{numbering}</w:pPr>{runs}</w:p>'


def _xml_text(text: str) -> str:
    # Braces as character references: docxtpl rewrites "{_{" to "{{" after rendering.
    return escape(text).replace("{", "&#123;").replace("}", "&#125;")


def _run_xml(run: Run, session) -> str:
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
    if run.url and session is not None:
        xml = f'<w:hyperlink r:id="{session.link(run.url)}" w:history="1">{xml}</w:hyperlink>'
    return xml


_CODE_FONT = '<w:rFonts w:ascii="Liberation Mono" w:hAnsi="Liberation Mono" w:cs="Liberation Mono"/>'
