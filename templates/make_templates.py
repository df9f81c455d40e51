"""Build the shipped DOCX templates reproducibly: `python templates/make_templates.py [DIR]`.

Every template is a plain Word document: named styles (Title, Heading 1-3, Body Text,
List Bullet/Number, the table style "Docgen Table"), a header and footer with PAGE and
NUMPAGES fields, a cover block with document control, and docxtpl tags. Users restyle
them in Word; docgen only relies on the tags. The brand colour 1F4E79 and the font
"Liberation Sans" are sentinels that docgen replaces with the project's branding.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm

OUT = Path(__file__).resolve().parent
STAMP = (2026, 1, 1, 0, 0, 0)
CONTENT_WIDTH_CM = 16.6  # A4 minus 2.2 cm margins on both sides


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


# --- styles and numbering: written out in full so the templates stay small ---------

STYLES = """<w:styles %s>
<w:docDefaults><w:rPrDefault><w:rPr>
<w:rFonts w:ascii="Liberation Sans" w:hAnsi="Liberation Sans" w:eastAsia="Liberation Sans" w:cs="Liberation Sans"/>
<w:color w:val="262626"/><w:sz w:val="20"/><w:szCs w:val="20"/>
<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault>
</w:docDefaults>
%s
</w:styles>"""

_P = '<w:style w:type="paragraph" w:styleId="{id}"{default}><w:name w:val="{name}"/>{based}<w:qFormat/>' \
     '<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>'
_BRAND = "1F4E79"
_TINT = "EAF0F6"
_RULE = "BFBFBF"

PARAGRAPH_STYLES = [
    # (id, name, pPr, rPr)
    ("Normal", "Normal", "", ""),
    ("Title", "Title", '<w:spacing w:before="0" w:after="120" w:line="240" w:lineRule="auto"/>',
     f'<w:b/><w:bCs/><w:color w:val="{_BRAND}"/><w:sz w:val="56"/><w:szCs w:val="56"/>'),
    ("Subtitle", "Subtitle", '<w:spacing w:after="480"/>',
     '<w:color w:val="595959"/><w:sz w:val="30"/><w:szCs w:val="30"/>'),
    ("Heading1", "heading 1", '<w:keepNext/><w:keepLines/><w:pBdr><w:bottom w:val="single" w:sz="6" '
     f'w:space="2" w:color="{_BRAND}"/></w:pBdr><w:spacing w:before="360" w:after="160"/><w:outlineLvl w:val="0"/>',
     f'<w:b/><w:bCs/><w:color w:val="{_BRAND}"/><w:sz w:val="30"/><w:szCs w:val="30"/>'),
    ("Heading2", "heading 2", '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/>'
     '<w:outlineLvl w:val="1"/>', f'<w:b/><w:bCs/><w:color w:val="{_BRAND}"/><w:sz w:val="24"/><w:szCs w:val="24"/>'),
    ("Heading3", "heading 3", '<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="60"/>'
     '<w:outlineLvl w:val="2"/>', '<w:b/><w:bCs/><w:color w:val="404040"/><w:sz w:val="21"/><w:szCs w:val="21"/>'),
    ("BodyText", "Body Text", "", ""),
    ("ListBullet", "List Bullet", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
     '<w:spacing w:after="60"/>', ""),
    ("ListBullet2", "List Bullet 2", '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'
     '<w:spacing w:after="60"/>', ""),
    ("ListNumber", "List Number", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>'
     '<w:spacing w:after="60"/>', ""),
    ("ListNumber2", "List Number 2", '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr>'
     '<w:spacing w:after="60"/>', ""),
    ("Note", "Note", "", '<w:i/><w:iCs/><w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="18"/>'),
    ("TableText", "Table Text", '<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>',
     '<w:sz w:val="18"/><w:szCs w:val="18"/>'),
    ("TableNote", "Table Note", '<w:spacing w:before="0" w:after="20" w:line="240" w:lineRule="auto"/>',
     '<w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/>'),
    ("TimelineMarker", "Timeline Marker", '<w:jc w:val="center"/><w:spacing w:before="0" w:after="0" '
     'w:line="240" w:lineRule="auto"/>', f'<w:color w:val="{_BRAND}"/><w:sz w:val="28"/><w:szCs w:val="28"/>'),
    ("TimelineText", "Timeline Text", '<w:jc w:val="center"/><w:spacing w:before="40" w:after="0" '
     'w:line="240" w:lineRule="auto"/>', '<w:sz w:val="16"/><w:szCs w:val="16"/>'),
    ("Header", "header", '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="BFBFBF"/></w:pBdr>'
     '<w:tabs><w:tab w:val="right" w:pos="9412"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
     '<w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/>'),
    ("Footer", "footer", '<w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="BFBFBF"/></w:pBdr>'
     '<w:tabs><w:tab w:val="right" w:pos="9412"/></w:tabs><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
     '<w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/>'),
    ("FooterLine", "Footer Line", '<w:tabs><w:tab w:val="right" w:pos="9412"/></w:tabs>'
     '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
     '<w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/>'),
]

OTHER_STYLES = f"""
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>
<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>
<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:unhideWhenUsed/>
<w:rPr><w:color w:val="{_BRAND}"/><w:u w:val="single"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:qFormat/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:semiHidden/>
<w:unhideWhenUsed/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>
<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>
<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>
</w:tblPr></w:style>
<w:style w:type="table" w:styleId="DocgenTable"><w:name w:val="Docgen Table"/><w:basedOn w:val="TableNormal"/>
<w:qFormat/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="{_RULE}"/>
<w:bottom w:val="single" w:sz="4" w:space="0" w:color="{_RULE}"/>
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="{_RULE}"/></w:tblBorders>
<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/>
<w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>
<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>
<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{_BRAND}"/></w:tcPr></w:tblStylePr>
<w:tblStylePr w:type="lastRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr><w:tcBorders>
<w:top w:val="single" w:sz="8" w:space="0" w:color="{_BRAND}"/></w:tcBorders></w:tcPr></w:tblStylePr>
<w:tblStylePr w:type="band2Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{_TINT}"/></w:tcPr>
</w:tblStylePr></w:style>
<w:style w:type="table" w:styleId="DocgenPlain"><w:name w:val="Docgen Plain"/><w:basedOn w:val="TableNormal"/>
<w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr>
<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="D9D9D9"/>
<w:bottom w:val="single" w:sz="4" w:space="0" w:color="D9D9D9"/>
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="D9D9D9"/></w:tblBorders></w:tblPr>
<w:tblStylePr w:type="firstCol"><w:rPr><w:b/><w:bCs/><w:color w:val="595959"/></w:rPr></w:tblStylePr></w:style>
<w:style w:type="table" w:styleId="DocgenLayout"><w:name w:val="Docgen Layout"/><w:basedOn w:val="TableNormal"/>
<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
<w:tblPr><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>
</w:style>"""

NUMBERING = """<w:numbering %s>
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>
<w:pPr><w:ind w:left="357" w:hanging="357"/></w:pPr><w:rPr><w:color w:val="1F4E79"/></w:rPr></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2013"/><w:lvlJc w:val="left"/>
<w:pPr><w:ind w:left="714" w:hanging="357"/></w:pPr><w:rPr><w:color w:val="1F4E79"/></w:rPr></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%1."/><w:lvlJc w:val="left"/>
<w:pPr><w:ind w:left="357" w:hanging="357"/></w:pPr></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%%2)"/><w:lvlJc w:val="left"/>
<w:pPr><w:ind w:left="714" w:hanging="357"/></w:pPr></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""

