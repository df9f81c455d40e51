"""The Markdown subset of long text fields: parsed once, shown as Word or as plain text.

Supported: paragraphs (blank-line separated), bullet lists (`-`, `*`, `+`), numbered
lists (`1.` or `1)`), one level of nesting, **bold** / __bold__, *italic* / _italic_,
[links](https://...), `code` and backslash escapes. Everything else is text, as written.

Word documents print the parsed blocks as real paragraphs (`renderers.docx_markdown`).
A cell has no bold, no lists and no links, so for workbooks the text is reduced
(`markdown_to_plain`): emphasis and code markers go, `[text](url)` becomes
"text (url)", list items become "• item" or "1. item" lines, and the soft line breaks
within a paragraph are joined, as Word joins them. That reduction loses information,
so it is for read-only cells only: the import never takes such a cell's text as the
field's new value (`excel.layout.Column.plain_text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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


# --- plain text, for cells -----------------------------------------------------------

BULLETS = ("•", "◦")  # level 0, level 1
_INDENT = "  "
# Text without any of these is one plain paragraph: most descriptions, in a fraction of the time.
_MARKUP = re.compile(r"[*_\[`\\\r\n]|^ *(?:[-*+]|\d{1,3}[.)])[ \t]")


def markdown_to_plain(text: str) -> str:
    """The plain text of a Markdown field, for a cell."""
    if not _MARKUP.search(text):
        return text.strip()
    parts: list[str] = []
    previous: Block | None = None
    numbers = [0, 0]  # the last number of the numbered list at each level
    for block in parse_blocks(text):
        _count(block, numbers)
        if previous is not None:
            parts.append("\n" if previous.kind != "p" and block.kind != "p" else "\n\n")
        parts.append(_prefix(block, numbers) + inline_plain(" ".join(block.lines)))
        previous = block
    return "".join(parts)


def inline_plain(text: str) -> str:
    """One paragraph's text without emphasis and code markers, links as 'text (url)'."""
    pieces: list[str] = []
    runs = parse_inline(text)
    index = 0
    while index < len(runs):
        run = runs[index]
        if not run.url:
            pieces.append(run.text)
            index += 1
            continue
        linked = _same_link(runs, index)
        label = "".join(r.text for r in linked)
        pieces.append(run.url if label.strip() == run.url else f"{label} ({run.url})")
        index += len(linked)
    return "".join(pieces)


def _same_link(runs: list[Run], start: int) -> list[Run]:
    """The runs from `start` on that belong to the same link (emphasis splits a link's text)."""
    end = start
    while end < len(runs) and runs[end].url == runs[start].url:
        end += 1
    return runs[start:end]


def _count(block: Block, numbers: list[int]) -> None:
    """Number lists as Word does: a list restarts at 1 after anything but its own items."""
    if block.level == 0:
        numbers[1] = 0
        numbers[0] = numbers[0] + 1 if block.kind == "number" else 0
    else:
        numbers[1] = numbers[1] + 1 if block.kind == "number" else 0


def _prefix(block: Block, numbers: list[int]) -> str:
    indent = _INDENT * block.level
    if block.kind == "bullet":
        return f"{indent}{BULLETS[block.level]} "
    if block.kind == "number":
        return f"{indent}{numbers[block.level]}. "
    return ""
