"""Where the shipped templates and schemas live, in a checkout and after `pip install`."""

from __future__ import annotations

import sys
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent
_INSTALLED = Path(sys.prefix) / "share" / "docgen"


def _find(name: str) -> Path:
    # A checkout (or editable install) has setup.cfg beside the package; a wheel
    # install puts the data files under <prefix>/share/docgen.
    if (_CHECKOUT / "setup.cfg").is_file():
        return _CHECKOUT / name
    return _INSTALLED / name


def templates_dir() -> Path:
    """The shipped DOCX templates."""
    return _find("templates")


def schemas_dir() -> Path:
    """The JSON Schema of project.yaml."""
    return _find("schemas")
