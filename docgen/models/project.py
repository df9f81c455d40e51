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
    logo: Text | None = Field(None, description="Image file, relative to the project file.")
    address: Text = ""


class ProjectInfo(Model):
    id: Id
    title: Text
    customer: Party
    vendor: Party
    language: Language = Language.en
    phase: Phase = Phase.initialization
    start: Date
    end: Date | None = None
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
    by: PersonRef | None = None
    notes: Text = ""


class Branding(Model):
    primary_color: Color = "#1F4E79"
    font: Text = "Liberation Sans"
    confidentiality: Text = "Confidential"


class Project(Model):
    """Root of `project.yaml`."""

    schema_version: Literal[1] = Field(description="Version of this file format.")
    project: ProjectInfo
    decision: Decision = Field(default_factory=Decision)
    branding: Branding = Field(default_factory=Branding)
    people: list[Person] = Field(min_length=1)
    charter: Charter = Field(default_factory=Charter)
    workshop: Workshop = Field(default_factory=Workshop)
    concept: Concept = Field(default_factory=Concept)
    sow: Sow | None = None
    requirements: list[Requirement] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    tests: Tests = Field(default_factory=Tests)
    launch: Launch = Field(default_factory=Launch)
    technical_documentation: TechnicalDocumentation = Field(default_factory=TechnicalDocumentation)
    lessons_learned: LessonsLearned = Field(default_factory=LessonsLearned)

    def person(self, person_id: str) -> Person:
        # A scan of the few people beats building the index for every one of 10,000 rows.
        for person in self.people:
            if person.id == person_id:
                return person
        raise KeyError(person_id)

    def _people_by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.people}

    def requirement(self, requirement_id: str) -> Requirement:
        return next(r for r in self.requirements if r.id == requirement_id)

    def open_requirements(self) -> list[Requirement]:
        return [r for r in self.requirements if not r.is_done]