_DROPPED = ("stylesWithEffects", "customXml", "webSettings", "thumbnail")


def new_document():
    """python-docx's default document, reduced to what a template needs."""
    doc = Document()
    for rels in (doc.part.rels, doc.part.package.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _DROPPED:
                rels.pop(rid)
    paragraph_styles = "".join(_paragraph_style(*spec) for spec in PARAGRAPH_STYLES)
    doc.part._styles_part._element = parse_xml(STYLES % (nsdecls("w"), paragraph_styles + OTHER_STYLES))
    doc.part.numbering_part._element = parse_xml(NUMBERING % nsdecls("w"))
    for paragraph in list(doc.paragraphs):
        paragraph._element.getparent().remove(paragraph._element)
    props = doc.core_properties
    props.title = props.subject = props.author = props.comments = props.keywords = ""
    props.last_modified_by = props.category = ""
    props.revision = 1
    return doc


def _paragraph_style(style_id: str, name: str, ppr: str, rpr: str) -> str:
    default = ' w:default="1"' if style_id == "Normal" else ""
    based = "" if style_id == "Normal" else '<w:basedOn w:val="Normal"/>'
    return _P.format(id=style_id, name=name, default=default, based=based, ppr=ppr, rpr=rpr)


def page_setup(section, cover_page: bool) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.6), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.1)
    section.different_first_page_header_footer = cover_page


# --- header and footer --------------------------------------------------------------


