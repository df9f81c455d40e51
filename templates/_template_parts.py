"""Building blocks of the shipped templates: the Builder, tables, header and footer.

python-docx writes the document; docxtpl tags go where docgen's renderers expect them.
Zip entries get a fixed timestamp, so the same code always builds the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, RGBColor

from _template_styles import BRAND, new_document, page_setup

STAMP = (2026, 1, 1, 0, 0, 0)


class Builder:
    """A thin layer over python-docx that writes docxtpl tags in the right places."""

    def __init__(self, cover_page: bool) -> None:
        self.doc = new_document()
        self.cover_page = cover_page
        page_setup(self.doc.sections[0], cover_page)

    def p(self, text: str = "", style: str | None = None, bold: bool = False):
        paragraph = self.doc.add_paragraph(style=style)
        if text:
            paragraph.add_run(text).bold = bold or None
        return paragraph

    def tag(self, text: str) -> None:
        """A paragraph holding only a docxtpl {%p %} tag: it vanishes on rendering."""
        self.doc.add_paragraph(text)

    def h(self, text: str, level: int = 1) -> None:
        self.doc.add_paragraph(text, style=f"Heading {level}")

    def bullets(self, expr: str, var: str = "item", style: str = "List Bullet") -> None:
        self.tag(f"{{%p for {var} in {expr} %}}")
        self.p(f"{{{{ {var} }}}}", style)
        self.tag("{%p endfor %}")

    def bullets_or(self, expr: str, empty_label: str) -> None:
        self.tag(f"{{%p if {expr} %}}")
        self.bullets(expr)
        self.tag("{%p else %}")
        self.p(f"{{{{ labels.{empty_label} }}}}", "Note")
        self.tag("{%p endif %}")

    def table_or(self, expr: str, columns, loop: str, empty_label: str, note_label: str = "") -> None:
        """The table when `expr` has items (with a note below it), else the empty label as a note."""
        self.tag(f"{{%p if {expr} %}}")
        self.table(columns, loop)
        if note_label:
            self.p(f"{{{{ labels.{note_label} }}}}", "Note")
        self.tag("{%p else %}")
        self.p(f"{{{{ labels.{empty_label} }}}}", "Note")
        self.tag("{%p endif %}")

    def rich(self, expr: str) -> None:
        """Markdown text: docgen turns it into whole paragraphs and lists."""
        self.p(f"{{{{p {expr} }}}}")

    def table(self, columns, loop: str, *, total=None, caption: str = ""):
        return loop_table(self.doc, columns, loop, total=total, caption=caption)

    def info_table(self, rows) -> None:
        info_table(self.doc, rows)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def cover(self, extra_rows=()) -> None:
        """Logos (cover pages only: else the header has one), title, subtitle, document control."""
        if self.cover_page:
            logo_row(self.doc)
        title = self.p("{{ doc.title }}", "Title")
        if self.cover_page:
            title.paragraph_format.space_before = Cm(5)
        self.p("{{ project.project.title }}", "Subtitle")
        self.draft_mark()
        rows = [
            ("labels.customer", "project.project.customer.name", ""),
            ("labels.vendor", "project.project.vendor.name", ""),
            *extra_rows,
            ("labels.version", "doc.version", ""),
            ("labels.date", "doc.date", ""),
            ("labels.status", "doc.status", ""),
            ("labels.author", "doc.author", "doc.author"),
        ]
        self.info_table(rows)
        if self.cover_page:
            self.p("{{ brand.confidentiality }}", "Note").paragraph_format.space_before = Cm(1)
            self.page_break()

    def draft_mark(self) -> None:
        """'DRAFT' under the title while the document is incomplete or a draft; nothing when final."""
        self.doc.add_paragraph("{%p if doc.draft %}")
        mark = self.doc.add_paragraph().add_run("{{ doc.draft }}")
        mark.bold, mark.font.color.rgb = True, DRAFT_RED
        self.doc.add_paragraph("{%p endif %}")

    def signoff(self) -> None:
        self.h("{{ labels.signoff }}")
        self.p("{{ labels.signoff_intro }}")
        signoff_table(self.doc)

    def save(self, name: str, directory: Path) -> Path:
        header_footer(self.doc.sections[0], self.cover_page)
        strip_trailing_empty(self.doc)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        target = directory / name
        target.write_bytes(fixed_zip(buffer.getvalue()))
        return target


def fixed_zip(data: bytes) -> bytes:
    """Same content, same bytes: python-docx stamps zip entries with the current time."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, STAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# --- header and footer --------------------------------------------------------------

