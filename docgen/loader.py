"""Read `project.yaml` into a `Project`, or report every problem with file:line:column.

The fast path is the C YAML parser with a direct construction of the plain data
(`docgen.yaml.read`) plus one pydantic validation. Only when validation fails are the
errors located in the kept node tree and given hints: the close match for an unknown
key, the expected form of a date, quotes for a number that should be text.
"""

from __future__ import annotations

import enum
import stat
import typing
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from pydantic import ValidationError

from .errors import Problem, ProjectFileError, YamlError, format_loc
from .models import Project, find_reference_problems
from .models.base import (CURRENCY_PATTERN, EXTRA_KEY_PATTERN, HEX_COLOR_PATTERN, ID_PATTERN, TIME_PATTERN,
                          XML_SAFE_PATTERN, model_at, unwrap_type)
from .models.refs import Loc
from .validator_cache import install_project_validator
from .yaml.locate import locate, mark_where
from .yaml.read import ParsedYaml, gc_paused
from .yaml.read import parse_yaml as parse_any_yaml

MAX_FILE_BYTES = 32 * 1024 * 1024

__all__ = ["ParsedYaml", "ProjectSource", "check_project", "load_project", "parse_yaml", "read_project", "read_text",
           "validate_project_data"]


def load_project(path: str | Path) -> Project:
    """Read and validate a project file; raise `ProjectFileError` listing every problem."""
    path = Path(path)
    with gc_paused():
        parsed = parse_yaml(read_text(path), str(path))
        return validate_project_data(parsed, str(path))


class ProjectSource(NamedTuple):
    """Where a project was read from, so that findings about it can name file:line:col.
    (A NamedTuple: immutable, and cheaper to define at import than a dataclass.)"""

    file: str
    parsed: ParsedYaml | None = None  # its node tree is composed only to locate a finding

    def where(self, loc: Loc) -> str:
        node = self.parsed.node if self.parsed is not None else None
        return locate(node, loc) if node is not None else ""


def read_project(path: str | Path) -> tuple[Project, ProjectSource]:
    """The project at `path` and where it came from; an invalid file raises ProjectFileError."""
    name = str(path)
    parsed = parse_yaml(read_text(Path(path)), name)
    return validate_project_data(parsed, name), ProjectSource(name, parsed)


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
        status = path.stat()
        if not stat.S_ISREG(status.st_mode) and not stat.S_ISDIR(status.st_mode):
            raise _file_error(name, f"is {_file_kind(status.st_mode)}, not a regular file",
                              "name the project.yaml file itself")
        size = status.st_size
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


