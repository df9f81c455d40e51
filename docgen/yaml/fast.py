"""Plain data from YAML text with a compiled parser, for the common, valid file.

`yaml_rs` (Rust, on saphyr) parses a large project file in a fraction of the time of
PyYAML's C loader, whose composer calls back into Python for every scalar and builds
a node with two marks for each. It rejects duplicate keys itself. It differs from
docgen's located reader (`read.py`: PyYAML's C parser, YAML 1.2 booleans, YAML 1.1
octals and timestamps) in how some plain scalars are typed, in features project
files seldom use, and in some invalid text it accepts. So `fast_data` answers only
for text in which a scan of the bytes (`risky`: it may find too much, never too
little) finds none of those, and only when the walk over the data finds nothing the
located reader builds otherwise; then its data is the one the located reader builds,
which `tests/test_yaml_fast.py` checks on every such construct and by property tests.
Otherwise, and on any error, it declines, and the located reader gives the data or
the exact, located error.

What the scan and the walk cover:
- Timestamps: yaml_rs leaves `2026-01-05` as text (parse_datetime off, since it would
  also convert quoted dates); the located reader makes plain ones dates. The walk
  types date-like text as the located reader would, so every scalar that looks like
  a timestamp must be plain: a quoted, escaped or strip-chomped block scalar that
  could spell one is in the scan.
- Numbers: yaml_rs reads `0777` as 777, `0o17`, `1e5`, `-.5`, `.iNf`, `0X1F`, `_5`
  as numbers, the located reader as octal or text: any such token where a scalar can
  start is in the scan.
- Anchors, tags, merge keys, `=`, directives, several documents, complex keys, tabs,
  carriage returns, control characters, NEL and U+2028/9: the located reader handles
  or reports them (the alias-bomb guard, positions, messages). An alias without an
  anchor is an error yaml_rs reports too.
- Flow collections: yaml_rs takes plain scalars in them that libyaml refuses, so only
  simple one-line lists and mappings pass (a Markdown link at the start of a line of
  a block scalar is text, not a flow collection).
- Keys must be plain text (the located reader counts 1 and '1' as duplicates), the
  top level a mapping, and no block scalar empty (yaml_rs reads it as a line break).
"""

from __future__ import annotations

import re
from typing import Any

import yaml


