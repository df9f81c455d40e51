"""What an import changed, as a terminal table or as JSON."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..errors import Problem
from .merge import Conflict

_WIDTH = 36  # longest value shown in a table cell


@dataclass(frozen=True)
class Change:
    """One change of project.yaml: a field updated, an item added or deleted."""

    action: Literal["update", "add", "delete"]
    item_id: str
    field: str  # "" for a whole item
    old: Any  # JSON form: dates ISO, enums by value
    new: Any
    where: str  # the cell it came from, "Checklist!I5"
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"action": self.action, "id": self.item_id, "field": self.field, "old": self.old,
                "new": self.new, "cell": self.where, "note": self.note}


@dataclass
class ImportReport:
    workbook: Path
    project: Path
    kind: str  # "checklist", "internal" or "customer"
    dry_run: bool
    changes: list[Change] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    settled: list[Conflict] = field(default_factory=list)  # conflicts that --prefer decided
    written: bool = False
    backup: Path | None = None

    @property
    def has_changes(self) -> bool:
        return bool(self.changes)

    def counts(self) -> dict[str, int]:
        return {action: sum(c.action == action for c in self.changes) for action in ("update", "add", "delete")}

    def to_json(self) -> dict[str, Any]:
        return {
            "workbook": str(self.workbook), "project": str(self.project), "kind": self.kind,
            "dry_run": self.dry_run, "written": self.written,
            "backup": str(self.backup) if self.backup else None,
            "summary": {**self.counts(), "warnings": len(self.warnings)},
            "changes": [c.as_dict() for c in self.changes],
            "settled_conflicts": [_conflict_dict(c) for c in self.settled],
            "warnings": [w.as_dict() for w in self.warnings],
        }

    def render_table(self) -> str:
        lines = [self._headline()]
        if self.changes:
            rows = [("ITEM", "FIELD", "PROJECT.YAML", "SHEET", "CELL")]
            rows += [_row(change) for change in self.changes]
            widths = [max(len(r[i]) for r in rows) for i in range(5)]
            lines += ["", *("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)]
        for conflict in self.settled:
            winner = "the sheet" if conflict.settled == "theirs" else "project.yaml"
            lines.append(f"  conflict {conflict.where} {conflict.item_id}.{conflict.field or '*'}: {winner} wins")
        if self.warnings:
            lines += ["", "warnings:", *(f"  {w}" for w in self.warnings)]
        return "\n".join(lines)

    def _headline(self) -> str:
        counts = self.counts()
        parts = [f"{counts['update']} field(s) updated", f"{counts['add']} item(s) added",
                 f"{counts['delete']} item(s) deleted"]
        target = f"{self.workbook.name} -> {self.project}"
        if not self.changes:
            return f"{target}: no changes; project.yaml is unchanged"
        if self.dry_run:
            return f"{target}: {', '.join(parts)} (dry run: nothing written)"
        backup = f"; previous file saved as {self.backup.name}" if self.backup else ""
        return f"{target}: {', '.join(parts)}{backup}"


def _row(change: Change) -> tuple[str, str, str, str, str]:
    if change.action == "add":
        return change.item_id, "(new item)", "", _text(change.new), change.where
    if change.action == "delete":
        return change.item_id, "(deleted)", "", "", change.where or "(row removed)"
    return change.item_id, change.field, _text(change.old), _text(change.new), change.where


def _text(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = " / ".join(value) if isinstance(value, list) else str(value)
    text = text.replace("\n", " ")
    return text if len(text) <= _WIDTH else text[:_WIDTH - 1] + "…"


def _conflict_dict(conflict: Conflict) -> dict[str, Any]:
    return {"id": conflict.item_id, "field": conflict.field, "cell": conflict.where, "base": conflict.base,
            "ours": conflict.ours, "theirs": conflict.theirs, "settled": conflict.settled}
