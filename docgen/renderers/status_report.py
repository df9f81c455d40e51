"""The weekly status report: one document per entry of `status_reports`.

Each report shows the project as it stood on its own date (models/history.py): the
traffic light from the rules unless the lead overrides it with a reason, what changed
since the previous report, open and overdue items by side, the milestones ahead, a
burn-up chart and the effort booked against the SOW per work package up to that date
(models/effort_summary.py); beside them the lead's highlights, risks, decisions needed and next steps.
A later report, or later data, never changes what an earlier report says about its
own period, as long as the data's dates are kept.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal

from .. import i18n
from ..i18n import Labels
from ..models import DocumentInfo, Project, Requirement, Side, StatusReport, TestResult, TrafficLight
from ..models.effort_summary import EffortSummary, PackageEffort, effort_by_work_package
from ..models.history import Changes, Snapshot, burn_up, changes_between, milestone_reached, snapshot, traffic_light
from .base import Output, RenderOptions
from .docx_chart import LineChart, Series
from .docx_common import DocxRenderer, load_template, render_docx
from .docx_context import DocxContext, Numbers, base_fields, name_of, short_date

_LIGHT_COLORS = {TrafficLight.green: "2E8B57", TrafficLight.amber: "E6A100", TrafficLight.red: "C0392B"}
_MILESTONES_AHEAD = 4


@dataclass(frozen=True)
class LightView:
    value: str  # "green", "amber", "red"
    label: str  # "Green" / "Grün"
    color: str  # RRGGBB
    computed: str  # the label of the light the rules give
    overridden: bool
    reason: str  # the lead's reason for an override
    reasons: list[str]  # why the rules give their colour


@dataclass(frozen=True)
class ItemView:
    id: str
    title: str
    responsible: str
    side: str
    due: str
    status: str


@dataclass(frozen=True)
class TestChangeView:
    __test__ = False
    id: str
    title: str
    kind: str
    before: str
    after: str


@dataclass(frozen=True)
class ChangesView:
    period: str  # "21 Nov 2026 – 27 Nov 2026"
    done: list[ItemView]
    added: list[ItemView]
    slipped: list[ItemView]
    tests: list[TestChangeView]
    actions_done: list[str]
    any: bool


@dataclass(frozen=True)
class SideView:
    side: str
    total: int
    done: int
    open: int
    overdue: int


@dataclass(frozen=True)
class FigureView:
    label: str
    value: str


@dataclass(frozen=True)
class MilestoneView:
    title: str
    date: str
    days: str  # "in 21 days" / "in 21 Tagen"


@dataclass(frozen=True)
class RiskView:
    title: str
    owner: str
    impact: str
    mitigation: str


@dataclass(frozen=True)
class EffortRowView:
    id: str
    title: str
    planned: str
    from_changes: str  # "incl. +4 from change requests", "" when none changed the package
    booked: str
    remaining: str
    used: str  # "60%", "" for a package planned with no effort
    over_budget: bool


@dataclass(frozen=True)
class EffortView:
    intro: str
    rows: list[EffortRowView]
    total: EffortRowView
    over_note: str  # names the packages over budget and by how much, "" when none


@dataclass(frozen=True)
class StatusReportContext(DocxContext):
    report_date: str
    light: LightView
    figures: list[FigureView]
    highlights: list[str]
    changes: ChangesView
    by_side: list[SideView]
    overdue: list[ItemView]
    milestones: list[MilestoneView]
    chart: LineChart
    effort: EffortView | None  # None without an SOW and without bookings
    risks: list[RiskView]
    decisions_needed: list[str]
    next_steps: list[str]


def build_context(project: Project, options: RenderOptions, template: object,
                  report: StatusReport) -> StatusReportContext:
    info = DocumentInfo(version=report.document.version, status=report.document.status, date=report.date,
                        author=report.document.author)
    base = base_fields(project, options, template, "title_status_report", info)
    labels: Labels = base["labels"]
    figures = snapshot(project, report.date)
    effort = effort_by_work_package(project, report.date)
    numbers = Numbers(labels.language, project.sow.currency if project.sow else "EUR")
    return StatusReportContext(
        **base,
        report_date=i18n.format_date(report.date, labels.language),
        light=light_view(project, report, figures, labels),
        figures=figure_views(figures, labels) + effort_figures(effort, labels, numbers),
        highlights=list(report.highlights),
        changes=changes_view(project, changes_between(project, previous_date(project, report), report.date), labels),
        by_side=[side_view(figures, side, labels) for side in (Side.customer, Side.vendor)],
        overdue=[item_view(project, r, labels) for r in sorted(figures.overdue, key=_by_due)],
        milestones=milestones_ahead(project, report.date, labels),
        chart=burn_up_chart(project, report.date, labels),
        effort=effort_view(effort, labels, numbers) if effort.packages else None,
        risks=[RiskView(r.title, name_of(project, r.owner), labels[f"impact.{r.impact.value}"], r.mitigation)
               for r in report.risks],
        decisions_needed=list(report.decisions_needed),
        next_steps=list(report.next_steps),
    )


def previous_date(project: Project, report: StatusReport) -> dt.date:
    """The previous report's date; for the first report, the day before the project started."""
    earlier = [r.date for r in project.status_reports if r.date < report.date]
    return max(earlier) if earlier else project.project.start - dt.timedelta(days=1)


def light_view(project: Project, report: StatusReport, figures: Snapshot, labels: Labels) -> LightView:
    computed, reasons = traffic_light(project, figures)
    light = report.overall or computed
    texts = [labels.count(f"reason.{r.key}", r.count, due=r.of) for r in reasons]
    return LightView(light.value, labels[f"light.{light.value}"], _LIGHT_COLORS[light],
                     labels[f"light.{computed.value}"], light is not computed, report.overall_reason,
                     texts or [labels.reason_none])


