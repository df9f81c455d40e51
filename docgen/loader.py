"""Read `project.yaml` into a `Project`, or report every problem with file:line:column.

The fast path is PyYAML's C parser, a direct construction of the plain data
(yaml_construct.py) and one pydantic validation. The YAML node tree that the C parser
builds anyway is kept, so positions are only looked up when an error has to be reported.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml
from pydantic import ValidationError

from .errors import Problem, ProjectFileError
from .models import Project, find_reference_problems
from .models.refs import format_loc
from .yaml_construct import construct
from .yaml_errors import describe_validation_error

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_EXPANDED_NODES = 2_000_000
# An anchor (&name) can only follow the start of a line, whitespace, '[', '{' or ','.
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},]+", re.MULTILINE)
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
# YAML 1.1's base-60 numbers turn `time: 10:00` into 600; YAML 1.2 dropped them.
_INT = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_YAML12 = {"tag:yaml.org,2002:bool": _BOOL, "tag:yaml.org,2002:int": _INT, "tag:yaml.org,2002:float": _FLOAT}


@dataclass
class ParsedYaml:
    data: Any
    node: yaml.Node | None


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


def load_project(path: str | Path) -> Project:
    """Read and validate a project file; raise `ProjectFileError` listing every problem."""
    path = Path(path)
    with _gc_paused():
        parsed = parse_yaml(read_text(path), str(path))
        return validate_project_data(parsed, str(path))


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Building ~10^5 objects that all stay alive triggers the cyclic GC over and over
    for nothing; pausing it halves the load time of a large file."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_project(path: str | Path) -> list[Problem]:
    """Every problem of a project file, or an empty list when it is valid."""
    try:
        load_project(path)
    except ProjectFileError as error:
        return error.problems
    return []


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise _file_error(name, f"file is {size:,} bytes, more than the limit of {limit:,}",
                              "split the project or remove embedded data")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _file_error(name, "no such file", "check the path") from None
    except IsADirectoryError:
        raise _file_error(name, "is a directory", "name the project.yaml inside it") from None
    except OSError as error:
        raise _file_error(name, f"cannot read: {error.strerror}", "check permissions") from error
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _file_error(name, f"not UTF-8 text (byte {error.start})",
                          "save the file as UTF-8; is it really a YAML file?") from None


def parse_yaml(text: str, name: str) -> ParsedYaml:
    """YAML text to plain Python data, keeping the node tree for error positions."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None and "&" in text and _ANCHOR.search(text):
            _check_alias_expansion(node, name)
        data = construct(loader, node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        raise ProjectFileError([_yaml_problem(error, name, text)]) from error
    except yaml.reader.ReaderError as error:
        raise ProjectFileError([_reader_problem(error, name, text)]) from error
    except yaml.YAMLError as error:
        raise _file_error(name, f"not valid YAML: {error}", "check the file's syntax") from error
    finally:
        loader.dispose()
    if loader.duplicate_keys:
        raise ProjectFileError([_duplicate_key_problem(n, name) for n in loader.duplicate_keys])
    _check_top_level(data, node, name)
    return ParsedYaml(data, node)


def validate_project_data(parsed: ParsedYaml, name: str) -> Project:
    """Validate plain data against the model and the cross-references, all errors at once."""
    problems: list[Problem] = []
    project = None
    try:
        project = Project.model_validate(parsed.data)
    except ValidationError as error:
        problems.extend(describe_validation_error(error, parsed.node, name))
    for ref in find_reference_problems(parsed.data, Project):
        where = _where(parsed.node, ref.loc)
        problems.append(Problem(name, where, format_loc(ref.loc), ref.message, ref.hint))
    if problems:
        raise ProjectFileError(sorted(problems, key=_line_order))
    assert project is not None
    return project


def _line_order(problem: Problem) -> tuple[int, int]:
    line, _, column = problem.where.partition(":")
    return (int(line), int(column)) if line.isdigit() and column.isdigit() else (0, 0)


def _where(root: yaml.Node | None, loc: tuple) -> str:
    from .yaml_errors import locate

    return locate(root, loc)


def _check_alias_expansion(root: yaml.Node, name: str) -> None:
    """Refuse files whose aliases expand exponentially ("billion laughs")."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if children_done or not children:
            sizes[id(node)] = 1 + sum(sizes[id(c)] for c in children)
            if sizes[id(node)] > MAX_EXPANDED_NODES:
                mark = node.start_mark
                raise ProjectFileError([Problem(
                    name, f"{mark.line + 1}:{mark.column + 1}", "",
                    f"aliases expand to more than {MAX_EXPANDED_NODES:,} values",
                    "this looks like an alias bomb; write the data out without nested aliases",
                )])
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_top_level(data: Any, node: yaml.Node | None, name: str) -> None:
    if data is None:
        raise _file_error(name, "the file is empty",
                          "run 'docgen init DIR' for a commented starter project.yaml")
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "plain text"
        mark = node.start_mark if node is not None else None
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ProjectFileError([Problem(
            name, where, "", f"expected a mapping of keys (schema_version:, project:, ...), found {kind}",
            "see 'docgen init' for the expected shape",
        )])


def _yaml_problem(error: yaml.MarkedYAMLError, name: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    where = f"{mark.line + 1}:{mark.column + 1}" if mark else ""
    message = error.problem or str(error)
    hint = "check indentation and quoting around this place"
    if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        message, hint = "a tab character is not allowed here", "indent YAML with spaces, not tabs"
    elif "special characters are not allowed" in message:
        hint = "remove the control character; write it as an escape in a double-quoted string if needed"
    return Problem(name, where, "", f"not valid YAML: {message}", hint)


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
    mark = key_node.start_mark
    return Problem(name, f"{mark.line + 1}:{mark.column + 1}", "",
                   f"duplicate key '{key_node.value}'", "each key may appear once in a mapping; remove or rename one")


def _file_error(name: str, message: str, hint: str) -> ProjectFileError:
    return ProjectFileError([Problem(name, "", "", message, hint)])
