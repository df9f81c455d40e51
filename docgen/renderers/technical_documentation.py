"""Technical Documentation (Approval phase): installed systems, test accounts, people in
charge, and the launch with its support handover.

Test accounts carry a reference to where their secret is kept (`vault:mail/test-user-1`),
never the secret itself; the document prints the reference and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import i18n
from ..i18n import Labels
from ..models import Contact, Project, System, TechnicalDocumentation, TestAccount
from ..models.completeness import missing_content
from .base import RenderOptions
from .credentials import CredentialMode, shown_accounts, shown_labels
from .docx_common import DocxRenderer
from .docx_context import DocxContext, HandoverView, base_fields, document_day, handover_view, person_view
from .docx_markdown import RichBlock
from .early_steps import TrainingView, training_views


@dataclass(frozen=True)
class ContactView:
    name: str
    organisation: str
    side: str
    role: str
    contact: str  # e-mail and phone, one per line
    responsibility: str


@dataclass(frozen=True)
class LaunchView:
    soft_launch_share: str  # "5% of users"
    soft_launch_date: str  # "" while not scheduled
    go_live: str  # "" while not scheduled


@dataclass(frozen=True)
class TechnicalDocumentationContext(DocxContext):
    overview: RichBlock
    systems: list[System]
    test_accounts: list[TestAccount]
    contacts: list[ContactView]
    launch_plan: LaunchView
    handover: HandoverView
    trainings: list[TrainingView]  # training workshops for administrators and 1st level support


def build_context(project: Project, options: RenderOptions,
                  template: object) -> TechnicalDocumentationContext:
    documentation = project.technical_documentation
    base = base_fields(project, options, template, "title_technical_documentation", documentation.document,
                       complete=not missing_content(project, "technical-documentation"))
    mode = CredentialMode(options.credentials)
    labels: Labels = base["labels"]
    base["labels"] = shown_labels(labels, mode)
    return TechnicalDocumentationContext(
        **base,
        overview=RichBlock(documentation.overview),
        systems=list(documentation.systems),
        test_accounts=shown_accounts(documentation.test_accounts, mode, options.project_dir),
        contacts=[contact_view(project, c, labels) for c in documentation.contacts],
        launch_plan=launch_view(project, labels),
        handover=handover_view(project, labels, document_day(documentation.document, options)),
        trainings=training_views(project, document_day(documentation.document, options), labels),
    )


def contact_view(project: Project, contact: Contact, labels: Labels) -> ContactView:
    person = person_view(project, project.person(contact.person), labels)
    return ContactView(person.name, person.organisation, person.side, person.role, person.contact,
                       contact.responsibility)


def launch_view(project: Project, labels: Labels) -> LaunchView:
    launch = project.launch
    share = labels.soft_launch_share.format(percent=i18n.format_number(launch.soft_launch.percent, labels.language))
    return LaunchView(share, i18n.format_date(launch.soft_launch.date, labels.language),
                      i18n.format_date(launch.go_live, labels.language))


def is_empty(documentation: TechnicalDocumentation) -> bool:
    """Nothing written yet: no overview, systems, test accounts or people in charge."""
    return not (documentation.overview.strip() or documentation.systems or documentation.test_accounts
                or documentation.contacts)


RENDERER = DocxRenderer(
    name="technical-documentation",
    title="Technical Documentation",
    template="technical-documentation.docx",
    context_type=TechnicalDocumentationContext,
    build=build_context,
    has_content=lambda project: not is_empty(project.technical_documentation),
)
