"""Where the shipped templates and schemas live, in a checkout and after `pip install`."""

from __future__ import annotations

import site
import sys
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent
# Where pip puts data files: the environment's prefix, or the user base for --user.
_INSTALLED = [Path(base) / "share" / "docgen" for base in (sys.prefix, site.USER_BASE or "", sys.base_prefix) if base]


def in_checkout() -> bool:
    """Whether docgen runs from its source tree (or an editable install of it)."""
    return (_CHECKOUT / "setup.cfg").is_file()


def _find(name: str) -> Path:
    # A checkout (or editable install) has setup.cfg beside the package; a wheel
    # install puts the data files under <prefix>/share/docgen.
    if in_checkout():
        return _CHECKOUT / name
    found = [base / name for base in _INSTALLED if (base / name).is_dir()]
    return found[0] if found else _INSTALLED[0] / name


def templates_dir() -> Path:
    """The shipped DOCX templates."""
    return _find("templates")


def schemas_dir() -> Path:
    """The JSON Schema of project.yaml."""
    return _find("schemas")
