"""Branding of a rendered document: colour, font, language, logos, table widths.

The shipped templates use two sentinels, the colour 1F4E79 (and its tint EAF0F6) and the
font "Liberation Sans". docgen replaces exactly these in the styles with the project's
branding. A template restyled in Word with other colours or fonts keeps them: the
template then *is* the branding.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..models import Branding
from .docx_parts import Picture
from .assets import logo_for_render

if TYPE_CHECKING:  # python-docx is imported only when a logo is read (assets.py)
    from docx.image.image import Image

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_EMU_PER_MM = 36_000


def qn(tag: str) -> str:
    """A "w:" name ("w:val") in Clark notation, as python-docx's qn() writes it: WordprocessingML
    is the one namespace used here, and python-docx need not be imported for it."""
    return _W + tag.removeprefix("w:")

SENTINEL_COLOR = "1F4E79"
SENTINEL_TINT = "EAF0F6"
SENTINEL_FONT = "Liberation Sans"
_COLOR_ATTRS = (qn("w:val"), qn("w:fill"), qn("w:color"))
_FONT_ATTRS = (qn("w:ascii"), qn("w:hAnsi"), qn("w:eastAsia"), qn("w:cs"))
_LANGUAGE_TAGS = {"en": "en-GB", "de": "de-DE"}
_TEXT_COLOR = qn("w:color")
# Where colours and fonts live in styles and numbering.
_BRANDED_TAGS = tuple(qn(f"w:{tag}") for tag in ("color", "shd", "rFonts", "top", "bottom", "left", "right",
                                                   "insideH", "insideV", "start", "end"))


def brand_parts(styles, numbering: list, branding: Branding, language: str) -> None:
    """Rebrand the styles part and the numbering parts (lxml roots) in place."""
    color = branding.primary_color.lstrip("#").upper()
    fills = {SENTINEL_COLOR: color, SENTINEL_TINT: tint(color)} if color != SENTINEL_COLOR else {}
    # Text in a light brand colour (headings, links, bullets) would be hard to read.
    texts = {SENTINEL_COLOR: shade(color)} if fills and _is_light(color) else fills
    for root in [styles] + numbering:
        for element in root.iter(*_BRANDED_TAGS):
            _rebrand(element, texts if element.tag == _TEXT_COLOR else fills, branding.font)
    if _is_light(color):
        _darken_header_text(styles, color)
    _set_language(styles, _LANGUAGE_TAGS.get(language, language))


def tint(color: str, share: float = 0.1) -> str:
    """`color` mixed with white: the background of every other table row."""
    channels = [int(color[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - c) * share):02X}" for c in channels)


def shade(color: str, share: float = 0.55) -> str:
    """`color` mixed with black: a light brand colour made readable as text."""
    return "".join(f"{round(int(color[i:i + 2], 16) * share):02X}" for i in (0, 2, 4))


def _rebrand(element, colors: dict[str, str], font: str) -> None:
    if colors:
        for attr in _COLOR_ATTRS:
            value = element.get(attr)
            if value in colors:
                element.set(attr, colors[value])
    if font != SENTINEL_FONT:
        for attr in _FONT_ATTRS:
            if element.get(attr) == SENTINEL_FONT:
                element.set(attr, font)


def _is_light(color: str) -> bool:
    red, green, blue = (int(color[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.6


def _darken_header_text(styles, color: str) -> None:
    """White header text on a light brand colour would be unreadable."""
    for conditional in styles.iter(qn("w:tblStylePr")):
        if conditional.get(qn("w:type")) != "firstRow":
            continue
        fills = [shd.get(qn("w:fill")) for shd in conditional.iter(qn("w:shd"))]
        if color in fills:
            for text_color in conditional.iter(qn("w:color")):
                text_color.set(qn("w:val"), "1A1A1A")


def _set_language(styles, tag: str) -> None:
    """Spell checking and hyphenation follow the document's language."""
    for lang in styles.iterfind(f"{qn('w:docDefaults')}//{qn('w:lang')}"):
        lang.set(qn("w:val"), tag)
        lang.set(qn("w:eastAsia"), tag)


