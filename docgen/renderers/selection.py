"""`--only NAME[:ITEM]`: which documents a build renders, and which items of them.

A renderer that makes one file per item (the minutes, one per meeting) can be asked
for some items only: `--only meeting-minutes:MTG-2026-11-23`. Other documents are one
file each, so an item there is a usage error that says which documents take one.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import UsageError

# renderer name -> what its items are (for messages)
ITEM_RENDERERS = {"meeting-minutes": "meeting id"}


def split_entry(entry: str) -> tuple[str, str | None]:
    """'meeting-minutes:MTG-1' -> ('meeting-minutes', 'MTG-1'); 'charter' -> ('charter', None)."""
    name, colon, item = entry.partition(":")
    if colon and not item.strip():
        raise UsageError(f"--only {entry}: nothing after ':'; write NAME:ITEM, e.g. meeting-minutes:MTG-2026-11-23")
    return name.strip(), item.strip() if colon else None


def selected_items(only: Iterable[str] | None) -> dict[str, frozenset[str]]:
    """Renderer name -> the item ids asked for; renderers asked for whole are absent."""
    items: dict[str, set[str]] = {}
    whole: set[str] = set()
    for entry in only or []:
        name, item = split_entry(entry)
        if item is None:
            whole.add(name)
            continue
        if name not in ITEM_RENDERERS:
            raise UsageError(f"--only {entry}: '{name}' is one document and takes no item; "
                             f"items work for: {', '.join(f'{n}:<{k}>' for n, k in ITEM_RENDERERS.items())}")
        items.setdefault(name, set()).add(item)
    return {name: frozenset(ids) for name, ids in items.items() if name not in whole}


def pick(name: str, items: dict[str, frozenset[str]], available: list[str], kind: str) -> set[str] | None:
    """The ids of `available` asked for `name` (None: all); a UsageError for an unknown id."""
    wanted = items.get(name)
    if wanted is None:
        return None
    unknown = sorted(wanted - set(available))
    if unknown:
        raise UsageError(f"--only {name}:{unknown[0]}: no {kind} '{unknown[0]}' in this project "
                         f"(known: {', '.join(available) or 'none'})")
    return set(wanted)
