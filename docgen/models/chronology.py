"""Documents that cite something dated after themselves.

A document is rendered as of its own date, so a fact it shows that happened later
(a revision, a test run, a retrospective) contradicts it: either the fact or the
document's date is wrong. These are warnings, not errors: the data can still be
rendered. Pure functions of the model: no file I/O.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

from .project import Project
from .refs import Loc


class LaterCitation(NamedTuple):  # a NamedTuple is cheaper to define than a dataclass
    loc: Loc  # the later fact
    message: str
    hint: str


def later_citations(project: Project) -> list[LaterCitation]:
    """Every fact a document shows that is dated after the document itself."""
    return [*_concept(project), *_charter(project), *_handover(project), *_retrospective(project)]


def _concept(project: Project) -> Iterator[LaterCitation]:
    day = project.concept.document.date
    for index, revision in enumerate(project.concept.revisions):
        if day and revision.date > day:
            yield LaterCitation(("concept", "revisions", index, "date"),
                                f"the concept dated {day} lists revision {revision.version} of {revision.date}",
                                "date the concept (concept.document.date) by its latest revision")


def _charter(project: Project) -> Iterator[LaterCitation]:
    day = project.charter.document.date
    for index, milestone in enumerate(project.charter.milestones):
        if day and milestone.done and milestone.date > day:
            yield LaterCitation(("charter", "milestones", index, "done"),
                                f"the charter dated {day} shows milestone {milestone.id} of {milestone.date} as done",
                                "update the charter's date, or the milestone")


def _handover(project: Project) -> Iterator[LaterCitation]:
    """Lessons learned and technical documentation both show the support handover's tested
    ticket process; a test run after the document's date did not exist for it."""
    test_id = project.launch.support_handover.ticket_process_test
    case = next((c for c in project.tests.internal + project.tests.customer if c.id == test_id), None)
    if case is None or case.date is None:
        return
    for section in ("lessons_learned", "technical_documentation"):
        day = getattr(project, section).document.date
        if day and case.date > day:
            yield LaterCitation(("launch", "support_handover", "ticket_process_test"),
                                f"{section} dated {day} shows the ticket process test {case.id} of {case.date}",
                                f"bring {section} up to date (a new version and date)")


def _retrospective(project: Project) -> Iterator[LaterCitation]:
    lessons = project.lessons_learned
    day, held = lessons.document.date, lessons.retrospective_date
    if day and held and held > day:
        yield LaterCitation(("lessons_learned", "retrospective_date"),
                            f"the lessons learned dated {day} report a retrospective of {held}",
                            "date the document on or after the retrospective")
