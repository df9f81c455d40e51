"""The three-way merge of a returned workbook: per field, per row, nothing lost.

Pure data in, decisions out; no files, no Excel. Values are compared in the JSON
form of `values.snapshot_of` (dates ISO, enums by value), so the base from `_meta`,
the current project ("ours") and the sheet ("theirs") compare like for like.

Per field: only one side changed -> take it; both changed to the same value ->
nothing to do; both changed differently -> a conflict, settled only by `prefer`.
Per row: a row missing from the sheet is reported and kept unless deletions are
accepted (and even then an item changed in project.yaml since the export is a
conflict, not a silent loss); a row whose item left project.yaml after the export
is ignored when unchanged, and a conflict when the customer changed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import is_
from typing import Any, Iterable, Literal, Mapping

Prefer = Literal["theirs", "ours"]
PREFER_CHOICES = ("theirs", "ours")


class _Unknown:
    """The base of a field whose export-time value cannot be trusted (an unsigned snapshot):
    equal to nothing, so that every difference between the sheet and project.yaml is a conflict."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()


@dataclass(frozen=True)
class SheetRow:
    """A keyed row of the returned sheet: editable values in JSON form and their cells."""

    key: str
    row: int  # 1-based sheet row, for messages
    values: Mapping[str, Any]
    cells: Mapping[str, str]  # field -> "Checklist!D14"


@dataclass(frozen=True)
class Conflict:
    """The same field changed differently in the sheet and in project.yaml."""

    key: str
    item_id: str
    field: str  # "" when the whole item is concerned, see `removed`
    where: str
    base: Any
    ours: Any
    theirs: Any
    settled: Prefer | None = None  # how --prefer settled it, None when it is open
    removed: Literal["", "ours", "theirs"] = ""  # the side that removed the whole item


@dataclass(frozen=True)
class Update:
    """A field of project.yaml that takes the sheet's value."""

    key: str
    item_id: str
    field: str
    where: str
    base: Any
    ours: Any
    theirs: Any  # the new value, in JSON form
    reason: Literal["theirs", "prefer-theirs"] = "theirs"


@dataclass(frozen=True)
class MissingRow:
    """An exported row that is no longer in the sheet."""

    key: str
    item_id: str
    delete: bool  # True when --accept-deletions removes the item from project.yaml


@dataclass
class MergeResult:
    updates: list[Update] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)  # open and settled ones
    agreed: list[tuple[str, str]] = field(default_factory=list)  # (item id, field) changed alike on both sides
    missing: list[MissingRow] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)  # ids of unchanged rows whose item left project.yaml
    restore: list[str] = field(default_factory=list)  # keys of rows to add back (conflict settled for theirs)

    @property
    def open_conflicts(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.settled is None]


def same(a: Any, b: Any) -> bool:
    """Equal with equal types: True is not 1, 1.0 is not 1."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def merge_value(base: Any, ours: Any, theirs: Any) -> Literal["keep", "theirs", "agreed", "conflict"]:
    """What to do with one field: keep ours, take theirs, nothing (both alike), or conflict."""
    if same(theirs, base):
        return "keep"
    if same(ours, base):
        return "theirs"
    if same(ours, theirs):
        return "agreed"
    return "conflict"


def merge_rows(base: Mapping[str, Mapping[str, Any]], ours: Mapping[str, Mapping[str, Any]],
               rows: Iterable[SheetRow], ids: Mapping[str, str], *, prefer: Prefer | None = None,
               accept_deletions: bool = False) -> MergeResult:
    """Merge every keyed row; `base` and `ids` by key from `_meta`, `ours` by key from the project.

    Every key of `rows` must be in `base` (the importer refuses unknown keys first).
    """
    if prefer is not None and prefer not in PREFER_CHOICES:
        raise ValueError(f"prefer must be one of {PREFER_CHOICES}, not {prefer!r}")
    result = MergeResult()
    seen = set()
    for row in rows:
        seen.add(row.key)
        if row.key not in ours:
            _merge_orphan(row, base[row.key], ids[row.key], prefer, result)
        elif not _unedited(row, base[row.key]):  # `ours` may work out an item's values only when asked
            _merge_row(row, base[row.key], ours[row.key], ids[row.key], prefer, result)
    for key in base:
        if key not in seen:
            _merge_missing(key, base[key], ours.get(key), ids[key], prefer, accept_deletions, result)
    return result


def _merge_missing(key: str, base: Mapping[str, Any], ours: Mapping[str, Any] | None, item_id: str,
                   prefer: Prefer | None, accept_deletions: bool, result: MergeResult) -> None:
    """A row deleted from the sheet: kept, deleted, or a conflict when project.yaml changed it."""
    if not accept_deletions or ours is None:
        result.missing.append(MissingRow(key, item_id, False))
        return
    if any(not same(ours.get(name), value) for name, value in base.items()):
        result.conflicts.append(Conflict(key, item_id, "", "", dict(base), dict(ours), None, prefer, "theirs"))
        if prefer != "theirs":
            result.missing.append(MissingRow(key, item_id, False))
            return
    result.missing.append(MissingRow(key, item_id, True))


def _unedited(row: SheetRow, base: Mapping[str, Any]) -> bool:
    """The row shows its base exactly: most of a 10,000-row sheet. An unedited row read
    from the sheet holds the base's own values, so identity answers before types must."""
    if row.values != base:
        return False
    theirs, was = list(row.values.values()), list(map(base.__getitem__, row.values))
    return all(map(is_, theirs, was)) or list(map(type, theirs)) == list(map(type, was))


def _merge_row(row: SheetRow, base: Mapping[str, Any], ours: Mapping[str, Any], item_id: str,
               prefer: Prefer | None, result: MergeResult) -> None:
    for name, theirs in row.values.items():
        if name not in base:  # a field the export did not offer for editing
            continue
        was, now, where = base[name], ours.get(name), row.cells.get(name, "")
        outcome = merge_value(was, now, theirs)
        if outcome == "theirs":
            result.updates.append(Update(row.key, item_id, name, where, was, now, theirs))
        elif outcome == "agreed":
            result.agreed.append((item_id, name))
        elif outcome == "conflict":
            result.conflicts.append(Conflict(row.key, item_id, name, where, was, now, theirs, prefer))
            if prefer == "theirs":
                result.updates.append(Update(row.key, item_id, name, where, was, now, theirs, "prefer-theirs"))


def _merge_orphan(row: SheetRow, base: Mapping[str, Any], item_id: str, prefer: Prefer | None,
                  result: MergeResult) -> None:
    """A row whose item was removed from project.yaml after the export."""
    changed = {name: value for name, value in row.values.items() if name in base and not same(value, base[name])}
    if not changed:
        result.orphans.append(item_id)
        return
    first = sorted(changed)[0]
    result.conflicts.append(Conflict(row.key, item_id, "", row.cells.get(first, ""), dict(base), None,
                                     dict(row.values), prefer, "ours"))
    if prefer == "theirs":
        result.restore.append(row.key)