def figure_views(figures: Snapshot, labels: Labels) -> list[FigureView]:
    tests = len(figures.results)
    return [
        FigureView(labels.figure_checklist, f"{len(figures.done)} / {len(figures.items)}"),
        FigureView(labels.figure_overdue, str(len(figures.overdue))),
        FigureView(labels.figure_tests, f"{figures.tests_with(TestResult.passed)} / {tests}"),
        FigureView(labels.figure_actions, str(len(figures.actions))),
    ]


def effort_figures(effort: EffortSummary, labels: Labels, numbers: Numbers) -> list[FigureView]:
    if not effort.packages:
        return []
    return [FigureView(labels.figure_effort,
                       f"{numbers.days(effort.booked_days)} / {numbers.days(effort.planned_days)}")]


def effort_view(effort: EffortSummary, labels: Labels, numbers: Numbers) -> EffortView:
    """Planned (SOW plus approved changes), booked and remaining days per work package."""
    over = [labels.count("effort_over_by", _as_printed(-p.remaining_days),
                         id=p.id, days=numbers.days(-p.remaining_days))
            for p in effort.over_budget]
    total = PackageEffort("", labels.scope_current, effort.baseline_days, effort.planned_days, effort.booked_days)
    return EffortView(
        intro=labels.effort_intro.format(date=i18n.format_date(effort.as_of, labels.language)),
        rows=[effort_row(p, labels, numbers) for p in effort.packages],
        total=effort_row(total, labels, numbers),
        over_note=labels.effort_over_note.format(packages=", ".join(over)) if over else "",
    )


def _as_printed(days: Decimal) -> Decimal | int:
    """`days` as the reader sees it (trailing zeros dropped), for choosing "day" or "days"."""
    return int(days) if days == days.to_integral_value() else days


def effort_row(package: PackageEffort, labels: Labels, numbers: Numbers) -> EffortRowView:
    change = package.planned_days - package.baseline_days
    from_changes = labels.effort_from_changes.format(days=f"{'+' if change > 0 else ''}{numbers.days(change)}")
    used = package.used_percent
    return EffortRowView(package.id, package.title, numbers.days(package.planned_days),
                         from_changes if change else "", numbers.days(package.booked_days),
                         numbers.days(package.remaining_days), "" if used is None else labels.percent.format(n=used),
                         package.over_budget)


def changes_view(project: Project, changes: Changes, labels: Labels) -> ChangesView:
    language = labels.language
    start = changes.since + dt.timedelta(days=1)
    return ChangesView(
        period=f"{i18n.format_date(start, language)} \u2013 {i18n.format_date(changes.until, language)}",
        done=[item_view(project, r, labels) for r in changes.done],
        added=[item_view(project, r, labels) for r in changes.added],
        slipped=[item_view(project, r, labels) for r in changes.slipped],
        tests=[TestChangeView(c.case.id, c.case.title, labels[f"test_kind.{c.kind}"],
                              labels[f"result.{c.before.value}"], labels[f"result.{c.after.value}"])
               for c in changes.tests],
        actions_done=[a.action.title for a in changes.actions_done],
        any=bool(changes),
    )


def side_view(figures: Snapshot, side: Side, labels: Labels) -> SideView:
    items = [r for r in figures.items if r.side is side]
    done = len([r for r in items if figures.is_done(r)])
    overdue = len([r for r in figures.overdue if r.side is side])
    return SideView(labels[f"side.{side.value}"], len(items), done, len(items) - done, overdue)


def item_view(project: Project, item: Requirement, labels: Labels) -> ItemView:
    person = project.person(item.responsible)
    return ItemView(item.id, item.title, person.name, labels[f"side.{person.side.value}"],
                    short_date(item.due, labels.language), labels[f"status.{item.status.value}"])


def milestones_ahead(project: Project, day: dt.date, labels: Labels) -> list[MilestoneView]:
    ahead = sorted((m for m in project.charter.milestones if not milestone_reached(m, day)), key=lambda m: m.date)
    return [MilestoneView(m.title, short_date(m.date, labels.language), _days(m.date, day, labels))
            for m in ahead[:_MILESTONES_AHEAD]]


def _days(date: dt.date, day: dt.date, labels: Labels) -> str:
    delta = (date - day).days
    return labels.count("days_overdue", -delta) if delta < 0 else labels.count("days_ahead", delta)


def burn_up_chart(project: Project, day: dt.date, labels: Labels) -> LineChart:
    points = burn_up(project, day)
    color = project.branding.primary_color.lstrip("#").upper()
    return LineChart(
        categories=[short_date(p.day, labels.language) for p in points],
        series=[Series(labels.burn_up_total, [p.total for p in points], "7F7F7F", dashed=True),
                Series(labels.burn_up_done, [p.done for p in points], color)],
        font=project.branding.font,
    )


def _by_due(item: Requirement) -> tuple:
    return (item.due or dt.date.max, item.id)


def report_filename(report: StatusReport) -> str:
    return f"status-report-{report.date.isoformat()}.docx"


@dataclass(frozen=True)
class StatusReportRenderer(DocxRenderer):
    def render(self, project: Project, options: RenderOptions) -> list[Output]:
        if not project.status_reports:
            return []
        source = load_template(self.template, options)
        outputs = []
        for report in sorted(project.status_reports, key=lambda r: r.date):
            build = functools.partial(self.build, report=report)
            data = render_docx(source, project, options, build)
            outputs.append(Output(self.name, report_filename(report), data, source.sha256))
        return outputs


RENDERER = StatusReportRenderer(
    name="status-report",
    title="Weekly Status Report",
    template="status-report.docx",
    context_type=StatusReportContext,
    build=build_context,
)
