"""Customer Implementation Concept: a living document with revision history."""

from __future__ import annotations

from pydantic import Field, model_validator

from .base import Date, DocumentInfo, Markdown, Model, PersonRef, Text


class Revision(Model):
    version: Text
    date: Date
    author: PersonRef
    summary: Text


class Component(Model):
    name: Text
    description: Markdown = ""


class Environment(Model):
    """The evaluated customer environment (technology transfer)."""

    mail_system: Markdown = ""
    load_balancer: Markdown = ""
    storage: Markdown = ""
    provisioning: Markdown = ""
    other: list[Component] = Field(default_factory=list)


class Section(Model):
    title: Text
    body: Markdown = ""


class Concept(Model):
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    revisions: list[Revision] = Field(default_factory=list)
    environment: Environment = Field(default_factory=Environment)
    architecture: Markdown = ""
    sections: list[Section] = Field(default_factory=list)

    @model_validator(mode="after")
    def _revisions_in_date_order(self) -> "Concept":
        dates = [r.date for r in self.revisions]
        if dates != sorted(dates):
            raise ValueError("revisions must be listed oldest first")
        return self
