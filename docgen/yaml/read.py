"""Read YAML text with YAML 1.2 scalars, keeping (or composing on demand) the node tree.

A common, valid file is read by a compiled parser (`fast`); any other file, and any
file whose data is wrong, is read by the located reader here: PyYAML's C parser, the
plain data built straight from the composed nodes (`construct`), and the node tree
kept, so positions are looked up only when an error has to be reported. Duplicate
keys, alias bombs, tabs and control characters each become one located problem.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from typing import Any, Iterator

import yaml

from ..errors import Problem, YamlError
from .construct import construct
from .fast import fast_data
from .locate import children, mark_where
from .sparse import sparse_tree

MAX_EXPANDED_NODES = 2_000_000
# An anchor (&name) can only follow the start of a line, whitespace, '[', '{' or ','.
ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},]+", re.MULTILINE)
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
# YAML 1.1's base-60 numbers turn `time: 10:00` into 600; YAML 1.2 dropped them.
_INT = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_YAML12 = {"tag:yaml.org,2002:bool": _BOOL, "tag:yaml.org,2002:int": _INT, "tag:yaml.org,2002:float": _FLOAT}


class ParsedYaml:
    """The plain data of a YAML text and its node tree, for positions. When the fast
    path built the data, the tree is composed only if something asks for it."""

    def __init__(self, data: Any, node: yaml.Node | None, *, text: str | None = None, name: str = "") -> None:
        self.data = data
        self._node = node
        self._text, self._name = text, name  # to compose the tree on demand

    @property
    def node(self) -> yaml.Node | None:
        if self._text is not None:
            try:
                self._node = _compose(self._text)  # the fast path has read it: it is valid
            except yaml.YAMLError:  # never expected; if so, the located reader says where
                _parse_located(self._text, self._name)
                raise
            self._text = None
        return self._node

    def tree_for(self, paths: list[tuple]) -> yaml.Node | None:
        """The node tree as far as edits at `paths` need it: when it has not been composed
        yet, without the untouched items of long lists (`sparse`); else the whole tree."""
        if self._text is not None:
            loader = _Loader("")
            try:
                root = sparse_tree(self._text, self.data, paths, _compose, loader)
            finally:
                loader.dispose()
            if root is not None:
                return root
        return self.node


class _Loader(yaml.CSafeLoader):
    """C-speed safe loader with YAML 1.2 booleans, duplicate-key and bad-date detection."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[yaml.Node] = []
        self._scalar_tags: dict[tuple[str, tuple[bool, bool]], str] = {}

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        # A scalar's tag depends on its text alone (no path resolvers here); statuses,
        # sides, names and dates repeat thousands of times in a large file.
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = self._scalar_tags.get(key)
        if tag is None:
            tag = self._scalar_tags[key] = super().resolve(kind, value, implicit)
        return tag

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[str] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                if key_node.value in seen:
                    self.duplicate_keys.append(key_node)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        # An impossible date such as 2026-02-30 must reach validation as text, so the
        # error names the field instead of crashing the YAML constructor.
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
# YAML 1.1 reads yes/no/on/off as booleans ("the Norway problem") and 10:00 as 600;
# only YAML 1.2's true/false and plain numbers count here.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _YAML12]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Building ~10^5 objects that all stay alive triggers the cyclic GC over and over
    for nothing; pausing it halves the time to load or import a large file."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_yaml(text: str, name: str) -> ParsedYaml:
    """YAML text to plain Python data, with the node tree for error positions."""
    done, data = fast_data(text, _Loader)
    if done:
        return ParsedYaml(data, None, text=text, name=name)
    return _parse_located(text, name)


def _compose(text: str) -> yaml.Node | None:
    """The node tree alone, of text known to be valid (or raising PyYAML's error)."""
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _parse_located(text: str, name: str) -> ParsedYaml:
    """The located reader: every problem reported with its line and column."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None and "&" in text and ANCHOR.search(text):
            _check_alias_expansion(node, name)
        data = construct(loader, node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        raise YamlError([_yaml_problem(error, name, text)]) from error
    except yaml.reader.ReaderError as error:
        raise YamlError([_reader_problem(error, name, text)]) from error
    except yaml.YAMLError as error:
        raise YamlError([Problem(name, "", "", f"not valid YAML: {error}", "check the file's syntax")]) from error
    finally:
        loader.dispose()
    if loader.duplicate_keys:
        raise YamlError([_duplicate_key_problem(n, name) for n in loader.duplicate_keys])
    return ParsedYaml(data, node)


def _check_alias_expansion(root: yaml.Node, name: str) -> None:
    """Refuse files whose aliases expand exponentially ("billion laughs") or refer to
    a node that contains them (`x: &x [*x]`), which would expand forever."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # nodes whose children are being sized: the path from the root
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        below = children(node)
        if children_done or not below:
            open_nodes.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes[id(c)] for c in below)
            if sizes[id(node)] > MAX_EXPANDED_NODES:
                raise _alias_error(name, node, f"aliases expand to more than {MAX_EXPANDED_NODES:,} values",
                                   "this looks like an alias bomb; write the data out without nested aliases")
            continue
        if id(node) in open_nodes:
            continue  # already below on the stack, reached again through a second alias
        open_nodes.add(id(node))
        stack.append((node, True))
        for child in below:
            if id(child) in open_nodes:
                raise _alias_error(name, child, "an alias refers to a value that contains it, which never ends",
                                   "an alias (*name) must not be used inside its own anchor (&name)")
            if id(child) not in sizes:
                stack.append((child, False))


def _alias_error(name: str, node: yaml.Node, message: str, hint: str) -> YamlError:
    return YamlError([Problem(name, mark_where(node.start_mark), "", message, hint)])


def _yaml_problem(error: yaml.MarkedYAMLError, name: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    message = error.problem or str(error)
    hint = "check indentation and quoting around this place"
    if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        message, hint = "a tab character is not allowed here", "indent YAML with spaces, not tabs"
    elif "special characters are not allowed" in message:
        hint = "remove the control character; write it as an escape in a double-quoted string if needed"
    return Problem(name, mark_where(mark), "", f"not valid YAML: {message}", hint)


def _reader_problem(error: yaml.reader.ReaderError, name: str, text: str) -> Problem:
    """A character YAML refuses anywhere, e.g. a control character, located by line:column."""
    before = text[: error.position]
    line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
    character = f"U+{error.character:04X}" if isinstance(error.character, int) else repr(error.character)
    return Problem(name, f"{line}:{column}", "", f"the control character {character} is not allowed in YAML",
                   'remove it; write it as an escape such as "\\a" inside double quotes if it is really meant')


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    return lines[line][column] if line < len(lines) and column < len(lines[line]) else ""


def _duplicate_key_problem(key_node: yaml.Node, name: str) -> Problem:
    return Problem(name, mark_where(key_node.start_mark), "",
                   f"duplicate key '{key_node.value}'", "each key may appear once in a mapping; remove or rename one")
