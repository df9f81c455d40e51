"""Customer Implementation Concept: a living document with revision history."""

from __future__ import annotations

from pydantic import Field, model_validator

from .base import Date, DocumentInfo, Markdown, Model, PersonRef, Text


class Revision(Model):
    version: Text
    """Version number of this revision of the concept, e.g. 0.3."""
    date: Date
    """Date of the revision (YYYY-MM-DD)."""
    author: PersonRef
    """Id of the person who wrote the revision."""
    summary: Text
    """What changed in this revision."""


class Component(Model):
    name: Text
    """Name of the component, e.g. 'Monitoring'."""
    description: Markdown = ""
    """What the customer runs and how it is integrated (Markdown)."""


class Environment(Model):
    """The evaluated customer environment (technology transfer)."""

    mail_system: Markdown = ""
    """The customer's current mail system (Markdown)."""
    load_balancer: Markdown = ""
    """Load balancers in front of the platform (Markdown)."""
    storage: Markdown = ""
    """Storage for mail and data (Markdown)."""
    provisioning: Markdown = ""
    """How accounts are provisioned (Markdown)."""
    other: list[Component] = Field(default_factory=list)
    """Further components of the environment, each with name and description."""


class Section(Model):
    title: Text
    """Heading of the section."""
    body: Markdown = ""
    """Text of the section (Markdown)."""


class Concept(Model):
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    """Version, status, date and author of the Implementation Concept."""
    revisions: list[Revision] = Field(default_factory=list)
    """Revision history of this living document, oldest first."""
    environment: Environment = Field(default_factory=Environment)
    """The evaluated customer environment."""
    architecture: Markdown = ""
    """The agreed architecture and integration (Markdown)."""
    sections: list[Section] = Field(default_factory=list)
    """Further sections of the concept, in order."""

    @model_validator(mode="after")
    def _revisions_in_date_order(self) -> "Concept":
        dates = [r.date for r in self.revisions]
        if dates != sorted(dates):
            raise ValueError("revisions must be listed oldest first")
        return self