def header_footer(section, cover_page: bool) -> None:
    header = section.header.paragraphs[0]
    header.style = "Header"
    header.add_run("{{ project.project.customer.name }}").bold = True
    header.add_run(" \u00b7 {{ doc.title }}\t{% if logos.header %}{{ logos.header.small }}{% endif %}")
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

PERSON_COLUMNS = [
    ("labels.name", 3.6, ["**{{ person.name }}"]),
    ("labels.role", 3.9, ["{{ person.role }}"]),
    ("labels.organisation", 3.5, ["{{ person.organisation }}"]),
    ("labels.contact", 5.6, ["~{{ person.contact }}"]),
]
OPEN_POINT_COLUMNS = [
    ("labels.id", 2.0, ["{{ item.id }}"]),
    ("labels.open_point", 7.0, ["**{{ item.title }}", "{%p if item.notes %}", "~{{ item.notes }}", "{%p endif %}"]),
    ("labels.responsible", 3.4, ["{{ item.responsible }}", "~{{ item.side }}"]),
    ("labels.due", 2.2, ["{{ item.due }}"]),
    ("labels.status", 2.0, ["{{ item.status }}"]),
]
PACKAGE_COLUMNS = [
    ("labels.id", 2.0, ["{{ wp.id }}"]),
    ("labels.work_package", 7.0, ["{{ wp.title }}"]),
    ("labels.effort_days", 2.2, ["{{ wp.effort }}"], "right"),
    ("labels.day_rate", 2.6, ["{{ wp.rate }}"], "right"),
    ("labels.price", 2.8, ["{{ wp.price }}"], "right"),
]
PACKAGE_TOTAL = ["**{{ labels.total }}", "", "**{{ total_days }}", "", "**{{ total_price }}"]
_REQUIREMENT_CELL = ["{{ a.requirement }}", "{%p if a.requirement_title %}", "~{{ a.requirement_title }}",
                     "{%p endif %}"]
ACTION_COLUMNS = [
    ("labels.number", 0.8, ["{{ a.number }}"]),
    ("labels.action", 6.0, ["{{ a.title }}"]),
    ("labels.responsible", 3.2, ["{{ a.responsible }}", "~{{ a.side }}"]),
    ("labels.due", 2.2, ["{{ a.due }}"]),
    ("labels.requirement", 4.4, _REQUIREMENT_CELL),
]
CARRIED_COLUMNS = [
    ("labels.action", 5.4, ["{{ a.title }}"]),
    ("labels.responsible", 3.0, ["{{ a.responsible }}"]),
    ("labels.due", 2.2, ["{{ a.due }}"]),
    ("labels.from_meeting", 2.2, ["{{ a.origin }}"]),
    ("labels.requirement", 3.8, _REQUIREMENT_CELL),
]


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


def signoff_table(doc) -> None:
    columns = [
        ("labels.organisation", 4.2, ["**{{ s.organisation }}", "~{{ s.side }}"]),
        ("labels.name", 4.2, ["{{ s.name }}", "~{{ s.role }}"]),
        ("labels.place_date", 3.8, [""]),
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
    border = f'<w:tcBorders {nsdecls("w")}><w:top w:val="single" w:sz="18" w:space="0" w:color="{_BRAND}"/></w:tcBorders>'
    content._tc.get_or_add_tcPr().append(parse_xml(border))
    doc.add_paragraph("{%p endfor %}")


def logo_row(doc) -> None:
    doc.add_paragraph("{%p if logos.customer or logos.vendor %}")
    table = _table(doc, 1, [8.3, 8.3], "Docgen Layout", "")
    _cell(table.rows[0].cells[0], ["{% if logos.customer %}{{ logos.customer.large }}{% endif %}"])
    _cell(table.rows[0].cells[1], ["{% if logos.vendor %}{{ logos.vendor.large }}{% endif %}"], "right")
    doc.add_paragraph("{%p endif %}")


def package_details(b) -> None:
    b.tag("{%p if details %}")
    b.h("{{ labels.package_details }}")
    b.tag("{%p for wp in details %}")
    b.h("{{ wp.id }} \u2013 {{ wp.title }}", 2)
    b.rich("wp.description")
    for key in ("deliverables", "assumptions"):
        b.tag(f"{{%p if wp.{key} %}}")
        b.p(f"{{{{ labels.{key} }}}}", "Heading 3")
        b.bullets(f"wp.{key}", var="entry")
        b.tag("{%p endif %}")
    b.tag("{%p endfor %}")
    b.tag("{%p endif %}")


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


def _cell(cell, texts, align: str = "") -> None:
    """Fill a cell: '**' marks a bold line, '~' a small grey one; tags stay plain."""
    first = cell.paragraphs[0]
    for index, text in enumerate(texts or [""]):
        paragraph = first if index == 0 else cell.add_paragraph()
        style = "Table Note" if text.startswith("~") else "Table Text"
        paragraph.style = style
        bold = text.startswith("**")
        text = text[2:] if bold else text.lstrip("~")
        if text:
            paragraph.add_run(text).bold = bold or None
        if align and not text.startswith("{%"):
            paragraph.alignment = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}[align]


