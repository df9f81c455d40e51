"""`docgen checklist-actions`: meeting actions marked `checklist: true` become checklist items.

The seed's checklist "is expanded during meetings or calls". An action marked for the
checklist gets an item of the Requirements Checklist, and the two refer to each other:
the action's `requirement` names the item, the item's `meeting` names the meeting.
A marked action that already names an item only gets the link back. The item takes
the action's title, owner (and that owner's side), due date and, for a done action,
the status done; its phase is the project's current phase. Nothing else is touched,
and running it again changes nothing. project.yaml is edited in place (byte-preserving,
atomic, previous file kept as project.yaml.bak), as `docgen import` does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .project_file import load_project_file, write_project
from .excel.plan import fresh_ids  # one rule for new ids, the checklist import's
from .excel.layout import CHECKLIST
from .models import Action, Meeting, Project, Requirement, Status
from .yaml.edit import AppendItem, Edit, SetValue, apply_edits

# Where a new key goes in an action or requirement: the models' field order.
ACTION_ORDER = tuple(Action.model_fields)
REQUIREMENT_ORDER = tuple(Requirement.model_fields)


@dataclass(frozen=True)
class Link:
    meeting: str
    action: str  # its title
    requirement: str
    created: bool  # a new checklist item, else only the link back was added


@dataclass
class ChecklistActionsReport:
    project: Path
    dry_run: bool
    links: list[Link] = field(default_factory=list)
    written: bool = False
    backup: Path | None = None

    def render_text(self) -> str:
        lines = [f"{'created' if l.created else 'linked '} {l.requirement}: {l.action} (from {l.meeting})"
                 for l in self.links]
        if not self.links:
            lines.append(f"every action marked for the checklist is linked; {self.project} unchanged")
        elif self.written:
            lines.append(f"wrote {self.project} (previous file: {self.backup})")
        else:
            lines.append("dry run: nothing written")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {"project": str(self.project), "dry_run": self.dry_run, "written": self.written,
                "links": [vars(l) for l in self.links]}


def checklist_actions(project: Path, *, dry_run: bool = False) -> ChecklistActionsReport:
    """Create the checklist items of marked meeting actions and link both ways; see the module docstring."""
    state = load_project_file(Path(project))
    edits, links = plan_links(state.project)
    report = ChecklistActionsReport(Path(project), dry_run, links)
    if edits:
        new_text = apply_edits(state.text, edits, state.parsed, str(project))
        if not dry_run:
            report.backup = write_project(state, new_text)
            report.written = True
    return report


def plan_links(project: Project) -> tuple[list[Edit], list[Link]]:
    """The edits that create or link the checklist items of marked actions, and what they do."""
    index = {r.id: n for n, r in enumerate(project.requirements)}
    ids = fresh_ids(set(index), list(index), CHECKLIST.first_id)
    edits: list[Edit] = []
    links: list[Link] = []
    for m, meeting in enumerate(project.meetings):
        for a, action in enumerate(meeting.actions):
            if not action.checklist:
                continue
            if action.requirement is None:
                new_id = next(ids)
                edits += [AppendItem(("requirements",), new_item(project, meeting, action, new_id)),
                          SetValue(("meetings", m, "actions", a, "requirement"), new_id, ACTION_ORDER)]
                links.append(Link(meeting.id, action.title, new_id, True))
            elif project.requirement(action.requirement).meeting is None:
                path = ("requirements", index[action.requirement], "meeting")
                if not any(getattr(e, "path", None) == path for e in edits):
                    edits.append(SetValue(path, meeting.id, REQUIREMENT_ORDER))
                    links.append(Link(meeting.id, action.title, action.requirement, False))
    return edits, links


def new_item(project: Project, meeting: Meeting, action: Action, item_id: str) -> dict[str, Any]:
    """The checklist item of an action, as project.yaml writes it."""
    item: dict[str, Any] = {
        "id": item_id,
        "title": action.title,
        "phase": project.project.phase.value,
        "side": project.person(action.responsible).side.value,
        "responsible": action.responsible,
    }
    if action.due is not None:
        item["due"] = action.due
    if action.done:
        item["status"] = Status.done.value
    item["meeting"] = meeting.id
    return item
