"""Where a build will write, checked before anything is rendered.

A bad -o or --junit path is the user's to fix, so it is a `UsageError` naming the path
and the fix, found in milliseconds rather than after every project has been rendered.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import UsageError
from .request import BuildRequest

_OUT_FIX = "choose another output directory with -o"
_JUNIT_FIX = "choose another file with --junit"


def check_output_paths(request: BuildRequest) -> None:
    """Refuse an OUT that is a file or below one, or not writable (unless --check, which
    writes nothing there), and a --junit path that is a directory, below a file, or not writable."""
    out = request.out
    if out.exists() and not out.is_dir():
        raise UsageError(f"-o {out}: exists and is not a directory; {_OUT_FIX}")
    if not request.check:
        _check_creatable(out, out, "-o", _OUT_FIX)
    if request.junit is not None:
        _check_junit(request.junit)


def _check_junit(path: Path) -> None:
    if path.is_dir():
        raise UsageError(f"--junit {path}: is a directory; name a file, e.g. --junit {path / 'junit.xml'}")
    _check_creatable(path, path.parent, "--junit", _JUNIT_FIX)
    if path.exists() and not os.access(path, os.W_OK):
        raise UsageError(f"--junit {path}: not writable; {_JUNIT_FIX}")


def _check_creatable(named: Path, directory: Path, option: str, fix: str) -> None:
    """`directory` (of the path `named` by the user) is a writable directory, or can be created:
    its nearest existing ancestor is one."""
    ancestor = _nearest_existing(directory)
    if not ancestor.is_dir():
        raise UsageError(f"{option} {named}: {ancestor} is a file, not a directory; {fix}")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise UsageError(f"{option} {named}: no permission to write into {ancestor}; {fix}")


def _nearest_existing(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists() or candidate.is_symlink():
            return candidate
    return Path(".")
