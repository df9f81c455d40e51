"""Prove that an edited YAML text reads back as the intended data before it is written.

Small files are simply parsed again. A large project (10,000 requirements) would
pay a second full parse for a handful of changed rows, so when every change lies
inside an item of a block list, only those items are parsed again: the rest of
the text is byte-identical to a file that was already read, and an item's lines,
at their original columns, read the same alone as in place.
"""

from __future__ import annotations

import bisect
from typing import Any, Iterable, Sequence

from ..errors import ProblemsError, format_loc
from .read import ANCHOR, parse_yaml
from .splice import AppendItem, DeleteItem, DeleteKey, PathT, SetValue, Splice

FULL_CHECK_MAX_CHARS = 400_000  # below this a full re-parse costs less than 0.1 s
_MISSING = object()


def verify(old_text: str, new_text: str, splices: list[Splice], data: Any, edits: Sequence[Any],
           name: str) -> str:
    """'' when `new_text` reads as `data` with `edits` applied, else what differs."""
    staged, final = expected_data(data, edits)
    if _needs_full_check(old_text, splices):
        return _full_check(new_text, final, name)
    return _window_check(new_text, splices, staged, final, name)


def _needs_full_check(old_text: str, splices: list[Splice]) -> bool:
    if len(old_text) <= FULL_CHECK_MAX_CHARS or ("&" in old_text and ANCHOR.search(old_text)):
        return True
    if any(s.kind == "change" and s.window is None for s in splices):
        return True
    windows = [s.window for s in splices if s.window is not None]
    # Whole items added or removed inside a changed item would make it differ from its staged value.
    whole = [s for s in splices if s.kind != "change"]
    if any(w.start < s.start < w.end for s in whole for w in windows):
        return True
    inserted_at = {s.start for s in splices if s.kind == "change" and s.start == s.end}
    return any(s.start in inserted_at for s in whole)


def _full_check(new_text: str, expected: Any, name: str) -> str:
    actual = _parse(new_text, name)
    if isinstance(actual, str):
        return actual
    return _difference(actual, expected, ())


def _parse(text: str, name: str) -> Any:
    """The data of `text`, or a description of why it does not parse."""
    try:
        return parse_yaml(text, name).data
    except ProblemsError as error:
        return f"does not parse: {error.problems[0]}"


def _window_check(new_text: str, splices: list[Splice], staged: Any, final: Any, name: str) -> str:
    """Parse the changed items and the new ones together, each under a key of its own."""
    moved = _Offsets(splices)
    fragments = []
    for window in sorted({s.window for s in splices if s.window is not None}, key=lambda w: w.start):
        text = new_text[moved.start(window.start):moved.end(window.end)]
        fragments.append((text, [_get(staged, window.path)], window.path))
    for splice in splices:
        if splice.kind == "new-items":
            items = _get(final, splice.path)[-splice.items:]
            fragments.append((splice.text.strip("\r\n"), items, splice.path))
    if not fragments:
        return ""  # only whole items removed: nothing was written that could read wrongly
    newline = "\r\n" if "\r\n" in new_text else "\n"
    # A key at column 0 ends whatever block the fragment before it left open.
    document = "".join(f"w{i}:{newline}{text.rstrip(newline)}{newline}" for i, (text, _, _) in enumerate(fragments))
    actual = _parse(document, name)
    if isinstance(actual, str):
        return actual
    expected = {f"w{i}": items for i, (_, items, _) in enumerate(fragments)}
    if not isinstance(actual, dict) or actual.keys() != expected.keys():
        return "the changed items do not parse as separate items"
    return next((d for i, (_, items, path) in enumerate(fragments)
                 if (d := _difference(actual[f"w{i}"], items, path))), "")


