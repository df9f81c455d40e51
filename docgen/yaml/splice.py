"""The edits of `docgen.yaml.edit` and where in a YAML text each one goes.

Works on the node tree of PyYAML's C parser, whose marks are character offsets.
Each method returns `Splice`s of the original text; nothing here writes or verifies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Union

import yaml

from ..errors import format_loc
from . import emit
from .locate import entry

PathT = tuple[Union[str, int], ...]
_NULL = "tag:yaml.org,2002:null"
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*([ \t]+#[^\r\n]*)?")


@dataclass(frozen=True)
class SetValue:
    """Set the value at `path`, adding the key (and missing parent mappings) if absent."""

    path: PathT
    value: Any
    order: tuple[str, ...] = ()  # the mapping's preferred key order, to place a new key


@dataclass(frozen=True)
class DeleteKey:
    """Remove a key and its value from a mapping; nothing happens when it is absent."""

    path: PathT


@dataclass(frozen=True)
class DeleteItem:
    """Remove the item at `path` (ending in an index) from its sequence."""

    path: PathT


@dataclass(frozen=True)
class AppendItem:
    """Append `item` to the sequence at `path`, creating the key when absent or null."""

    path: PathT
    item: Any


Edit = Union[SetValue, DeleteKey, DeleteItem, AppendItem]


@dataclass(frozen=True)
class Window:
    """The old text of one block-sequence item: [start, end), and its path."""

    start: int
    end: int
    path: PathT


class SpliceError(Exception):
    """An edit that cannot be written in place (reported by `docgen.yaml.edit`)."""


@dataclass
class Splice:
    start: int
    end: int
    text: str
    # Among insertions at one place: deeper structures first, then the preferred key order.
    rank: tuple[int, int] = (0, 0)
    number: int = 0  # the edit's position in the list of edits
    path: PathT = ()
    window: Window | None = None  # the block-sequence item holding the change, to re-check alone
    kind: str = "change"  # "change", "new-items" (whole items) or "drop-item" (a whole item removed)
    items: int = 0  # how many items a "new-items" splice adds


class Layout:
    """A YAML text and its node tree, with the positions the edits need."""

    def __init__(self, text: str, root: yaml.Node) -> None:
        self.text, self.root = text, root
        self.nl = "\r\n" if "\r\n" in text else "\n"

    # --- finding nodes -----------------------------------------------------------

    def find(self, path: PathT) -> tuple[yaml.Node, int]:
        """The deepest node on `path` and how many parts of the path it matched."""
        node = self.root
        for depth, part in enumerate(path):
            child = entry(node, part)
            if child is None:
                return node, depth
            node = child[1]
        return node, len(path)

    def chain(self, path: PathT) -> list[tuple[yaml.Node, yaml.Node | None, yaml.Node]]:
        """(parent, key node or None, node) for each part of an existing `path`."""
        links, node = [], self.root
        for part in path:
            child = entry(node, part)
            if child is None:
                raise SpliceError(f"nothing at {format_loc(path)}")
            links.append((node, child[0], child[1]))
            node = child[1]
        return links

    def window(self, path: PathT) -> Window | None:
        """The innermost block-sequence item on `path`, for a local re-check."""
        found = None
        for depth, (parent, _, node) in enumerate(self.chain(path)):
            if isinstance(parent, yaml.SequenceNode) and not parent.flow_style:
                start = self.line_start(self.dash(node))
                found = Window(start, self.line_after(self.content_end(node)), path[:depth + 1])
        return found

    def dash(self, item: yaml.Node) -> int:
        """Index of the '-' that introduces a block-sequence item."""
        index = item.start_mark.index - 1
        while index >= 0 and self.text[index] in " \t\r\n":
            index -= 1
        if index < 0 or self.text[index] != "-":
            raise SpliceError(f"unexpected text before the list item at line {item.start_mark.line + 1}")
        return index

    @staticmethod
    def is_null(node: yaml.Node) -> bool:
        return isinstance(node, yaml.ScalarNode) and node.tag == _NULL

    # --- positions ---------------------------------------------------------------

    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def line_end(self, index: int) -> int:
        """Index of the line break (\\n or \\r\\n) ending the line of `index`."""
        end = self.text.find("\n", index)
        end = len(self.text) if end < 0 else end
        return end - 1 if end > index and self.text[end - 1] == "\r" else end

    def line_after(self, index: int) -> int:
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end + 1

    def content_end(self, node: yaml.Node) -> int:
        """Where the node's own text ends: before trailing blank lines and comments."""
        if isinstance(node, yaml.ScalarNode):
            if node.style in ("|", ">"):
                start, end = node.start_mark.index, node.end_mark.index
                header = _BLOCK_HEADER.match(self.text, start)
                if header and "+" in header.group(0).split("#")[0]:  # keep chomping: blank lines are content
                    return self.line_end(max(start, end - 1))
                return self.line_end(start + len(self.text[start:end].rstrip(" \t\r\n")) - 1)
            return node.end_mark.index
        if node.flow_style or not node.value:
            return node.end_mark.index
        last = node.value[-1]
        return self.content_end(last[1] if isinstance(last, tuple) else last)

    def _guard(self, node: yaml.Node, path: PathT) -> None:
        if self.text[node.start_mark.index:node.start_mark.index + 1] in ("&", "*"):
            raise SpliceError(f"{format_loc(path)} has a YAML anchor or alias; edit it by hand")

    def ordered(self, splices: list[Splice]) -> list[Splice]:
        """Splices by position; overlapping ones mean two edits of the same text."""
        splices = sorted(splices, key=lambda s: (s.start, s.end, s.rank, s.number))
        for before, after in zip(splices, splices[1:]):
            if after.start < before.end:
                raise SpliceError(f"the edits of {format_loc(before.path)} and {format_loc(after.path)} overlap")
        return splices

    # --- setting values ----------------------------------------------------------

    def set_value(self, path: PathT, value: Any, order: tuple[str, ...]) -> list[Splice]:
        if not path:
            raise SpliceError("cannot replace the whole file")
        node, matched = self.find(path)
        if matched == len(path):
            parent, key, _ = self.chain(path)[-1]
            return [self._with_window(self.replace(parent, key, node, value, path), path)]
        rest = path[matched:]
        if not all(isinstance(part, str) for part in rest[1:]):
            raise SpliceError(f"cannot create {format_loc(path)}: a list on the way is missing")
        nested = value
        for part in reversed(rest[1:]):
            nested = {part: nested}
        if isinstance(node, yaml.MappingNode) and isinstance(rest[0], str):
            return [self._with_window(self.insert_key(node, rest[0], nested, order), path[:matched])]
        if self.is_null(node) and matched and isinstance(rest[0], str):
            parent, key, _ = self.chain(path[:matched])[-1]
            splice = self.replace(parent, key, node, {rest[0]: nested}, path)
            return [self._with_window(splice, path[:matched])]
        raise SpliceError(f"cannot set {format_loc(path)}: {format_loc(path[:matched]) or 'the file'} is not a mapping")

    def _with_window(self, splice: Splice, path: PathT) -> Splice:
        splice.window = self.window(path)
        return splice

    def replace(self, parent: yaml.Node, key: yaml.Node | None, node: yaml.Node, value: Any,
                path: PathT) -> Splice:
        self._guard(node, path)
        if emit.is_scalar(value) and isinstance(node, yaml.ScalarNode):
            return self._scalar(parent, key, node, value)
        keep_flow = not emit.is_scalar(value) and getattr(node, "flow_style", False) and bool(node.value)
        if isinstance(parent, yaml.MappingNode) and not parent.flow_style and key is not None and not keep_flow:
            return self._under_key(key, node, value)
        start, end = node.start_mark.index, self.content_end(node)
        return Splice(start, end, emit.flow(value))

    def _indent(self, parent: yaml.Node, key: yaml.Node | None, node: yaml.Node) -> int:
        """Indentation for the lines of a block scalar replacing `node`."""
        if node.style in ("|", ">"):
            line = self.line_after(node.start_mark.index)
            content = self.text[line:node.end_mark.index]
            stripped = content.lstrip("\r\n")
            depth = len(stripped) - len(stripped.lstrip(" "))
            if depth > (key.start_mark.column if key is not None else 0):
                return depth
        if key is not None:
            return key.start_mark.column + 2
        return node.start_mark.column

    def _scalar(self, parent: yaml.Node, key: yaml.Node | None, node: yaml.ScalarNode, value: Any) -> Splice:
        start, end = node.start_mark.index, self.content_end(node)
        flow, style = bool(parent.flow_style), node.style
        indent = self._indent(parent, key, node)
        text = emit.inline(value, style if style in ("'", '"') else None, flow)
        if style in ("|", ">") and isinstance(value, str) and not flow:
            text = emit.block_scalar(value, style, indent, self.nl) or text
        if text is None:
            text = emit.literal(value, indent, self.nl)
        comment = ""
        if style in ("|", ">"):
            header = _BLOCK_HEADER.match(self.text, start)
            comment = (header.group(1) or "") if header else ""
        elif text[0] in "|>":
            comment = self.text[end:self.line_end(end)]
            end = self.line_end(end) if comment.strip() else end
            comment = comment if comment.strip() else ""
        if text[0] in "|>":
            head, _, body = text.partition(self.nl)
            text = head + comment + self.nl + body
        else:
            text += comment
        return Splice(start, end, (" " + text) if start == node.end_mark.index else text)

    def _under_key(self, key: yaml.Node, node: yaml.Node, value: Any) -> Splice:
        """Replace the value of a block mapping key by a collection (or a collection by a scalar)."""
        colon = self.text.index(":", key.end_mark.index) + 1
        end, comment = self._value_end_and_comment(colon, node)
        if emit.is_scalar(value) or not value:
            text = emit.inline(value) if emit.is_scalar(value) else emit.flow(value)
            if text is None:
                text = emit.literal(value, key.start_mark.column + 2, self.nl)
                head, _, body = text.partition(self.nl)
                return Splice(colon, end, f" {head}{comment}{self.nl}{body}")
            return Splice(colon, end, f" {text}{comment}")
        lines = emit.block_lines(value, key.start_mark.column + 2, self.nl)
        return Splice(colon, end, comment + self.nl + self.nl.join(lines))

    def _value_end_and_comment(self, colon: int, node: yaml.Node) -> tuple[int, str]:
        """End of the replaced text and the comment on the key's line that it would swallow."""
        end = self.content_end(node)
        key_line_end = self.line_end(colon)
        if node.start_mark.index > key_line_end:  # a block collection below the key
            hash_at = self.text.find("#", colon, key_line_end)
            return end, ("  " + self.text[hash_at:key_line_end].rstrip()) if hash_at >= 0 else ""
        rest = self.text[end:self.line_end(end)]
        if rest.strip():
            return self.line_end(end), rest
        return end, ""

    def insert_key(self, mapping: yaml.MappingNode, key: str, value: Any, order: tuple[str, ...]) -> Splice:
        if mapping.flow_style:
            if not mapping.value:
                return Splice(mapping.start_mark.index + 1, mapping.start_mark.index + 1,
                              f"{emit.flow(key)}: {emit.flow(value)}")
            at = self.content_end(mapping.value[-1][1])
            return Splice(at, at, f", {emit.flow(key)}: {emit.flow(value)}")
        column = mapping.value[0][0].start_mark.column
        anchor, rank = self._anchor(mapping, key, order)
        lines = emit.block_lines({key: value}, column, self.nl)
        # At the start of the next line, so that removing the anchor's line does not collide.
        return self._insert_lines(self.line_after(self.content_end(anchor)), lines, "change", rank)

    def _insert_lines(self, at: int, lines: list[str], kind: str, rank: int, items: int = 0) -> Splice:
        if at == len(self.text) and not self.text.endswith("\n"):
            text = self.nl + self.nl.join(lines)
        else:
            text = self.nl.join(lines) + self.nl
        return Splice(at, at, text, rank=(0, rank), kind=kind, items=items)

    @staticmethod
    def _anchor(mapping: yaml.MappingNode, key: str, order: tuple[str, ...]) -> tuple[yaml.Node, int]:
        """The value after which a new key goes: its nearest predecessor in `order`, else the last."""
        rank = order.index(key) if key in order else len(order)
        best = None
        for key_node, value_node in mapping.value:
            theirs = order.index(key_node.value) if key_node.value in order else None
            if theirs is not None and theirs < rank and (best is None or theirs > best[0]):
                best = (theirs, value_node)
        return (best[1] if best else mapping.value[-1][1]), rank

    # --- deleting ----------------------------------------------------------------

    def delete_key(self, path: PathT) -> list[Splice]:
        node, matched = self.find(path)
        if matched < len(path):
            return []
        mapping, key, _ = self.chain(path)[-1]
        if not isinstance(mapping, yaml.MappingNode) or key is None:
            raise SpliceError(f"{format_loc(path)} is not a key of a mapping")
        self._guard(node, path)
        pairs = mapping.value
        position = next(i for i, (k, _) in enumerate(pairs) if k is key)
        splice = self._drop_pair(mapping, position)
        splice.window = self.window(path[:-1]) if path[:-1] else None
        return [splice]

    def _drop_pair(self, mapping: yaml.MappingNode, position: int) -> Splice:
        pairs, text = mapping.value, self.text
        key, value = pairs[position]
        start, end = key.start_mark.index, self.content_end(value)
        if len(pairs) == 1:
            return Splice(start, end, "{}")
        if mapping.flow_style:
            if position + 1 < len(pairs):
                return Splice(start, pairs[position + 1][0].start_mark.index, "")
            return Splice(self.content_end(pairs[position - 1][1]), end, "")
        line = self.line_start(start)
        if text[line:start].strip() == "":
            if self.line_after(end) == len(text) and not text.endswith("\n"):
                return Splice(max(line - len(self.nl), 0), len(text), "")
            return Splice(line, self.line_after(end), "")
        return Splice(start, pairs[position + 1][0].start_mark.index, "")

    def delete_item(self, path: PathT) -> list[Splice]:
        sequence, _, item = self.chain(path)[-1]
        if not isinstance(sequence, yaml.SequenceNode):
            raise SpliceError(f"{format_loc(path)} is not an item of a list")
        self._guard(item, path)
        start, end = item.start_mark.index, self.content_end(item)
        if sequence.flow_style:
            items = sequence.value
            position = items.index(item)
            if position + 1 < len(items):
                return [Splice(start, items[position + 1].start_mark.index, "")]
            if position > 0:
                return [Splice(self.content_end(items[position - 1]), end, "")]
            return [Splice(start, end, "")]
        line = self.line_start(self.dash(item))
        if self.text[line:self.dash(item)].strip():
            raise SpliceError(f"cannot remove {format_loc(path)}: unexpected text before its '-'")
        return [Splice(line, self.line_after(end), "", kind="drop-item")]

    # --- appending ---------------------------------------------------------------

    def append(self, sequence: yaml.SequenceNode, items: list[Any]) -> list[Splice]:
        last = sequence.value[-1]
        end = self.content_end(last)
        if sequence.flow_style:
            return [Splice(end, end, "".join(", " + emit.flow(item) for item in items))]
        dash = self.dash(last)
        dash_column = dash - self.line_start(dash)
        same_line = self.line_end(dash) >= last.start_mark.index
        column = last.start_mark.column if same_line else dash_column + 2
        column = max(column, dash_column + 2)
        lines = [line for item in items for line in self._item_lines(item, dash_column, column)]
        return [self._insert_lines(self.line_after(end), lines, "new-items", 0, len(items))]

    def _item_lines(self, item: Any, dash_column: int, column: int) -> list[str]:
        """An item as lines whose '-' and content line up with the existing items."""
        if isinstance(item, (dict, list)) and item:
            lines = emit.block_lines(item, column, self.nl)
            prefix = " " * dash_column + "-" + " " * (column - dash_column - 1)
            return [prefix + lines[0][column:], *lines[1:]]
        return emit.block_lines([item], dash_column, self.nl)