def strip_trailing_empty(doc) -> None:
    """Word needs a paragraph after a final table; anything more is an empty last page."""
    body = doc.element.body
    last = body[-2] if body[-1].tag == qn("w:sectPr") else body[-1]
    if last.tag == qn("w:tbl"):
        doc.add_paragraph()


# --- the five documents -------------------------------------------------------------


def charter() -> Builder:
    b = Builder(cover_page=True)
    b.cover()
    b.tag("{%p if background %}")
    b.h("{{ labels.background }}")
    b.rich("background")
    b.tag("{%p endif %}")
    b.h("{{ labels.goals }}")
    b.bullets_or("goals", "to_be_defined")
    b.h("{{ labels.scope }}")
    b.h("{{ labels.scope_in }}", 2)
    b.bullets_or("scope_in", "to_be_defined")
    b.h("{{ labels.scope_out }}", 2)
    b.bullets_or("scope_out", "none_recorded")
    _stakeholders(b)
    _raci(b)
    _milestones(b)
    _organisation(b)
    b.signoff()
    return b


def _stakeholders(b: Builder) -> None:
    b.h("{{ labels.stakeholders }}")
    b.tag("{%p for group in stakeholder_groups %}")
    b.h("{{ group.organisation }} ({{ group.side }})", 2)
    b.table(PERSON_COLUMNS, "person in group.people")
    b.tag("{%p endfor %}")


def _raci(b: Builder) -> None:
    b.tag("{%p if raci.rows %}")
    b.h("{{ labels.responsibilities }}")
    raci_table(b.doc)
    b.p("{{ labels.raci_legend }}", "Note")
    b.tag("{%p endif %}")


def _milestones(b: Builder) -> None:
    b.tag("{%p if milestones %}")
    b.h("{{ labels.milestones }}")
    timeline_table(b.doc)
    b.table([
        ("labels.milestone", 7.0, ["**{{ m.title }}", "{%p if m.description %}", "~{{ m.description }}",
                                    "{%p endif %}"]),
        ("labels.phase", 3.2, ["{{ m.phase }}"]),
        ("labels.date", 3.2, ["{{ m.date }}"]),
        ("labels.status", 3.2, ["{{ m.status }}"]),
    ], "m in milestones")
    b.tag("{%p endif %}")


def _organisation(b: Builder) -> None:
    b.h("{{ labels.project_organisation }}")
    b.tag("{%p for part in organisation %}")
    b.h("{{ part.title }}", 2)
    b.rich("part.body")
    b.tag("{%p endfor %}")
    b.tag("{%p if status_call %}")
    b.h("{{ labels.status_call }}", 2)
    b.p("{{ status_call }}")
    b.tag("{%p endif %}")


def workshop_agenda() -> Builder:
    b = Builder(cover_page=False)
    b.cover(extra_rows=[
        ("labels.workshop_date", "workshop_date", "workshop_date"),
        ("labels.time", "time_range", ""),
        ("labels.location", "location", "location"),
    ])
    b.tag("{%p if goals %}")
    b.h("{{ labels.workshop_goals }}")
    b.bullets("goals")
    b.tag("{%p endif %}")
    b.h("{{ labels.agenda }}")
    b.table([
        ("labels.time", 2.8, ["{{ item.start }} – {{ item.end }}"]),
        ("labels.topic", 10.0, ["**{{ item.title }}", "{%p for point in item.items %}",
                                "• {{ point }}", "{%p endfor %}"]),
        ("labels.owner", 3.8, ["{{ item.owner }}"]),
    ], "item in agenda")
    b.tag("{%p if default_agenda %}")
    b.p("{{ labels.default_agenda_note }}", "Note")
    b.tag("{%p endif %}")
    b.h("{{ labels.attendees }}")
    b.tag("{%p if attendees %}")
    b.table(PERSON_COLUMNS, "person in attendees")
    b.tag("{%p else %}")
    b.p("{{ labels.attendees_tbd }}", "Note")
    b.tag("{%p endif %}")
    return b


