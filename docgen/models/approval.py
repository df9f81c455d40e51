"""Approval-phase documents: technical documentation and lessons learned."""

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
    """Name of the system or component, e.g. 'Mail backend cluster'."""
    role: Text = ""
    """What the system does in the platform."""
    host: PublicText = ""
    """Host name, cluster or address where it runs."""
    version: Text = ""
    """Installed software version."""
    notes: PublicText = ""
    """Anything else operations should know about it."""


class TestAccount(Model):
    __test__ = False
    login: PublicText
    """The account's login name."""
    purpose: PublicText = ""
    """What the account is for, e.g. acceptance tests of the webmail."""
    credential: CredentialRef


class Contact(Model):
    person: PersonRef
    """Id of the person in charge (from `people`)."""
    responsibility: Text
    """What this person is in charge of after launch."""


class TechnicalDocumentation(Model):
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    """Version, status, date and author of the Technical Documentation."""
    overview: Markdown = ""
    """Introduction to the installed platform (Markdown)."""
    systems: list[System] = Field(default_factory=list)
    """The installed systems and components."""
    test_accounts: list[TestAccount] = Field(default_factory=list)
    """Test accounts handed over; credentials are referenced, never stored."""
    contacts: list[Contact] = Field(default_factory=list)
    """People in charge of the platform and what each is responsible for."""


class LessonAction(Model):
    title: Text
    """What will be done differently."""
    responsible: PersonRef
    """Id of the person who follows the action up."""
    due: Date | None = None
    """Date by which the action is done (YYYY-MM-DD)."""


class LessonsLearned(Model):
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    """Version, status, date and author of the Lessons Learned document."""
    retrospective_date: Date | None = None
    """Date of the retrospective meeting (YYYY-MM-DD)."""
    went_well: list[Text] = Field(default_factory=list)
    """What went well, one point per entry."""
    to_improve: list[Text] = Field(default_factory=list)
    """What did not go well or should improve, one point per entry."""
    actions: list[LessonAction] = Field(default_factory=list)
    """Actions agreed in the retrospective."""