def _file_kind(mode: int) -> str:
    """What a path that is no regular file is, for the message ('a FIFO', 'a device')."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def parse_yaml(text: str, name: str) -> ParsedYaml:
    """Project-file YAML to plain data and its node tree; the top level must be a mapping."""
    try:
        parsed = parse_any_yaml(text, name)
    except YamlError as error:
        raise ProjectFileError(error.problems) from error
    _check_top_level(parsed, name)
    return parsed


def validate_project_data(parsed: ParsedYaml, name: str) -> Project:
    """Validate plain data against the model and the cross-references, all errors at once."""
    problems: list[Problem] = []
    project = None
    install_project_validator()
    try:
        project = Project.model_validate(parsed.data)
    except ValidationError as error:
        problems.extend(describe_validation_error(error, parsed.node, name))
    for ref in find_reference_problems(parsed.data, Project):
        where = locate(parsed.node, ref.loc)
        problems.append(Problem(name, where, format_loc(ref.loc), ref.message, ref.hint))
    if problems:
        raise ProjectFileError(sorted(problems, key=_line_order))
    assert project is not None
    return project


def _line_order(problem: Problem) -> tuple[int, int]:
    line, _, column = problem.where.partition(":")
    return (int(line), int(column)) if line.isdigit() and column.isdigit() else (0, 0)


def _check_top_level(parsed: ParsedYaml, name: str) -> None:
    data = parsed.data
    if data is None:
        raise _file_error(name, "the file is empty",
                          "run 'docgen init DIR' for a commented starter project.yaml")
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "plain text"
        node = parsed.node  # composed only now, for the position
        where = mark_where(node.start_mark) if node is not None else ""
        raise ProjectFileError([Problem(
            name, where, "", f"expected a mapping of keys (schema_version:, project:, ...), found {kind}",
            "see 'docgen init' for the expected shape",
        )])


def _file_error(name: str, message: str, hint: str) -> ProjectFileError:
    return ProjectFileError([Problem(name, "", "", message, hint)])


# --- validation errors as located problems with hints ---------------------------

def describe_validation_error(error: ValidationError, root: yaml.Node | None, name: str) -> list[Problem]:
    items = error.errors(include_url=False)
    misspelt = _misspelt_keys(items)
    # A misspelt required key is one mistake: report the unknown key with its
    # suggestion, not also the key that is then missing.
    kept = [i for i in items if not (i["type"] == "missing" and tuple(i["loc"]) in misspelt)]
    return [_describe(item, root, name) for item in kept]


def _misspelt_keys(items: list[dict]) -> set[tuple]:
    found = set()
    for item in items:
        loc = tuple(item["loc"])
        if item["type"] == "extra_forbidden":
            close = _close_matches(str(loc[-1]), _allowed_keys(loc[:-1]))
            found.update((*loc[:-1], key) for key in close)
    return found


def _close_matches(word: str, allowed: list[str]) -> list[str]:
    import difflib  # for hints only: a valid file never needs it

    return difflib.get_close_matches(word, allowed, n=1, cutoff=0.6)


def _describe(item: dict, root: yaml.Node | None, name: str) -> Problem:
    loc = tuple(item["loc"])
    kind = item["type"]
    if kind == "extra_forbidden":
        return _unknown_key(loc, root, name)
    if kind == "missing":
        return Problem(name, locate(root, loc[:-1]), format_loc(loc[:-1]) or "(top level)",
                       f"missing required key '{loc[-1]}'", f"add '{loc[-1]}:' here{_allowed_values(loc)}")
    message, hint = _message_and_hint(item)
    if loc and loc[-1] == "[key]":  # pydantic marks a bad mapping key (extra:) so: point at the key itself
        return Problem(name, locate(root, loc[:-1], key=True), format_loc(loc[:-1]), message, hint)
    return Problem(name, locate(root, loc), format_loc(loc), message, hint)


def _unknown_key(loc: tuple, root: yaml.Node | None, name: str) -> Problem:
    allowed = _allowed_keys(loc[:-1])
    close = _close_matches(str(loc[-1]), allowed)
    homes = _sections_with_key(loc)
    # A key that exists exactly one level down is a surer guess than a similar spelling.
    if len(homes) == 1:
        hint = f"'{loc[-1]}' belongs under '{homes[0]}:'; move it there"
    elif homes:
        hint = f"'{loc[-1]}' belongs under one of {', '.join(homes)}; move it there"
    elif close:
        hint = f"did you mean '{close[0]}'?"
    else:
        hint = "allowed keys: " + ", ".join(allowed) if allowed else "remove it"
    return Problem(name, locate(root, loc, key=True), format_loc(loc[:-1]) or "(top level)",
                   f"unknown key '{loc[-1]}'", hint)


def message_and_hint(item: dict) -> tuple[str, str]:
    """The one-line message and hint for one pydantic error (`error.errors()` item)."""
    return _message_and_hint(item)


def _message_and_hint(item: dict) -> tuple[str, str]:
    kind, message, value = item["type"], item["msg"], item.get("input")
    context = item.get("ctx") or {}
    if kind == "string_pattern_mismatch":
        return _pattern_message(context.get("pattern"), value)
    if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return (f"expected text, found the number {value!r}",
                'put it in quotes so YAML keeps it as written, e.g. "1.10"')
    if kind == "string_type" and isinstance(value, bool):
        return "expected text, found a boolean", "put it in quotes"
    if kind == "string_type" and value is None:
        return ("expected text, found nothing",
                "a value starting with # is a YAML comment: put it in quotes, e.g. \"#1F4E79\"")
    if kind in ("bool_parsing", "bool_type"):
        return f"'{value}' is not true or false", "write true or false, without quotes"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return _bound_message(kind, value, context)
    if kind == "enum":
        return f"'{value}' is not allowed here", f"use {context.get('expected', 'one of the listed values')}"
    if kind in _NUMBER_ERRORS and not isinstance(value, bool):
        return _number_message(kind, value)
    if kind == "decimal_max_places":
        return f"{value} has too many decimal places", f"round it to {context.get('decimal_places')} places"
    if kind == "literal_error" and item["loc"] == ("schema_version",):
        return (f"unsupported schema_version {value!r}",
                "this docgen reads schema_version 1; a newer file needs a newer docgen")
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    return message, ""


_NUMBER_ERRORS = {"decimal_parsing", "decimal_type", "float_parsing", "float_type", "int_parsing", "int_type",
                  "int_from_float"}


_BOUNDS = {"greater_than_equal": ("at least", "ge"), "greater_than": ("more than", "gt"),
           "less_than_equal": ("at most", "le"), "less_than": ("less than", "lt")}


def _bound_message(kind: str, value: Any, context: dict) -> tuple[str, str]:
    words, key = _BOUNDS[kind]
    return f"{value} is out of range", f"it must be {words} {context.get(key)}"


def _number_message(kind: str, value: Any) -> tuple[str, str]:
    """'8 days' or '1.100,00' where a number belongs: say what a number looks like here."""
    shown = f"'{value}'" if isinstance(value, str) else repr(value)
    if kind.startswith("int"):
        return f"{shown} is not a whole number", "write digits only, e.g. 30; no units or decimal places"
    return (f"{shown} is not a number",
            "write digits with a point for decimals, e.g. 8 or 1100.00; no units or thousands separators")


def _allowed_values(loc: tuple) -> str:
    """', one of: a, b' when the missing key takes a fixed set of values, else ''."""
    field_type = _field_type(loc)
    values = _choices(field_type) if field_type is not None else []
    return f", one of: {', '.join(values)}" if values else ""


def _field_type(loc: tuple) -> Any:
    model = model_at(Project, loc[:-1])
    if model is None:
        return None
    for field, info in model.model_fields.items():
        if loc[-1] in (field, info.alias):
            return unwrap_type(info.annotation)
    return None


def _choices(tp: Any) -> list[str]:
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return [str(member.value) for member in tp]
    if typing.get_origin(tp) is typing.Literal:
        return [str(value) for value in typing.get_args(tp)]
    return []


def _sections_with_key(loc: tuple) -> list[str]:
    """The sections of the parent that have the unknown key `loc[-1]` (e.g. ['charter'] for
    a top-level 'goals'), so the hint can say where it belongs."""
    parent = model_at(Project, loc[:-1])
    if parent is None:
        return []
    return [info.alias or field for field, info in parent.model_fields.items()
            if (child := model_at(info.annotation, ())) is not None
            and any(loc[-1] in (f, i.alias) for f, i in child.model_fields.items())]


def _pattern_message(pattern: str | None, value: str) -> tuple[str, str]:
    if pattern == XML_SAFE_PATTERN:
        bad = next(ch for ch in value if ch in _XML_UNSAFE)
        return (f"contains the control character U+{ord(bad):04X}, which documents cannot hold",
                "remove it from the text")
    message, hint = _PATTERNS.get(pattern, ("'{value}' does not have the expected form", f"expected: {pattern}"))
    return message.format(value=value), hint


_PATTERNS = {
    ID_PATTERN: ("'{value}' is not a valid id", "use letters, digits, '.', '_' and '-', starting with a letter or digit"),
    HEX_COLOR_PATTERN: ("'{value}' is not a colour", "write it as #RRGGBB, e.g. #1F4E79"),
    TIME_PATTERN: ("'{value}' is not a time of day", "write it as HH:MM, e.g. 09:30"),
    CURRENCY_PATTERN: ("'{value}' is not a currency code", "use a three-letter ISO code such as EUR"),
    EXTRA_KEY_PATTERN: ("'{value}' is not an identifier", "extra keys become placeholders such as"
                        " {{ extra.customer_ref }}: use letters, digits and '_', not starting with a digit"),
}
_XML_UNSAFE = {chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)}


def _allowed_keys(loc: tuple) -> list[str]:
    model = model_at(Project, loc)
    if model is None:
        return []
    return [info.alias or field for field, info in model.model_fields.items()]
