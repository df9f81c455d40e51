"""Where docgen keeps what it may reuse between processes, and whether that place is safe.

Three things are kept: the compiled code of templates (renderers/code_cache.py), the
cleaned-up parts of templates (renderers/docx_story_cache.py) and the Project's
validator (validator_cache.py). Each only saves time: output never depends on it.
Some of it is code or a pickle, so nothing is read from a directory another user could
have written to.

`DOCGEN_CACHE_DIR` names the directory (default `$XDG_CACHE_HOME/docgen`, else
`~/.cache/docgen`); `DOCGEN_NO_CACHE=1` turns every cache off.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

ENV_DIR = "DOCGEN_CACHE_DIR"
ENV_OFF = "DOCGEN_NO_CACHE"


def cache_root() -> Path | None:
    """docgen's cache directory, or None when caching is off or there is no home directory."""
    if os.environ.get(ENV_OFF, "") not in ("", "0"):
        return None
    configured = os.environ.get(ENV_DIR)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home == "~":  # no home: no cache, rather than one in the working directory
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "docgen"


def private_directory(directory: Path) -> bool:
    """Create `directory` (mode 700) if needed; True when this user owns it, no one else
    may write to it, and no one else can replace it (the directory above belongs to
    this user or root and is closed to others, or is sticky like /tmp): the condition
    for reading code or a pickle from it. False (never an error) when that is not so."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        # The real directory and the real one above it: a symlinked ~/.cache is common,
        # and a link's own mode (always 777) says nothing about who may write there.
        real = Path(os.path.realpath(directory))
        info = real.lstat()
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or _others_may_write(info):
            return False
        # Whoever may write to the directory above could put another directory in its
        # place; in a sticky one (/tmp) only the owner can rename or remove it.
        above = real.parent.lstat()
        if not above.st_mode & stat.S_ISVTX and (above.st_uid not in (os.getuid(), 0) or _others_may_write(above)):
            return False
    except (OSError, AttributeError):  # AttributeError: no os.getuid (Windows): no cache there
        return False
    return True


def source_digest(facts: Iterable[str], sources: Iterable[Path]) -> str:
    """The sha256 of `facts` (versions, settings) and of the bytes of `sources`, the code a
    cached thing is made by; "" when a source cannot be read (a zip, bytecode only), which
    turns that cache off rather than risk an entry an edited docgen made differently."""
    digest = hashlib.sha256("\0".join(facts).encode("utf-8", "surrogatepass"))
    for source in sources:
        try:
            digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
        except OSError:
            return ""
    return digest.hexdigest()


def prune(directory: Path, pattern: str, keep: int) -> None:
    """Remove all but the `keep` most recently written files matching `pattern` in
    `directory`: edited templates, other models and upgrades leave old entries behind.
    Files that vanish meanwhile (another process pruning) are no error."""
    entries = []
    for entry in directory.glob(pattern):
        try:
            entries.append((entry.stat().st_mtime_ns, entry))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _, entry in entries[keep:]:
        try:
            entry.unlink(missing_ok=True)
        except OSError:
            pass


def _others_may_write(info: os.stat_result) -> bool:
    return bool(info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))
