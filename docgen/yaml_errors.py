"""Turn pydantic validation errors into problems a person can act on.

Each error is located in the YAML node tree (line and column of the offending value,
or of the mapping that lacks a key) and gets a hint: the close match for an unknown
key, the expected form of a date, quotes for a number that should be text.
"""

from __future__ import annotations

import difflib
import enum
import types
import typing
from typing import Any, Union

import yaml
from pydantic import BaseModel, ValidationError

from .errors import Problem
from .models import Project
from .models.base import (CREDENTIAL_PATTERN, CURRENCY_PATTERN, HEX_COLOR_PATTERN, ID_PATTERN, TIME_PATTERN,
                          XML_SAFE_PATTERN)
from .models.refs import format_loc


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
            close = difflib.get_close_matches(str(loc[-1]), _allowed_keys(loc[:-1]), n=1, cutoff=0.6)
            found.update((*loc[:-1], key) for key in close)
    return found


def locate(root: yaml.Node | None, loc: tuple, key: bool = False) -> str:
    """'line:column' of the value at `loc` (of its key when `key`), or of its nearest parent."""
    node = root
    for position, part in enumerate(loc):
        child = _child(node, part, key and position == len(loc) - 1)
        if child is None:
            break
        node = child
    if node is None:
        return ""
    mark = node.start_mark
    return f"{mark.line + 1}:{mark.column + 1}"


def _child(node: yaml.Node | None, part: Any, want_key: bool) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                return key_node if want_key else value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


def _describe(item: dict, root: yaml.Node | None, name: str) -> Problem:
    loc = tuple(item["loc"])
    kind = item["type"]
    if kind == "extra_forbidden":
        return _unknown_key(loc, root, name)
    if kind == "missing":
        return Problem(name, locate(root, loc[:-1]), format_loc(loc[:-1]) or "(top level)",
                       f"missing required key '{loc[-1]}'", f"add '{loc[-1]}:' here{_allowed_values(loc)}")
    message, hint = _message_and_hint(item)
    return Problem(name, locate(root, loc), format_loc(loc), message, hint)


def _unknown_key(loc: tuple, root: yaml.Node | None, name: str) -> Problem:
    allowed = _allowed_keys(loc[:-1])
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
    homes = _sections_with_key(loc)
    if close:
        hint = f"did you mean '{close[0]}'?"
    elif len(homes) == 1:
        hint = f"'{loc[-1]}' belongs under '{homes[0]}:'; move it there"
    elif homes:
        hint = f"'{loc[-1]}' belongs under one of {', '.join(homes)}; move it there"
    else:
        hint = "allowed keys: " + ", ".join(allowed) if allowed else "remove it"
    return Problem(name, locate(root, loc, key=True), format_loc(loc[:-1]) or "(top level)",
                   f"unknown key '{loc[-1]}'", hint)


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
    model = _model_at(Project, loc[:-1])
    if model is None:
        return None
    for field, info in model.model_fields.items():
        if loc[-1] in (field, info.alias):
            return _unwrap(info.annotation)
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
    parent = _model_at(Project, loc[:-1])
    if parent is None:
        return []
    return [info.alias or field for field, info in parent.model_fields.items()
            if (child := _model_at(info.annotation, ())) is not None
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
    # Never echo this value: it may be the very secret that must not reach a CI log.
    CREDENTIAL_PATTERN: ("not a reference to a stored secret",
                         "write where the secret is kept, e.g. vault:mail/test-user-1; never the secret itself"),
}
_XML_UNSAFE = {chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)}


def _allowed_keys(loc: tuple) -> list[str]:
    model = _model_at(Project, loc)
    if model is None:
        return []
    return [info.alias or field for field, info in model.model_fields.items()]


def _model_at(tp: Any, loc: tuple) -> type[BaseModel] | None:
    """The model class that describes the value at `loc`, following lists and options."""
    tp = _unwrap(tp)
    if not loc:
        return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None
    part, rest = loc[0], loc[1:]
    origin = typing.get_origin(tp)
    if origin is list and isinstance(part, int):
        return _model_at(typing.get_args(tp)[0], rest)
    if origin is dict:
        return _model_at(typing.get_args(tp)[1], rest)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        for field, info in tp.model_fields.items():
            if part in (field, info.alias):
                return _model_at(info.annotation, rest)
    return None


def _unwrap(tp: Any) -> Any:
    """Strip Annotated and Optional from a type."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp
