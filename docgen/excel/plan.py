"""Turn a merge into edits of project.yaml, validated with the project's own models.

Changed items and new items are validated as the project file would validate them
(the item's model, then references to people, work packages and requirements), so
a value the sheet accepted can still be refused, with its cell named. New rows get
the id the customer typed, if it is free, or the next free id in the project's style.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

from pydantic import ValidationError

from ..errors import Problem
from ..models import Project, find_reference_problems
from ..errors import format_loc
from ..loader import message_and_hint
from ..yaml.edit import AppendItem, DeleteItem, DeleteKey, Edit, SetValue
from ..yaml.emit import normalize
from ..yaml.locate import locate
from .report import Change
from .rows import NewRow, SheetRead, Table
from .layout import LAYOUTS, CellContext, WorkbookLayout
from .merge import MergeResult, Update, same
from .meta import Meta
from .values import ColumnReader

_NUMBERED = re.compile(r"^(.*?)(\d+)$")


@dataclass
class Plan:
    edits: list[Edit] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def plan_changes(data: Any, project: Project, layout: WorkbookLayout, meta: Meta, context: CellContext,
                 table: Table, ours: Mapping[str, tuple[int, Any]], sheet: SheetRead, merged: MergeResult,
                 source: str, located: tuple[Any, str] = (None, "project.yaml"),
                 defaults: Mapping[str, str] | None = None) -> Plan:
    """`located` is project.yaml as read (a `ParsedYaml`, whose node tree is composed only
    when a place must be named) and its name, to name the place of a reference;
    `defaults` (field -> model value, from --default) completes new rows' empty cells."""
    planner = _Planner(data, project, layout, meta, context, table, ours, source)
    planner.parsed, planner.project_file = located
    planner.defaults = dict(defaults or {})
    planner.updates(merged.updates)
    planner.deletions([m for m in merged.missing if m.delete])
    ids = {r.key: r.id for r in meta.rows}
    planner.additions(sheet.new, [(sheet.full[key], ids[key]) for key in merged.restore if key in sheet.full])
    planner.check_references()
    return planner.plan


