"""Change values in a YAML file in place; every byte not changed stays as it was.

A full round trip through a YAML library would lose comments, quoting and blank
lines (PyYAML) or take seconds for a large project (ruamel.yaml). Instead the text
is parsed once with the loader's C parser, whose nodes know their character
offsets, and new text is spliced in where values change. The result is parsed
again (whole, or for a large file only the changed items, see `docgen.yaml.verify`) and
compared with the intended data before anyone can write it, so a bug here raises
`YamlEditError` instead of producing a wrong file.

Where each edit goes is `docgen.yaml.splice`; how values are written is `docgen.yaml.emit`.

All paths refer to the document as it was before the edits: ("requirements", 3,
"status"). Deleted items do not shift the indexes of the others; appended items
come after all existing ones, in the order of the edits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import yaml

from ..errors import DocgenError, format_loc
from . import emit
from .read import ParsedYaml, parse_yaml
from .sparse import APPEND
from .splice import AppendItem, DeleteItem, DeleteKey, Edit, Layout, PathT, SetValue, Splice, SpliceError
from .verify import verify

__all__ = ["AppendItem", "DeleteItem", "DeleteKey", "Edit", "SetValue", "YamlEditError", "apply_edits"]


class YamlEditError(DocgenError):
    """An edit cannot be written in place, or the written result would not read back."""


def apply_edits(text: str, edits: Sequence[Edit], parsed: ParsedYaml | None = None,
                name: str = "project.yaml") -> str:
    """`text` with `edits` applied; raises `YamlEditError` and changes nothing on failure.

    `parsed` is `parse_yaml(text)` when the caller has it already; it is not modified.
    """
    edits = [_normalized(e) for e in edits]
    if not edits:
        return text
    parsed = parsed or parse_yaml(text, name)
    root = parsed.tree_for([(*e.path, APPEND) if isinstance(e, AppendItem) else e.path for e in edits])
    if root is None:
        raise YamlEditError(f"{name}: the file is empty; nothing to edit")
    try:
        splices = _Planner(Layout(text, root)).plan(edits)
    except SpliceError as error:
        raise YamlEditError(f"{name}: cannot edit in place: {error}") from error
    new_text = _splice(text, splices)
    problem = verify(text, new_text, splices, parsed.data, edits, name)
    if problem:
        raise YamlEditError(f"internal error: the edited {name} would not read back as intended "
                            f"({problem}); nothing was written, please report this")
    return new_text


def _normalized(edit: Edit) -> Edit:
    if isinstance(edit, SetValue):
        return SetValue(tuple(edit.path), emit.normalize(edit.value), tuple(edit.order))
    if isinstance(edit, AppendItem):
        return AppendItem(tuple(edit.path), emit.normalize(edit.item))
    return type(edit)(tuple(edit.path))


def _splice(text: str, splices: list[Splice]) -> str:
    parts, position = [], 0
    for each in splices:
        parts += [text[position:each.start], each.text]
        position = each.end
    parts.append(text[position:])
    return "".join(parts)


@dataclass
class _Planner:
    """Turns edits into splices of the original text."""

    doc: Layout
    splices: list[Splice] = field(default_factory=list)

    def plan(self, edits: list[Edit]) -> list[Splice]:
        _check_distinct(edits)
        appends: dict[PathT, list[Any]] = {}
        drops: dict[PathT, list[int]] = {}
        for number, edit in enumerate(edits):
            if isinstance(edit, AppendItem):
                appends.setdefault(edit.path, []).append(edit.item)
            elif isinstance(edit, DeleteItem):
                drops.setdefault(edit.path[:-1], []).append(edit.path[-1])
            elif isinstance(edit, SetValue):
                self._add(self.doc.set_value(edit.path, edit.value, edit.order), edit.path, number)
            else:
                self._add(self.doc.delete_key(edit.path), edit.path, number)
        for path, indexes in drops.items():
            self._drop(path, indexes, appends, len(edits))
        for path, items in appends.items():
            self._append(path, items, len(edits) + 1)
        return self.doc.ordered(self.splices)

    def _add(self, found: list[Splice], path: PathT, number: int) -> None:
        for each in found:
            each.number, each.path = number, path
            if each.start == each.end:  # what belongs to an inner structure goes first at one place
                depth = len(path) + (1 if each.kind == "new-items" else 0)
                each.rank = (-depth, each.rank[1])
        self.splices += found

    def _drop(self, path: PathT, indexes: list[int], appends: dict[PathT, list[Any]], number: int) -> None:
        node, matched = self.doc.find(path)
        if matched < len(path) or not isinstance(node, yaml.SequenceNode):
            raise SpliceError(f"{format_loc(path)} is not a list")
        if len(set(indexes)) < len(node.value) or node.flow_style:
            for index in indexes:
                self._add(self.doc.delete_item((*path, index)), (*path, index), number)
            return
        # Every item goes: write the new list whole, or [] (an emptied block list would read as null).
        self._add(self.doc.set_value(path, appends.pop(path, []), ()), path, number)

    def _append(self, path: PathT, items: list[Any], number: int) -> None:
        node, matched = self.doc.find(path)
        if matched == len(path) and isinstance(node, yaml.SequenceNode) and node.value:
            self._add(self.doc.append(node, items), path, number)
        elif matched == len(path) and not (self.doc.is_null(node) or isinstance(node, yaml.SequenceNode)):
            raise SpliceError(f"cannot append to {format_loc(path)}: it is not a list")
        else:
            self._add(self.doc.set_value(path, items, ()), path, number)


def _check_distinct(edits: list[Edit]) -> None:
    """Two edits of one value, or an edit inside a removed item, are a caller's bug."""
    paths = [e.path for e in edits if not isinstance(e, AppendItem)]
    if len(set(paths)) != len(paths):
        raise YamlEditError("internal error: two edits of the same value")
    dropped = {e.path for e in edits if isinstance(e, DeleteItem)}
    for path in paths:
        if any(path[:n] in dropped for n in range(1, len(path))):
            raise YamlEditError(f"internal error: {format_loc(path)} is edited and removed")