# --- tables whose columns come from a loop ------------------------------------------


# The alt-text titles of the tables whose widths fit_loop_tables_in sets.
FITTED_TABLES = ("RACI", "Timeline")
_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


def fit_loop_tables_in(body) -> None:
    """docxtpl gives generated columns the average width; set widths that read well.

    Tables are recognised by their alt-text title (tblCaption), which Word keeps when a
    user restyles the template. `body` is the rendered body as an lxml tree.
    """
    for caption in body.xpath(".//w:tblPr/w:tblCaption", namespaces=_NS):
        name, table = caption.get(qn("w:val")), caption.getparent().getparent()
        if name == "RACI":
            _set_widths(table, first_share=0.3)
            _fit_raci_header(table)
        elif name == "Timeline":
            _set_widths(table, first_share=None)


# Below this many people the names fit across; LibreOffice does not grow a row for
# rotated text, so the header's height follows the longest name.
_RACI_ROTATE_FROM = 6
_CM_PER_CHARACTER = 0.2  # 9 pt bold
_TWIPS_PER_CM = 567


def _fit_raci_header(table) -> None:
    header = table.find(qn("w:tr"))
    if header is None:
        return
    cells = header.findall(qn("w:tc"))
    names = ["".join(cell.xpath(".//w:t/text()", namespaces=_NS)) for cell in cells[1:]]
    height = header.find(f"{qn('w:trPr')}/{qn('w:trHeight')}")
    if len(names) < _RACI_ROTATE_FROM:
        for direction in header.iter(qn("w:textDirection")):
            direction.getparent().remove(direction)
        if height is not None:
            height.getparent().remove(height)
    elif height is not None:
        longest = max((len(name) for name in names), default=0)
        centimetres = min(max(longest * _CM_PER_CHARACTER + 0.5, 2.0), 8.0)
        height.set(qn("w:val"), str(int(centimetres * _TWIPS_PER_CM)))


def _set_widths(table, first_share: float | None) -> None:
    grid = table.find(qn("w:tblGrid"))
    columns = grid.findall(qn("w:gridCol")) if grid is not None else []
    if not columns:
        return
    total = sum(int(float(c.get(qn("w:w"), "0"))) for c in columns)
    if first_share is None or len(columns) == 1:
        widths = [total // len(columns)] * len(columns)
    else:
        first = int(total * first_share)
        widths = [first] + [(total - first) // (len(columns) - 1)] * (len(columns) - 1)
    for column, width in zip(columns, widths):
        column.set(qn("w:w"), str(width))
    for row in table.iter(qn("w:tr")):
        for cell, width in zip(row.findall(qn("w:tc")), widths):
            cell_width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            if cell_width is not None:
                cell_width.set(qn("w:w"), str(width))
                cell_width.set(qn("w:type"), "dxa")


# --- logos ---------------------------------------------------------------------------

HEADER_BOX = (40 * _EMU_PER_MM, 10 * _EMU_PER_MM)  # width, height in EMU
COVER_BOX = (60 * _EMU_PER_MM, 22 * _EMU_PER_MM)


@dataclass(frozen=True)
class Logo:
    small: Picture  # in the page header
    large: Picture  # on the cover

    def __html__(self) -> str:  # `{{ logos.customer }}` alone prints the large one
        return self.large.__html__()


def load_logo(field: str, value: str | None, project_dir: Path) -> Logo | None:
    """The logo named in project.yaml at `field`, sized for header and cover."""
    if not value:
        return None
    path, image = logo_for_render(field, project_dir, value)
    return Logo(_picture(path, image, HEADER_BOX), _picture(path, image, COVER_BOX))


def _picture(path: Path, image: Image, box: tuple[int, int]) -> Picture:
    width, height = image.width, image.height  # in EMU at the image's own resolution
    scale = min(box[0] / width, box[1] / height)
    return Picture(str(path), image.blob, image.ext or image.content_type.rsplit("/", 1)[-1], image.content_type,
                   int(width * scale), int(height * scale))