class _Lazy:
    """A regular expression compiled on first use: importing docgen stays cheap for
    commands that never read a project file."""

    def __init__(self, pattern: bytes, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags

    def __getattr__(self, name: str) -> Any:  # search, match, fullmatch, finditer
        compiled = re.compile(self.pattern, self.flags)
        self.__dict__.update({n: getattr(compiled, n) for n in ("search", "match", "fullmatch", "finditer")})
        return getattr(compiled, name)


# Every check below is one fast search of the UTF-8 bytes (a literal first, so the
# regular expression engine skips ahead at C speed); together about a fifth of a parse.
_SCALAR_START = b" \n[{,"  # tabs and carriage returns are refused outright
_TOKEN = frozenset(b"-+0123456789_.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_TOKEN_END = _Lazy(rb"[ ]*(?:$|#|[,\]}]|:[ \n]|:$)", re.MULTILINE)
# Plain scalars the two typings read differently: leading zeros, 0o/0X/0O/0B, a
# leading '.' or '_' (-.5, .iNf, _1), an exponent without sign or dot (1e5, 1.0e5),
# unless the token is one of the forms both read alike (`_ALIKE`).
_NUMBER = _Lazy(rb"[-+]?(?:0(?:[0-9_XOoB]|[xb]_)|[._]|[0-9][0-9_]*\.?[0-9_]*[eE])[-+0-9_.a-zA-Z]*")
_ALIKE = _Lazy(rb"[-+]?[0-9][0-9_]*\.[0-9_]*[eE][-+][0-9]+|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                    rb"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_NUMBER_HINTS = [_Lazy(p) for p in (
    rb"0(?:(?<=[ \n\[{,]0)|(?<=[ \n\[{,][-+]0))(?:[0-9_XOoB]|[xb]_)",
    rb"\.(?:(?<=[ \n\[{,]\.)|(?<=[ \n\[{,][-+]\.))",
    rb"_(?:(?<=[ \n\[{,]_)|(?<=[ \n\[{,][-+]_))",
    rb"e(?<=[0-9.]e)", rb"E(?<=[0-9.]E)",  # 1e5, and 0.E0, which yaml_rs reads as a float
)]
_ANYWHERE = [_Lazy(p, re.MULTILINE) for p in (
    rb"\t", rb"\r", rb"<<", rb"\n(?:---|\.\.\.|%)",
    # control characters, NEL and the Unicode line separators (line breaks in YAML 1.1,
    # text in 1.2), a byte-order mark inside the text
    rb"\xc2[\x80-\x9f]", rb"\xe2\x80[\xa8\xa9]", rb"\xef(?:\xbb\xbf|\xbf[\xbe\xbf])",
    # anchors, tags, complex keys, the value key '='
    rb"&(?<=[ \n\[{,]&)", rb"!(?<=[ \n\[{,]!)", rb"\?(?<=[ \n\[{,]\?)(?=[ \n])",
    rb"=(?<=[ \n\[{,]=)[ ]*(?:$|#|[,\]}]|:[ \n])",
    # a quoted, escaped or strip-chomped block scalar that could read as a timestamp
    rb'"[ \n]*[0-9]{4}-', rb"'[ \n]*[0-9]{4}-", rb'"[ \n]*\\',
    rb"\|[1-9]?-[1-9]?[ ]*(?:#[^\n]*)?\n[ ]*[0-9]{4}-", rb">[1-9]?-[1-9]?[ ]*(?:#[^\n]*)?\n[ ]*[0-9]{4}-",
)]
# Flow collections: yaml_rs takes plain scalars in them that libyaml refuses ([|],
# [:x], [http://x], {?*}), so only the simple one-line forms project files use are
# left to it: a list or a mapping of plain words and quoted texts without escapes.
_FLOW_OPEN = _Lazy(rb"[\[{]")
_S = rb"(?:[^-?:,\[\]{}#&*!|>'\"%@` \n][^,\[\]{}:#'\"\n]*|'[^'\n]*'|\"[^\"\\\n]*\")"
_SIMPLE_FLOW = _Lazy(
    rb"(?:\[[ ]*(?:S(?:[ ]*,[ ]*S)*[ ]*)?\]|\{[ ]*(?:S:[ ]+S(?:[ ]*,[ ]*S:[ ]+S)*[ ]*)?\})[ ]*(?:#[^\n]*)?(?:\n|$)"
    .replace(b"S", _S))
_CONTROL = bytes(c for c in range(256) if c >= 0x20 and c != 0x7F or c == 0x0A)


def risky(raw: bytes) -> bool:
    """Whether the text may hold anything the compiled parser reads otherwise than the
    located reader (see the module's docstring); may say yes too often, never too seldom."""
    if raw[:1] in (b"&", b"!", b"?", b"%", b"=", b"_", b".", b"0", b"+") or raw.startswith((b"...", b"---")) and raw[3:4] != b"\n":
        return True
    if raw.translate(None, _CONTROL) or any(pattern.search(raw) for pattern in _ANYWHERE):
        return True
    if (b"[" in raw or b"{" in raw) and any(_complex_flow(raw, m.start()) for m in _FLOW_OPEN.finditer(raw)):
        return True
    return any(_number_at(raw, match.start()) for hint in _NUMBER_HINTS for match in hint.finditer(raw))


def _complex_flow(raw: bytes, at: int) -> bool:
    """Whether a flow collection may start at `at` and is not of the simple kind."""
    line_start = raw.rfind(b"\n", 0, at) + 1
    if raw[line_start:at].lstrip(b" ").startswith(b"#"):
        return False  # a comment line; as content of a block or quoted scalar, it is text
    before = at - 1
    while before >= 0 and raw[before] == 0x20:
        before -= 1
    if before >= 0 and raw[before] == 0x0A and _in_block_scalar(raw, before + 1, at - before - 1):
        return False  # a Markdown link at the start of a line of a description
    starts = before < 0 or raw[before] in b"\n[{," or raw[before] in b":-?" and before < at - 1
    return starts and not _SIMPLE_FLOW.match(raw, at)


_BLOCK_HEADER = _Lazy(rb"(?:^[ ]*|[:-][ ]+)[|>][-+1-9]*[ ]*(?:#[^\n]*)?$")


def _in_block_scalar(raw: bytes, line_start: int, indent: int) -> bool:
    """Whether the line at `line_start` (indented by `indent`) is content of a block
    scalar: going up to ever less indented lines, one ends with `|` or `>` (every line
    between is indented more than that header, so all of them are its content)."""
    end = line_start - 1
    while end > 0 and indent > 0:
        start = raw.rfind(b"\n", 0, end) + 1
        line = raw[start:end]
        text = line.lstrip(b" ")
        if text and len(line) - len(text) < indent:
            if not text.startswith(b"#") and _BLOCK_HEADER.search(line):
                return True
            indent = len(line) - len(text)
        end = start - 1
    return False


def _number_at(raw: bytes, at: int) -> bool:
    """Whether the token around `at` is a whole plain scalar the typings read differently."""
    start = at
    while start > 0 and raw[start - 1] in _TOKEN:
        start -= 1
    if start > 0 and raw[start - 1] not in _SCALAR_START:
        return False
    end = at
    while end < len(raw) and raw[end] in _TOKEN:
        end += 1
    if not _TOKEN_END.match(raw, end):
        return False
    return bool(_NUMBER.fullmatch(raw, start, end)) and not _ALIKE.fullmatch(raw, start, end)


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Typer:
    """Date-like text to what the located reader's resolver and constructor make of it."""

    def __init__(self, loader_class: type) -> None:
        self.loader = loader_class("")
        self.done: dict[str, Any] = {}

    def __call__(self, text: str) -> Any:
        try:
            return self.done[text]
        except KeyError:
            pass
        value: Any = text
        if self.loader.resolve(yaml.ScalarNode, text, (True, False)) == _TIMESTAMP:
            value = self.loader.construct_yaml_timestamp(yaml.ScalarNode(_TIMESTAMP, text))
        self.done[text] = value
        return value


def fast_data(text: str, loader_class: type) -> tuple[bool, Any]:
    """(True, the plain data) when the compiled parser can read `text` exactly as the
    located reader would; (False, None) when the located reader must run."""
    try:  # a declared dependency; without it every file takes the located path
        import yaml_rs
    except ImportError:  # pragma: no cover - the package is an install requirement
        return False, None
    if risky(text.encode("utf-8")):
        return False, None
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # any problem is reported, located, by the located reader
        return False, None
    if data.__class__ is not dict:  # a project file is a mapping; anything else is rare
        return False, None
    typer = _Typer(loader_class)
    try:
        _walk(data, typer)
    except _Different:
        return False, None
    finally:
        typer.loader.dispose()
    return True, data


class _Different(Exception):
    """The data holds something the located reader builds otherwise."""


def _walk(value: dict | list, typer: _Typer) -> None:
    """Type the date-like text of `value` in place as the located reader would; raise
    `_Different` for anything it builds otherwise. Most values are left untouched, so
    the walk only reads (a copy of 10^5 values would cost as much as the parse)."""
    pairs = value.items() if value.__class__ is dict else enumerate(value)
    for key, item in pairs:
        cls = item.__class__
        if cls is str:
            if item[:1] in _SPECIAL:
                value[key] = _text(item, typer)
        elif cls is dict or cls is list:
            _walk(item, typer)
        elif cls not in _SCALARS:
            raise _Different
    if value.__class__ is dict:
        _check_keys(value, typer)


def _text(text: str, typer: _Typer) -> Any:
    if text[:1] == "\n":  # yaml_rs reads an empty block scalar as "\n", libyaml as ""
        raise _Different
    return typer(text)


def _check_keys(mapping: dict, typer: _Typer) -> None:
    """Keys must be plain text: the located reader counts duplicates by their text (1
    and '1'), yaml_rs by their value. Date-like keys are typed, in their order."""
    typed = False
    for key in mapping:
        if key.__class__ is not str:
            raise _Different
        typed = typed or key[:1] in _SPECIAL
    if typed:
        items = [(_text(key, typer) if key[:1] in _SPECIAL else key, item) for key, item in mapping.items()]
        if len({key for key, _ in items}) < len(items):  # two spellings of one time
            raise _Different
        mapping.clear()
        mapping.update(items)


# The first characters of text the walk must look at: a digit (a timestamp), a line break.
_SPECIAL = frozenset("0123456789\n")
_SCALARS = (int, float, bool, type(None))
