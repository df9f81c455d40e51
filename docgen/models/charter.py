"""Project Charter: goals, scope, RACI, milestones, organisation, sign-off."""

from __future__ import annotations

from pydantic import Field, model_validator

from .base import Date, Defines, DocumentInfo, Id, Markdown, Model, PersonRef, Phase, Text, TimeOfDay
from typing import Annotated

from .signoff import Signature


class Scope(Model):
    included: list[Text] = Field(default_factory=list, alias="in")
    excluded: list[Text] = Field(default_factory=list, alias="out")


class Responsibility(Model):
    """One row of the RACI matrix."""

    activity: Text
    responsible: list[PersonRef] = Field(min_length=1)
    accountable: PersonRef
    consulted: list[PersonRef] = Field(default_factory=list)
    informed: list[PersonRef] = Field(default_factory=list)


class Milestone(Model):
    id: Annotated[Id, Defines("milestone")]
    title: Text
    date: Date
    phase: Phase
    description: Text = ""
    done: bool = False


class StatusCall(Model):
    weekday: Text = "Monday"
    time: TimeOfDay = "10:00"
    duration_minutes: int = Field(30, gt=0, le=480)
    channel: Text = ""


class Organisation(Model):
    documentation: Markdown = ""
    reporting: Markdown = ""
    communication: Markdown = ""
    status_call: StatusCall | None = None


class Charter(Model):
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    background: Markdown = ""
    goals: list[Text] = Field(default_factory=list)
    scope: Scope = Field(default_factory=Scope)
    stakeholders: list[PersonRef] = Field(
        default_factory=list, description="People shown as stakeholders; empty means everyone."
    )
    responsibilities: list[Responsibility] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    organisation: Organisation = Field(default_factory=Organisation)
    signatories: list[PersonRef] = Field(default_factory=list)
    signed: list[Signature] = Field(default_factory=list)
    """Who signed the charter, on each side, and when."""

    @model_validator(mode="after")
    def _milestones_in_date_order(self) -> "Charter":
        dates = [m.date for m in self.milestones]
        if dates != sorted(dates):
            raise ValueError("milestones must be listed in date order")
        return self
