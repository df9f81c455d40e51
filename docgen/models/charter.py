"""Project Charter: goals, scope, RACI, milestones, organisation, sign-off."""

from pydantic import Field, model_validator

from .base import Date, Defines, DocumentInfo, Extra, Id, Markdown, Model, PersonRef, Phase, Text, TimeOfDay
from typing import Annotated

from .signoff import Signature


class Scope(Model):
    included: list[Text] = Field(default_factory=list, alias="in")
    """What the project delivers (in scope), one point per entry."""
    excluded: list[Text] = Field(default_factory=list, alias="out")
    """What the project explicitly does not deliver (out of scope)."""


class Responsibility(Model):
    """One row of the RACI matrix."""

    activity: Text
    """The activity or deliverable this RACI row is about."""
    responsible: list[PersonRef] = Field(min_length=1)
    """Ids of the people who do the work (R)."""
    accountable: PersonRef
    """Id of the one person who answers for the result (A)."""
    consulted: list[PersonRef] = Field(default_factory=list)
    """Ids of the people consulted before decisions (C)."""
    informed: list[PersonRef] = Field(default_factory=list)
    """Ids of the people kept informed (I)."""


class Milestone(Model):
    id: Annotated[Id, Defines("milestone")]
    """Unique id of the milestone, e.g. M1."""
    title: Text
    """Name of the milestone."""
    date: Date
    """Planned date (YYYY-MM-DD); milestones are listed in date order."""
    phase: Phase
    """Phase the milestone belongs to: initialization, implementation or approval."""
    description: Text = ""
    """What reaching the milestone means."""
    done: bool = False
    """true once the milestone is reached."""
    extra: Extra = Field(default_factory=dict)
    """Your own data for your own templates (`{{ x.extra.key }}`): identifier keys, any values."""


class StatusCall(Model):
    weekday: Text = "Monday"
    """Day of the week of the regular status call."""
    time: TimeOfDay = "10:00"
    """Start time of the call (HH:MM, 24-hour clock)."""
    duration_minutes: int = Field(30, gt=0, le=480)
    """Length of the call in minutes (1 to 480)."""
    channel: Text = ""
    """Where the call takes place, e.g. a video-conference link or room."""


class Organisation(Model):
    documentation: Markdown = ""
    """How and where project documents are kept (Markdown)."""
    reporting: Markdown = ""
    """How progress is reported to the customer (Markdown)."""
    communication: Markdown = ""
    """Channels and rules of communication between both sides (Markdown)."""
    status_call: StatusCall | None = None
    """The regular status call; leave out when there is none."""


class Charter(Model):
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    """Version, status, date and author of the Project Charter."""
    background: Markdown = ""
    """Why the project exists: the customer's situation and motivation (Markdown)."""
    goals: list[Text] = Field(default_factory=list)
    """The project's goals, one per entry."""
    scope: Scope = Field(default_factory=Scope)
    """What is in and out of scope."""
    stakeholders: list[PersonRef] = Field(
        default_factory=list, description="People shown as stakeholders; empty means everyone."
    )
    responsibilities: list[Responsibility] = Field(default_factory=list)
    """The RACI matrix: who is responsible, accountable, consulted and informed."""
    milestones: list[Milestone] = Field(default_factory=list)
    """The project's milestones, in date order."""
    organisation: Organisation = Field(default_factory=Organisation)
    """Documentation, reporting and communication of the project."""
    signatories: list[PersonRef] = Field(default_factory=list)
    """Ids of the people who sign the charter."""
    signed: list[Signature] = Field(default_factory=list)
    """Who signed the charter, on each side, and when."""

    @model_validator(mode="after")
    def _milestones_in_date_order(self) -> "Charter":
        for earlier, later in zip(self.milestones, self.milestones[1:]):
            if later.date < earlier.date:
                raise ValueError(f"milestones must be listed in date order: '{later.id}' ({later.date}) "
                                 f"comes after '{earlier.id}' ({earlier.date}); move it up or fix its date")
        return self
