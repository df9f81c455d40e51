"""Python objects from a composed YAML node tree, without PyYAML's generic machinery.

PyYAML's C loader parses and composes in C but constructs in Python, through a
per-node dispatch with generators, state stacks and deep/shallow passes: most of the
time of loading a large project file. Project files hold plain data (mappings,
sequences, strings, numbers, booleans, dates), so `construct` builds those directly,
calling the loader's own constructors for every typed scalar: the result is the one
`loader.construct_document(node)` gives. Anything else (other tags, merge keys,
unhashable keys, duplicate keys, absurd nesting) goes to PyYAML's path, which also
reports what is wrong exactly as before.
"""

from __future__ import annotations

from typing import Any

import yaml

_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
# Typed scalars: the loader's constructor method for each tag.
_SCALARS = {
    "tag:yaml.org,2002:null": "construct_yaml_null",
    "tag:yaml.org,2002:bool": "construct_yaml_bool",
    "tag:yaml.org,2002:int": "construct_yaml_int",
    "tag:yaml.org,2002:float": "construct_yaml_float",
    "tag:yaml.org,2002:timestamp": "construct_yaml_timestamp",
}


class _Unsupported(Exception):
    """Something only PyYAML's own constructor handles (or reports)."""


def construct(loader: yaml.BaseLoader, root: yaml.Node) -> Any:
    """The same data as `loader.construct_document(root)`."""
    try:
        return _Builder(loader).build(root)
    except (_Unsupported, RecursionError):
        return loader.construct_document(root)


class _Builder:
    def __init__(self, loader: yaml.BaseLoader) -> None:
        self.scalars = {tag: getattr(loader, name) for tag, name in _SCALARS.items()}
        self.built: dict[int, Any] = {}  # an alias gives the very object its anchor gave
        # Typed scalars are immutable (numbers, dates, None, booleans): one per text.
        self.typed: dict[tuple[str, str], Any] = {}

    def build(self, node: yaml.Node) -> Any:
        cls = node.__class__
        if cls is yaml.ScalarNode:
            if node.tag == _STR:
                return node.value
            key = (node.tag, node.value)
            try:
                return self.typed[key]
            except KeyError:
                constructor = self.scalars.get(node.tag)
                if constructor is None:
                    raise _Unsupported(node.tag) from None
                value = self.typed[key] = constructor(node)
                return value
        built = self.built.get(id(node))
        if built is not None:
            return built
        if cls is yaml.MappingNode and node.tag == _MAP:
            return self._mapping(node)
        if cls is yaml.SequenceNode and node.tag == _SEQ:
            result: list[Any] = []
            self.built[id(node)] = result
            result.extend(self.build(item) for item in node.value)
            return result
        raise _Unsupported(node.tag)

    def _mapping(self, node: yaml.MappingNode) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        self.built[id(node)] = result
        seen: set[str] = set()  # as the loader counts duplicates: by the key's text
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise _Unsupported("merge key")
            if key_node.__class__ is yaml.ScalarNode:
                if key_node.value in seen:
                    raise _Unsupported("duplicate key")
                seen.add(key_node.value)
            key = self.build(key_node)
            try:
                if key in result:  # PyYAML's path collects every duplicate and reports it
                    raise _Unsupported("duplicate key")
            except TypeError:  # unhashable: PyYAML reports it, with its position
                raise _Unsupported("unhashable key") from None
            result[key] = self.build(value_node)
        return result