DRAFT_RED = RGBColor(0xC0, 0x00, 0x00)  # not the brand colour: a draft mark must stand out in any branding


def header_footer(section, cover_page: bool) -> None:
    header = section.header.paragraphs[0]
    header.style = "Header"
    header.add_run("{{ project.project.customer.name }}").bold = True
    header.add_run(" \u00b7 {{ doc.title }}")
    draft = header.add_run("{% if doc.draft %} \u00b7 {{ doc.draft }}{% endif %}")
    draft.bold, draft.font.color.rgb = True, DRAFT_RED
    header.add_run("\t{% if logos.header %}{{ logos.header.small }}{% endif %}")
    _footer(section.footer.paragraphs[0])
    if cover_page:  # the cover shows the logos large, so its header stays empty
        section.first_page_header.is_linked_to_previous = False
        section.first_page_header.paragraphs[0].style = "Normal"
        _footer(section.first_page_footer.paragraphs[0])


def _footer(paragraph) -> None:
    """Two lines, so that a long confidentiality notice never moves the page number."""
    paragraph.style = "Footer"
    paragraph.add_run("{{ brand.confidentiality }}")
    second = paragraph._parent.add_paragraph(style="Footer Line")
    second.add_run("{{ labels.version }} {{ doc.version }}\t{{ labels.page }} ")
    _field(second, "PAGE")
    second.add_run(" {{ labels.of }} ")
    _field(second, "NUMPAGES")


