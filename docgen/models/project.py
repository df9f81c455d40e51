"""The whole project file: one model that holds every deliverable's data."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .approval import LessonsLearned, TechnicalDocumentation
from .base import Color, Date, Id, Language, Model, Phase, PersonRef, Text
from .charter import Charter
from .concept import Concept
from .launch import Launch
from .meetings import Meeting
from .people import Person
from .requirements import Requirement
from .sow import Sow
from .testing import Tests
from .workshop import Workshop

SCHEMA_VERSION = 1


class Party(Model):
    name: Text
    """Legal name of the company."""
    logo: Text | None = Field(None, description="Image file, relative to the project file.")
    address: Text = ""
    """Postal address, printed on the cover."""


class ProjectInfo(Model):
    id: Id
    """Short unique id of the project; the output folder OUT/<id>/ is named by it."""
    title: Text
    """Title of the project, printed on every document."""
    customer: Party
    """The customer: name, logo, address."""
    vendor: Party
    """The vendor (the professional-services company): name, logo, address."""
    language: Language = Language.en
    """Language of the documents: en or de."""
    phase: Phase = Phase.initialization
    """Current phase: initialization, implementation or approval."""
    start: Date
    """Start date of the project (YYYY-MM-DD)."""
    end: Date | None = None
    """Planned end date of the project (YYYY-MM-DD)."""
    as_of: Date | None = Field(
        None,
        description="The date this data reflects. Documents are dated by it and open items"
        " count as overdue against it, so builds on different days give the same bytes."
        " Empty: the build date.",
    )

    @model_validator(mode="after")
    def _start_before_end(self) -> "ProjectInfo":
        if self.end is not None and self.end < self.start:
            raise ValueError("project end must not be before its start")
        return self


class Decision(Model):
    """The Go / No-Go decision that ends the Initialization phase."""

    go: bool | None = Field(None, description="true = Go, false = No-Go, empty = pending.")
    date: Date | None = None
    """Date of the decision (YYYY-MM-DD)."""
    by: PersonRef | None = None
    """Id of the customer's person who decided."""
    notes: Text = ""
    """Conditions or remarks that came with the decision."""


class Branding(Model):
    primary_color: Color = "#1F4E79"
    """Main colour of headings and tables, as #RRGGBB."""
    font: Text = "Liberation Sans"
    """Font of the documents; it must be installed where they are opened."""
    confidentiality: Text = "Confidential"
    """Confidentiality notice printed in the footer of every document."""


class Project(Model):
    """Root of `project.yaml`."""

    schema_version: Literal[1] = Field(description="Version of this file format.")
    project: ProjectInfo
    """What the project is: id, title, customer, vendor, language, phase, dates."""
    decision: Decision = Field(default_factory=Decision)
    """The customer's Go / No-Go decision that ends Initialization."""
    branding: Branding = Field(default_factory=Branding)
    """Colour, font and confidentiality notice of the documents."""
    people: list[Person] = Field(min_length=1)
    """Everyone involved on either side; other sections refer to them by id."""
    charter: Charter = Field(default_factory=Charter)
    """Content of the Project Charter."""
    workshop: Workshop = Field(default_factory=Workshop)
    """The initial workshop and its agenda."""
    concept: Concept = Field(default_factory=Concept)
    """Content of the Customer Implementation Concept."""
    sow: Sow | None = None
    """The Basic Statement of Work; leave out until effort and prices are known."""
    requirements: list[Requirement] = Field(default_factory=list)
    """The Requirements Checklist: every issue and to-do with dates, people and status."""
    meetings: list[Meeting] = Field(default_factory=list)
    """Meetings, each rendered as its own minutes."""
    tests: Tests = Field(default_factory=Tests)
    """The internal and the customer test protocols."""
    launch: Launch = Field(default_factory=Launch)
    """Soft launch, launch and support handover."""
    technical_documentation: TechnicalDocumentation = Field(default_factory=TechnicalDocumentation)
    """Content of the Technical Documentation (Approval phase)."""
    lessons_learned: LessonsLearned = Field(default_factory=LessonsLearned)
    """Content of the Lessons Learned and retrospective (Approval phase)."""

    def person(self, person_id: str) -> Person:
        return self._people_by_id()[person_id]

    def _people_by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.people}

    def requirement(self, requirement_id: str) -> Requirement:
        return next(r for r in self.requirements if r.id == requirement_id)

    def open_requirements(self) -> list[Requirement]:
        return [r for r in self.requirements if not r.is_done]
