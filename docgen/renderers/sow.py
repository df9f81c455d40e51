"""Basic Statement of Work: work packages with effort and price; totals are computed here."""

from __future__ import annotations

from dataclasses import dataclass

from .. import i18n
from ..i18n import Labels
from ..models import Project, Sow, WorkPackage
from ..models.change_requests import scope_totals
from ..models.completeness import missing_content
from .base import RenderOptions
from .change_views import ChangeSummary, TotalsView, approved_changes, totals_views
from .docx_common import DocxRenderer
from .docx_context import DocxContext, Numbers, Signatory, base_fields, document_day, signatories
from .docx_markdown import RichBlock


@dataclass(frozen=True)
class PackageView:
    id: str
    title: str
    description: RichBlock
    effort: str
    rate: str
    price: str
    deliverables: list[str]
    assumptions: list[str]
    extra: dict[str, object]  # the WorkPackage's own extra: for a team's templates
    extra_of = WorkPackage  # whose extra: keys `templates check --project` expects (not a field)


@dataclass(frozen=True)
class SowContext(DocxContext):
    reference: str
    introduction: RichBlock
    currency: str
    packages: list[PackageView]
    details: list[PackageView]  # the packages that have more to say than their table row
    total_days: str
    total_price: str
    day_rate: str
    assumptions: list[str]
    exclusions: list[str]
    acceptance: list[str]
    payment_terms: RichBlock
    terms: str
    signatories: list[Signatory]
    changes: list[ChangeSummary]  # change requests approved by the document's date
    scope_totals: list[TotalsView]  # baseline, approved changes, current; empty without changes


def build_context(project: Project, options: RenderOptions, template: object) -> SowContext:
    sow = project.sow
    assert sow is not None  # the renderer skips projects without an SOW
    base = base_fields(project, options, template, "title_sow", sow.document,
                       complete=not missing_content(project, "sow"))
    labels: Labels = base["labels"]
    numbers = Numbers(labels.language, sow.currency)
    packages = [package_view(sow, p, numbers) for p in sow.work_packages]
    # The SOW stays the baseline; the changes approved by its own date are shown beside it.
    as_of = document_day(sow.document, options)
    changes = approved_changes(project, as_of, labels, numbers)
    return SowContext(
        **base,
        reference=sow.reference,
        introduction=RichBlock(sow.introduction),
        currency=sow.currency,
        packages=packages,
        details=[p for p in packages if p.description or p.deliverables or p.assumptions],
        total_days=numbers.days(sow.total_days),
        total_price=numbers.money(sow.total_price),
        day_rate=numbers.money(sow.day_rate),
        assumptions=list(sow.assumptions),
        exclusions=list(sow.exclusions),
        acceptance=list(sow.acceptance),
        payment_terms=RichBlock(sow.payment_terms),
        terms=_terms(sow, labels, numbers),
        signatories=signatories(project, project.sow.signatories or project.charter.signatories, labels,
                                project.sow.signed),
        changes=changes,
        scope_totals=totals_views(scope_totals(sow, project.change_requests, as_of), labels, numbers) if changes else [],
    )


def package_view(sow: Sow, package: WorkPackage, numbers: Numbers) -> PackageView:
    return PackageView(package.id, package.title, RichBlock(package.description),
                       numbers.days(package.effort_days), numbers.money(sow.rate_of(package)),
                       numbers.money(sow.price_of(package)), list(package.deliverables), list(package.assumptions),
                       package.extra)


def _terms(sow: Sow, labels: Labels, numbers: Numbers) -> str:
    text = labels.terms_rate.format(rate=numbers.money(sow.day_rate))
    if sow.valid_until:
        text += " " + labels.terms_valid.format(date=i18n.format_date(sow.valid_until, labels.language))
    return text


RENDERER = DocxRenderer(
    name="sow",
    title="Basic Statement of Work",
    template="sow.docx",
    context_type=SowContext,
    build=build_context,
    has_content=lambda project: project.sow is not None,
)
