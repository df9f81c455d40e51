"""The Markdown subset of long text fields, turned into real Word paragraphs.

Supported: paragraphs (blank-line separated), bullet lists (`-`, `*`, `+`), numbered
lists (`1.` or `1)`), one level of nesting, **bold** / __bold__, *italic* / _italic_,
[links](https://...), `code` and backslash escapes. Everything else is text, as written.

A `RichBlock` is parsed when the context is built and turned into WordprocessingML only
when the template prints it, because hyperlinks and restarted numbered lists need
relationships and numbering entries in the document being rendered (its `Session`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from .docx_parts import current_session

_LIST_ITEM = re.compile(r"^( *)(?:([-*+])|(\d{1,3})[.)])[ \t]+(.*)$")
_CODE = re.compile(r"`([^`\n]+)`")
_LINK = re.compile(r"\[([^\[\]]+)\]\(\s*([^()\s]+)\s*\)")
# Delimiters must hug their text and stand outside words, so "2 * 3 * 4", "{{ 7*7 }}"
# and snake_case_names stay exactly as written.
_EMPHASIS = re.compile(
    r"(?<![\w*])\*\*(?=\S)(?P<b1>.+?)(?<=\S)\*\*(?![\w*])"
    r"|(?<![\w_])__(?=\S)(?P<b2>.+?)(?<=\S)__(?![\w_])"
    r"|(?<![\w*])\*(?=[^\s*])(?P<i1>.+?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w_])_(?=[^\s_])(?P<i2>.+?)(?<=[^\s_])_(?![\w_])"
)
_ESCAPABLE = "\\`*_{}[]()#+-.!"
# Escaped characters hide in a private-use plane while the markers are parsed.
_HIDDEN = 0xF0000
_HIDDEN_CHARS = re.compile("[\U000F0000-\U000F00FF]")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    url: str = ""
    code: bool = False


@dataclass
class Block:
    kind: str  # "p", "bullet" or "number"
    level: int = 0
    lines: list[str] = field(default_factory=list)


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


def parse_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            current = None
            continue
        item = _LIST_ITEM.match(line)
        if item:
            kind = "bullet" if item.group(2) else "number"
            current = Block(kind, 1 if len(item.group(1)) >= 2 else 0, [item.group(4)])
            blocks.append(current)
        elif current is None:
            current = Block("p", 0, [line.strip()])
            blocks.append(current)
        else:  # a continuation line belongs to the paragraph or list item above
            current.lines.append(line.strip())
    return blocks


def parse_inline(text: str) -> list[Run]:
    """Runs of text with bold, italic, code and link flags; unmatched markers stay literal."""
    runs: list[Run] = []
    position = 0
    for match in _CODE.finditer(text):  # code spans first: nothing inside them is markup
        runs += _links(text[position:match.start()])
        runs.append(Run(match.group(1), code=True))
        position = match.end()
    runs += _links(text[position:])
    return [run for run in runs if run.text]


def _links(text: str) -> list[Run]:
    hidden = _hide_escapes(text)
    runs: list[Run] = []
    position = 0
    for match in _LINK.finditer(hidden):
        runs += _emphasis(hidden[position:match.start()], False, False)
        url = _reveal(match.group(2))
        if url.lower().startswith(_SAFE_SCHEMES):
            runs += [Run(r.text, r.bold, r.italic, url) for r in _emphasis(match.group(1), False, False)]
        else:  # other schemes (javascript:, file:) are shown, never linked
            runs += _emphasis(match.group(0), False, False)
        position = match.end()
    runs += _emphasis(hidden[position:], False, False)
    if hidden is not text:
        runs = [Run(_reveal(r.text), r.bold, r.italic, r.url) for r in runs]
    return runs


def _emphasis(text: str, bold: bool, italic: bool) -> list[Run]:
    runs: list[Run] = []
    position = 0
    for match in _EMPHASIS.finditer(text):
        runs.append(Run(text[position:match.start()], bold, italic))
        inner = match.group("b1") or match.group("b2")
        if inner is not None:
            runs += _emphasis(inner, True, italic)
        else:
            runs += _emphasis(match.group("i1") or match.group("i2"), bold, True)
        position = match.end()
    runs.append(Run(text[position:], bold, italic))
    return runs


def _hide_escapes(text: str) -> str:
    if "\\" not in text or _HIDDEN_CHARS.search(text):
        return text  # nothing escaped (or, absurdly, the private plane in use): as written
    return re.sub(r"\\([%s])" % re.escape(_ESCAPABLE), lambda m: chr(_HIDDEN + ord(m.group(1))), text)


def _reveal(text: str) -> str:
    return _HIDDEN_CHARS.sub(lambda m: chr(ord(m.group(0)) - _HIDDEN), text)


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
