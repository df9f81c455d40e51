"""Print setup of the deliverable's sheets: landscape, page header and footer.

A sheet prints one page wide. On A4 a wide table (the checklist's sixteen columns)
would shrink to 5 pt text, so a sheet that A4 would scale below `_SMALLEST_SCALE`
prints on A3, where the same table stays readable.

Excel allows 255 characters per header or footer, its three sections and their codes
("&L", "&8", "&P" ...) included, and every section shares one line of the page.
The footer's confidentiality notice is legal text: it is never shortened. It gets
its room first, the page number next; the project title takes what is left, or is
left out. A notice that does not fit even alone is refused, naming the field.
"""

from __future__ import annotations

import textwrap

from xlsxwriter.worksheet import Worksheet

from ..display_cuts import report_cut
from ..errors import RenderError
from .xlsx_logo import header_logo
from .xlsx_writer import Export

HEADER_FOOTER_LIMIT = 255  # Excel's, in UTF-16 code units, codes included
FOOTER_FONT = "&8"  # 8 pt
_PAPERS = ((9, 11.69), (8, 16.54))  # xlsxwriter's paper codes for A4 and A3, landscape widths
_SMALLEST_SCALE = 0.7  # an 11 pt cell prints at 7.7 pt at this scale
_WIDTH_UNIT_INCHES = 7 / 96  # one unit of Excel's column width: 7 pixels of the default font
_CHAR_INCHES = 8 * 0.52 / 72  # an average character of 8 pt text
_GAP = 3  # characters kept free between two sections
_SHORTEST_TITLE = 20  # a title cut shorter than this says little; it is left out


def set_print(export: Export, sheet: Worksheet, pages_tall: int, side_margin: float,
              content_width: float = 0) -> None:
    """Landscape, one page wide (`pages_tall` 0: as many as needed), the deliverable's header
    and footer; A4, or A3 for a sheet whose columns (`content_width`, in Excel's width
    units) A4 would print too small."""
    paper, page_width = paper_for(content_width, side_margin)
    sheet.set_landscape()
    sheet.set_paper(paper)
    sheet.fit_to_pages(1, pages_tall)
    sheet.set_margins(left=side_margin, right=side_margin, top=0.7, bottom=0.7)
    logo = header_logo(export.project, export.options.project_dir)
    sheet.set_header(page_header(export, logo is not None), logo.header_options() if logo else {})
    sheet.set_footer(page_footer(export, side_margin, page_width))


def paper_for(content_width: float, side_margin: float) -> tuple[int, float]:
    """The smallest paper (code, landscape width in inches) on which the columns print at
    `_SMALLEST_SCALE` or larger; the largest we offer when none does."""
    needed = content_width * _WIDTH_UNIT_INCHES * _SMALLEST_SCALE
    for paper, width in _PAPERS:
        if needed <= width - 2 * side_margin:
            return paper, width
    return _PAPERS[-1]


def page_header(export: Export, logo: bool = False) -> str:
    """The document's title and the customer's name; with `logo`, the logo (&G) left and the
    title centred, as the Word documents carry the logo in their header."""
    title = fit_text(export.label(export.layout.title), 60)
    customer = fit_text(export.project.project.customer.name, 60, "project.customer.name in the page header")
    if logo:
        return f'&L&G&C&"-,Bold"{title}&R{customer}'
    return f'&L&"-,Bold"{title}&R{customer}'


def page_footer(export: Export, side_margin: float, page_width: float = _PAPERS[0][1]) -> str:
    """Project title left, confidentiality notice centred, page number right."""
    line = int((page_width - 2 * side_margin) / _CHAR_INCHES)
    page = f"{export.label('page')} &P {export.label('of')} &N"
    notice = export.project.branding.confidentiality or export.label("confidential")
    notice_lines = _wrapped(notice, line - 2 * (len(page) + _GAP))
    notice = "\n".join(escape(text) for text in notice_lines)
    fixed = f"&L{FOOTER_FONT}&C{FOOTER_FONT}{notice}&R{FOOTER_FONT}{page}"
    if utf16_len(fixed) > HEADER_FOOTER_LIMIT:
        raise _notice_too_long(utf16_len(notice), utf16_len(fixed) - utf16_len(notice))
    beside_notice = (line - max(map(len, notice_lines), default=0)) // 2 - _GAP
    room = min(beside_notice, HEADER_FOOTER_LIMIT - utf16_len(fixed))
    title = fit_text(export.project.project.title, room, "project.title in the page footer")
    return f"&L{FOOTER_FONT}{title}&C{FOOTER_FONT}{notice}&R{FOOTER_FONT}{page}"


def fit_text(value: str, room: int, what: str = "") -> str:
    """`value` for a header or footer section ('&' doubled) in at most `room` characters:
    whole, else cut at a word with '…', else '' when less than a few words would remain.
    A cut of `what` (a field, where) is reported (docgen.display_cuts)."""
    text = " ".join(value.split())
    if utf16_len(escape(text)) <= room:
        return escape(text)
    shown = _cut(text, room)
    if what:
        report_cut(what, len(text), max(len(shown) - 1, 0))
    return escape(shown)


def _cut(text: str, room: int) -> str:
    if room < _SHORTEST_TITLE:
        return ""
    cut = text[: room - 1]
    while utf16_len(escape(cut)) > room - 1:
        cut = cut[:-1]
    if text[len(cut)] != " " and " " in cut.strip():  # the cut splits a word: drop its start
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:–-&") + "…"


def escape(text: str) -> str:
    """A literal '&' in a header or footer is written '&&'."""
    return text.replace("&", "&&")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _wrapped(notice: str, width: int) -> list[str]:
    """The notice in lines that fit between the footer's sides; one line when it fits."""
    text = " ".join(notice.split())
    if not text:
        return []
    return textwrap.wrap(text, max(width, 20), break_long_words=False, break_on_hyphens=False)


def _notice_too_long(needed: int, codes: int) -> RenderError:
    return RenderError(
        f"branding.confidentiality: the notice does not fit into the page footer of the workbooks: Excel allows "
        f"{HEADER_FOOTER_LIMIT} characters per footer; the page number and formatting codes take {codes}, which "
        f"leaves {HEADER_FOOTER_LIMIT - codes} for the notice, and it needs {needed} ('&' counts twice, each "
        "line break once); shorten the notice (docgen never cuts it)")