def implementation_concept() -> Builder:
    b = Builder(cover_page=True)
    b.cover()
    b.h("{{ labels.revision_history }}")
    b.tag("{%p if revisions %}")
    b.table([
        ("labels.version", 2.0, ["{{ r.version }}"]),
        ("labels.date", 3.0, ["{{ r.date }}"]),
        ("labels.author", 3.6, ["{{ r.author }}"]),
        ("labels.changes", 8.0, ["{{ r.summary }}"]),
    ], "r in revisions")
    b.tag("{%p else %}")
    b.p("{{ labels.no_revisions }}", "Note")
    b.tag("{%p endif %}")
    b.h("{{ labels.environment }}")
    b.tag("{%p if environment %}")
    b.tag("{%p for part in environment %}")
    b.h("{{ part.title }}", 2)
    b.rich("part.body")
    b.tag("{%p endfor %}")
    b.tag("{%p else %}")
    b.p("{{ labels.environment_pending }}", "Note")
    b.tag("{%p endif %}")
    b.tag("{%p if architecture %}")
    b.h("{{ labels.architecture }}")
    b.rich("architecture")
    b.tag("{%p endif %}")
    b.tag("{%p for section in sections %}")
    b.h("{{ section.title }}")
    b.rich("section.body")
    b.tag("{%p endfor %}")
    b.h("{{ labels.open_points }}")
    b.tag("{%p if open_points %}")
    b.table(OPEN_POINT_COLUMNS, "item in open_points")
    b.tag("{%p else %}")
    b.p("{{ labels.no_open_points }}", "Note")
    b.tag("{%p endif %}")
    return b


def sow() -> Builder:
    b = Builder(cover_page=True)
    b.cover(extra_rows=[("labels.reference", "reference", "reference")])
    b.tag("{%p if introduction %}")
    b.h("{{ labels.introduction }}")
    b.rich("introduction")
    b.tag("{%p endif %}")
    b.h("{{ labels.work_packages }}")
    b.tag("{%p if packages %}")
    b.table(PACKAGE_COLUMNS, "wp in packages", total=PACKAGE_TOTAL)
    b.p("{{ labels.prices_note }}", "Note")
    b.tag("{%p else %}")
    b.p("{{ labels.no_work_packages }}", "Note")
    b.tag("{%p endif %}")
    package_details(b)
    for key in ("assumptions", "exclusions", "acceptance"):
        b.tag(f"{{%p if {key} %}}")
        b.h(f"{{{{ labels.{key} }}}}")
        b.bullets(key)
        b.tag("{%p endif %}")
    b.h("{{ labels.commercial_terms }}")
    b.rich("payment_terms")
    b.p("{{ terms }}")
    b.signoff()
    return b


def meeting_minutes() -> Builder:
    b = Builder(cover_page=False)
    b.cover(extra_rows=[
        ("labels.meeting", "meeting.heading", ""),
        ("labels.location", "meeting.location", "meeting.location"),
    ])
    b.h("{{ labels.attendees }}")
    b.tag("{%p if attendees %}")
    b.table(PERSON_COLUMNS, "person in attendees")
    b.tag("{%p else %}")
    b.p("{{ labels.none_recorded }}", "Note")
    b.tag("{%p endif %}")
    for key, style in (("topics", "List Bullet"), ("decisions", "List Number")):
        b.h(f"{{{{ labels.{key} }}}}")
        b.tag(f"{{%p if {key} %}}")
        b.bullets(key, style=style)
        b.tag("{%p else %}")
        b.p("{{ labels.none_recorded }}", "Note")
        b.tag("{%p endif %}")
    b.h("{{ labels.action_items }}")
    b.tag("{%p if actions %}")
    b.table(ACTION_COLUMNS, "a in actions")
    b.tag("{%p else %}")
    b.p("{{ labels.no_actions }}", "Note")
    b.tag("{%p endif %}")
    b.tag("{%p if carried %}")
    b.h("{{ labels.carried_forward }}")
    b.table(CARRIED_COLUMNS, "a in carried")
    b.tag("{%p endif %}")
    return b


DOCUMENTS = {
    "charter.docx": charter,
    "workshop-agenda.docx": workshop_agenda,
    "implementation-concept.docx": implementation_concept,
    "sow.docx": sow,
    "meeting-minutes.docx": meeting_minutes,
}


def build_all(directory: Path = OUT) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    return [make().save(name, directory) for name, make in DOCUMENTS.items()]


if __name__ == "__main__":
    for path in build_all(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(path, path.stat().st_size)
