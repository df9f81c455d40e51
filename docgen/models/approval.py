"""Approval-phase documents: technical documentation and lessons learned."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from .base import XML_SAFE_PATTERN, Date, DocumentInfo, Markdown, Model, PersonRef, Text
from .secrets import CREDENTIAL_PATTERN, check_credential, check_no_secret

CredentialRef = Annotated[
    str,
    AfterValidator(check_credential),
    Field(
        json_schema_extra={"pattern": CREDENTIAL_PATTERN},
        description="Where the secret is kept: vault:PATH, env:NAME or file:PATH; never the secret itself.",
    ),
]

PublicText = Annotated[str, StringConstraints(pattern=XML_SAFE_PATTERN), AfterValidator(check_no_secret)]
"""Text of the technical documentation that a careless paste could fill with a secret."""


class System(Model):
    name: Text
    role: Text = ""
    host: PublicText = ""
    version: Text = ""
    notes: PublicText = ""


class TestAccount(Model):
    __test__ = False
    login: PublicText
    purpose: PublicText = ""
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
