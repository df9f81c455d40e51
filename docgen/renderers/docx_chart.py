"""A native Word line chart (DrawingML `c:chartSpace`) printed by a template tag.

The chart part carries its values as caches, without an embedded workbook: Word and
LibreOffice draw it from those, so it shows in a PDF conversion, and no image library
is needed. Like a RichBlock, the chart is added to the document only when the template
prints it (`{{ chart }}` alone in a paragraph), because the part and its relationship
belong to the document being rendered.
"""

from __future__ import annotations

from dataclasses import dataclass
from .xml_text import escape

from .docx_parts import RT_CHART, current_session

CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_TICKS = '<c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
_FIRST_DRAWING_ID = 7000  # docPr ids must be unique in the document; templates use small ones
_EMU_PER_CM = 360_000


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float]
    color: str  # RRGGBB
    dashed: bool = False


@dataclass(frozen=True)
class LineChart:
    """Category labels along x, one line per series; printed as an inline chart."""

    categories: list[str]
    series: list[Series]
    font: str = "Liberation Sans"  # the document's font, for axis labels and legend
    width_cm: float = 16.0
    height_cm: float = 7.0

    def __bool__(self) -> bool:
        return bool(self.categories and self.series)

    def __html__(self) -> str:  # Markup-aware: autoescaping leaves the XML alone
        session = current_session.get()
        if session is None:
            raise RuntimeError("a chart prints only while a document is rendered")
        rel_id, name = session.add_part("word/charts/chart%d.xml", chart_xml(self).encode("utf-8"),
                                        CHART_CONTENT_TYPE, RT_CHART)
        return _inline_run(rel_id, self, _drawing_id(name))

    __str__ = __html__


def chart_xml(chart: LineChart) -> str:
    series = "".join(_series(index, s, chart.categories) for index, s in enumerate(chart.series))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{_C}" xmlns:a="{_A}" xmlns:r="{_R}">'
        '<c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>'
        f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{series}'
        '<c:marker val="1"/><c:axId val="500"/><c:axId val="501"/></c:lineChart>'
        '<c:catAx><c:axId val="500"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/>{_TICKS}<c:tickLblPos val="nextTo"/>'
        f'{_axis_line()}{_text(800, chart.font)}<c:crossAx val="501"/><c:crosses val="autoZero"/>'
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        '<c:valAx><c:axId val="501"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill>'
        '<a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>'
        f'<c:numFmt formatCode="0" sourceLinked="0"/>{_TICKS}<c:tickLblPos val="nextTo"/>'
        f'{_axis_line()}{_text(800, chart.font)}<c:crossAx val="500"/><c:crosses val="autoZero"/>'
        '<c:crossBetween val="between"/></c:valAx></c:plotArea>'
        f'<c:legend><c:legendPos val="b"/><c:overlay val="0"/>{_text(900, chart.font)}</c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:chartSpace>'
    )


def _series(index: int, series: Series, categories: list[str]) -> str:
    column = chr(ord("B") + index)
    last = len(categories) + 1
    dash = '<a:prstDash val="dash"/>' if series.dashed else ""
    points = "".join(f'<c:pt idx="{i}"><c:v>{value:g}</c:v></c:pt>' for i, value in enumerate(series.values))
    labels = "".join(f'<c:pt idx="{i}"><c:v>{escape(text)}</c:v></c:pt>' for i, text in enumerate(categories))
    return (
        f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>'
        f'<c:tx><c:strRef><c:f>Sheet1!${column}$1</c:f><c:strCache><c:ptCount val="1"/>'
        f'<c:pt idx="0"><c:v>{escape(series.name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
        f'<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="{series.color}"/></a:solidFill>'
        f'{dash}<a:round/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>'
        f'<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${last}</c:f><c:strCache><c:ptCount val="{len(categories)}"/>'
        f'{labels}</c:strCache></c:strRef></c:cat>'
        f'<c:val><c:numRef><c:f>Sheet1!${column}$2:${column}${last}</c:f><c:numCache>'
        f'<c:formatCode>General</c:formatCode><c:ptCount val="{len(series.values)}"/>{points}'
        '</c:numCache></c:numRef></c:val><c:smooth val="0"/></c:ser>'
    )


def _axis_line() -> str:
    return '<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="808080"/></a:solidFill></a:ln></c:spPr>'


def _text(size: int, font: str) -> str:
    face = escape(font, {'"': "&quot;"})
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"><a:latin typeface="{face}"/>'
            f'<a:cs typeface="{face}"/></a:defRPr></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>')


def _drawing_id(partname: str) -> int:
    return _FIRST_DRAWING_ID + int("".join(ch for ch in partname.rsplit("/", 1)[-1] if ch.isdigit()) or 0)


def _inline_run(relationship_id: str, chart: LineChart, drawing_id: int) -> str:
    """The run XML that replaces the tag's text, as docxtpl's InlineImage writes one."""
    width, height = round(chart.width_cm * _EMU_PER_CM), round(chart.height_cm * _EMU_PER_CM)
    return (
        '</w:t></w:r><w:r><w:drawing>'
        f'<wp:inline xmlns:wp="{_WP}" distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{drawing_id}" name="Chart {drawing_id}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic xmlns:a="{_A}"><a:graphicData uri="{_C}">'
        f'<c:chart xmlns:c="{_C}" xmlns:r="{_R}" r:id="{relationship_id}"/>'
        '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r><w:r><w:t xml:space="preserve">'
    )
