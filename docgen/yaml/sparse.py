"""The node tree an edit needs, with the untouched items of long lists left out.

Composing PyYAML's located node tree of a 10,000-item project file costs more than
reading the file; an import edits a few hundred of those items. So the text is
composed with every untouched item of each edited top-level block list replaced by a
placeholder of the same length (`- 0`, blanks, the same line breaks): every offset,
line and column of the rest stays as in the file, the list keeps its length, so item
indexes still hold, and its last item stays real (appends go after it).

The tree is used only when it checks out: each sparse list has as many items as the
data, and every kept item reads as the data's item. Otherwise `None`, and the caller
composes the whole tree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import yaml

from .construct import construct
from .locate import entry

# A list needs this many items before leaving some out pays for the checks.
MIN_ITEMS = 200
# The second part of a path that appends to a list: only its last item is needed.
APPEND = "+"


def sparse_tree(text: str, data: Any, paths: Iterable[tuple], compose: Callable[[str], yaml.Node | None],
                loader: yaml.BaseLoader) -> yaml.Node | None:
    """The tree of `text` for edits at `paths`, untouched list items left out; or None."""
    if not isinstance(data, dict):
        return None
    touched: dict[str, set[int]] = {}
    for path in paths:
        key = path[0] if path else None
        if not isinstance(key, str) or not isinstance(data.get(key), list) or len(data[key]) < MIN_ITEMS:
            continue
        if len(path) >= 2 and (path[1] == APPEND or isinstance(path[1], int)):
            touched.setdefault(key, set()).update([path[1]] if isinstance(path[1], int) else [])
        else:
            touched[key] = set(range(len(data[key])))  # the whole list changes: nothing to leave out
    lists = []
    for key, indexes in touched.items():
        if any(not 0 <= index < len(data[key]) for index in indexes):
            return None  # an edit of an item that is not there: the whole tree reports it
        starts = _item_starts(text, key, len(data[key]))
        if starts is None:
            return None
        lists.append((starts, indexes | {len(starts) - 2}))  # and the last item (starts ends with the list's end)
    chunks, position = [], 0
    for starts, keep in sorted(lists):
        if len(keep) >= len(starts) - 1 or starts[0] < position:
            continue
        for index in range(len(starts) - 1):
            if index not in keep:
                chunks += [text[position:starts[index]], _placeholder(text, starts[index], starts[index + 1])]
                position = starts[index + 1]
    if not chunks:
        return None
    chunks.append(text[position:])
    sparse = "".join(chunks)
    try:
        root = compose(sparse)
    except yaml.YAMLError:  # the sparse text is not as planned: compose the whole file
        return None
    return root if _checks_out(root, data, touched, loader) else None


def _item_starts(text: str, key: str, count: int) -> list[int] | None:
    """Offsets of the lines of the `count` items of the top-level block list `key`, and
    of the line after the list; None when the text is not laid out that simply."""
    head = re.search(rf"^{re.escape(key)}:[ ]*(?:#[^\n]*)?\r?\n", text, re.MULTILINE)
    if head is None:
        return None
    first = re.compile(r"(?:[ ]*(?:#[^\n]*)?\r?\n)*( *)- ").match(text, head.end())
    if first is None:
        return None
    indent = first.group(1)
    dash = "\n" + indent + "- "
    # The list ends at the first line, not blank or a comment, indented less than its
    # dashes, or as much without a dash.
    shallower = "|".join([f"[ ]{{0,{len(indent) - 1}}}[^ \\r\\n#]"] if indent else []
                         + [f"{indent}[^ \\r\\n#-]", f"{indent}-[^ \\r\\n]"])
    end_match = re.compile(rf"\n(?:{shallower})").search(text, first.end())
    end = end_match.start() + 1 if end_match else len(text)
    starts = [first.start(1)]
    at = text.find(dash, first.end(), end)
    while at >= 0:
        starts.append(at + 1)
        at = text.find(dash, at + 1, end)
    alone = re.compile(rf"\n{indent}-\r?\n")  # a dash alone on its line: its item starts below
    if len(starts) != count or alone.search(text, first.start(1), end):
        return None
    return [*starts, end]


def _placeholder(text: str, start: int, end: int) -> str:
    """`- 0` where an item's dash is, then blanks and its line breaks: the same length."""
    breaks = text.count("\n", start, end)
    head = text[start:text.index("-", start)] + "- 0"
    blanks = end - start - len(head) - breaks
    if blanks < 0:  # an item shorter than its placeholder: keep it
        return text[start:end]
    return head + " " * blanks + "\n" * breaks


def _checks_out(root: yaml.Node | None, data: dict, touched: dict[str, set[int]], loader: yaml.BaseLoader) -> bool:
    if not isinstance(root, yaml.MappingNode):
        return False
    for key, indexes in touched.items():
        found = entry(root, key)
        items = data[key]
        if found is None or not isinstance(found[1], yaml.SequenceNode) or len(found[1].value) != len(items):
            return False
        for index in indexes | {len(items) - 1}:
            if construct(loader, found[1].value[index]) != items[index]:
                return False
    return True
