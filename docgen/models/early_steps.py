"""The early steps of the process: technical demo, proof of concept, training workshops.

The seed's Initialization phase demos the product and proves it in the customer's
environment before the offer; Implementation trains the customer's administrators
and 1st level support.
"""

import enum
from typing import Annotated

from pydantic import Field, model_validator

from .base import Date, Defines, Extra, Id, Model, PersonRef, Text


class DemoFormat(str, enum.Enum):
    webcast = "webcast"
    on_site = "on_site"


class Outcome(str, enum.Enum):
    pending = "pending"
    successful = "successful"
    partly_successful = "partly_successful"
    failed = "failed"


class TechnicalDemo(Model):
    date: Date
    """The day of the demo (YYYY-MM-DD)."""
    format: DemoFormat = DemoFormat.webcast
    """webcast or on_site."""
    presenter: PersonRef | None = None
    """Id of the person who presented."""
    audience: list[PersonRef] = Field(default_factory=list)
    """The customer's participants."""
    features: list[Text] = Field(default_factory=list)
    """The product features shown, those relevant to the customer."""
    result: Text = ""
    """What the customer took away, e.g. questions that went into the workshop."""


class ProofOfConcept(Model):
    start: Date
    """First day of the proof of concept (YYYY-MM-DD)."""
    end: Date | None = None
    """Last day of the proof of concept (YYYY-MM-DD); empty while it runs."""
    environment: Text = ""
    """The machine in the customer's environment the POC ran on."""
    audience: list[PersonRef] = Field(default_factory=list)
    """Ids of the people who took part or evaluated it."""
    criteria: list[Text] = Field(default_factory=list)
    """What the POC had to show to count as successful."""
    outcome: Outcome = Outcome.pending
    """pending, successful, partly_successful or failed."""
    result: Text = ""
    """What was shown and what was learned."""

    @model_validator(mode="after")
    def _start_before_end(self) -> "ProofOfConcept":
        if self.end is not None and self.end < self.start:
            raise ValueError("the proof of concept's end must not be before its start")
        return self


class Initialization(Model):
    """What happened before the offer: the product demo and the proof of concept."""

    demo: TechnicalDemo | None = None
    """The technical demo of the product (webcast or on site)."""
    proof_of_concept: ProofOfConcept | None = None
    """The proof of concept on a machine in the customer's environment."""


class Training(Model):
    """A training workshop of the Implementation phase."""

    id: Annotated[Id, Defines("training")]
    """Identifier of the training workshop, e.g. TR-ADMIN."""
    title: Text
    """Name of the training workshop."""
    date: Date
    """The day of the training (YYYY-MM-DD)."""
    audience: Text
    """Who it is for, e.g. administrators or 1st level support."""
    trainer: PersonRef | None = None
    """Id of the person who trains."""
    attendees: list[PersonRef] = Field(default_factory=list)
    """Ids of the people trained."""
    material: list[Text] = Field(default_factory=list)
    """Slides, handbooks and exercises handed out (titles or file names)."""
    held: bool = False
    """The training took place."""
    extra: Extra = Field(default_factory=dict)
    """Your own data for your own templates (`{{ x.extra.key }}`): identifier keys, any values."""
