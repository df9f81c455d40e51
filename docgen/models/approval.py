"""Approval-phase documents: technical documentation and lessons learned."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import CREDENTIAL_PATTERN, Date, DocumentInfo, Markdown, Model, PersonRef, Text

CredentialRef = Annotated[
    str,
    Field(
        pattern=CREDENTIAL_PATTERN,
        description="Where the secret is kept, e.g. vault:ox/test-user-1; never the secret itself.",
    ),
]


class System(Model):
    name: Text
    role: Text = ""
    host: Text = ""
    version: Text = ""
    notes: Text = ""


class TestAccount(Model):
    __test__ = False
    login: Text
    purpose: Text = ""
    credential: CredentialRef


class Contact(Model):
    person: PersonRef
    responsibility: Text


class TechnicalDocumentation(Model):
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    overview: Markdown = ""
    systems: list[System] = Field(default_factory=list)
    test_accounts: list[TestAccount] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)


class LessonAction(Model):
    title: Text
    responsible: PersonRef
    due: Date | None = None


class LessonsLearned(Model):
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    retrospective_date: Date | None = None
    went_well: list[Text] = Field(default_factory=list)
    to_improve: list[Text] = Field(default_factory=list)
    actions: list[LessonAction] = Field(default_factory=list)