def _field(paragraph, instruction: str) -> None:
    """A complex field, which Word and LibreOffice update when they lay out pages."""
    for xml in (
        '<w:r %s><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r %s><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
        '<w:r %s><w:fldChar w:fldCharType="separate"/></w:r>',
        '<w:r %s><w:t>1</w:t></w:r>',
        '<w:r %s><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml % nsdecls("w")))


# --- tables -------------------------------------------------------------------------


def loop_table(doc, columns, loop: str, *, total=None, caption: str = ""):
    """Header row (repeats on every page), one row per item of `loop`, optional total row."""
    table = _table(doc, 4 + (1 if total else 0), [c[1] for c in columns], "Docgen Table", caption)
    aligns = [c[3] if len(c) > 3 else "" for c in columns]
    _repeat_header(table.rows[0])
    for cell, column, align in zip(table.rows[0].cells, columns, aligns):
        _cell(cell, [f"{{{{ {column[0]} }}}}"], align)
    _cell(table.rows[1].cells[0], [f"{{%tr for {loop} %}}"])
    _keep_together(table.rows[2])
    for cell, column, align in zip(table.rows[2].cells, columns, aligns):
        _cell(cell, column[2], align)
    _cell(table.rows[3].cells[0], ["{%tr endfor %}"])
    if total:
        for cell, text, align in zip(table.rows[4].cells, total, aligns):
            _cell(cell, [text] if text else [], align)
            # Direct formatting as well as the style's lastRow: LibreOffice ignores the latter.
            cell._tc.get_or_add_tcPr().append(parse_xml(
                f'<w:tcBorders {nsdecls("w")}><w:top w:val="single" w:sz="8" w:space="0" w:color="595959"/>'
                '</w:tcBorders>'))
    _look(table, last_row=bool(total))
    return table


def info_table(doc, rows) -> None:
    """Document control: label | value; a row whose condition is empty is left out."""
    count = sum(3 if cond else 1 for _, _, cond in rows)
    table = _table(doc, count, [4.0, 12.6], "Docgen Plain", "")
    index = 0
    for label, value, cond in rows:
        if cond:
            _cell(table.rows[index].cells[0], [f"{{%tr if {cond} %}}"])
            index += 1
        _cell(table.rows[index].cells[0], [f"{{{{ {label} }}}}"])
        _cell(table.rows[index].cells[1], [f"{{{{ {value} }}}}"])
        index += 1
        if cond:
            _cell(table.rows[index].cells[0], ["{%tr endif %}"])
            index += 1
    _look(table, first_row=False, first_col=True, band=False)


def loop_info_table(doc, loop: str) -> None:
    """label | value rows from a list of pairs, laid out like `info_table`."""
    table = _table(doc, 3, [4.0, 12.6], "Docgen Plain", "")
    _cell(table.rows[0].cells[0], [f"{{%tr for {loop} %}}"])
    _cell(table.rows[1].cells[0], ["{{ row[0] }}"])
    _cell(table.rows[1].cells[1], ["{{ row[1] }}"])
    _cell(table.rows[2].cells[0], ["{%tr endfor %}"])
    _look(table, first_row=False, first_col=True, band=False)


def signoff_table(doc) -> None:
    columns = [
        ("labels.organisation", 4.2, ["**{{ s.organisation }}", "~{{ s.side }}"]),
        ("labels.name", 4.2, ["{{ s.name }}", "~{{ s.role }}"]),
        ("labels.place_date", 3.8, ["{{ s.signed_on }}"]),
        ("labels.signature", 4.4, [""]),
    ]
    table = loop_table(doc, columns, "s in signatories")
    row = table.rows[2]._tr.get_or_add_trPr()
    row.append(parse_xml(f'<w:trHeight {nsdecls("w")} w:val="{Cm(1.6).twips}" w:hRule="atLeast"/>'))


def raci_table(doc) -> None:
    """People as columns: docgen sets the widths after rendering (caption 'RACI')."""
    table = _table(doc, 4, [5.2, 3.8, 3.8, 3.8], "Docgen Table", "RACI")
    _repeat_header(table.rows[0])
    header = ["{{ labels.activity }}", "{%tc for p in raci.people %}", "{{ p.name }}", "{%tc endfor %}"]
    body = ["{{ row.activity }}", "{%tc for c in row.cells %}", "{{ c }}", "{%tc endfor %}"]
    for index, (top, cell) in enumerate(zip(header, body)):
        align = "center" if index else ""
        _cell(table.rows[0].cells[index], [top], "")
        _cell(table.rows[2].cells[index], [cell], align)
    _cell(table.rows[1].cells[0], ["{%tr for row in raci.rows %}"])
    _cell(table.rows[3].cells[0], ["{%tr endfor %}"])
    _keep_together(table.rows[2])
    # Names run bottom to top, so that a dozen people still fit across the page.
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(
        parse_xml(f'<w:trHeight {nsdecls("w")} w:val="{Cm(3.2).twips}" w:hRule="atLeast"/>'))
    for index, cell in enumerate(header.cells):
        tc_pr = cell._tc.get_or_add_tcPr()
        if index:
            tc_pr.append(parse_xml(f'<w:textDirection {nsdecls("w")} w:val="btLr"/>'))
        tc_pr.append(parse_xml(f'<w:vAlign {nsdecls("w")} w:val="bottom"/>'))
    _look(table, first_col=True)


def timeline_table(doc) -> None:
    """A row of milestones: marker, date, title; docgen spreads the columns evenly."""
    doc.add_paragraph("{%p for chunk in timeline %}")
    table = _table(doc, 1, [0.5, 15.6, 0.5], "Docgen Layout", "Timeline")
    cells = table.rows[0].cells
    _cell(cells[0], ["{%tc for m in chunk %}"])
    _cell(cells[2], ["{%tc endfor %}"])
    content = cells[1]
    content.paragraphs[0].style = "Timeline Marker"
    content.paragraphs[0].add_run("{{ m.marker }}")
    for text, bold in (("{{ m.date }}", True), ("{{ m.title }}", False)):
        paragraph = content.add_paragraph(style="Timeline Text")
        paragraph.add_run(text).bold = bold or None
    border = f'<w:tcBorders {nsdecls("w")}><w:top w:val="single" w:sz="18" w:space="0" w:color="{BRAND}"/></w:tcBorders>'
    content._tc.get_or_add_tcPr().append(parse_xml(border))
    doc.add_paragraph("{%p endfor %}")


def light_table(doc) -> None:
    """The status report's traffic light: a cell filled with its colour, the reasons beside it."""
    table = _table(doc, 1, [3.6, 13.0], "Docgen Plain", "Traffic light")
    light, reasons = table.rows[0].cells
    _cell(light, ["{% cellbg light.color %}"], "center")
    run = light.paragraphs[0].add_run("{{ light.label }}")
    run.bold, run.font.color.rgb = True, RGBColor(0xFF, 0xFF, 0xFF)
    light._tc.get_or_add_tcPr().append(parse_xml(f'<w:vAlign {nsdecls("w")} w:val="center"/>'))
    _cell(reasons, ["{%p for reason in light.reasons %}", "{{ reason }}", "{%p endfor %}"])
    _look(table, first_row=False, band=False)


def logo_row(doc) -> None:
    doc.add_paragraph("{%p if logos.customer or logos.vendor %}")
    table = _table(doc, 1, [8.3, 8.3], "Docgen Layout", "")
    _cell(table.rows[0].cells[0], ["{% if logos.customer %}{{ logos.customer.large }}{% endif %}"])
    _cell(table.rows[0].cells[1], ["{% if logos.vendor %}{{ logos.vendor.large }}{% endif %}"], "right")
    doc.add_paragraph("{%p endif %}")


def _table(doc, rows: int, widths_cm, style: str, caption: str):
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    table.style = style
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    total = sum(Cm(w).twips for w in widths_cm)
    tbl_pr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{total}" w:type="dxa"/>'))
    if caption:
        tbl_pr.append(parse_xml(f'<w:tblCaption {nsdecls("w")} w:val="{caption}"/>'))
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_cm):
        col.w = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)
    return table


