"""Positions in a YAML node tree: 'line:column' for a mark, the node at a data path."""

from __future__ import annotations

from typing import Any

import yaml


def mark_where(mark: yaml.Mark | None) -> str:
    """'12:5' (1-based line and column) for a YAML mark, '' when there is none."""
    return f"{mark.line + 1}:{mark.column + 1}" if mark is not None else ""


def locate(root: yaml.Node | None, loc: tuple, key: bool = False) -> str:
    """'line:column' of the value at `loc` (of its key when `key`), or of its nearest parent."""
    node = root
    for position, part in enumerate(loc):
        found = child(node, part, key and position == len(loc) - 1)
        if found is None:
            break
        node = found
    return mark_where(node.start_mark) if node is not None else ""


def child(node: yaml.Node | None, part: Any, want_key: bool = False) -> yaml.Node | None:
    """The value node (or key node) for `part` of a mapping or a sequence, else None."""
    found = entry(node, part)
    if found is None:
        return None
    return found[0] if want_key else found[1]


def entry(node: yaml.Node | None, part: Any) -> tuple[yaml.Node | None, yaml.Node] | None:
    """(key node, value node) of a mapping entry, (None, item) of a sequence item, else None."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                return key_node, value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


def children(node: yaml.Node) -> list[yaml.Node]:
    """Every direct child node: items of a sequence, keys and values of a mapping."""
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []
