"""The whole project file: one model that holds every deliverable's data."""

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from .approval import LessonsLearned, TechnicalDocumentation
from .base import Color, Date, Extra, Id, Language, Model, Phase, PersonRef, Text
from .charter import Charter
from .concept import Concept, with_environment_components
from .change_requests import ChangeRequest, effective_packages
from .early_steps import Initialization, Training
from .effort import Effort
from .gates import Gates
from .launch import Launch
from .meetings import Meeting
from .people import Person
from .requirements import Requirement
from .retrospective import InternalRetrospective
from .sow import Sow
from .status_reports import StatusReport
from .testing import Tests
from .workshop import InitialWorkshop, Workshop

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

    approval_start: Date | None = None
    """The day the project entered Approval; the customer's QA re-checks count from it."""

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
    confidentiality: Text = ""
    """Confidentiality notice printed in the footer of every document; empty: "Confidential" in the documents' language."""


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
    initialization: Initialization = Field(default_factory=Initialization)
    """The technical demo and the proof of concept before the offer."""
    workshop: Workshop = Field(default_factory=Workshop)
    """The initial workshop and its agenda."""
    workshops: list[InitialWorkshop] = Field(default_factory=list)
    """Further initial workshops, each with its own agenda; `workshop` stays the first."""
    concept: Concept = Field(default_factory=Concept)
    """Content of the Customer Implementation Concept."""
    sow: Sow | None = None
    """The Basic Statement of Work; leave out until effort and prices are known."""
    change_requests: list[ChangeRequest] = Field(default_factory=list)
    """Changes of scope and price after the SOW, which stays the baseline."""
    effort: Effort = Field(default_factory=Effort)
    """Effort booked on the work packages (time tracking)."""
    requirements: list[Requirement] = Field(default_factory=list)
    """The Requirements Checklist: every issue and to-do with dates, people and status."""
    meetings: list[Meeting] = Field(default_factory=list)
    """Meetings, each rendered as its own minutes."""
    status_reports: list[StatusReport] = Field(default_factory=list)
    """The weekly status reports, one per reporting date."""
    tests: Tests = Field(default_factory=Tests)
    """The internal and the customer test protocols."""
    trainings: list[Training] = Field(default_factory=list)
    """Training workshops for administrators and 1st level support."""
    launch: Launch = Field(default_factory=Launch)
    """Soft launch, launch and support handover."""
    technical_documentation: TechnicalDocumentation = Field(default_factory=TechnicalDocumentation)
    """Content of the Technical Documentation (Approval phase)."""
    lessons_learned: LessonsLearned = Field(default_factory=LessonsLearned)
    """Content of the Lessons Learned and retrospective (Approval phase)."""
    internal_retrospective: InternalRetrospective = Field(default_factory=InternalRetrospective)
    """The vendor-internal retrospective, apart from the customer-facing lessons learned."""
    gates: Gates = Field(default_factory=Gates)
    """This project's adjustments of the gate rules (`docgen gates --explain`)."""
    extra: Extra = Field(default_factory=dict)
    """Your own data for your own templates (`{{ extra.customer_ref }}`): identifier keys, any values."""

    @model_validator(mode="before")
    @classmethod
    def _environment_as_components(cls, data: Any) -> Any:
        """A file of the environment's former shape loads as components named in its language."""
        return with_environment_components(data)

    @model_validator(mode="after")
    def _changes_fit_the_sow(self) -> "Project":
        if self.change_requests and self.sow is None:
            raise ValueError("change_requests change the SOW, but the project has no sow")
        if self.sow is not None:
            negative = [l.id for l in effective_packages(self.sow, self.change_requests, None) if l.after_days < 0]
            if negative:
                raise ValueError(f"approved change requests take more effort from {', '.join(negative)}"
                                 " than it has")
        return self

    @field_validator("status_reports")
    @classmethod
    def _one_report_per_date(cls, reports: list[StatusReport]) -> list[StatusReport]:
        dates = [report.date for report in reports]
        if len(set(dates)) != len(dates):
            twice = sorted({d for d in dates if dates.count(d) > 1})[0]
            raise ValueError(f"two status reports are dated {twice.isoformat()}; one report per date")
        return reports

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
