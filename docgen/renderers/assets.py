"""The files a project file names (its logos), checked one way for `validate` and `build`.

A logo is a path relative to the project file. It must stay inside the project's
folder (a project copied or shared with its folder must keep working, and the data
must not pull in files from elsewhere on the machine) and be an image Word can show.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.image.image import Image

LOGO_TYPES = ("image/png", "image/jpeg")
RELATIVE_HINT = "paths are relative to the project file and stay inside its folder"


class AssetError(Exception):
    """A named file that cannot be used; `message` and `hint` say why and what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(f"{message} ({hint})")
        self.message, self.hint = message, hint


def asset_path(project_dir: Path, value: str) -> Path:
    """The file `value` names, relative to `project_dir`; it must exist inside that folder."""
    path = project_dir / value
    if Path(value).is_absolute() or not _inside(path, project_dir):
        raise AssetError(f"'{value}' is outside the project folder {project_dir}", RELATIVE_HINT)
    if not path.is_file():
        raise AssetError(f"file '{value}' not found (looked at {path})", RELATIVE_HINT)
    return path


def logo_image(project_dir: Path, value: str) -> tuple[Path, Image]:
    """The logo file and its image header, or AssetError unless it is a PNG or JPEG image."""
    # python-docx is imported here, not with the module: `docgen validate` of a project
    # without logos does not need it (tests/test_startup.py).
    from docx.image.exceptions import InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError
    from docx.image.image import Image

    path = asset_path(project_dir, value)
    try:
        image = Image.from_file(str(path))
    except UnexpectedEndOfFileError:
        raise AssetError(f"'{value}' is not an image Word can show (the file ends early)", "use PNG or JPEG") from None
    except (UnrecognizedImageError, InvalidImageStreamError, OSError, ValueError) as error:
        raise AssetError(f"'{value}' is not an image Word can show ({str(error) or 'unknown format'})",
                         "use PNG or JPEG") from None
    if image.content_type not in LOGO_TYPES:
        # Word would show a GIF or BMP, but the workbooks' page headers need PNG or JPEG.
        raise AssetError(f"'{value}' is a {image.ext.upper()} image", "logos must be PNG or JPEG")
    return path, image


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def logo_for_render(field: str, project_dir: Path, value: str) -> tuple[Path, Image]:
    """`logo_image` for a renderer: a bad logo is a RenderError naming the field."""
    from ..errors import RenderError

    try:
        return logo_image(project_dir, value)
    except AssetError as error:
        raise RenderError(f"{field}: {error.message}; {error.hint}") from None