class _Offsets:
    """Maps an index of the old text to the new text, given the sorted splices."""

    def __init__(self, splices: list[Splice]) -> None:
        self.starts = [s.start for s in splices]
        self.splices = splices
        self.shift = [0]
        for each in splices:
            self.shift.append(self.shift[-1] + len(each.text) - (each.end - each.start))

    def end(self, index: int) -> int:
        """Where old `index` lands, after keys but before whole items inserted exactly there."""
        count = bisect.bisect_left(self.starts, index)
        while count < len(self.splices) and self._inserted_at(count, index) and self.splices[count].kind == "change":
            count += 1
        return index + self.shift[count]

    def _inserted_at(self, count: int, index: int) -> bool:
        return self.splices[count].start == self.splices[count].end == index

    def start(self, index: int) -> int:
        """Where old `index` lands, after anything inserted exactly there."""
        count = bisect.bisect_left(self.starts, index)
        while count < len(self.splices) and self._inserted_at(count, index):
            count += 1
        return index + self.shift[count]


def expected_data(data: Any, edits: Iterable[Any]) -> tuple[Any, Any]:
    """(data with values set and keys removed, data with all edits): copies, `data` untouched."""
    owner = _Owner()
    root = owner.own(data)
    edits = list(edits)
    for edit in edits:
        if isinstance(edit, SetValue):
            parent = owner.walk(root, edit.path[:-1], create=True)
            _put(parent, edit.path[-1], edit.value)
        elif isinstance(edit, DeleteKey):
            parent = owner.walk(root, edit.path[:-1], create=False)
            if isinstance(parent, dict):
                parent.pop(edit.path[-1], None)
    staged_owner = _Owner()
    final = staged_owner.own(root)
    drops = sorted((e.path for e in edits if isinstance(e, DeleteItem)), key=lambda p: p[-1], reverse=True)
    for path in drops:
        del staged_owner.walk(final, path[:-1], create=False)[path[-1]]
    for edit in edits:
        if isinstance(edit, AppendItem):
            sequence = staged_owner.walk(final, edit.path, create=True, leaf=list)
            sequence.append(edit.item)
    return root, final


class _Owner:
    """Copy-on-write: containers on edited paths are copied once, everything else shared."""

    def __init__(self) -> None:
        self.copies: dict[int, Any] = {}
        self.keep: list[Any] = []  # keeps originals alive so their ids stay unique

    def own(self, value: Any) -> Any:
        if id(value) in self.copies:
            return self.copies[id(value)]
        copy = dict(value) if isinstance(value, dict) else list(value)
        self.keep.append(value)
        self.copies[id(value)] = self.copies[id(copy)] = copy
        return copy

    def walk(self, node: Any, path: PathT, create: bool, leaf: type = dict) -> Any:
        for depth, part in enumerate(path):
            child = _get_one(node, part)
            if child is _MISSING or child is None:
                if not create:
                    return None
                child = leaf() if depth == len(path) - 1 else {}
            else:
                child = self.own(child)
            _put(node, part, child)
            node = child
        return node


def _get_one(node: Any, part: Any) -> Any:
    if isinstance(node, dict):
        return node.get(part, _MISSING)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return _MISSING


def _get(node: Any, path: PathT) -> Any:
    for part in path:
        node = _get_one(node, part)
    return node


def _put(node: Any, part: Any, value: Any) -> None:
    if isinstance(node, list) and isinstance(part, int) and part == len(node):
        node.append(value)
    else:
        node[part] = value


def _difference(actual: Any, expected: Any, path: PathT) -> str:
    """'' when equal with equal types (True is not 1), else the first place that differs."""
    if type(actual) is not type(expected):
        return f"{format_loc(path) or 'the file'}: {actual!r} instead of {expected!r}"
    if isinstance(actual, dict):
        if actual.keys() != expected.keys():
            return f"{format_loc(path) or 'the file'}: keys {sorted(actual)} instead of {sorted(expected)}"
        return next((d for k in actual if (d := _difference(actual[k], expected[k], (*path, k)))), "")
    if isinstance(actual, list):
        if len(actual) != len(expected):
            return f"{format_loc(path)}: {len(actual)} items instead of {len(expected)}"
        return next((d for i, (a, e) in enumerate(zip(actual, expected))
                     if (d := _difference(a, e, (*path, i)))), "")
    return "" if actual == expected else f"{format_loc(path)}: {actual!r} instead of {expected!r}"
