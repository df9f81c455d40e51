"""Write single YAML values as text that reads back exactly, for in-place edits.

`docgen.yaml.edit` splices these snippets into an existing file. Each function returns text
that, read by `docgen.loader` (YAML 1.2 booleans) *and* by YAML 1.1 tools such as
editors and linters, gives back the same Python value: strings that look like a
bool, number, date or null are quoted, control characters are escaped, dates are
ISO, booleans are true/false.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from typing import Any

import yaml.resolver

_RESOLVER = yaml.resolver.Resolver()  # YAML 1.1: the widest notion of "not a string"
# YAML 1.2 core numbers that YAML 1.1 reads as strings (1e3, 0o17, .5e1): quote them too.
_NUMBER_12 = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^0o[0-7]+$|^0x[0-9a-fA-F]+$")
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = set(",[]{}")
_ESCAPES = {
    "\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
    "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P",
}


def normalize(value: Any) -> Any:
    """The plain Python value a YAML file can hold: enums become their value, tuples lists."""
    if isinstance(value, enum.Enum):
        return normalize(value.value)
    if isinstance(value, (list, tuple)):
        return [normalize(v) for v in value]
    if isinstance(value, dict):
        return {normalize(k): normalize(v) for k, v in value.items()}
    return value


def is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def inline(value: Any, style: str | None = None, flow: bool = False) -> str | None:
    """`value` as one line of YAML, or None when only a block scalar suits it.

    `style` is the quoting of the value being replaced (`'`, `"` or None for plain);
    it is kept when the new value can be written in it.
    """
    if not isinstance(value, str):
        return _non_string(value)
    if "\n" in value and not flow and literal_ok(value) and style not in ("'", '"'):
        return None
    if style == '"':
        return double_quoted(value)
    if style != "'" and plain_ok(value, flow):
        return value
    if _single_ok(value) and ("'" not in value or style == "'"):  # 'It''s' reads worse than "It's"
        return "'" + value.replace("'", "''") + "'"
    return double_quoted(value)


def _non_string(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, dt.datetime):
        raise TypeError("datetimes are not written into project files; use a date")
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write a {type(value).__name__} into a YAML file")


def _float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    if "." not in text:  # YAML 1.1 needs the dot: 1e+20 -> 1.0e+20
        mantissa, _, exponent = text.partition("e")
        text = f"{mantissa}.0" + (f"e{exponent}" if exponent else "")
    return text


def plain_ok(text: str, flow: bool = False) -> bool:
    """True when `text` can stand unquoted and still read back as this same string."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if not all(_printable(ch) and ch != "\t" for ch in text) or "\n" in text:
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(ch in _FLOW_UNSAFE for ch in text):
        return False
    if _NUMBER_12.match(text) or text.lower() in (".inf", "-.inf", "+.inf", ".nan"):
        return False
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"


def _single_ok(text: str) -> bool:
    return all(_printable(ch) and ch not in "\t\n" for ch in text)


def _printable(ch: str) -> bool:
    """YAML's c-printable, minus the characters YAML 1.1 treats as line breaks or a BOM."""
    code = ord(ch)
    return (
        0x20 <= code <= 0x7E
        or (0xA0 <= code <= 0xD7FF and ch not in "\u2028\u2029")
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or code >= 0x10000
    )


def double_quoted(text: str) -> str:
    return '"' + "".join(_escape(ch) for ch in text) + '"'


def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if _printable(ch):
        return ch
    code = ord(ch)
    return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}"


def literal_ok(text: str) -> bool:
    """True when a literal block scalar (| or |-) reproduces `text` exactly."""
    if "\n" not in text or text.endswith("\n\n") or text.strip(" \n") == "":
        return False
    if any(not _printable(ch) for ch in text.replace("\n", "")):
        return False
    first = next(line for line in text.split("\n") if line)
    # A leading space would need an explicit indentation indicator; keep it simple.
    return not first.startswith(" ")


def literal(text: str, indent: int, newline: str) -> str:
    """A literal block scalar: header plus the lines indented by `indent` spaces."""
    body = text[:-1] if text.endswith("\n") else text
    header = "|" if text.endswith("\n") else "|-"
    pad = " " * indent
    return header + "".join(newline + (pad + line if line else "") for line in body.split("\n"))


def block_scalar(text: str, style: str, indent: int, newline: str) -> str | None:
    """`text` as a block scalar like the one it replaces (`|` or `>`), or None if unfit."""
    if literal_ok(text):
        return literal(text, indent, newline)
    if not text or text[0] == " " or not _single_ok(text):
        return None
    # One line of text reads the same under | and > when it has no leading spaces.
    return f"{style}-{newline}{' ' * indent}{text}"


def flow(value: Any) -> str:
    """`value` in flow style ({a: 1, b: [x, y]}), for flow collections."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{flow(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    text = inline(value, None, flow=True)
    assert text is not None  # flow=True never asks for a block scalar
    return text


def block_lines(value: Any, indent: int, newline: str) -> list[str]:
    """A non-empty dict or list as block-style lines, each indented by `indent` spaces."""
    if isinstance(value, dict):
        lines: list[str] = []
        for key, item in value.items():
            lines += _entry(" " * indent + flow(key) + ":", item, indent, newline)
        return lines
    lines = []
    for item in value:
        if isinstance(item, (dict, list)) and item:
            nested = block_lines(item, indent + 2, newline)
            lines += [" " * indent + "- " + nested[0].lstrip(" "), *nested[1:]]
        else:
            lines += _entry(" " * indent + "-", item, indent, newline)
    return lines


def _entry(head: str, value: Any, indent: int, newline: str) -> list[str]:
    """'head value' for a scalar or empty collection, else head plus nested lines."""
    if isinstance(value, (dict, list)):
        if not value:
            return [f"{head} {flow(value)}"]
        return [head, *block_lines(value, indent + 2, newline)]
    text = inline(value)
    if text is None:
        text = literal(value, indent + 2, newline)
    return [f"{head} {text}"]
