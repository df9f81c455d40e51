"""Draft or final: what each DOCX deliverable must hold before it can go out as final.

A document is a draft while its required content (DESIGN.md's table of deliverables)
is incomplete or while its own status says so; renderers then mark it DRAFT on its
cover and in its header, and `docgen build --final` refuses it (`docgen/drafts.py`).
A document without a date is incomplete too: its cover would otherwise show the day
it was built. Pure functions of the model: no file I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from .base import DocumentInfo, DocumentStatus, Side
from .meetings import Meeting
from .project import Project
from .refs import Loc, format_loc


@dataclass(frozen=True)
class Missing:
    loc: Loc
    what: str  # "no goals"
    hint: str


@dataclass(frozen=True)
class Draft:
    document: str  # renderer name, e.g. "charter"; minutes: "meeting-minutes MTG-..."
    missing: list[Missing]


Rule = Callable[[Project], Iterator[Missing]]


def _need(loc: Loc, value: object, what: str, hint: str) -> Iterator[Missing]:
    if not value:
        yield Missing(loc, what, hint)


def _dated(info: DocumentInfo, loc: Loc) -> Iterator[Missing]:
    if info.date is None:
        yield Missing((*loc, "document"), "no date", f"set {format_loc((*loc, 'document', 'date'))}; "
                      "without it the cover would show the build day")


def _status(info: DocumentInfo, loc: Loc) -> Iterator[Missing]:
    if info.status is not DocumentStatus.final:
        yield Missing((*loc, "document", "status"), f"its status is {info.status.value}",
                      "set it to final once the document is agreed")


def charter_content(project: Project) -> Iterator[Missing]:
    c, loc = project.charter, ("charter",)
    yield from _dated(c.document, loc)
    yield from _need((*loc, "goals"), c.goals, "no goals", "add charter.goals")
    yield from _need((*loc, "scope"), c.scope.included, "no scope", "add charter.scope.in")
    yield from _need((*loc, "responsibilities"), c.responsibilities, "no responsibilities (RACI)",
                     "add charter.responsibilities")
    yield from _need((*loc, "milestones"), c.milestones, "no milestones", "add charter.milestones")
    for part in ("documentation", "reporting", "communication"):
        yield from _need((*loc, "organisation"), getattr(c.organisation, part).strip(),
                         f"no {part} in the organisation", f"describe charter.organisation.{part}")
    sides = {project.person(p).side for p in c.signatories}
    yield from _need((*loc, "signatories"), sides >= set(Side), "no signatories on both sides",
                     "name who signs for the customer and the vendor in charter.signatories")


def workshop_content(project: Project) -> Iterator[Missing]:
    w, loc = project.workshop, ("workshop",)
    yield from _dated(w.document, loc)
    yield from _need(loc, w.date, "no workshop date", "set workshop.date")
    yield from _need(loc, w.location, "no location", "set workshop.location")
    yield from _need(loc, w.attendees, "no attendees", "list workshop.attendees")


def concept_content(project: Project) -> Iterator[Missing]:
    c, loc = project.concept, ("concept",)
    yield from _dated(c.document, loc)
    yield from _need(loc, c.revisions, "no revision history", "add concept.revisions")
    components = c.environment.components
    yield from _need((*loc, "environment"), components, "no components in the environment",
                     "list concept.environment.components (name, details)")
    for index, component in enumerate(components):
        yield from _need((*loc, "environment", "components", index), component.details.strip(),
                         f"the environment's component '{component.name}' is not evaluated",
                         f"describe it in concept.environment.components[{index}].details")
    yield from _need(loc, c.architecture.strip(), "no architecture", "describe concept.architecture")


def sow_content(project: Project) -> Iterator[Missing]:
    sow, loc = project.sow, ("sow",)
    if sow is None:
        return
    yield from _dated(sow.document, loc)
    yield from _need(loc, sow.work_packages, "no work packages", "add sow.work_packages")
    for part in ("assumptions", "exclusions", "acceptance"):
        yield from _need(loc, getattr(sow, part), f"no {part}", f"list sow.{part}")
    yield from _need(loc, sow.signatories or project.charter.signatories, "nobody signs it",
                     "name sow.signatories (or the charter's)")


def minutes_content(meeting: Meeting, index: int) -> Iterator[Missing]:
    loc = ("meetings", index)
    yield from _need((*loc, "attendees"), meeting.attendees, "no attendees", "list who attended")
    yield from _need((*loc, "topics"), meeting.topics, "no topics", "list the topics discussed")


def technical_content(project: Project) -> Iterator[Missing]:
    t, loc = project.technical_documentation, ("technical_documentation",)
    yield from _dated(t.document, loc)
    for part, what in (("systems", "installed systems"), ("test_accounts", "test accounts"),
                       ("contacts", "people in charge")):
        yield from _need(loc, getattr(t, part), f"no {what}", f"list technical_documentation.{part}")


def lessons_content(project: Project) -> Iterator[Missing]:
    lessons, loc = project.lessons_learned, ("lessons_learned",)
    yield from _dated(lessons.document, loc)
    yield from _need(loc, lessons.retrospective_date, "no retrospective date",
                     "set lessons_learned.retrospective_date")
    for part in ("went_well", "to_improve", "actions"):
        yield from _need(loc, getattr(lessons, part), f"no {part.replace('_', ' ')}",
                         f"list lessons_learned.{part}")


# Renderer name -> (its content rules, where its document control lives).
_DOCUMENTS: dict[str, tuple[Rule, Callable[[Project], DocumentInfo | None], Loc]] = {
    "charter": (charter_content, lambda p: p.charter.document, ("charter",)),
    "workshop-agenda": (workshop_content, lambda p: p.workshop.document, ("workshop",)),
    "implementation-concept": (concept_content, lambda p: p.concept.document, ("concept",)),
    "sow": (sow_content, lambda p: p.sow.document if p.sow else None, ("sow",)),
    "technical-documentation": (technical_content, lambda p: p.technical_documentation.document,
                                ("technical_documentation",)),
    "lessons-learned": (lessons_content, lambda p: p.lessons_learned.document, ("lessons_learned",)),
}
MINUTES = "meeting-minutes"


def missing_content(project: Project, document: str) -> list[Missing]:
    """What the document named `document` (a renderer name) still lacks; [] when complete."""
    return list(_DOCUMENTS[document][0](project)) if document in _DOCUMENTS else []


def meeting_missing(project: Project, meeting: Meeting) -> list[Missing]:
    return list(minutes_content(meeting, project.meetings.index(meeting)))


def drafts(project: Project, documents: list[str] | None = None) -> list[Draft]:
    """The DOCX deliverables among `documents` (default: all) that are not final yet:
    content missing, or their own status not final. Minutes are final once their
    meeting's attendees and topics are recorded."""
    wanted = documents or [*_DOCUMENTS, MINUTES]
    found = []
    for name in wanted:
        if name in _DOCUMENTS:
            rules, info_of, loc = _DOCUMENTS[name]
            info = info_of(project)
            if info is not None:
                missing = [*rules(project), *_status(info, loc)]
                found += [Draft(name, missing)] if missing else []
        elif name == MINUTES:
            found += [Draft(f"{MINUTES} {m.id}", gaps) for m in project.meetings
                      if (gaps := meeting_missing(project, m))]
    return found