class _Planner:
    def __init__(self, data: Any, project: Project, layout: WorkbookLayout, meta: Meta, context: CellContext,
                 table: Table, ours: Mapping[str, tuple[int, Any]], source: str) -> None:
        self.data, self.project, self.layout, self.table, self.ours = data, project, layout, table, ours
        self.source, self.meta = source, meta
        self.path = tuple(layout.collection.split("."))
        self.model = layout.model
        self.order = tuple(self.model.model_fields)
        self.readers = {c.field: ColumnReader(c, context) for c in layout.columns}
        self.plan = Plan()
        self.parsed: Any = None  # project.yaml as read (ParsedYaml): its node tree locates references
        self.defaults: dict[str, str] = {}  # --default field=value for new rows
        self.project_file = "project.yaml"
        self.checked: list[tuple[dict[str, Any], str, Mapping[str, str]]] = []  # item, id, field -> cell

    def raw_items(self) -> list[Any]:
        node = self.data
        for part in self.path:
            node = node.get(part) if isinstance(node, dict) else None
        return node or []

    # --- changed fields ----------------------------------------------------------

    def updates(self, updates: list[Update]) -> None:
        by_item: dict[int, list[Update]] = {}
        for update in updates:
            by_item.setdefault(self.ours[update.key][0], []).append(update)
        raw = self.raw_items()
        for index, group in by_item.items():
            item = dict(raw[index])
            for update in group:
                self._update(index, item, update)
            self._stamp_done_on(index, item, group)
            self._keep_earlier_run(index, raw[index], item, group)
            cells = {u.field: u.where for u in group}
            if self._valid(item, group[0].item_id, cells):
                self.checked.append((item, group[0].item_id, cells))

    def _update(self, index: int, item: dict[str, Any], update: Update) -> None:
        value = self.readers[update.field].to_yaml(update.theirs)
        path = (*self.path, index, update.field)
        if value in (None, "", []) and self._is_default(update.field, value):
            item.pop(update.field, None)
            self.plan.edits.append(DeleteKey(path))
        else:
            item[update.field] = value
            self.plan.edits.append(SetValue(path, value, self.order))
        note = "conflict settled: the sheet wins (--prefer theirs)" if update.reason == "prefer-theirs" else ""
        self.plan.changes.append(Change("update", update.item_id, update.field, update.ours, update.theirs,
                                        update.where, note))

    def _stamp_done_on(self, index: int, item: dict[str, Any], group: list[Update]) -> None:
        """An item the sheet marks done records the day, the project's as-of date, so that
        status reports can tell what was done when; an item reopened forgets it."""
        status = next((u for u in group if u.field == "status"), None)
        if status is None or "done_on" not in self.order or any(u.field == "done_on" for u in group):
            return
        path, before = (*self.path, index, "done_on"), item.get("done_on")
        if item.get("status") == "done" and before is None:
            day = self.project.project.as_of or dt.date.today()
            item["done_on"] = day
            self.plan.edits.append(SetValue(path, day, self.order))
        elif item.get("status") != "done" and before is not None:
            item.pop("done_on")
            self.plan.edits.append(DeleteKey(path))
        else:
            return
        self.plan.changes.append(Change("update", status.item_id, "done_on", _iso(before),
                                        _iso(item.get("done_on")), status.where,
                                        "set from the status" if before is None else "cleared: reopened"))

    def _keep_earlier_run(self, index: int, before: Any, item: dict[str, Any], group: list[Update]) -> None:
        """A new test result is a new run: the previous dated result moves to `earlier_runs`,
        and the new one is dated by the project's as-of date unless the sheet gives a date."""
        result = next((u for u in group if u.field == "result"), None)
        if result is None or "earlier_runs" not in self.order:
            return
        previous = {name: before.get(name) for name in ("date", "result", "tester", "remarks")}
        if previous["date"] is not None and previous["result"] not in (None, "not_run"):
            run = {name: value for name, value in previous.items() if value not in (None, "")}
            runs = [*(before.get("earlier_runs") or []), run]
            item["earlier_runs"] = runs
            self.plan.edits.append(SetValue((*self.path, index, "earlier_runs"), runs, self.order))
            self.plan.changes.append(Change("update", result.item_id, "earlier_runs", None, _iso(run["date"]),
                                            result.where, "the previous run is kept"))
        if not any(u.field == "date" for u in group) and item.get("result") != "not_run":
            day = self.project.project.as_of or dt.date.today()
            item["date"] = day
            self.plan.edits.append(SetValue((*self.path, index, "date"), day, self.order))
            self.plan.changes.append(Change("update", result.item_id, "date", _iso(previous["date"]), _iso(day),
                                            result.where, "the day of the new result"))

    def _is_default(self, name: str, value: Any) -> bool:
        info = self.model.model_fields[name]
        return not info.is_required() and same(normalize(info.get_default(call_default_factory=True)), value)

    # --- removed and added items -------------------------------------------------

    def deletions(self, missing: list[Any]) -> None:
        for row in missing:
            self.plan.edits.append(DeleteItem((*self.path, self.ours[row.key][0])))
            self.plan.changes.append(Change("delete", row.item_id, "", None, None, "", "--accept-deletions"))
        if missing:
            self._references_to({self.ours[row.key][0]: row.item_id for row in missing})

    def _references_to(self, deleted: dict[int, str]) -> None:
        """Refuse to delete an item that the rest of the project refers to (a meeting's
        action, a test): the written file would not validate."""
        raw = list(self.raw_items())
        for index in deleted:
            # The item stays in place under an id nobody uses, so that no index shifts.
            raw[index] = {**raw[index], "id": f"\x00deleted-{index}"}
        data = _replaced(self.data, self.path, raw)
        inside = [(*self.path, index) for index in deleted]
        for problem in find_reference_problems(data, Project):
            if not any(problem.loc[:len(loc)] == loc for loc in inside):
                self._referenced(problem.loc, deleted)

    def _referenced(self, loc: tuple, deleted: dict[int, str]) -> None:
        value = _value_at(self.data, loc)
        item_id = value if value in deleted.values() else next(iter(deleted.values()))
        node = self.parsed.node if self.parsed is not None else None
        where = locate(node, loc) if node is not None else ""
        place = f"{self.project_file}:{where}" if where else self.project_file
        self.plan.problems.append(Problem(
            self.source, "", item_id, f"its row was deleted, but {format_loc(loc)} ({place}) refers to it",
            "remove that reference from project.yaml first, or keep the row"))

    def additions(self, rows: list[NewRow], restored: list[tuple[NewRow, str]]) -> None:
        taken = self._taken_ids()
        rows = self._not_yet_imported(rows)
        wanted = [(row, row.values.get("id") or None, "") for row in rows]
        wanted += [(row, item_id, "added back (--prefer theirs)") for row, item_id in restored]
        claimed: dict[str, str] = {}
        for row, given, _ in wanted:
            if given:
                self._claim(given, row, taken, claimed)
        fresh = fresh_ids(set(taken) | set(claimed), [i.id for i in self.layout.items(self.project)],
                           self.layout.first_id)
        for row, given, note in wanted:
            if row.problems:
                self.plan.problems += row.problems
            else:
                self._add(row, given or next(fresh), note)
                self._left_out(row, given)

    def _left_out(self, row: NewRow, item_id: str | None) -> None:
        for name in row.left_out:
            self.plan.warnings.append(Problem(
                self.source, self.table.where(row.row, name), f"{item_id}.{name}",
                "not added back: the sheet shows this Markdown text as plain text",
                f"copy {name} from an earlier project.yaml (version control) if it is needed"))

    def _not_yet_imported(self, rows: list[NewRow]) -> list[NewRow]:
        """New rows minus those an earlier import of this workbook already added.

        Such a row has no key, so it looks new every time. It matches an item added to
        the project after the export that has the same title (and the same id, if the
        row gives one); each item matches one row at most.
        """
        exported = {row.key for row in self.meta.rows}
        later = [item for key, (_, item) in self.ours.items() if key not in exported]
        kept = []
        for row in rows:
            match = next((item for item in later if item.title == row.values.get("title")
                          and row.values.get("id") in (None, "", item.id)), None)
            if match is None:
                kept.append(row)
                continue
            later.remove(match)
            self._report_differences(row, match)
        return kept

    def _report_differences(self, row: NewRow, item: Any) -> None:
        differ = [name for name, value in row.values.items() if name != "id" and value not in (None, "", [])
                  and not same(normalize(value), normalize(getattr(item, name)))]
        if differ:
            self.plan.warnings.append(Problem(
                self.source, self.table.where(row.row, differ[0]), item.id,
                f"this new row was imported before as {item.id}; it differs in {', '.join(differ)}, "
                "which is not imported again", f"change {item.id} in project.yaml if needed"))

    def _taken_ids(self) -> dict[str, str]:
        """Ids the items of this model already use (requirements, or all tests) -> "project.yaml"."""
        return {item.id: "project.yaml" for layout in LAYOUTS.values() if layout.model is self.model
                for item in layout.items(self.project)}

    def _claim(self, given: str, row: NewRow, taken: Mapping[str, str], claimed: dict[str, str]) -> None:
        where = self.table.where(row.row, "id")
        first = claimed.get(given) or (self._cell_of_id(given) if given in taken else None)
        if first:
            self.plan.problems.append(Problem(self.source, where, f"{given}.id", f"the id '{given}' is already used "
                                              f"({first})", "leave the id empty for a new item; docgen numbers it"))
        claimed.setdefault(given, where)

    def _cell_of_id(self, item_id: str) -> str:
        for row in range(self.table.header + 1, len(self.table.rows)):
            if self.table.raw(row, "id") == item_id and self.table.raw(row, "_key"):
                return self.table.where(row, "id")
        return "project.yaml"

    def _add(self, row: NewRow, item_id: str, note: str) -> None:
        item: dict[str, Any] = {}
        for name in self.order:
            value = normalize(item_id if name == "id" else row.values.get(name))
            if value in (None, "", []) and name in self.defaults:
                value = self.defaults[name]  # validated below with the item, like a typed value
            # An empty cell leaves the model's default (or, for a mandatory field, a "required" error).
            if name == "id" or (value not in (None, "", []) and not self._is_default(name, value)):
                item[name] = value
        cells = {name: self.table.where(row.row, name) for name in row.values}
        if self._valid(item, item_id, cells, new=True):
            self.checked.append((item, item_id, cells))
            self.plan.edits.append(AppendItem(self.path, item))
            self.plan.changes.append(Change("add", item_id, "", None, item.get("title", ""),
                                            self.table.where(row.row, "id"), note))

    # --- validation --------------------------------------------------------------

    def _valid(self, item: dict[str, Any], item_id: str, cells: Mapping[str, str], new: bool = False) -> bool:
        try:
            self.model.model_validate(item)
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                name = str(detail["loc"][0]) if detail["loc"] else ""
                empty = detail["type"] == "missing" or item.get(name) in (None, "", [])
                self._invalid(item_id, name, cells, detail, new, empty)
            return False
        return True

    def _invalid(self, item_id: str, name: str, cells: Mapping[str, str], detail: dict, new: bool,
                 empty: bool) -> None:
        where = cells.get(name) or cells.get("id") or next(iter(cells.values()), "")
        if empty:
            column = name in self.table.columns
            message = "a value is required" if column else f"'{name}' is required but the sheet has no column for it"
            hint = "fill in the cell" if column else "add the item in project.yaml instead"
        else:
            message, hint = message_and_hint(detail)
        label = "(new row)" if new and not item_id else item_id
        self.plan.problems.append(Problem(self.source, where, f"{label}.{name}", message, hint))

    def check_references(self) -> None:
        """Dangling people, work package or requirement ids in changed and new items."""
        if not self.checked:
            return
        items = [item for item, _, _ in self.checked]
        data: dict[str, Any] = {
            "people": [p.model_dump(mode="json") for p in self.project.people],
            "sow": self.project.sow.model_dump(mode="json", by_alias=True) if self.project.sow else None,
            "requirements": [{"id": r.id} for r in self.project.requirements],
            "meetings": [{"id": m.id} for m in self.project.meetings],  # a checklist item's meeting
            # work packages that change requests add can be referred to like the SOW's
            "change_requests": [{"adds": [{"id": p.id} for p in r.adds]} for r in self.project.change_requests]}
        _place(data, self.path, items)
        for problem in find_reference_problems(data, Project):
            if problem.loc[:len(self.path)] == self.path and len(problem.loc) > len(self.path) + 1:
                _, item_id, cells = self.checked[problem.loc[len(self.path)]]
                name = str(problem.loc[len(self.path) + 1])
                self.plan.problems.append(Problem(self.source, cells.get(name, ""), f"{item_id}.{name}",
                                                  problem.message, problem.hint))


