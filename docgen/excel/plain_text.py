"""Markdown fields as a cell shows them: plain text, without the markers.

A cell has no bold, no lists and no links, so the Markdown subset of long text
fields (the one Word renders, `renderers.docx_markdown`) is reduced: emphasis and
code markers go, `[text](url)` becomes "text (url)", list items become "• item" or
"1. item" lines, and the soft line breaks within a paragraph are joined, as Word
joins them. Paragraphs are separated by a blank line.

The reduction loses information, so it is for read-only cells only: the import never
takes such a cell's text as the field's new value (`layout.Column.plain_text`).
"""

from __future__ import annotations

import re

from ..renderers.docx_markdown import Block, Run, parse_blocks, parse_inline

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
