"""The spreadsheet layout of the XLSX deliverables: the one contract of export and import.

This module declares; `values` converts. Export and import both take their columns,
kinds, choices, item model and id style from here, and every conversion between
model values, cells and the snapshots' JSON form from `docgen.excel.values`.

Round-trip contract (format ``docgen-xlsx/1``)
----------------------------------------------
Each workbook kind (``checklist``, ``internal``, ``customer``; see `LAYOUTS`) has one
data sheet holding one Excel table (`WorkbookLayout.table`, never localised). Row 1 is
the header, one item per row from row 2 on, columns in the order of
`WorkbookLayout.columns`:

* Column A, ``_key``, is hidden and holds the row's stable key (text), see `row_key`:
  ``"k" + sha256(project id, collection, item id)[:20]``. Re-exporting the same item
  gives the same key. The import matches rows by this key, never by position or id.
  A row without a key is a row the customer added.
* Column B, ``id``, is the visible human id, always a text cell. It is not editable.
* Every other column maps to one model field (`Column.field`) of the layout's item
  model (`WorkbookLayout.model`) and converts according to its `Kind`
  (`values.cell_writer` one way, `values.ColumnReader` the other). Only columns with
  ``editable=True`` may be changed by the customer; the import ignores (and warns
  about) changes elsewhere. Enum, person and yes/no columns hold the labels of the
  workbook's language (stored in ``_meta``), offered by dropdowns fed from the hidden
  ``_lists`` sheet. Dates lie between `FIRST_DATE` and `LAST_DATE`. Markdown
  fields are read-only and shown as plain text (`Column.plain_text`). Header texts of
  earlier versions (`FORMER_LABELS`) are still recognised; other columns with data are
  reported, never imported.

The hidden ``_meta`` sheet (written and read by `docgen.excel.meta`) holds, in
columns A:B, ``name | value`` pairs (`meta.HEADER_FIELDS`: format, schema version,
docgen version, project id, kind, language, sheet, table, source sha256, export
timestamp, editable fields as JSON, row count), then a row ``key | id | row |
snapshot | read_only`` and one row per exported item: its key, id, sheet row number,
a JSON object of its editable fields' model values at export time
(`values.snapshot_of`, the three-way merge base) and a hash of its read-only fields'
values at export time (`meta.read_only_hash`), against which the import tells a
customer's edit of a read-only cell from a vendor's later change of the field.
``meta_sha256`` (sha256 over the canonical meta content, see `meta.meta_hash`) is
stored in ``_meta`` and mirrored in the custom document property
``docgen.meta_sha256``; a mismatch means the metadata was tampered with.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from dataclasses import dataclass
from typing import Any, Callable, Collection

from pydantic import BaseModel

from ..i18n import Labels
from ..models import Phase, Project, Requirement, Side, Stage, Status, TestCase, TestResult

LAYOUT_FORMAT = "docgen-xlsx/1"
KEY_FIELD = "_key"
FIRST_DATA_ROW = 2  # 1-based sheet row of the first item
FIRST_DATE, LAST_DATE = dt.date(1990, 1, 1), dt.date(2199, 12, 31)  # dates a date cell may hold


class Kind(str, enum.Enum):
    """How a model value becomes a cell value and back (see `values`)."""

    KEY = "key"  # the hidden stable row key (text)
    TEXT = "text"  # str <-> text cell ("" when empty)
    REF = "ref"  # id of another item | None <-> text cell (None when empty)
    LINES = "lines"  # list[str] <-> numbered lines "1. ...\n2. ..." in one text cell
    DATE = "date"  # date | None <-> date cell (serial number with a date format)
    ENUM = "enum"  # enum member <-> its localised label (dropdown)
    PERSON = "person"  # person id | None <-> the person's display name (dropdown)
    BOOL = "bool"  # bool <-> localised "Yes" / "No" (dropdown)


@dataclass(frozen=True)
class Choices:
    """A dropdown list: its defined name and, for enums, the enum and its label prefix."""

    name: str  # list name; the defined name in the workbook is "docgen_<name>"
    enum: type[enum.Enum] | None = None
    label_prefix: str = ""

    @property
    def defined_name(self) -> str:
        return f"docgen_{self.name}"


STATUS = Choices("status", Status, "status.")
SIDE = Choices("side", Side, "side.")
PHASE = Choices("phase", Phase, "phase.")
RESULT = Choices("result", TestResult, "result.")
STAGE = Choices("stage", Stage, "stage.")
YES_NO = Choices("yes_no")
PERSON = Choices("person")
ALL_CHOICES = (STATUS, SIDE, PHASE, RESULT, YES_NO, PERSON, STAGE)  # new lists go last: _lists columns stay put


@dataclass(frozen=True)
class Column:
    field: str  # model field name; KEY_FIELD for the key column
    label: str  # label key in the locale catalogues
    kind: Kind = Kind.TEXT
    width: float = 12  # minimum width in characters
    max_width: float = 40  # widths fit the content up to this
    editable: bool = False  # may the customer change it?
    choices: Choices | None = None
    wrap: bool = False
    hidden: bool = False
    markdown: bool = False  # the field holds Markdown (`models.base.Markdown`)

    @property
    def plain_text(self) -> bool:
        """Is the field's Markdown shown as plain text (`plain_text.markdown_to_plain`)?

        Only in a read-only column: the reduction loses markers, and the import takes
        an editable column's text as the field's new value. An editable Markdown
        column therefore shows its text as written.
        """
        return self.markdown and not self.editable


@dataclass(frozen=True, eq=False)  # hashed by identity: cheap as a cache key, see values.snapshot_function
class WorkbookLayout:
    kind: str  # "checklist" | "internal" | "customer"
    filename: str
    title: str  # label key of the document title
    sheet: str  # label key of the data sheet's name
    summary_sheet: str  # label key of the summary sheet's name
    table: str  # Excel table name, fixed in every language
    collection: str  # where the items live in the project, e.g. "tests.internal"
    columns: tuple[Column, ...]
    items: Callable[[Project], list[Any]]
    model: type[BaseModel]  # the model of one item, which validates an imported row
    first_id: str  # the id of a collection's first item, in the style later ids follow ("REQ-001")

    @property
    def editable_fields(self) -> list[str]:
        return [c.field for c in self.columns if c.editable]

    def read_only_fields(self, editable: Collection[str] | None = None) -> list[str]:
        """The fields shown but not editable (`editable` defaults to the layout's), the key left out."""
        editable = self.editable_fields if editable is None else editable
        return [c.field for c in self.columns if c.field not in editable and c.kind is not Kind.KEY]

    def column(self, field: str) -> Column:
        return next(c for c in self.columns if c.field == field)

    def index(self, field: str) -> int:
        """0-based column index of `field`."""
        return next(i for i, c in enumerate(self.columns) if c.field == field)


# Header texts earlier versions wrote, still recognised on import: label key -> texts.
FORMER_LABELS = {"xlsx.col.side": ("Seite",)}  # German, until "Partei" ("Seite" reads as "page")

_KEY = Column(KEY_FIELD, "xlsx.col.key", Kind.KEY, width=8, hidden=True)
_ID = Column("id", "xlsx.col.id", width=10, max_width=16)

CHECKLIST_COLUMNS = (
    _KEY,
    _ID,
    Column("title", "xlsx.col.title", width=30, max_width=38, wrap=True),
    Column("description", "xlsx.col.description", width=14, max_width=36, wrap=True, markdown=True),
    Column("phase", "xlsx.col.phase", Kind.ENUM, width=13, max_width=15, choices=PHASE),
    Column("side", "xlsx.col.side", Kind.ENUM, width=11, max_width=14, editable=True, choices=SIDE),
    Column("responsible", "xlsx.col.responsible", Kind.PERSON, width=16, max_width=20, editable=True,
           choices=PERSON, wrap=True),
    Column("due", "xlsx.col.due", Kind.DATE, width=12, max_width=12, editable=True),
    Column("status", "status", Kind.ENUM, width=12, max_width=14, editable=True, choices=STATUS),
    Column("verified", "xlsx.col.verified", Kind.BOOL, width=11, max_width=12, editable=True, choices=YES_NO),
    Column("verified_on", "xlsx.col.verified_on", Kind.DATE, width=12, max_width=12, editable=True),
    # Who re-checked and on which system: the launch gate counts re-checks by the customer's QA on live.
    Column("verified_by", "xlsx.col.verified_by", Kind.PERSON, width=16, max_width=20, editable=True,
           choices=PERSON, wrap=True),
    Column("verified_system", "xlsx.col.verified_system", Kind.ENUM, width=11, max_width=14, editable=True,
           choices=STAGE),
    Column("work_package", "xlsx.col.work_package", Kind.REF, width=9, max_width=12),
    Column("notes", "xlsx.col.notes", width=14, max_width=28, wrap=True),
    Column("meeting", "xlsx.col.meeting", Kind.REF, width=12, max_width=18),
    Column("customer_remarks", "xlsx.col.customer_remarks", width=24, max_width=30, editable=True, wrap=True),
)

TEST_COLUMNS = (
    _KEY,
    _ID,
    Column("area", "xlsx.col.area", width=14, max_width=24, wrap=True),
    Column("title", "xlsx.col.test_title", width=28, max_width=44, wrap=True),
    Column("steps", "xlsx.col.steps", Kind.LINES, width=24, max_width=50, wrap=True),
    Column("expected", "xlsx.col.expected", width=22, max_width=40, wrap=True),
    Column("requirement", "xlsx.col.requirement", Kind.REF, width=10, max_width=12),
    Column("result", "xlsx.col.result", Kind.ENUM, width=14, max_width=16, editable=True, choices=RESULT),
    Column("tester", "xlsx.col.tester", Kind.PERSON, width=16, max_width=24, editable=True, choices=PERSON,
           wrap=True),
    Column("date", "date", Kind.DATE, width=12, max_width=12, editable=True),
    Column("environment", "xlsx.col.environment", Kind.ENUM, width=11, max_width=14, editable=True, choices=STAGE),
    Column("remarks", "xlsx.col.remarks", width=24, max_width=44, editable=True, wrap=True),
)

CHECKLIST = WorkbookLayout(
    "checklist", "requirements-checklist.xlsx", "xlsx.doc.checklist", "xlsx.sheet.checklist", "xlsx.sheet.summary",
    "Checklist", "requirements", CHECKLIST_COLUMNS, lambda p: p.requirements, Requirement, "REQ-001")
INTERNAL = WorkbookLayout(
    "internal", "internal-test-protocol.xlsx", "xlsx.doc.internal_tests", "xlsx.sheet.tests", "xlsx.sheet.summary",
    "InternalTests", "tests.internal", TEST_COLUMNS, lambda p: p.tests.internal, TestCase, "IT-01")
CUSTOMER = WorkbookLayout(
    "customer", "customer-test-protocol.xlsx", "xlsx.doc.customer_tests", "xlsx.sheet.tests", "xlsx.sheet.summary",
    "CustomerTests", "tests.customer", TEST_COLUMNS, lambda p: p.tests.customer, TestCase, "CT-01")
LAYOUTS = {layout.kind: layout for layout in (CHECKLIST, INTERNAL, CUSTOMER)}


def row_key(project_id: str, collection: str, item_id: str) -> str:
    """The stable hidden key of an item: the same item always gets the same key."""
    digest = hashlib.sha256(f"{project_id}\x1f{collection}\x1f{item_id}".encode()).hexdigest()
    return "k" + digest[:20]


@dataclass(frozen=True)
class CellContext:
    """What conversions need beyond the value: labels of the language and people's names."""

    labels: Labels
    person_names: dict[str, str]  # person id -> display name


def cell_context(project: Project, labels: Labels) -> CellContext:
    return CellContext(labels, person_display_names(project))


def person_display_names(project: Project) -> dict[str, str]:
    """id -> name; a name shared by several people gets its id appended to stay unique."""
    counts: dict[str, int] = {}
    for person in project.people:
        counts[person.name] = counts.get(person.name, 0) + 1
    return {p.id: p.name if counts[p.name] == 1 else f"{p.name} ({p.id})" for p in project.people}


def choice_labels(choices: Choices, context: CellContext) -> list[str]:
    """The dropdown entries of a list, in order."""
    if choices.enum is not None:
        return [context.labels[choices.label_prefix + member.value] for member in choices.enum]
    if choices is YES_NO:
        return [context.labels["yes"], context.labels["no"]]
    return list(context.person_names.values())