def _iso(value: Any) -> Any:
    """A change's values in JSON form: dates as ISO text."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _place(data: dict[str, Any], path: tuple[str, ...], items: list[Any]) -> None:
    """data[path[0]][path[1]]... = items, making the dicts on the way."""
    for part in path[:-1]:
        data = data.setdefault(part, {})
    data[path[-1]] = items


def _replaced(data: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    """A copy of `data` with data[path[0]][path[1]]... = value; `data` itself is not changed."""
    head, *rest = path
    inner = data.get(head) if isinstance(data.get(head), dict) else {}
    return {**data, head: _replaced(inner, tuple(rest), value) if rest else value}


def _value_at(data: Any, loc: tuple) -> Any:
    for part in loc:
        data = data[part]
    return data


def fresh_ids(taken: set[str], existing: list[str], first: str) -> Iterator[str]:
    """The next free ids in the style of the collection's last numbered id (REQ-041 -> REQ-042)."""
    numbered = [m for m in map(_NUMBERED.match, existing) if m]
    if numbered:
        prefix = numbered[-1].group(1)
        same_prefix = [m for m in numbered if m.group(1) == prefix]
    else:
        match = _NUMBERED.match(first)
        prefix, same_prefix = match.group(1), [match]
    width = Counter(len(m.group(2)) for m in same_prefix).most_common(1)[0][0]
    number = max(int(m.group(2)) for m in same_prefix) if numbered else 0
    while True:
        number += 1
        candidate = f"{prefix}{number:0{width}d}"
        if candidate not in taken:
            yield candidate
