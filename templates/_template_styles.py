"""Styles and numbering of the shipped templates, and the empty document they start from.

Written out in full so the templates stay small. The brand colour 1F4E79 (and its tint
EAF0F6) and the font "Liberation Sans" are sentinels that docgen replaces with the
project's branding.
"""

from __future__ import annotations

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Mm

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
BRAND = "1F4E79"
_TINT = "EAF0F6"
_RULE = "BFBFBF"

PARAGRAPH_STYLES = [
    # (id, name, pPr, rPr)
    ("Normal", "Normal", "", ""),
    ("Title", "Title", '<w:spacing w:before="0" w:after="120" w:line="240" w:lineRule="auto"/>',
     f'<w:b/><w:bCs/><w:color w:val="{BRAND}"/><w:sz w:val="56"/><w:szCs w:val="56"/>'),
    ("Subtitle", "Subtitle", '<w:spacing w:after="480"/>',
     '<w:color w:val="595959"/><w:sz w:val="30"/><w:szCs w:val="30"/>'),
    ("Heading1", "heading 1", '<w:keepNext/><w:keepLines/><w:pBdr><w:bottom w:val="single" w:sz="6" '
     f'w:space="2" w:color="{BRAND}"/></w:pBdr><w:spacing w:before="360" w:after="160"/><w:outlineLvl w:val="0"/>',
     f'<w:b/><w:bCs/><w:color w:val="{BRAND}"/><w:sz w:val="30"/><w:szCs w:val="30"/>'),
    ("Heading2", "heading 2", '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/>'
     '<w:outlineLvl w:val="1"/>', f'<w:b/><w:bCs/><w:color w:val="{BRAND}"/><w:sz w:val="24"/><w:szCs w:val="24"/>'),
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
     'w:line="240" w:lineRule="auto"/>', f'<w:color w:val="{BRAND}"/><w:sz w:val="28"/><w:szCs w:val="28"/>'),
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
<w:rPr><w:color w:val="{BRAND}"/><w:u w:val="single"/></w:rPr></w:style>
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
<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{BRAND}"/></w:tcPr></w:tblStylePr>
<w:tblStylePr w:type="lastRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tcPr><w:tcBorders>
<w:top w:val="single" w:sz="8" w:space="0" w:color="{BRAND}"/></w:tcBorders></w:tcPr></w:tblStylePr>
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

