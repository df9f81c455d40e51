"""The logo in a workbook's page header, at the size of the Word documents' header logo.

Excel draws a header image at its pixel size divided by the resolution the file
declares, and offers no other scaling. So the image is given the resolution at which
it fits a 40 x 10 mm box: the pHYs chunk of a PNG, the JFIF density of a JPEG. Only
that metadata changes; the pixels are the customer's, untouched.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import RenderError
from ..models import Project
from .assets import logo_for_render

BOX_INCHES = (40 / 25.4, 10 / 25.4)  # as HEADER_BOX of the Word documents
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_MAX_DPI = 65535  # JFIF stores the density in two bytes


@dataclass(frozen=True)
class HeaderLogo:
    name: str  # the file name, which Excel shows as the image's title
    data: bytes  # declaring the resolution at which it fits BOX_INCHES
    width_px: int  # its width on the sheet, in pixels of 96 dpi

    def header_options(self) -> dict[str, object]:
        """xlsxwriter's set_header options that put the logo at the header's `&G`, left."""
        return {"image_left": self.name, "image_data_left": io.BytesIO(self.data)}

    def place(self, sheet, row: int, col: int, right_edge_px: int) -> None:
        """Insert the logo into `sheet` so that its right edge is `right_edge_px` right of
        the cell (row, col): a header on the sheet itself, which every viewer shows."""
        sheet.insert_image(row, col, self.name, {"image_data": io.BytesIO(self.data),
                                                 "x_offset": max(0, right_edge_px - self.width_px),
                                                 "object_position": 3})


def header_logo(project: Project, project_dir: Path) -> HeaderLogo | None:
    """The vendor's logo, else the customer's (as in the Word headers), sized for the header."""
    info = project.project
    field, value = (("project.vendor.logo", info.vendor.logo) if info.vendor.logo
                    else ("project.customer.logo", info.customer.logo))
    if not value:
        return None
    path, image = logo_for_render(field, project_dir, value)
    dpi = _fitting_dpi(image.px_width, image.px_height)
    return HeaderLogo(path.name, with_dpi(path.read_bytes(), dpi), round(image.px_width * 96 / dpi))


def _fitting_dpi(width: int, height: int) -> int:
    return min(_MAX_DPI, max(1, round(max(width / BOX_INCHES[0], height / BOX_INCHES[1]))))


def with_dpi(data: bytes, dpi: int) -> bytes:
    """`data` (PNG or JPEG) declaring `dpi` dots per inch, pixels unchanged."""
    if data.startswith(_PNG_SIGNATURE):
        return _png_with_dpi(data, dpi)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_with_dpi(data, dpi)
    raise RenderError("a workbook header logo must be PNG or JPEG")


def _png_with_dpi(data: bytes, dpi: int) -> bytes:
    per_metre = round(dpi / 0.0254)
    physical = _png_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
    chunks, position = [], len(_PNG_SIGNATURE)
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        end = position + 12 + length
        kind = data[position + 4:position + 8]
        if kind != b"pHYs":
            chunks.append(data[position:end])
        if kind == b"IHDR":
            chunks.append(physical)  # pHYs must come before the image data
        position = end
    return _PNG_SIGNATURE + b"".join(chunks)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _jpeg_with_dpi(data: bytes, dpi: int) -> bytes:
    density = struct.pack(">BHH", 1, dpi, dpi)  # units 1 = dots per inch
    if data[2:4] == b"\xff\xe0" and data[6:11] == b"JFIF\x00":
        return data[:13] + density + data[18:]  # APP0: length(2) JFIF\0 version(2) units density
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01" + density + b"\x00\x00"
    return data[:2] + app0 + data[2:]
