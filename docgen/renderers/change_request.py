"""Change Request / SOW addendum: one document per change request, with sign-off.

It shows the touched work packages before and after the change (on top of the
changes approved before it), the SOW's totals before and after, and who decided.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

from .. import i18n
from ..i18n import Labels
from ..models import ChangeRequest, ChangeRequestStatus, DocumentInfo, DocumentStatus, PackageLine, Project
from ..models.change_requests import approved_before, change_lines, scope_totals
from .base import Output, RenderOptions
from .change_views import TotalsView, signed
from .docx_common import DocxRenderer, load_template, render_docx
from .docx_context import DocxContext, Numbers, Signatory, base_fields, name_of, signatories
from .docx_markdown import RichBlock


@dataclass(frozen=True)
class ChangeLineView:
    id: str
    title: str
    reason: str
    new: bool  # a work package the change adds
    before_days: str
    after_days: str
    delta_days: str
    before_price: str
    after_price: str
    delta_price: str


@dataclass(frozen=True)
class RequestView:
    id: str
    title: str
    status: str
    requested_by: str
    requested_on: str
    decided_by: str
    decided_on: str
    decision: str  # "Approved by ... on ..." or a note that it is open
    extra: dict[str, object]  # the ChangeRequest's own extra: for a team's templates
    extra_of = ChangeRequest  # whose extra: keys `templates check --project` expects (not a field)


@dataclass(frozen=True)
class ChangeRequestContext(DocxContext):
    request: RequestView
    description: RichBlock
    impact: RichBlock
    reference: str  # the SOW it amends: its reference and version
    lines: list[ChangeLineView]
    totals: list[TotalsView]  # SOW total before, this change, after
    signatories: list[Signatory]


def build_context(project: Project, options: RenderOptions, template: object,
                  request: ChangeRequest) -> ChangeRequestContext:
    sow = project.sow
    assert sow is not None  # a change request without an SOW is a validation error
    base = base_fields(project, options, template, "title_change_request", document_info(request))
    labels: Labels = base["labels"]
    numbers = Numbers(labels.language, sow.currency)
    lines = change_lines(sow, project.change_requests, request)
    return ChangeRequestContext(
        **base,
        request=request_view(project, request, labels),
        description=RichBlock(request.description),
        impact=RichBlock(request.impact),
        reference=" ".join(part for part in (sow.reference, f"({labels.version} {sow.document.version})") if part),
        lines=[line_view(line, request, numbers) for line in lines],
        totals=_totals(project, request, lines, labels, numbers),
        signatories=signatories(project, sow.signatories or project.charter.signatories, labels),
    )


def document_info(request: ChangeRequest) -> DocumentInfo:
    """A change request is final once decided, dated by its decision, else by its request."""
    decided = request.status is not ChangeRequestStatus.proposed
    return DocumentInfo(version="1.0", status=DocumentStatus.final if decided else DocumentStatus.review,
                        date=request.decided_on or request.requested_on, author=request.requested_by)


def request_view(project: Project, request: ChangeRequest, labels: Labels) -> RequestView:
    status = labels[f"cr_status.{request.status.value}"]
    decided_on = i18n.format_date(request.decided_on, labels.language)
    decided_by = name_of(project, request.decided_by)
    decision = labels.cr_decision.format(status=status, name=decided_by, date=decided_on) if decided_by \
        else labels.cr_open
    return RequestView(request.id, request.title, status, name_of(project, request.requested_by),
                       i18n.format_date(request.requested_on, labels.language), decided_by, decided_on, decision,
                       request.extra)


def line_view(line: PackageLine, request: ChangeRequest, numbers: Numbers) -> ChangeLineView:
    reason = next((c.reason for c in request.changes if c.work_package == line.id), "")
    days, price = line.after_days - line.before_days, line.after_price - line.before_price
    return ChangeLineView(line.id, line.title, reason, line.added, numbers.days(line.before_days),
                          numbers.days(line.after_days), signed(days, numbers.days(abs(days))),
                          numbers.money(line.before_price), numbers.money(line.after_price),
                          signed(price, numbers.money(abs(price))))


def _totals(project: Project, request: ChangeRequest, lines: list[PackageLine], labels: Labels,
            numbers: Numbers) -> list[TotalsView]:
    assert project.sow is not None
    before = scope_totals(project.sow, approved_before(project.change_requests, request), None).current
    days = sum((l.after_days - l.before_days for l in lines), Decimal(0))
    price = sum((l.after_price - l.before_price for l in lines), Decimal("0.00"))
    return [
        TotalsView(labels.cr_total_before, numbers.days(before.days), numbers.money(before.price)),
        TotalsView(labels.cr_this_change, signed(days, numbers.days(abs(days))),
                   signed(price, numbers.money(abs(price)))),
        TotalsView(labels[_AFTER_LABEL[request.status]], numbers.days(before.days + days),
                   numbers.money(before.price + price)),
    ]


# Only an approved change moves the SOW's total; the others say what it would have been.
_AFTER_LABEL = {ChangeRequestStatus.approved: "cr_total_after", ChangeRequestStatus.proposed: "cr_total_if_approved",
                ChangeRequestStatus.rejected: "cr_total_not_applied", ChangeRequestStatus.withdrawn: "cr_total_not_applied"}


def change_request_filename(request: ChangeRequest) -> str:
    return f"change-request-{request.id}.docx"


@dataclass(frozen=True)
class ChangeRequestRenderer(DocxRenderer):
    def render(self, project: Project, options: RenderOptions) -> list[Output]:
        if not project.change_requests or project.sow is None:
            return []
        source = load_template(self.template, options)
        outputs = []
        for request in project.change_requests:
            build = functools.partial(self.build, request=request)
            data = render_docx(source, project, options, build)
            outputs.append(Output(self.name, change_request_filename(request), data, source.sha256))
        return outputs


RENDERER = ChangeRequestRenderer(
    name="change-requests",
    title="Change Requests",
    template="change-request.docx",
    context_type=ChangeRequestContext,
    build=build_context,
)