def _look(table, first_row=True, last_row=False, first_col=False, band=True) -> None:
    flags = {"firstRow": first_row, "lastRow": last_row, "firstColumn": first_col,
             "lastColumn": False, "noHBand": not band, "noVBand": True}
    attrs = " ".join(f'w:{k}="{int(v)}"' for k, v in flags.items())
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is not None:
        table._tbl.tblPr.remove(look)
    table._tbl.tblPr.append(parse_xml(f'<w:tblLook {nsdecls("w")} {attrs}/>'))


def _keep_together(row) -> None:
    row._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))


def _repeat_header(row) -> None:
    row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))


WARNING_RED = RGBColor(0xC0, 0x39, 0x2B)  # the red of the traffic light


def _cell(cell, texts, align: str = "") -> None:
    """Fill a cell: '**' marks a bold line, '!!' a bold red one (a warning), '~' a small
    grey one; tags stay plain."""
    first = cell.paragraphs[0]
    for index, text in enumerate(texts or [""]):
        paragraph = first if index == 0 else cell.add_paragraph()
        style = "Table Note" if text.startswith("~") else "Table Text"
        paragraph.style = style
        warning = text.startswith("!!")
        bold = warning or text.startswith("**")
        text = text[2:] if bold else text.lstrip("~")
        if text:
            run = paragraph.add_run(text)
            run.bold = bold or None
            if warning:
                run.font.color.rgb = WARNING_RED
        if align and not text.startswith("{%"):
            paragraph.alignment = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}[align]


def strip_trailing_empty(doc) -> None:
    """Word needs a paragraph after a final table; anything more is an empty last page."""
    body = doc.element.body
    last = body[-2] if body[-1].tag == qn("w:sectPr") else body[-1]
    if last.tag == qn("w:tbl"):
        doc.add_paragraph()


